/*
 * Compiled by GeneratedCodeTest with what decentdb-gen generated for the music schema in
 * annotation style with JavaBeans (package com.example.ann): CRUD, finders, keyset pages and
 * both relationship kinds (nested selects) through annotated mappers only, no XML.
 */
package com.example.ann.check;

import com.example.ann.mapper.AlbumMapper;
import com.example.ann.mapper.ArtistMapper;
import com.example.ann.mapper.TrackMapper;
import com.example.ann.model.Album;
import com.example.ann.model.Artist;
import com.example.ann.model.Track;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.decentdb.mybatis.pagination.KeysetPage;

public final class AnnotationScenario {
  private AnnotationScenario() {}

  static void equal(Object expected, Object actual, String what) {
    if (!Objects.equals(expected, actual)) {
      throw new AssertionError(what + ": expected <" + expected + "> but was <" + actual + ">");
    }
  }

  public static void run(SqlSessionFactory f) {
    try (SqlSession s = f.openSession(true)) {
      ArtistMapper artists = s.getMapper(ArtistMapper.class);
      AlbumMapper albums = s.getMapper(AlbumMapper.class);
      TrackMapper tracks = s.getMapper(TrackMapper.class);
      Artist a = new Artist();
      a.setName("Ann");
      a.setActive(true);
      a.setCreatedAt(Instant.ofEpochMilli(5));
      artists.insert(a);
      equal("Ann", artists.selectByPrimaryKey(a.getId()).getName(), "annotated CRUD");
      equal(Instant.ofEpochMilli(5), artists.findByName("Ann").getCreatedAt(),
          "annotated unique finder with a type handler");

      Album al = new Album();
      al.setArtistId(a.getId());
      al.setAlbumNo(1L);
      al.setTitle("Only");
      al.setPrice(new BigDecimal("9.99"));
      albums.insert(al);
      equal(new BigDecimal("9.99"), albums.selectByPrimaryKey(a.getId(), 1L).getPrice(),
          "DECIMAL through annotations");
      for (int i = 0; i < 25; i++) {
        Track t = new Track();
        t.setArtistId(a.getId());
        t.setAlbumNo(1L);
        t.setTitle("t" + i);
        t.setDurationMs((long) (i % 4));
        t.setUid(new UUID(3, i));
        tracks.insert(t);
      }
      equal(25L, tracks.count(), "annotated count");

      List<Long> ids = new ArrayList<>();
      String cursor = null;
      do {
        KeysetPage<Track> page = tracks.pageByDurationMs(cursor, 4);
        page.items().forEach(t -> ids.add(t.getId()));
        cursor = page.nextCursor();
      } while (cursor != null);
      equal(25, ids.size(), "annotated keyset walk");
      equal(25L, ids.stream().distinct().count(), "each row once");

      equal("Ann", albums.selectWithArtist(a.getId(), 1L).getArtist().getName(),
          "many-to-one by nested select");
      equal(25, albums.selectWithTracks(a.getId(), 1L).getTracks().size(),
          "one-to-many by nested select");
      equal(1, artists.selectWithAlbums(a.getId()).getAlbums().size(),
          "one-to-many over a one-column key");
    }
  }
}
