/* Music-library test domain: an album of one artist with its tracks (mapped through XML). */
package org.decentdb.mybatis.music;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

public class Album {
  private Long id;
  private Long artistId;
  private String title;
  private LocalDate releasedOn;
  private BigDecimal price;
  private Artist artist;
  private List<Track> tracks = new ArrayList<>();

  public Album() {}

  public Album(Long artistId, String title, LocalDate releasedOn, BigDecimal price) {
    this.artistId = artistId;
    this.title = title;
    this.releasedOn = releasedOn;
    this.price = price;
  }

  public Long getId() { return id; }
  public void setId(Long id) { this.id = id; }
  public Long getArtistId() { return artistId; }
  public void setArtistId(Long artistId) { this.artistId = artistId; }
  public String getTitle() { return title; }
  public void setTitle(String title) { this.title = title; }
  public LocalDate getReleasedOn() { return releasedOn; }
  public void setReleasedOn(LocalDate releasedOn) { this.releasedOn = releasedOn; }
  public BigDecimal getPrice() { return price; }
  public void setPrice(BigDecimal price) { this.price = price; }
  public Artist getArtist() { return artist; }
  public void setArtist(Artist artist) { this.artist = artist; }
  public List<Track> getTracks() { return tracks; }
  public void setTracks(List<Track> tracks) { this.tracks = tracks; }
}
