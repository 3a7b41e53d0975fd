/* Example domain: one track of an album. */
package org.decentdb.examples.mybatis;

import java.time.Instant;

public class Track {
  public Long id;
  public Long albumId;
  public int trackNo;
  public String title;
  public Integer durationMs;
  public Instant addedAt;

  public Track() {}

  public Track(Long albumId, int trackNo, String title, Integer durationMs, Instant addedAt) {
    this.albumId = albumId;
    this.trackNo = trackNo;
    this.title = title;
    this.durationMs = durationMs;
    this.addedAt = addedAt;
  }

  @Override
  public String toString() {
    return "#" + trackNo + " " + title + " (" + durationMs + " ms)";
  }
}
