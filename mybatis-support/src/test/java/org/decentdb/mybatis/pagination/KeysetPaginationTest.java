/*
 * Keyset pagination over a 100,000-row table whose sort columns hold duplicates and NULLs:
 * walking every page forward (next cursors) and backward (from the last page through previous
 * cursors) yields every row exactly once and in the order a Java comparator gives, for single
 * and multi-column orderings, ASC/DESC, both NULL placements, from annotation and XML mappers.
 */
package org.decentdb.mybatis.pagination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.decentdb.mybatis.DecentDB;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeysetPaginationTest {

  static final int ROWS = 100_000;
  static final int PAGE = 4_000;

  @TempDir static Path dir;
  static PooledDataSource ds;
  static SqlSessionFactory factory;
  static List<Song> all = new ArrayList<>();

  @BeforeAll
  static void load() throws Exception {
    String url = "jdbc:decentdb:" + dir.resolve("songs.ddb") + "?fsync=off";
    try (Connection c = DriverManager.getConnection(url)) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE song (id INTEGER PRIMARY KEY, score INTEGER, title TEXT NOT NULL)");
        s.execute("CREATE INDEX song_score ON song (score)");
        s.execute("CREATE INDEX song_title ON song (title)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO song (id, score, title) VALUES (?, ?, ?)")) {
        for (long id = 1; id <= ROWS; id++) {
          Integer score = id % 13 == 0 ? null : (int) (id * 7919 % 500);
          String title = String.format("t%04d", id * 31 % 1000);
          all.add(new Song(id, score, title));
          ps.setLong(1, id);
          ps.setObject(2, score);
          ps.setString(3, title);
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    }
    ds = new PooledDataSource("org.decentdb.jdbc.DecentDBDriver", url, null, null);
    Configuration cfg = new Configuration(new Environment("t", new JdbcTransactionFactory(), ds));
    DecentDB.configure(cfg);
    cfg.addMapper(SongMapper.class);
    factory = new SqlSessionFactoryBuilder().build(cfg);
  }

  @AfterAll
  static void close() {
    ds.forceCloseAll();
  }

  /** The expected order, computed in Java from the key definitions. */
  private static List<Long> expected(Keyset<Song> ks) {
    Comparator<Song> cmp = null;
    for (SortKey k : ks.keys()) {
      Comparator<Song> c = (a, b) -> compareKey(k, k.value().apply(a), k.value().apply(b));
      cmp = cmp == null ? c : cmp.thenComparing(c);
    }
    return all.stream().sorted(cmp).map(Song::id).toList();
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static int compareKey(SortKey k, Object a, Object b) {
    if (a == null || b == null) {
      if (a == b) {
        return 0;
      }
      return (a == null) == k.nullsFirst() ? -1 : 1;
    }
    int c = ((Comparable) a).compareTo(b);
    return k.descending() ? -c : c;
  }

  interface Fetch extends Function<KeysetRequest<Song>, List<Song>> {}

  private static List<Long> walkForward(Keyset<Song> ks, Fetch fetch) {
    List<Long> ids = new ArrayList<>();
    KeysetRequest<Song> req = ks.first(PAGE);
    KeysetPage<Song> previousPage = null;
    while (true) {
      KeysetPage<Song> page = req.toPage(fetch.apply(req));
      assertThat(page.hasPrevious()).isEqualTo(previousPage != null);
      if (previousPage != null && ids.size() == 2 * PAGE) {
        // Going back from the second page gives the first page again.
        KeysetRequest<Song> back = ks.page(page.previousCursor(), PAGE);
        assertThat(back.toPage(fetch.apply(back)).items()).isEqualTo(previousPage.items());
      }
      page.items().forEach(s -> ids.add(s.id()));
      if (!page.hasNext()) {
        break;
      }
      assertThat(page.items()).hasSize(PAGE);
      previousPage = page;
      req = ks.page(page.nextCursor(), PAGE);
    }
    return ids;
  }

  private static List<Long> walkBackward(Keyset<Song> ks, Fetch fetch) {
    List<List<Long>> pages = new ArrayList<>();
    KeysetRequest<Song> req = ks.last(PAGE);
    boolean first = true;
    while (true) {
      KeysetPage<Song> page = req.toPage(fetch.apply(req));
      assertThat(page.hasNext()).isEqualTo(!first);
      first = false;
      pages.add(page.items().stream().map(Song::id).toList());
      if (!page.hasPrevious()) {
        break;
      }
      req = ks.page(page.previousCursor(), PAGE);
    }
    Collections.reverse(pages);
    return pages.stream().flatMap(List::stream).toList();
  }

  private void checkBothWays(Keyset<Song> ks, Fetch fetch) {
    List<Long> want = expected(ks);
    assertThat(want).hasSize(ROWS);
    assertThat(walkForward(ks, fetch)).isEqualTo(want);
    assertThat(walkBackward(ks, fetch)).isEqualTo(want);
  }

  @Test
  void singleNullableColumnAscendingWithIdTieBreaker() {
    Keyset<Song> ks = Keyset.builder(Song.class).asc("score", Song::score)
        .tieBreaker("id", Song::id);
    try (SqlSession s = factory.openSession()) {
      checkBothWays(ks, r -> s.getMapper(SongMapper.class).page(r));
    }
  }

  @Test
  void multiColumnMixedDirectionsFromXml() {
    Keyset<Song> ks = Keyset.builder(Song.class).desc("score", Song::score)
        .asc("title", Song::title).notNull().tieBreakerDesc("id", Song::id);
    try (SqlSession s = factory.openSession()) {
      checkBothWays(ks, r -> s.getMapper(SongMapper.class).pageXml(r, 0));
    }
  }

  @Test
  void notNullColumnWithTheRequestAsOnlyParameter() {
    Keyset<Song> ks = Keyset.builder(Song.class).asc("title", Song::title).notNull()
        .tieBreaker("id", Song::id);
    KeysetRequest<Song> second = ks.page(ks.first(10).toPage(all.subList(0, 11)).nextCursor(), 10);
    // Index-friendly: a plain range on the first key leads the predicate.
    assertThat(second.getWhere()).startsWith("title >= #{page.values[0]} AND (");
    try (SqlSession s = factory.openSession()) {
      checkBothWays(ks, r -> s.getMapper(SongMapper.class).pageOnly(r));
    }
  }

  @Test
  void nullsFirstAscendingWithDescendingTieBreaker() {
    Keyset<Song> ks = Keyset.builder(Song.class).asc("score").nullsFirst()
        .tieBreakerDesc("id", Song::id);
    try (SqlSession s = factory.openSession()) {
      checkBothWays(ks, r -> s.getMapper(SongMapper.class).page(r));
    }
  }

  @Test
  void cursorsAreUrlSafeAndBoundToTheirOrdering() {
    Keyset<Song> byScore = Keyset.builder(Song.class).asc("score", Song::score)
        .tieBreaker("id", Song::id);
    Keyset<Song> byTitle = Keyset.builder(Song.class).asc("title", Song::title).notNull()
        .tieBreaker("id", Song::id);
    String cursor = byScore.first(1).toPage(List.of(new Song(5, null, "x"), new Song(6, 1, "y")))
        .nextCursor();
    assertThat(cursor).matches("[A-Za-z0-9_-]+");
    KeysetRequest<Song> req = byScore.page(cursor, 10);
    assertThat(req.getValues()).containsExactly(null, 5L);
    assertThat(req.getWhere()).doesNotContain("5").contains("score IS NULL AND id > #{page.values[1]}");
    assertThatThrownBy(() -> byTitle.page(cursor, 10)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("another ordering");
    assertThatThrownBy(() -> byScore.page("not-a-cursor!", 10))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Keyset.builder(Song.class).asc("score; DROP TABLE song"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void offsetPagesFollowEachOther() {
    try (SqlSession s = factory.openSession()) {
      SongMapper m = s.getMapper(SongMapper.class);
      OffsetPage p = OffsetPage.of(1, 100);
      assertThat(m.offsetPage(p)).extracting(Song::id).startsWith(1L).endsWith(100L);
      assertThat(m.offsetPage(OffsetPage.of(3, 100))).extracting(Song::id)
          .startsWith(201L).endsWith(300L);
      assertThat(m.offsetPage(OffsetPage.of(1001, 100))).isEmpty();
      assertThat(p.next().getOffset()).isEqualTo(100);
    }
  }
}
