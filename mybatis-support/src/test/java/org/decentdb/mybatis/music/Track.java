/* Music-library test domain: one track of an album. */
package org.decentdb.mybatis.music;

import java.time.Instant;

public class Track {
  private Long id;
  private Long albumId;
  private int trackNo;
  private String title;
  private Integer durationMs;
  private Boolean explicitLyrics;
  private Instant createdAt;

  public Track() {}

  public Track(Long albumId, int trackNo, String title, Integer durationMs) {
    this.albumId = albumId;
    this.trackNo = trackNo;
    this.title = title;
    this.durationMs = durationMs;
  }

  public Long getId() { return id; }
  public void setId(Long id) { this.id = id; }
  public Long getAlbumId() { return albumId; }
  public void setAlbumId(Long albumId) { this.albumId = albumId; }
  public int getTrackNo() { return trackNo; }
  public void setTrackNo(int trackNo) { this.trackNo = trackNo; }
  public String getTitle() { return title; }
  public void setTitle(String title) { this.title = title; }
  public Integer getDurationMs() { return durationMs; }
  public void setDurationMs(Integer durationMs) { this.durationMs = durationMs; }
  public Boolean getExplicitLyrics() { return explicitLyrics; }
  public void setExplicitLyrics(Boolean explicitLyrics) { this.explicitLyrics = explicitLyrics; }
  public Instant getCreatedAt() { return createdAt; }
  public void setCreatedAt(Instant createdAt) { this.createdAt = createdAt; }
}
