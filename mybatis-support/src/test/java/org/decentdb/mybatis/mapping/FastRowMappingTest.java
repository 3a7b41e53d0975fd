/*
 * Fast row mapping: RowMapper maps records and classes from plain JDBC result sets (names by
 * convention, NULLs, primitives, time types), and FastRowMapping gives a MyBatis mapper the
 * same results as automapping while mapping the rows itself, only for the types it was given.
 */
package org.decentdb.mybatis.mapping;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.annotations.Select;
import org.apache.ibatis.session.SqlSession;
import org.decentdb.mybatis.music.MusicDb;
import org.decentdb.mybatis.music.Track;
import org.decentdb.mybatis.music.TrackMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FastRowMappingTest {

  public record TrackRow(long id, String title, Integer durationMs, Boolean explicitLyrics,
      Instant createdAt, int trackNo) {}

  public interface TrackRows {
    // Columns in another order than the record's components: matched by name.
    @Select("SELECT created_at, title, id, duration_ms, explicit_lyrics, track_no FROM track"
        + " WHERE album_id = #{albumId} ORDER BY track_no")
    List<TrackRow> byAlbum(long albumId);
  }

  @TempDir Path dir;
  MusicDb db;
  FastRowMapping fast = new FastRowMapping(Track.class, TrackRow.class);

  @BeforeEach
  void open() throws Exception {
    db = new MusicDb(dir, fast);
    db.configuration.addMapper(TrackRows.class);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      s.execute("INSERT INTO artist (id, name) VALUES (1, 'a')");
      s.execute("INSERT INTO album (id, artist_id, title) VALUES (1, 1, 'b')");
      s.execute("INSERT INTO track (id, album_id, track_no, title, duration_ms, explicit_lyrics,"
          + " created_at) VALUES (1, 1, 1, 'one', 1000, TRUE, 1700000000123),"
          + " (2, 1, 2, 'two', NULL, NULL, NULL), (3, 1, 3, 'three', 3000, FALSE, 0)");
    }
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void rowMapperMapsRecordsByName() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT track_no, id, title, duration_ms, created_at,"
             + " explicit_lyrics, album_id FROM track ORDER BY id")) {
      List<TrackRow> rows = RowMapper.of(TrackRow.class).mapAll(rs);
      assertThat(rows).containsExactly(
          new TrackRow(1, "one", 1000, true, Instant.ofEpochMilli(1_700_000_000_123L), 1),
          new TrackRow(2, "two", null, null, null, 2),
          new TrackRow(3, "three", 3000, false, Instant.EPOCH, 3));
    }
  }

  @Test
  void rowMapperFillsClassesThroughSettersAndSkipsUnknownColumns() throws Exception {
    try (Connection c = db.connect(); Statement s = c.createStatement();
         ResultSet rs = s.executeQuery("SELECT id, album_id, track_no, title, duration_ms,"
             + " explicit_lyrics, created_at, 'x' AS not_a_property FROM track ORDER BY id")) {
      List<Track> rows = new ArrayList<>();
      RowMapper.of(Track.class).forEach(rs, rows::add);
      assertThat(rows).hasSize(3);
      assertThat(rows.get(0).getId()).isEqualTo(1L);
      assertThat(rows.get(0).getAlbumId()).isEqualTo(1L);
      assertThat(rows.get(0).getTrackNo()).isEqualTo(1);
      assertThat(rows.get(0).getExplicitLyrics()).isTrue();
      assertThat(rows.get(0).getCreatedAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
      assertThat(rows.get(1).getDurationMs()).isNull();
      assertThat(rows.get(1).getExplicitLyrics()).isNull();
      assertThat(rows.get(2).getTitle()).isEqualTo("three");
    }
  }

  @Test
  void mapperResultsEqualAutomappingAndComeFromTheFastPath() {
    List<Track> fastRows;
    try (SqlSession s = db.factory.openSession()) {
      fastRows = s.getMapper(TrackMapper.class).findByAlbum(1);
    }
    assertThat(fast.fastQueries()).isEqualTo(1);
    List<Track> automapped;
    try (MusicDb plain = new MusicDb(java.nio.file.Files.createDirectories(dir.resolve("plain")))) {
      try (Connection c = plain.connect(); Statement s = c.createStatement()) {
        s.execute("INSERT INTO artist (id, name) VALUES (1, 'a')");
        s.execute("INSERT INTO album (id, artist_id, title) VALUES (1, 1, 'b')");
        s.execute("INSERT INTO track (id, album_id, track_no, title, duration_ms, explicit_lyrics,"
            + " created_at) VALUES (1, 1, 1, 'one', 1000, TRUE, 1700000000123),"
            + " (2, 1, 2, 'two', NULL, NULL, NULL), (3, 1, 3, 'three', 3000, FALSE, 0)");
      } catch (Exception e) {
        throw new AssertionError(e);
      }
      try (SqlSession s = plain.factory.openSession()) {
        automapped = s.getMapper(TrackMapper.class).findByAlbum(1);
      }
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    assertThat(fastRows).usingRecursiveFieldByFieldElementComparator()
        .containsExactlyElementsOf(automapped);
  }

  @Test
  void recordsMapThroughAMapperByColumnName() {
    try (SqlSession s = db.factory.openSession()) {
      List<TrackRow> rows = s.getMapper(TrackRows.class).byAlbum(1);
      assertThat(rows).extracting(TrackRow::title).containsExactly("one", "two", "three");
      assertThat(rows.get(0).createdAt()).isEqualTo(Instant.ofEpochMilli(1_700_000_000_123L));
      assertThat(rows.get(1).durationMs()).isNull();
    }
    assertThat(fast.fastQueries()).isEqualTo(1);
  }

  @Test
  void oneMapperServesSeveralResultShapes() throws Exception {
    RowMapper<TrackRow> m = RowMapper.of(TrackRow.class);
    try (Connection c = db.connect(); Statement s = c.createStatement()) {
      for (int round = 0; round < 2; round++) {
        try (ResultSet rs = s.executeQuery("SELECT id, title FROM track WHERE id = 1")) {
          assertThat(m.mapAll(rs)).containsExactly(new TrackRow(1, "one", null, null, null, 0));
        }
        try (ResultSet rs = s.executeQuery("SELECT track_no, id FROM track WHERE id = 3")) {
          assertThat(m.mapAll(rs)).containsExactly(new TrackRow(3, null, null, null, null, 3));
        }
      }
    }
  }

  @Test
  void aResultHandlerGetsFastMappedRowsAndCanStop() {
    List<Track> seen = new ArrayList<>();
    try (SqlSession s = db.factory.openSession()) {
      s.select("org.decentdb.mybatis.music.TrackMapper.findByAlbum", 1L, ctx -> {
        seen.add((Track) ctx.getResultObject());
        if (ctx.getResultCount() == 2) {
          ctx.stop();
        }
      });
    }
    assertThat(seen).extracting(Track::getTitle).containsExactly("one", "two");
    assertThat(fast.fastQueries()).isEqualTo(1);
  }

  @Test
  void otherTypesStayWithMyBatis() {
    try (SqlSession s = db.factory.openSession()) {
      assertThat(s.getMapper(TrackMapper.class).count()).isEqualTo(3);
    }
    assertThat(fast.fastQueries()).isZero();
  }
}
