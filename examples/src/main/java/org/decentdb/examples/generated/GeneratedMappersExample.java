/*
 * Example: MyBatis mappers written by decentdb-gen for the quick-start schema (README,
 * "Generator CLI"). The classes under model/ and the *BaseMapper files under mapper/ (with
 * their XML in src/main/resources) are generated; the *Mapper files are ours and extend them.
 * Creates the schema in a new file, then uses CRUD, finders, a keyset walk and the
 * foreign-key relationships. Usage: GeneratedMappersExample [file].
 */
package org.decentdb.examples.generated;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import org.apache.ibatis.datasource.unpooled.UnpooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.decentdb.examples.generated.mapper.AlbumMapper;
import org.decentdb.examples.generated.mapper.ArtistMapper;
import org.decentdb.examples.generated.mapper.Mappers;
import org.decentdb.examples.generated.mapper.TrackMapper;
import org.decentdb.examples.generated.model.Album;
import org.decentdb.examples.generated.model.AlbumWithTracks;
import org.decentdb.examples.generated.model.Artist;
import org.decentdb.examples.generated.model.Track;
import org.decentdb.examples.generated.model.TrackWithAlbum;
import org.decentdb.mybatis.DecentDB;
import org.decentdb.mybatis.pagination.KeysetPage;

public final class GeneratedMappersExample {

  /** The quick-start schema the mappers were generated from. */
  static final String[] SCHEMA = {
      "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT)",
      "CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL REFERENCES artist (id),"
          + " title TEXT NOT NULL, released_on DATE, price DECIMAL(6,2))",
      "CREATE TABLE track (id INTEGER PRIMARY KEY, album_id INTEGER NOT NULL REFERENCES album (id),"
          + " track_no INTEGER NOT NULL, title TEXT NOT NULL, duration_ms INTEGER NOT NULL,"
          + " added_at TIMESTAMP)",
      "CREATE INDEX track_album_duration ON track (album_id, duration_ms)"};

  private GeneratedMappersExample() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "generated-example.ddb").toAbsolutePath();
    Files.deleteIfExists(file);
    Files.deleteIfExists(Path.of(file + ".wal"));
    String url = "jdbc:decentdb:" + file;
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String ddl : SCHEMA) {
        s.execute(ddl);
      }
    }
    Configuration cfg = new Configuration(new Environment("example",
        new JdbcTransactionFactory(),
        new UnpooledDataSource("org.decentdb.jdbc.DecentDBDriver", url, null, null)));
    DecentDB.configure(cfg); // type handlers and databaseId, before the mappers
    Mappers.addTo(cfg); // every generated base mapper (with its XML) and our extensions
    SqlSessionFactory factory = new SqlSessionFactoryBuilder().build(cfg);

    try (SqlSession s = factory.openSession(true)) {
      ArtistMapper artists = s.getMapper(ArtistMapper.class);
      AlbumMapper albums = s.getMapper(AlbumMapper.class);
      TrackMapper tracks = s.getMapper(TrackMapper.class);

      Artist queen = new Artist();
      queen.setName("Queen");
      queen.setCountry("GB");
      artists.insert(queen); // the generated key is set on the bean
      Album jazz = new Album();
      jazz.setArtistId(queen.getId());
      jazz.setTitle("Jazz");
      jazz.setReleasedOn(LocalDate.of(1978, 11, 10));
      jazz.setPrice(new BigDecimal("9.99"));
      albums.insert(jazz);
      System.out.println("insert: artist " + queen.getId() + ", album " + jazz.getId());

      for (int i = 1; i <= 25; i++) {
        Track t = new Track();
        t.setAlbumId(jazz.getId());
        t.setTrackNo((long) i);
        t.setTitle("Track " + i);
        t.setDurationMs(120_000L + (i * 37_000L) % 180_000L);
        t.setAddedAt(Instant.parse("2024-01-01T00:00:00Z").plusSeconds(i));
        tracks.insert(t);
      }
      System.out.println("count: " + tracks.count() + " tracks; "
          + tracks.countLongerThan(200_000) + " longer than 200 s (hand-written statement)");
      System.out.println("finder: " + albums.findByArtistId(queen.getId()).size()
          + " album(s) of artist " + queen.getId() + " (index on album.artist_id)");

      String cursor = null;
      int pages = 0;
      do {
        KeysetPage<Track> page = tracks.pageByAlbumIdAndDurationMs(cursor, 10);
        pages++;
        System.out.println("keyset page " + pages + ": " + page.items().size()
            + " tracks, durations " + page.items().get(0).getDurationMs() + ".."
            + page.items().get(page.items().size() - 1).getDurationMs());
        cursor = page.nextCursor();
      } while (cursor != null);

      AlbumWithTracks withTracks = albums.selectWithTracks(jazz.getId());
      System.out.println("one-to-many: " + withTracks.getAlbum().getTitle() + " has "
          + withTracks.getTracks().size() + " tracks");
      TrackWithAlbum withAlbum = tracks.selectWithAlbum(withTracks.getTracks().get(0).getId());
      System.out.println("many-to-one: " + withAlbum.getTrack().getTitle() + " is on "
          + withAlbum.getAlbum().getTitle());

      Track first = tracks.selectByPrimaryKey(withTracks.getTracks().get(0).getId());
      first.setTitle("Mustapha");
      tracks.updateByPrimaryKey(first);
      System.out.println("update: " + tracks.selectByPrimaryKey(first.getId()).getTitle());
      tracks.deleteByPrimaryKey(first.getId());
      System.out.println("delete: " + tracks.count() + " tracks left");
    }
  }
}
