/*
 * Multi-connection behaviour and resource hygiene: one writer and eight readers on separate
 * connections keep a constant-sum invariant visible in every reader transaction; a query
 * timeout and cancel() interrupt a long native statement and leave the connection usable;
 * 1,000 connect/close cycles leak no file descriptors.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConcurrencyAndResourcesTest {

  @TempDir Path dir;

  private String url() {
    return "jdbc:decentdb:" + dir.resolve("c.ddb") + "?fsync=off&busy_timeout_ms=10000";
  }

  @Test
  void readersAlwaysSeeAConstantSumWhileOneWriterMovesMoney() throws Exception {
    final int accounts = 50;
    try (Connection setup = DriverManager.getConnection(url());
        Statement s = setup.createStatement()) {
      s.execute("CREATE TABLE acct (id INTEGER PRIMARY KEY, bal INTEGER NOT NULL)");
      for (int i = 1; i <= accounts; i++) {
        s.execute("INSERT INTO acct (id, bal) VALUES (" + i + ", 1000)");
      }
    }
    final long total = accounts * 1000L;
    ExecutorService pool = Executors.newFixedThreadPool(9);
    try {
      Future<Integer> writer = pool.submit(() -> {
        Random rnd = new Random(7);
        try (Connection c = DriverManager.getConnection(url());
            PreparedStatement debit = c.prepareStatement("UPDATE acct SET bal = bal - ? WHERE id = ?");
            PreparedStatement credit = c.prepareStatement("UPDATE acct SET bal = bal + ? WHERE id = ?")) {
          c.setAutoCommit(false);
          for (int i = 0; i < 400; i++) {
            int amount = 1 + rnd.nextInt(50);
            debit.setInt(1, amount);
            debit.setInt(2, 1 + rnd.nextInt(accounts));
            debit.executeUpdate();
            credit.setInt(1, amount);
            credit.setInt(2, 1 + rnd.nextInt(accounts));
            credit.executeUpdate();
            c.commit();
          }
          return 400;
        }
      });
      List<Future<Integer>> readers = new ArrayList<>();
      for (int r = 0; r < 8; r++) {
        readers.add(pool.submit(() -> {
          int checks = 0;
          try (Connection c = DriverManager.getConnection(url() + "&read_only=true")) {
            c.setAutoCommit(false);
            try (PreparedStatement sum = c.prepareStatement("SELECT SUM(bal) FROM acct");
                PreparedStatement rows = c.prepareStatement("SELECT bal FROM acct")) {
              for (int i = 0; i < 150; i++) {
                long viaSum;
                try (ResultSet rs = sum.executeQuery()) {
                  rs.next();
                  viaSum = rs.getLong(1);
                }
                long viaRows = 0;
                try (ResultSet rs = rows.executeQuery()) {
                  while (rs.next()) {
                    viaRows += rs.getLong(1);
                  }
                }
                c.commit();
                if (viaSum != total || viaRows != total) {
                  throw new AssertionError("invariant broken: " + viaSum + " / " + viaRows);
                }
                checks++;
              }
            }
          }
          return checks;
        }));
      }
      assertThat(writer.get(120, TimeUnit.SECONDS)).isEqualTo(400);
      for (Future<Integer> r : readers) {
        assertThat(r.get(120, TimeUnit.SECONDS)).isEqualTo(150);
      }
    } finally {
      pool.shutdownNow();
    }
    try (Connection c = DriverManager.getConnection(url());
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT SUM(bal) FROM acct")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(total);
    }
  }

  private static void fillBig(Connection c) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, v INTEGER)");
    }
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO big (v) VALUES (?)")) {
      for (int i = 0; i < 20_000; i++) {
        ps.setInt(1, i % 97);
        ps.addBatch();
      }
      ps.executeBatch();
    }
    c.commit();
    c.setAutoCommit(true);
  }

  @Test
  void queryTimeoutInterruptsALongStatementAndTheConnectionStaysUsable() throws SQLException {
    try (Connection c = DriverManager.getConnection(url())) {
      fillBig(c);
      try (Statement s = c.createStatement()) {
        s.setQueryTimeout(1);
        long start = System.nanoTime();
        // 400 million joined rows: far longer than the timeout.
        assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM big a, big b WHERE a.v + b.v = -1"))
            .isInstanceOfSatisfying(SQLTimeoutException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(60);
        s.setQueryTimeout(0);
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big")) {
          rs.next();
          assertThat(rs.getLong(1)).isEqualTo(20_000);
        }
      }
    }
  }

  @Test
  void cancelFromAnotherThreadInterruptsTheStatement() throws Exception {
    try (Connection c = DriverManager.getConnection(url())) {
      fillBig(c);
      Statement s = c.createStatement();
      ExecutorService canceller = Executors.newSingleThreadExecutor();
      try {
        Future<?> f = canceller.submit(() -> {
          Thread.sleep(300);
          s.cancel();
          return null;
        });
        assertThatThrownBy(() -> s.executeQuery("SELECT COUNT(*) FROM big a, big b WHERE a.v + b.v = -1"))
            .isInstanceOfSatisfying(SQLException.class,
                e -> assertThat(e.getSQLState()).isEqualTo("57014"));
        f.get(10, TimeUnit.SECONDS);
      } finally {
        canceller.shutdownNow();
      }
      try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM big WHERE v = 1")) {
        rs.next();
        assertThat(rs.getLong(1)).isGreaterThan(0);
      }
      s.close();
    }
  }

  private static long openFileDescriptors() throws Exception {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.count();
    }
  }

  @Test
  void thousandConnectCloseCyclesLeakNoFileDescriptors() throws Exception {
    Path fdDir = Path.of("/proc/self/fd");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(fdDir),
        "needs /proc/self/fd (Linux)");
    try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY)");
    }
    long before = openFileDescriptors();
    for (int i = 0; i < 1000; i++) {
      try (Connection c = DriverManager.getConnection(url());
          PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM t");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
      }
    }
    long after = openFileDescriptors();
    // The last close releases the file and its WAL; allow the JVM a little noise.
    assertThat(after).isLessThanOrEqualTo(before + 2);
  }
}
