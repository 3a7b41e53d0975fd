/*
 * The dataset cache builds a dataset once per engine and key, hands the same copy to every
 * later caller, keeps copies of different keys apart, and rebuilds a copy that is incomplete.
 */
package org.decentdb.perf.data;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetCacheTest {

  /** A small dataset that counts how often it was loaded. */
  static final class Counted implements Dataset {
    final String key;
    int loads;

    Counted(String key) {
      this.key = key;
    }

    @Override
    public String key() {
      return key;
    }

    @Override
    public void load(Connection c, Engine engine) throws SQLException {
      loads++;
      Loader.exec(c, "CREATE TABLE k (id INTEGER PRIMARY KEY, v VARCHAR(10) NOT NULL)");
      Loader.insert(c, "INSERT INTO k (id, v) VALUES (?, ?)", 2500, (ps, r) -> {
        ps.setLong(1, r);
        ps.setString(2, "v" + r);
      });
    }

    @Override
    public boolean isComplete(Connection c) throws SQLException {
      return Loader.count(c, "k") == 2500;
    }
  }

  @TempDir
  Path root;

  @Test
  void buildsOnceAndReusesTheCopy() throws Exception {
    for (Engine e : new Engine[] {Engine.DECENTDB, Engine.SQLITE}) {
      Counted d = new Counted("k1");
      Path first = DatasetCache.ensure(e, d, root);
      Path second = DatasetCache.ensure(e, d, root);
      assertThat(second).isEqualTo(first);
      assertThat(d.loads).as(e.id()).isEqualTo(1);
      assertThat(first.getFileName().toString()).startsWith(e.id() + "-k1-");
      try (Stream<Path> s = Files.list(root)) {
        assertThat(s.map(p -> p.getFileName().toString()))
            .noneMatch(n -> n.endsWith(".building"));
      }
    }
  }

  @Test
  void keepsDifferentKeysApart() throws Exception {
    Counted a = new Counted("a");
    Counted b = new Counted("b");
    assertThat(DatasetCache.ensure(Engine.DECENTDB, a, root))
        .isNotEqualTo(DatasetCache.ensure(Engine.DECENTDB, b, root));
    assertThat(a.loads).isEqualTo(1);
    assertThat(b.loads).isEqualTo(1);
  }

  @Test
  void rebuildsAnIncompleteCopy() throws Exception {
    Counted d = new Counted("k2");
    Path dir = DatasetCache.ensure(Engine.SQLITE, d, root);
    try (Connection c = Engine.SQLITE.open(dir)) {
      Loader.exec(c, "DELETE FROM k WHERE id > 2000");
    }
    Path again = DatasetCache.ensure(Engine.SQLITE, d, root);
    assertThat(d.loads).isEqualTo(2);
    try (Connection c = Engine.SQLITE.open(again)) {
      assertThat(Loader.count(c, "k")).isEqualTo(2500);
    }
  }
}
