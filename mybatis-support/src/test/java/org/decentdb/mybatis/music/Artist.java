/* Music-library test domain: an artist (a JavaBean, mapped through an annotation mapper). */
package org.decentdb.mybatis.music;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

public class Artist {
  private Long id;
  private String name;
  private String country;
  private LocalDate formedOn;
  private List<Album> albums = new ArrayList<>();

  public Artist() {}

  public Artist(String name, String country, LocalDate formedOn) {
    this.name = name;
    this.country = country;
    this.formedOn = formedOn;
  }

  public Long getId() { return id; }
  public void setId(Long id) { this.id = id; }
  public String getName() { return name; }
  public void setName(String name) { this.name = name; }
  public String getCountry() { return country; }
  public void setCountry(String country) { this.country = country; }
  public LocalDate getFormedOn() { return formedOn; }
  public void setFormedOn(LocalDate formedOn) { this.formedOn = formedOn; }
  public List<Album> getAlbums() { return albums; }
  public void setAlbums(List<Album> albums) { this.albums = albums; }
}
