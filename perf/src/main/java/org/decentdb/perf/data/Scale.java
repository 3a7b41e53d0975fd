/*
 * Dataset sizes: "full" is the seed's sizing (25k artists, 80k albums, 1M tracks) and a
 * 1M-row point table; "quick" is a tenth of it for smoke runs; "tiny" is for unit tests.
 */
package org.decentdb.perf.data;

public enum Scale {
  /** For the tests that check every engine and API return the same rows. */
  TINY("tiny", 50, 160, 2_000, 2_000),
  QUICK("quick", 2_500, 8_000, 100_000, 100_000),
  FULL("full", 25_000, 80_000, 1_000_000, 1_000_000);

  private final String id;
  private final int artists;
  private final int albums;
  private final int tracks;
  private final int pointRows;

  Scale(String id, int artists, int albums, int tracks, int pointRows) {
    this.id = id;
    this.artists = artists;
    this.albums = albums;
    this.tracks = tracks;
    this.pointRows = pointRows;
  }

  public static Scale of(String id) {
    for (Scale s : values()) {
      if (s.id.equals(id)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown scale " + id + " (quick or full)");
  }

  public String id() {
    return id;
  }

  public int artists() {
    return artists;
  }

  public int albums() {
    return albums;
  }

  public int tracks() {
    return tracks;
  }

  public int pointRows() {
    return pointRows;
  }
}
