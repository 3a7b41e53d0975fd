/*
 * The driver under a connection pool (HikariCP): eight threads borrow connections and mix
 * reads and writes for a fixed number of operations; pool validation, autocommit and
 * read-only resets, and statement caching must all keep working, and every write must land.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PooledAccessTest {

  @TempDir Path dir;

  @Test
  void eightThreadsMixReadsAndWritesThroughHikari() throws Exception {
    HikariConfig cfg = new HikariConfig();
    cfg.setJdbcUrl("jdbc:decentdb:" + dir.resolve("pool.ddb") + "?fsync=off&busy_timeout_ms=10000");
    cfg.setDriverClassName(DecentDBDriver.class.getName());
    cfg.setMaximumPoolSize(8);
    cfg.setConnectionTestQuery("SELECT 1");
    try (HikariDataSource ds = new HikariDataSource(cfg)) {
      try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
        s.execute("CREATE TABLE ev (id INTEGER PRIMARY KEY, worker INTEGER NOT NULL, n INTEGER)");
      }
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Long>> results = new ArrayList<>();
      for (int w = 0; w < 8; w++) {
        final int worker = w;
        results.add(pool.submit(() -> {
          long seen = 0;
          for (int i = 0; i < 100; i++) {
            try (Connection c = ds.getConnection()) {
              if (i % 3 == 0) {
                c.setReadOnly(true);
                try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM ev WHERE worker = ?")) {
                  ps.setInt(1, worker);
                  try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long n = rs.getLong(1);
                    if (n < seen) {
                      throw new AssertionError("worker " + worker + " lost rows: " + n + " < " + seen);
                    }
                    seen = n;
                  }
                }
              } else {
                c.setAutoCommit(i % 2 == 0);
                try (PreparedStatement ps = c.prepareStatement(
                    "INSERT INTO ev (worker, n) VALUES (?, ?)")) {
                  ps.setInt(1, worker);
                  ps.setInt(2, i);
                  ps.executeUpdate();
                }
                if (!c.getAutoCommit()) {
                  c.commit();
                }
              }
            }
          }
          return seen;
        }));
      }
      for (Future<Long> f : results) {
        f.get(120, TimeUnit.SECONDS);
      }
      pool.shutdown();
      try (Connection c = ds.getConnection(); Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT worker, COUNT(*) FROM ev GROUP BY worker ORDER BY worker")) {
        int workers = 0;
        while (rs.next()) {
          assertThat(rs.getLong(2)).as("writes of worker %d", rs.getInt(1)).isEqualTo(66);
          workers++;
        }
        assertThat(workers).isEqualTo(8);
      }
    }
  }
}
