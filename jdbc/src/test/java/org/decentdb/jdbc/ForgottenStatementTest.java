/*
 * Statements the application forgets to close: once collected, their native statements go
 * back to the connection, so a forgotten open ResultSet stops pinning its snapshot (the WAL
 * frames a checkpoint must keep) and stops holding native memory, without closing the
 * connection.
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ForgottenStatementTest {

  @TempDir Path dir;

  /** Leaves an open, half-read ResultSet behind, reachable from nothing. */
  private static void forgetAnOpenQuery(Connection c) throws SQLException {
    PreparedStatement ps = c.prepareStatement("SELECT id FROM t WHERE id > ?");
    ps.setInt(1, 0);
    ResultSet rs = ps.executeQuery();
    assertThat(rs.next()).isTrue();
  }

  private static long framesReadersNeed(Connection writer) throws SQLException {
    try (Statement s = writer.createStatement()) {
      s.executeUpdate("UPDATE t SET v = v + 1");
    }
    return writer.unwrap(DecentDBConnection.class).checkpoint(0);
  }

  @Test
  void aCollectedStatementReleasesItsSnapshot() throws Exception {
    String url = "jdbc:decentdb:" + dir.resolve("f.ddb") + "?fsync=off";
    try (Connection reader = DriverManager.getConnection(url);
        Connection writer = DriverManager.getConnection(url)) {
      try (Statement s = writer.createStatement()) {
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, v INT)");
      }
      try (PreparedStatement ins = writer.prepareStatement("INSERT INTO t (v) VALUES (?)")) {
        for (int i = 0; i < 2000; i++) { // more than one fetch batch: the query stays open
          ins.setInt(1, i);
          ins.addBatch();
        }
        ins.executeBatch();
      }
      forgetAnOpenQuery(reader);
      assertThat(framesReadersNeed(writer)).as("the open query pins WAL frames").isPositive();

      long needed = -1;
      for (int attempt = 0; attempt < 50 && needed != 0; attempt++) {
        System.gc();
        Thread.sleep(20);
        // The reader's next statement hands back what the Cleaner queued.
        try (PreparedStatement ps = reader.prepareStatement("SELECT count(*) FROM t");
            ResultSet rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(2000);
        }
        needed = framesReadersNeed(writer);
      }
      assertThat(needed).as("frames pinned after the statement was collected").isZero();
      // The connection that forgot the statement is unharmed.
      try (Statement s = reader.createStatement();
          ResultSet rs = s.executeQuery("SELECT sum(v) FROM t")) {
        assertThat(rs.next()).isTrue();
      }
    }
  }
}
