/*
 * The row classes every API maps results into (plain mutable beans, the shape MyBatis'
 * automapping expects), so that JDBC, native and MyBatis benchmarks build the same objects.
 */
package org.decentdb.perf.workload;

public final class Model {

  private Model() {
  }

  /** A row of tracks (search results fill only id and title). */
  public static final class Track {
    private long id;
    private long albumId;
    private int trackNo;
    private String title;
    private int durationMs;
    private long playCount;

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public long getAlbumId() {
      return albumId;
    }

    public void setAlbumId(long albumId) {
      this.albumId = albumId;
    }

    public int getTrackNo() {
      return trackNo;
    }

    public void setTrackNo(int trackNo) {
      this.trackNo = trackNo;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public int getDurationMs() {
      return durationMs;
    }

    public void setDurationMs(int durationMs) {
      this.durationMs = durationMs;
    }

    public long getPlayCount() {
      return playCount;
    }

    public void setPlayCount(long playCount) {
      this.playCount = playCount;
    }
  }

  /** A row of albums. */
  public static final class Album {
    private long id;
    private long artistId;
    private String title;
    private int releaseYear;
    private String label;

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public long getArtistId() {
      return artistId;
    }

    public void setArtistId(long artistId) {
      this.artistId = artistId;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public int getReleaseYear() {
      return releaseYear;
    }

    public void setReleaseYear(int releaseYear) {
      this.releaseYear = releaseYear;
    }

    public String getLabel() {
      return label;
    }

    public void setLabel(String label) {
      this.label = label;
    }
  }

  /** A row of artists. */
  public static final class Artist {
    private long id;
    private String name;
    private String country;
    private int formedYear;

    public long getId() {
      return id;
    }

    public void setId(long id) {
      this.id = id;
    }

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }

    public String getCountry() {
      return country;
    }

    public void setCountry(String country) {
      this.country = country;
    }

    public int getFormedYear() {
      return formedYear;
    }

    public void setFormedYear(int formedYear) {
      this.formedYear = formedYear;
    }
  }

  /** A track with its album and artist names (the FK join). */
  public static final class TrackDetail {
    private long trackId;
    private String title;
    private String albumTitle;
    private String artistName;

    public long getTrackId() {
      return trackId;
    }

    public void setTrackId(long trackId) {
      this.trackId = trackId;
    }

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getAlbumTitle() {
      return albumTitle;
    }

    public void setAlbumTitle(String albumTitle) {
      this.albumTitle = albumTitle;
    }

    public String getArtistName() {
      return artistName;
    }

    public void setArtistName(String artistName) {
      this.artistName = artistName;
    }
  }
}
