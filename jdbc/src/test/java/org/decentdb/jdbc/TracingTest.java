/*
 * Statement tracing: a listener receives one StatementTrace per execution with the phases
 * filled in (prepare only on a statement-cache miss), rows returned or affected, and nothing
 * once it is removed; a throwing listener never breaks the statement; trace=true logs each
 * trace through System.Logger "org.decentdb.jdbc.trace" at DEBUG.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TracingTest {

  @TempDir Path dir;
  Connection conn;
  final List<StatementTrace> traces = new ArrayList<>();

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:decentdb:" + dir.resolve("t.ddb") + "?fsync=off");
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    }
    conn.unwrap(DecentDBConnection.class).setTraceListener(traces::add);
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private void insertRows(int n) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO t (id, name) VALUES (?, ?)")) {
      for (int i = 1; i <= n; i++) {
        ps.setInt(1, i);
        ps.setString(2, "n" + i);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  @Test
  void updateTraceHasPhasesAndAffectedRows() throws SQLException {
    insertRows(3);
    traces.clear();
    String sql = "UPDATE t SET name = ? WHERE id >= ?";
    try (PreparedStatement ps = conn.prepareStatement(sql)) {
      ps.setString(1, "x");
      ps.setInt(2, 2);
      assertThat(ps.executeUpdate()).isEqualTo(2);
      ps.setInt(2, 3);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    assertThat(traces).hasSize(2);
    StatementTrace first = traces.get(0);
    assertThat(first.sql()).isEqualTo(sql);
    assertThat(first.cacheHit()).isFalse();
    assertThat(first.prepareNanos()).isPositive();
    assertThat(first.bindNanos()).isPositive();
    assertThat(first.executeNanos()).isPositive();
    assertThat(first.rowsAffected()).isEqualTo(2);
    assertThat(first.rowsReturned()).isZero();
    StatementTrace second = traces.get(1);
    assertThat(second.cacheHit()).isTrue();
    assertThat(second.prepareNanos()).isZero();
    assertThat(second.rowsAffected()).isEqualTo(1);
    assertThat(second.totalNanos()).isEqualTo(second.prepareNanos() + second.bindNanos()
        + second.executeNanos() + second.decodeNanos());
  }

  @Test
  void queryTraceCountsRowsAndSecondPrepareHitsTheCache() throws SQLException {
    insertRows(600); // more than one fetch batch
    traces.clear();
    String sql = "SELECT id, name FROM t WHERE id > ? ORDER BY id";
    for (int round = 0; round < 2; round++) {
      try (PreparedStatement ps = conn.prepareStatement(sql)) {
        ps.setInt(1, 100);
        try (ResultSet rs = ps.executeQuery()) {
          int n = 0;
          while (rs.next()) {
            n++;
          }
          assertThat(n).isEqualTo(500);
        }
      }
    }
    assertThat(traces).hasSize(2);
    assertThat(traces.get(0).cacheHit()).isFalse();
    assertThat(traces.get(1).cacheHit()).isTrue();
    assertThat(traces.get(1).prepareNanos()).isZero();
    for (StatementTrace t : traces) {
      assertThat(t.rowsReturned()).isEqualTo(500);
      assertThat(t.rowsAffected()).isEqualTo(-1);
      assertThat(t.executeNanos()).isPositive();
      assertThat(t.decodeNanos()).isPositive();
    }
  }

  @Test
  void queryClosedEarlyReportsRowsRead() throws SQLException {
    insertRows(10);
    traces.clear();
    try (Statement s = conn.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.next()).isTrue();
      assertThat(traces).isEmpty(); // delivered when the execution is complete
    }
    assertThat(traces).hasSize(1);
    assertThat(traces.get(0).rowsReturned()).isEqualTo(2);
    assertThat(traces.get(0).sql()).isEqualTo("SELECT id FROM t");
  }

  @Test
  void batchIsOneTraceWithTheTotal() throws SQLException {
    traces.clear();
    insertRows(50);
    assertThat(traces).hasSize(1);
    assertThat(traces.get(0).rowsAffected()).isEqualTo(50);
    assertThat(traces.get(0).bindNanos()).isPositive();
  }

  @Test
  void removedListenerGetsNothingAndAThrowingOneBreaksNothing() throws SQLException {
    DecentDBConnection dc = conn.unwrap(DecentDBConnection.class);
    dc.setTraceListener(null);
    assertThat(dc.getTraceListener()).isNull();
    insertRows(5);
    assertThat(traces).isEmpty();
    dc.setTraceListener(t -> {
      throw new IllegalStateException("listener bug");
    });
    try (Statement s = conn.createStatement(); ResultSet rs =
        s.executeQuery("SELECT count(*) FROM t")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(5);
      assertThat(rs.next()).isFalse();
    }
    assertThat(conn.createStatement().executeUpdate("DELETE FROM t WHERE id = 1")).isEqualTo(1);
  }

  @Test
  void traceOptionLogsAtDebug() throws SQLException {
    Logger jul = Logger.getLogger("org.decentdb.jdbc.trace");
    List<LogRecord> records = new ArrayList<>();
    Handler h = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    Level before = jul.getLevel();
    jul.setLevel(Level.FINE);
    jul.addHandler(h);
    try (Connection c = DriverManager.getConnection(
        "jdbc:decentdb:" + dir.resolve("t.ddb") + "?fsync=off&trace=true");
        Statement s = c.createStatement()) {
      s.executeUpdate("INSERT INTO t (id, name) VALUES (42, 'logged')");
    } finally {
      jul.removeHandler(h);
      jul.setLevel(before);
    }
    assertThat(records).anySatisfy(r -> {
      assertThat(r.getLevel()).isEqualTo(Level.FINE);
      assertThat(r.getMessage()).contains("INSERT INTO t (id, name) VALUES (42, 'logged')")
          .contains("affected=1");
    });
  }

  @Test
  void theDriversOwnKeyLookupIsNotTraced() throws SQLException {
    traces.clear();
    String sql = "INSERT INTO t (name) VALUES (?)";
    try (PreparedStatement ps = conn.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, "k");
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
    assertThat(traces).singleElement().satisfies(t -> {
      assertThat(t.sql()).isEqualTo(sql);
      assertThat(t.rowsReturned()).isEqualTo(1); // the key, through RETURNING
    });
  }
}
