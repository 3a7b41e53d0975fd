/*
 * MyBatis on a real DecentDB file over the music-library schema: CRUD through the annotation
 * mapper (artists) and the XML mappers (albums, tracks), generated keys for single, multi-row
 * and batched inserts, nested result maps over one JOIN, lazy nested selects, dynamic SQL,
 * ExecutorType.BATCH with 100,000 rows in one transaction, rollback, and databaseId.
 */
package org.decentdb.mybatis.music;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.ibatis.exceptions.PersistenceException;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.decentdb.mybatis.DecentDB;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MusicLibraryTest {

  @TempDir Path dir;
  MusicDb db;

  @BeforeEach
  void open() throws Exception {
    db = new MusicDb(dir);
  }

  @AfterEach
  void close() {
    db.close();
  }

  private long nextId = 1000;

  // Fixtures insert with explicit ids so that only the generated-key tests rely on keys.
  private long artist(SqlSession s, String name) {
    Artist a = new Artist(name, "GB", LocalDate.of(1970, 1, 1));
    a.setId(nextId++);
    s.getMapper(ArtistMapper.class).insertWithId(a);
    return a.getId();
  }

  private long album(SqlSession s, Album a) {
    a.setId(nextId++);
    s.getMapper(AlbumMapper.class).insertWithId(a);
    return a.getId();
  }

  @Test
  void annotationMapperDoesCrudWithGeneratedKeys() throws Exception {
    try (SqlSession s = db.factory.openSession(true)) {
      ArtistMapper m = s.getMapper(ArtistMapper.class);
      Artist a = new Artist("Queen", "GB", LocalDate.of(1970, 6, 27));
      assertThat(m.insert(a)).isEqualTo(1);
      Artist b = new Artist("Abba", "SE", null);
      m.insert(b);
      assertThat(a.getId()).isPositive();
      assertThat(b.getId()).isGreaterThan(a.getId());

      Artist read = m.findById(a.getId());
      assertThat(read.getName()).isEqualTo("Queen");
      assertThat(read.getFormedOn()).isEqualTo(LocalDate.of(1970, 6, 27));
      assertThat(m.findById(b.getId()).getFormedOn()).isNull();

      read.setCountry("UK");
      assertThat(m.update(read)).isEqualTo(1);
      assertThat(m.findById(a.getId()).getCountry()).isEqualTo("UK");
      assertThat(m.findAll()).extracting(Artist::getName).containsExactly("Abba", "Queen");

      assertThat(m.delete(b.getId())).isEqualTo(1);
      assertThat(m.findById(b.getId())).isNull();
      assertThat(m.count()).isEqualTo(1);
    }
  }

  @Test
  void xmlMapperDoesCrud() throws Exception {
    try (SqlSession s = db.factory.openSession(true)) {
      AlbumMapper m = s.getMapper(AlbumMapper.class);
      long artistId = artist(s, "Queen");
      Album album = new Album(artistId, "A Night at the Opera", LocalDate.of(1975, 11, 21),
          new BigDecimal("9.99"));
      assertThat(m.insert(album)).isEqualTo(1);
      assertThat(album.getId()).isPositive();

      Album read = m.findById(album.getId());
      assertThat(read.getTitle()).isEqualTo("A Night at the Opera");
      assertThat(read.getReleasedOn()).isEqualTo(LocalDate.of(1975, 11, 21));
      assertThat(read.getPrice()).isEqualTo(new BigDecimal("9.99"));

      Album change = new Album();
      change.setId(album.getId());
      change.setPrice(new BigDecimal("12.50"));
      assertThat(m.update(change)).isEqualTo(1);
      Album updated = m.findById(album.getId());
      assertThat(updated.getPrice()).isEqualTo(new BigDecimal("12.50"));
      assertThat(updated.getTitle()).isEqualTo("A Night at the Opera");

      assertThat(m.delete(album.getId())).isEqualTo(1);
      assertThat(m.findById(album.getId())).isNull();
    }
  }

  @Test
  void foreignKeysAreEnforcedThroughMappers() {
    try (SqlSession s = db.factory.openSession(true)) {
      Album orphan = new Album(999_999L, "Nobody's", null, null);
      assertThatThrownBy(() -> s.getMapper(AlbumMapper.class).insert(orphan))
          .isInstanceOf(PersistenceException.class)
          .hasRootCauseInstanceOf(java.sql.SQLIntegrityConstraintViolationException.class);
    }
  }

  @Test
  void multiRowInsertReturnsOneKeyPerRow() throws Exception {
    try (SqlSession s = db.factory.openSession(true)) {
      long artistId = artist(s, "Queen");
      List<Album> albums = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        albums.add(new Album(artistId, "Album " + i, null, null));
      }
      assertThat(s.getMapper(AlbumMapper.class).insertAll(albums)).isEqualTo(5);
      for (Album a : albums) {
        assertThat(a.getId()).isNotNull();
        assertThat(s.getMapper(AlbumMapper.class).findById(a.getId()).getTitle())
            .isEqualTo(a.getTitle());
      }
      assertThat(albums).extracting(Album::getId).doesNotHaveDuplicates().isSorted();
    }
  }

  @Test
  void batchExecutorReturnsGeneratedKeysForEveryRow() {
    long albumId;
    try (SqlSession s = db.factory.openSession(true)) {
      long artistId = artist(s, "Queen");
      albumId = album(s, new Album(artistId, "Jazz", null, null));
    }
    List<Track> tracks = new ArrayList<>();
    try (SqlSession s = db.factory.openSession(ExecutorType.BATCH)) {
      TrackMapper m = s.getMapper(TrackMapper.class);
      for (int i = 1; i <= 50; i++) {
        Track t = new Track(albumId, i, "Track " + i, 1000 * i);
        tracks.add(t);
        m.insert(t);
      }
      List<BatchResult> results = s.flushStatements();
      assertThat(results).hasSize(1);
      assertThat(results.get(0).getUpdateCounts()).hasSize(50).containsOnly(1);
      s.commit();
    }
    assertThat(tracks).extracting(Track::getId).doesNotContainNull().doesNotHaveDuplicates()
        .isSorted();
    try (SqlSession s = db.factory.openSession()) {
      List<Track> read = s.getMapper(TrackMapper.class).findByAlbum(albumId);
      assertThat(read).extracting(Track::getId)
          .containsExactlyElementsOf(tracks.stream().map(Track::getId).toList());
    }
  }

  private long albumWithTracks(SqlSession s, int trackCount) {
    long artistId = artist(s, "Queen");
    long albumId = album(s, new Album(artistId, "News of the World", LocalDate.of(1977, 10, 28),
        null));
    for (int i = trackCount; i >= 1; i--) { // inserted out of order: the query sorts
      Track t = new Track(albumId, i, "Song " + i, 100 * i);
      t.setCreatedAt(Instant.ofEpochMilli(1_700_000_000_000L + i));
      s.getMapper(TrackMapper.class).insert(t);
    }
    return albumId;
  }

  @Test
  void nestedResultMapsBuildTheGraphFromOneJoin() {
    try (SqlSession s = db.factory.openSession(true)) {
      long id = albumWithTracks(s, 3);
      Album a = s.getMapper(AlbumMapper.class).findWithArtistAndTracks(id);
      assertThat(a.getTitle()).isEqualTo("News of the World");
      assertThat(a.getArtist().getName()).isEqualTo("Queen");
      assertThat(a.getArtist().getId()).isEqualTo(a.getArtistId());
      assertThat(a.getTracks()).extracting(Track::getTrackNo).containsExactly(1, 2, 3);
      assertThat(a.getTracks()).extracting(Track::getTitle)
          .containsExactly("Song 1", "Song 2", "Song 3");
      assertThat(a.getTracks()).extracting(Track::getAlbumId).containsOnly(id);
    }
  }

  @Test
  void albumWithoutTracksHasAnEmptyCollection() {
    try (SqlSession s = db.factory.openSession(true)) {
      long id = albumWithTracks(s, 0);
      Album a = s.getMapper(AlbumMapper.class).findWithArtistAndTracks(id);
      assertThat(a.getArtist().getName()).isEqualTo("Queen");
      assertThat(a.getTracks()).isEmpty();
    }
  }

  @Test
  void nestedSelectsLoadLazily() throws Exception {
    long id;
    try (SqlSession s = db.factory.openSession(true)) {
      id = albumWithTracks(s, 4);
    }
    try (SqlSession s = db.factory.openSession(true)) {
      Album a = s.getMapper(AlbumMapper.class).findLazy(id);
      assertThat(a.getClass()).isNotEqualTo(Album.class); // a lazy-loading proxy
      // Change the data after the parent was read: lazy loads see the change, which proves
      // they run only when the property is first touched.
      try (Connection c = db.connect(); Statement st = c.createStatement()) {
        st.executeUpdate("UPDATE artist SET name = 'Queen II'");
        st.executeUpdate("DELETE FROM track WHERE track_no = 4");
      }
      assertThat(a.getArtist().getName()).isEqualTo("Queen II");
      assertThat(a.getTracks()).extracting(Track::getTrackNo).containsExactly(1, 2, 3);
      assertThat(a.getTracks().get(0).getCreatedAt())
          .isEqualTo(Instant.ofEpochMilli(1_700_000_000_001L));
    }
  }

  @Test
  void dynamicSqlBuildsTheWhereClause() {
    try (SqlSession s = db.factory.openSession(true)) {
      AlbumMapper m = s.getMapper(AlbumMapper.class);
      long queen = artist(s, "Queen");
      long abba = artist(s, "Abba");
      long other = artist(s, "Other");
      album(s, new Album(queen, "Jazz", LocalDate.of(1978, 11, 10), null));
      album(s, new Album(queen, "The Game", LocalDate.of(1980, 6, 30), null));
      album(s, new Album(abba, "Arrival", LocalDate.of(1976, 10, 11), null));
      album(s, new Album(other, "Jazz Standards", LocalDate.of(1990, 1, 1), null));

      assertThat(m.search(null, null, null)).hasSize(4);
      assertThat(m.search("Jazz", null, null)).extracting(Album::getTitle)
          .containsExactly("Jazz", "Jazz Standards");
      assertThat(m.search("Jazz", List.of(queen, abba), null)).extracting(Album::getTitle)
          .containsExactly("Jazz");
      assertThat(m.search(null, List.of(queen, abba), null)).extracting(Album::getTitle)
          .containsExactly("Jazz", "The Game", "Arrival");
      assertThat(m.search(null, List.of(), LocalDate.of(1979, 1, 1))).extracting(Album::getTitle)
          .containsExactly("The Game", "Jazz Standards");
      assertThat(m.search("a", List.of(queen), LocalDate.of(1979, 1, 1)))
          .extracting(Album::getTitle).containsExactly("The Game");
    }
  }

  @Test
  void batchExecutorInsertsOneHundredThousandRowsInOneTransaction() throws Exception {
    long albumId;
    try (SqlSession s = db.factory.openSession(true)) {
      albumId = albumWithTracks(s, 0);
    }
    int rows = 100_000;
    try (SqlSession s = db.factory.openSession(ExecutorType.BATCH, false)) {
      TrackMapper m = s.getMapper(TrackMapper.class);
      for (int i = 1; i <= rows; i++) {
        Track t = new Track(albumId, i, "t" + i, i % 7 == 0 ? null : i);
        t.setExplicitLyrics(i % 2 == 0);
        m.insert(t);
        if (i % 10_000 == 0) {
          s.flushStatements();
        }
      }
      // Not committed yet: another connection's snapshot sees none of the rows.
      s.flushStatements();
      try (Connection c = db.connect(); Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("SELECT count(*) FROM track")) {
        rs.next();
        assertThat(rs.getLong(1)).isZero();
      }
      s.commit();
    }
    try (SqlSession s = db.factory.openSession()) {
      TrackMapper m = s.getMapper(TrackMapper.class);
      assertThat(m.countByAlbum(albumId)).isEqualTo(rows);
    }
    try (Connection c = db.connect(); Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT count(*), sum(track_no), count(duration_ms),"
             + " sum(CASE WHEN explicit_lyrics THEN 1 ELSE 0 END) FROM track")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(rows);
      assertThat(rs.getLong(2)).isEqualTo((long) rows * (rows + 1) / 2);
      assertThat(rs.getLong(3)).isEqualTo(rows - rows / 7);
      assertThat(rs.getLong(4)).isEqualTo(rows / 2);
    }
  }

  @Test
  void rollbackThroughTheSessionUndoesEverything() {
    long artistId;
    try (SqlSession s = db.factory.openSession(true)) {
      artistId = artist(s, "Queen");
    }
    try (SqlSession s = db.factory.openSession(false)) {
      ArtistMapper am = s.getMapper(ArtistMapper.class);
      AlbumMapper albums = s.getMapper(AlbumMapper.class);
      Artist temp = new Artist("Temporary", null, null);
      temp.setId(nextId++);
      am.insertWithId(temp);
      album(s, new Album(artistId, "Never released", null, null));
      Artist queen = am.findById(artistId);
      queen.setName("Renamed");
      am.update(queen);
      assertThat(am.count()).isEqualTo(2); // the session sees its own writes
      s.rollback();
      assertThat(am.count()).isEqualTo(1);
      assertThat(am.findById(artistId).getName()).isEqualTo("Queen");
      assertThat(albums.search(null, null, null)).isEmpty();
    }
  }

  @Test
  void databaseIdSelectsTheDecentDbStatement() {
    assertThat(db.configuration.getDatabaseId()).isEqualTo(DecentDB.DATABASE_ID);
    try (SqlSession s = db.factory.openSession()) {
      assertThat(s.getMapper(AlbumMapper.class).engineName()).isEqualTo("decentdb");
    }
  }
}
