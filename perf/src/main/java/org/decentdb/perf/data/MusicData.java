/*
 * The deterministic music library: artists -> albums -> tracks with foreign keys, plus an
 * empty play_log for the write benchmarks. Every value is a function of the row number
 * (Gen), so all engines hold identical rows. Tracks are stored album by album (about 12.5
 * per album at every scale), albums pick a pseudo-random artist. Indexes: artists(name),
 * albums(artist_id), albums(release_year), tracks(album_id), and on DecentDB a trigram index
 * on tracks(title) when the engine accepts one (else text search is a scan everywhere).
 */
package org.decentdb.perf.data;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

public final class MusicData implements Dataset {

  /** Bump whenever rows, schema or indexes change: it is part of the cache key. */
  static final int VERSION = 1;

  static final String[] COUNTRIES = {"US", "GB", "DE", "FR", "SE", "JP", "BR", "NG", "KR", "CA"};
  static final String[] LABELS = {"Northlight", "Blue Ferry", "Coil", "Parade", "Granite",
    "Sundial", "Low Orbit", "Tidewater"};

  private final Scale scale;

  public MusicData(Scale scale) {
    this.scale = scale;
  }

  public Scale scale() {
    return scale;
  }

  @Override
  public String key() {
    return "music-" + scale.id() + "-g" + VERSION;
  }

  // ---- the generated values (also used by the benchmarks to choose their parameters) ----

  public static String artistName(long id) {
    return Gen.phrase(10, id, 2);
  }

  public static long albumArtist(long albumId, Scale s) {
    return 1 + Gen.below(20, albumId, s.artists());
  }

  public static int releaseYear(long albumId) {
    return 1960 + Gen.below(21, albumId, 64);
  }

  /** The album of a track: tracks are laid out album by album. */
  public static long trackAlbum(long trackId, Scale s) {
    return 1 + (trackId - 1) * s.albums() / s.tracks();
  }

  public static String trackTitle(long trackId) {
    return Gen.phrase(30, trackId, 2 + Gen.below(31, trackId, 2));
  }

  // ---- loading ----

  @Override
  public void load(Connection c, Engine engine) throws SQLException {
    Loader.exec(c,
        "CREATE TABLE artists (id INTEGER PRIMARY KEY, name VARCHAR(100) NOT NULL,"
            + " country VARCHAR(2) NOT NULL, formed_year INTEGER NOT NULL)",
        "CREATE TABLE albums (id INTEGER PRIMARY KEY,"
            + " artist_id INTEGER NOT NULL REFERENCES artists(id), title VARCHAR(120) NOT NULL,"
            + " release_year INTEGER NOT NULL, label VARCHAR(40) NOT NULL)",
        "CREATE TABLE tracks (id INTEGER PRIMARY KEY,"
            + " album_id INTEGER NOT NULL REFERENCES albums(id), track_no INTEGER NOT NULL,"
            + " title VARCHAR(160) NOT NULL, duration_ms INTEGER NOT NULL,"
            + " play_count BIGINT NOT NULL)",
        "CREATE TABLE play_log (id INTEGER PRIMARY KEY, track_id INTEGER NOT NULL,"
            + " played_at BIGINT NOT NULL, ms_played INTEGER NOT NULL)");
    if (engine.needsExplicitFkIndexes()) {
      Loader.exec(c, "CREATE INDEX albums_artist ON albums (artist_id)",
          "CREATE INDEX tracks_album ON tracks (album_id)");
    }
    Scale s = scale;
    Loader.insert(c, "INSERT INTO artists (id, name, country, formed_year) VALUES (?, ?, ?, ?)",
        s.artists(), (ps, r) -> {
          ps.setLong(1, r);
          ps.setString(2, artistName(r));
          ps.setString(3, COUNTRIES[Gen.below(11, r, COUNTRIES.length)]);
          ps.setInt(4, 1950 + Gen.below(12, r, 70));
        });
    Loader.insert(c, "INSERT INTO albums (id, artist_id, title, release_year, label)"
        + " VALUES (?, ?, ?, ?, ?)", s.albums(), (ps, r) -> {
          ps.setLong(1, r);
          ps.setLong(2, albumArtist(r, s));
          ps.setString(3, Gen.phrase(22, r, 1 + Gen.below(23, r, 3)));
          ps.setInt(4, releaseYear(r));
          ps.setString(5, LABELS[Gen.below(24, r, LABELS.length)]);
        });
    Loader.insert(c, "INSERT INTO tracks (id, album_id, track_no, title, duration_ms, play_count)"
        + " VALUES (?, ?, ?, ?, ?, ?)", s.tracks(), (ps, r) -> {
          long album = trackAlbum(r, s);
          long first = (album - 1) * s.tracks() / s.albums() + 1;
          while (trackAlbum(first, s) != album) {
            first++;
          }
          ps.setLong(1, r);
          ps.setLong(2, album);
          ps.setInt(3, (int) (r - first + 1));
          ps.setString(4, trackTitle(r));
          ps.setInt(5, 90_000 + Gen.below(32, r, 300_000));
          ps.setLong(6, Gen.below(33, r, 1_000_000));
        });
    Loader.exec(c, "CREATE INDEX artists_name ON artists (name)",
        "CREATE INDEX albums_year ON albums (release_year)");
    if (engine == Engine.DECENTDB) {
      createTrigramIndexIfSupported(c);
    }
  }

  /** Adds the trigram index to a copy built before the engine supported it. */
  @Override
  public void refresh(Connection c, Engine engine) throws SQLException {
    if (engine == Engine.DECENTDB && !hasTrigramIndex(c)) {
      createTrigramIndexIfSupported(c);
    }
  }

  /** True when tracks(title) has a trigram index (DecentDB's system view says so). */
  public static boolean hasTrigramIndex(Connection c) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM decentdb_indexes"
            + " WHERE table_name = 'tracks' AND kind = 'trigram'")) {
      return rs.next() && rs.getLong(1) > 0;
    }
  }

  /** The trigram index arrives with the engine's M3 milestone; detect it by trying. */
  static void createTrigramIndexIfSupported(Connection c) {
    try {
      Loader.exec(c, "CREATE INDEX tracks_title_trgm ON tracks USING trigram (title)");
    } catch (SQLException e) {
      System.err.println("# no trigram index (text search scans): " + e.getMessage());
    }
  }

  @Override
  public boolean isComplete(Connection c) throws SQLException {
    return Loader.count(c, "tracks") == scale.tracks()
        && Loader.count(c, "albums") == scale.albums()
        && Loader.count(c, "artists") == scale.artists();
  }
}
