/* Example domain: an album, its artist (many-to-one) and its tracks (one-to-many). */
package org.decentdb.examples.mybatis;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

public class Album {
  public Long id;
  public Long artistId;
  public String title;
  public LocalDate releasedOn;
  public BigDecimal price;
  public Artist artist;
  public List<Track> tracks = new ArrayList<>();

  public Album() {}

  public Album(Long artistId, String title, LocalDate releasedOn, BigDecimal price) {
    this.artistId = artistId;
    this.title = title;
    this.releasedOn = releasedOn;
    this.price = price;
  }

  @Override
  public String toString() {
    return title + " (" + releasedOn + ", " + price + ")";
  }
}
