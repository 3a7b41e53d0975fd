/* Example domain: an artist with its albums (filled by the one-JOIN result map). */
package org.decentdb.examples.mybatis;

import java.util.ArrayList;
import java.util.List;

public class Artist {
  public Long id;
  public String name;
  public String country;
  public List<Album> albums = new ArrayList<>();

  public Artist() {}

  public Artist(String name, String country) {
    this.name = name;
    this.country = country;
  }

  @Override
  public String toString() {
    return name + " (" + country + ")";
  }
}
