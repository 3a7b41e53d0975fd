/*
 * A 10-million-row scan streams: it runs in a JVM whose heap is capped (failsafe's -Xmx in
 * jdbc/pom.xml), so a ResultSet that buffered its rows would fail with OutOfMemoryError. Rows
 * are loaded with executeBatch in one transaction and read back in fetch-size batches.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StreamingScanIT {

  static final int ROWS = 10_000_000;

  @TempDir Path dir;

  @Test
  void tenMillionRowsStreamThroughASmallHeap() throws Exception {
    long maxHeap = Runtime.getRuntime().maxMemory();
    assertThat(maxHeap).as("this test must run with a small -Xmx").isLessThan(128L << 20);
    try (Connection c = DriverManager.getConnection(
        "jdbc:decentdb:" + dir.resolve("big.ddb") + "?fsync=off&cache_size=64MB")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE big (id INTEGER PRIMARY KEY, pad TEXT NOT NULL)");
      }
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO big (id, pad) VALUES (?, ?)")) {
        for (int i = 1; i <= ROWS; i++) {
          ps.setInt(1, i);
          ps.setString(2, "row");
          ps.addBatch();
          if (i % 50_000 == 0) {
            ps.executeBatch();
          }
        }
      }
      c.commit();
      c.setAutoCommit(true);
      long count = 0;
      long sum = 0;
      try (Statement s = c.createStatement()) {
        s.setFetchSize(1000);
        try (ResultSet rs = s.executeQuery("SELECT id, pad FROM big")) {
          while (rs.next()) {
            count++;
            sum += rs.getLong(1);
            if (rs.getString(2).length() != 3) {
              throw new AssertionError("bad row " + count);
            }
          }
        }
      }
      assertThat(count).isEqualTo(ROWS);
      assertThat(sum).isEqualTo((long) ROWS * (ROWS + 1) / 2);
    }
  }
}
