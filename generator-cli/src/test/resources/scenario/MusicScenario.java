/*
 * Compiled by GeneratedCodeTest together with what decentdb-gen generated for the music
 * schema (package com.example.music, --records, XML style) and run against a real DecentDB
 * file. Each method exercises one feature through the generated mappers and throws
 * AssertionError when the generated code misbehaves.
 */
package com.example.music.check;

import com.example.music.mapper.AlbumMapper;
import com.example.music.mapper.ArtistMapper;
import com.example.music.mapper.TrackMapper;
import com.example.music.model.Album;
import com.example.music.model.AlbumWithArtist;
import com.example.music.model.AlbumWithTracks;
import com.example.music.model.Artist;
import com.example.music.model.ArtistWithAlbums;
import com.example.music.model.Track;
import com.example.music.model.TrackWithAlbum;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.decentdb.mybatis.pagination.KeysetPage;

public final class MusicScenario {
  private MusicScenario() {}

  static void check(boolean ok, String what) {
    if (!ok) {
      throw new AssertionError(what);
    }
  }

  static void equal(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
    }
  }

  static Artist artist(String name, String country) {
    Artist a = new Artist();
    a.setName(name);
    a.setCountry(country);
    a.setBorn(LocalDate.of(1970, 1, 2));
    a.setActive(Boolean.TRUE);
    a.setCreatedAt(Instant.ofEpochMilli(1_700_000_000_123L));
    return a;
  }

  static Track track(long artistId, long albumNo, String title, long durationMs, UUID uid) {
    Track t = new Track();
    t.setArtistId(artistId);
    t.setAlbumNo(albumNo);
    t.setTitle(title);
    t.setDurationMs(durationMs);
    t.setUid(uid);
    return t;
  }

  /** insert with generated keys, select, update, delete and count, every mapped type. */
  public static void crud(SqlSessionFactory f) {
    try (SqlSession s = f.openSession(true)) {
      ArtistMapper artists = s.getMapper(ArtistMapper.class);
      AlbumMapper albums = s.getMapper(AlbumMapper.class);
      TrackMapper tracks = s.getMapper(TrackMapper.class);
      Artist a = artist("Nina", "US");
      equal(1, artists.insert(a), "artist insert count (INSERT ... RETURNING)");
      check(a.getId() != null, "generated key of artist set by insert");
      equal(1L, artists.count(), "artist inserted");
      Artist read = artists.selectByPrimaryKey(a.getId());
      equal("Nina", read.getName(), "name");
      equal(LocalDate.of(1970, 1, 2), read.getBorn(), "DATE -> LocalDate");
      equal(Boolean.TRUE, read.getActive(), "BOOLEAN -> Boolean");
      equal(Instant.ofEpochMilli(1_700_000_000_123L), read.getCreatedAt(), "TIMESTAMP -> Instant");

      Album album = new Album(a.getId(), 1L, "Blue", LocalDate.of(1971, 6, 22),
          new BigDecimal("12.50"));
      equal(1, albums.insert(album), "album insert count");
      Album readAlbum = albums.selectByPrimaryKey(a.getId(), 1L);
      equal(album, readAlbum, "album record round trip (composite key, DECIMAL, DATE)");

      UUID uid = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
      Track t = track(a.getId(), 1L, "River", 240_000L, uid);
      t.setStartsAt(LocalTime.of(0, 3, 15));
      t.setRating(4.5);
      t.setGain(-1.25);
      t.setCover(new byte[] {1, 2, 3});
      equal(1, tracks.insert(t), "track insert count");
      check(t.getId() != null, "generated key of track set by insert");
      Track rt = tracks.selectByPrimaryKey(t.getId());
      equal(uid, rt.getUid(), "UUID -> UUID");
      equal(LocalTime.of(0, 3, 15), rt.getStartsAt(), "TIME -> LocalTime");
      equal(4.5, rt.getRating(), "DOUBLE PRECISION -> Double");
      equal(-1.25, rt.getGain(), "REAL -> Double");
      check(java.util.Arrays.equals(new byte[] {1, 2, 3}, rt.getCover()), "BLOB -> byte[]");

      read.setCountry("CA");
      read.setActive(Boolean.FALSE);
      equal(1, artists.updateByPrimaryKey(read), "update count");
      Artist updated = artists.selectByPrimaryKey(a.getId());
      equal("CA", updated.getCountry(), "updated country");
      equal(Boolean.FALSE, updated.getActive(), "updated flag");

      equal(1L, artists.count(), "artist count");
      equal(1L, tracks.count(), "track count");
      equal(1, tracks.deleteByPrimaryKey(t.getId()), "delete count");
      check(tracks.selectByPrimaryKey(t.getId()) == null, "deleted row is gone");
      equal(0L, tracks.count(), "count after delete");
      equal(1, albums.deleteByPrimaryKey(a.getId(), 1L), "album delete count");
      equal(0L, albums.count(), "album count after delete");
    }
  }

  /** One finder per index: unique ones return a row, the others a list in key order. */
  public static void finders(SqlSessionFactory f) {
    try (SqlSession s = f.openSession(true)) {
      ArtistMapper artists = s.getMapper(ArtistMapper.class);
      AlbumMapper albums = s.getMapper(AlbumMapper.class);
      TrackMapper tracks = s.getMapper(TrackMapper.class);
      Artist a = artist("Ana", "BR");
      Artist b = artist("Bo", "SE");
      Artist c = artist("Cy", "BR");
      artists.insert(a);
      artists.insert(b);
      artists.insert(c);
      equal(b.getId(), artists.findByName("Bo").getId(), "unique finder by name");
      check(artists.findByName("nobody") == null, "unique finder misses with null");
      List<Artist> br = artists.findByCountry("BR");
      equal(List.of(a.getId(), c.getId()), br.stream().map(Artist::getId).toList(),
          "non-unique finder by country, in key order");

      albums.insert(new Album(a.getId(), 1L, "Same", null, null));
      albums.insert(new Album(b.getId(), 1L, "Same", null, null));
      albums.insert(new Album(b.getId(), 2L, "Other", null, null));
      equal(2, albums.findByTitle("Same").size(), "album finder by title");
      equal(2, albums.listByArtistId(b.getId()).size(), "albums of one artist via the FK");

      UUID u1 = new UUID(1, 1);
      UUID u2 = new UUID(1, 2);
      tracks.insert(track(b.getId(), 2L, "x", 100L, u1));
      tracks.insert(track(b.getId(), 2L, "y", 100L, u2));
      tracks.insert(track(b.getId(), 1L, "z", 200L, new UUID(1, 3)));
      equal("y", tracks.findByUid(u2).getTitle(), "unique finder by UUID");
      equal(List.of("y", "z"), tracks.selectPage(1, 2).stream().map(Track::getTitle).toList(),
          "offset page (--offset-paging) in key order");
      equal(2, tracks.findByDurationMs(100L).size(), "finder by duration");
      equal(List.of("x", "y"), tracks.findByArtistIdAndAlbumNo(b.getId(), 2L).stream()
          .map(Track::getTitle).toList(), "composite index finder");
    }
  }

  /** Many-to-one association and one-to-many collection, joined, with and without matches. */
  public static void relationships(SqlSessionFactory f) {
    try (SqlSession s = f.openSession(true)) {
      ArtistMapper artists = s.getMapper(ArtistMapper.class);
      AlbumMapper albums = s.getMapper(AlbumMapper.class);
      TrackMapper tracks = s.getMapper(TrackMapper.class);
      Artist a = artist("Ella", "US");
      Artist lonely = artist("Solo", "US");
      artists.insert(a);
      artists.insert(lonely);
      albums.insert(new Album(a.getId(), 2L, "Second", null, null));
      albums.insert(new Album(a.getId(), 1L, "First", null, null));
      tracks.insert(track(a.getId(), 1L, "t1", 1L, new UUID(2, 1)));
      tracks.insert(track(a.getId(), 1L, "t2", 2L, new UUID(2, 2)));

      AlbumWithArtist withArtist = albums.selectWithArtist(a.getId(), 1L);
      equal("First", withArtist.getAlbum().title(), "many-to-one: the row");
      equal("Ella", withArtist.getArtist().getName(), "many-to-one: the parent");

      TrackWithAlbum trackWithAlbum = tracks.selectWithAlbum(tracks.findByUid(new UUID(2, 2))
          .getId());
      equal("t2", trackWithAlbum.getTrack().getTitle(), "many-to-one over a composite key");
      equal("First", trackWithAlbum.getAlbum().title(), "composite-key parent");

      ArtistWithAlbums withAlbums = artists.selectWithAlbums(a.getId());
      equal("Ella", withAlbums.getArtist().getName(), "one-to-many: the row");
      equal(List.of("First", "Second"), withAlbums.getAlbums().stream().map(Album::title)
          .toList(), "one-to-many: children in key order");
      ArtistWithAlbums none = artists.selectWithAlbums(lonely.getId());
      equal("Solo", none.getArtist().getName(), "parent without children");
      equal(0, none.getAlbums().size(), "no children: empty list, no null-filled record");

      AlbumWithTracks albumTracks = albums.selectWithTracks(a.getId(), 1L);
      equal(List.of("t1", "t2"), albumTracks.getTracks().stream().map(Track::getTitle)
          .toList(), "one-to-many over a composite key");
    }
  }

  /**
   * Walks all tracks with keyset pages by primary key and by a non-unique index with many
   * equal values, forward and backward; every row must appear exactly once, in order.
   */
  public static void keysetWalk(SqlSessionFactory f, int rows) {
    try (SqlSession s = f.openSession(true)) {
      TrackMapper tracks = s.getMapper(TrackMapper.class);
      equal((long) rows, tracks.count(), "rows to walk");

      List<Long> ids = new ArrayList<>();
      String cursor = null;
      int pages = 0;
      do {
        KeysetPage<Track> page = tracks.pageByPk(cursor, 997);
        page.items().forEach(t -> ids.add(t.getId()));
        cursor = page.nextCursor();
        pages++;
      } while (cursor != null);
      equal(rows, ids.size(), "rows visited by primary key");
      equal(rows, new HashSet<>(ids).size(), "each row once by primary key");
      List<Long> sorted = new ArrayList<>(ids);
      Collections.sort(sorted);
      equal(sorted, ids, "primary-key order");
      equal((rows + 996) / 997, pages, "pages by primary key");

      List<long[]> byDuration = new ArrayList<>();
      cursor = null;
      do {
        KeysetPage<Track> page = tracks.pageByDurationMs(cursor, 1000);
        page.items().forEach(t -> byDuration.add(new long[] {t.getDurationMs(), t.getId()}));
        cursor = page.nextCursor();
      } while (cursor != null);
      equal(rows, byDuration.size(), "rows visited by duration index");
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < byDuration.size(); i++) {
        check(seen.add(byDuration.get(i)[1]), "row " + byDuration.get(i)[1] + " seen twice");
        if (i > 0) {
          long[] p = byDuration.get(i - 1);
          long[] q = byDuration.get(i);
          check(p[0] < q[0] || (p[0] == q[0] && p[1] < q[1]),
              "(duration_ms, id) order at " + i);
        }
      }

      List<Long> backward = new ArrayList<>();
      KeysetPage<Track> page = tracks.lastPageByPk(1500);
      while (true) {
        List<Long> chunk = new ArrayList<>();
        page.items().forEach(t -> chunk.add(t.getId()));
        backward.addAll(0, chunk);
        if (page.previousCursor() == null) {
          break;
        }
        page = tracks.pageByPk(page.previousCursor(), 1500);
      }
      equal(sorted, backward, "backward walk visits every row once, pages in order");

      try {
        tracks.pageByDurationMs(tracks.pageByPk(null, 10).nextCursor(), 10);
        throw new AssertionError("a cursor of another ordering must be rejected");
      } catch (IllegalArgumentException expected) {
        check(expected.getMessage() != null, "rejection says why");
      }
    }
  }
}
