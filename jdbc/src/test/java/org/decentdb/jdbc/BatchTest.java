/*
 * executeBatch on a PreparedStatement: exact per-row update counts from the engine, the
 * counts of the rows that stayed when a row fails inside a transaction, all-or-nothing in
 * autocommit mode, and generated keys named by column (RETURNING) for every row of a batch;
 * generated keys through execute() (as MyBatis calls it) and for multi-row INSERTs.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchTest {

  @TempDir Path dir;
  Connection conn;

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:decentdb:" + dir.resolve("b.ddb") + "?fsync=off");
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE item (id INTEGER PRIMARY KEY, grp INT NOT NULL, code TEXT UNIQUE)");
      s.execute("INSERT INTO item (grp, code) VALUES (1, 'a'), (2, 'b'), (2, 'c'), (3, 'd'),"
          + " (3, 'e'), (3, 'f')");
    }
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private long count() throws SQLException {
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT count(*) FROM item")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  @Test
  void updateBatchReportsEachRowsCount() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement("UPDATE item SET code = code WHERE grp = ?")) {
      for (int g : new int[] {3, 7, 1, 2}) {
        ps.setInt(1, g);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).containsExactly(3, 0, 1, 2);
    }
  }

  @Test
  void failingRowInsideATransactionKeepsEarlierRowsAndTheirCounts() throws SQLException {
    conn.setAutoCommit(false);
    try (PreparedStatement ps = conn.prepareStatement("DELETE FROM item WHERE grp = ?");
        PreparedStatement ins = conn.prepareStatement("INSERT INTO item (grp, code) VALUES (?, ?)")) {
      ps.setInt(1, 2);
      ps.addBatch();
      ps.setInt(1, 3);
      ps.addBatch();
      assertThat(ps.executeBatch()).containsExactly(2, 3);
      ins.setInt(1, 9);
      ins.setString(2, "x");
      ins.addBatch();
      ins.setInt(1, 9);
      ins.setString(2, "a"); // duplicate code: row 1 fails
      ins.addBatch();
      ins.setInt(1, 9);
      ins.setString(2, "y");
      ins.addBatch();
      assertThatThrownBy(ins::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
          e -> {
            assertThat(e.getUpdateCounts()).containsExactly(1);
            assertThat(e.getCause()).isInstanceOf(SQLIntegrityConstraintViolationException.class);
          });
    }
    assertThat(count()).isEqualTo(2); // 'a' and 'x'
    conn.commit();
  }

  @Test
  void namedGeneratedKeysForEveryBatchRow() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO item (grp, code) VALUES (?, ?)", new String[] {"id", "code"})) {
      for (int i = 0; i < 300; i++) {
        ps.setInt(1, 50);
        ps.setString(2, "k" + i);
        ps.addBatch();
      }
      int[] counts = ps.executeBatch();
      assertThat(counts).hasSize(300).containsOnly(1);
      List<Long> ids = new ArrayList<>();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertThat(keys.getMetaData().getColumnCount()).isEqualTo(2);
        int i = 0;
        while (keys.next()) {
          ids.add(keys.getLong(1));
          assertThat(keys.getString(2)).isEqualTo("k" + i++);
        }
      }
      assertThat(ids).hasSize(300).doesNotHaveDuplicates().isSorted();
      assertThat(ids.get(0)).isEqualTo(7L);
    }
    assertThat(count()).isEqualTo(306);
  }

  @Test
  void namedKeysBatchIsAllOrNothingInAutocommit() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO item (grp, code) VALUES (?, ?)", new String[] {"id"})) {
      ps.setInt(1, 1);
      ps.setString(2, "new1");
      ps.addBatch();
      ps.setInt(1, 1);
      ps.setString(2, "b"); // duplicate
      ps.addBatch();
      assertThatThrownBy(ps::executeBatch).isInstanceOfSatisfying(BatchUpdateException.class,
          e -> assertThat(e.getUpdateCounts()).containsExactly(Statement.EXECUTE_FAILED,
              Statement.EXECUTE_FAILED));
      // The statement and connection stay usable, and nothing of the batch stayed.
      ps.setInt(1, 1);
      ps.setString(2, "new2");
      ps.addBatch();
      assertThat(ps.executeBatch()).containsExactly(1);
    }
    assertThat(count()).isEqualTo(7);
    assertThat(conn.getAutoCommit()).isTrue();
  }

  @Test
  void executeReportsKeysAndCountLikeExecuteUpdate() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO item (grp, code) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      ps.setInt(1, 4);
      ps.setString(2, "g");
      assertThat(ps.execute()).isFalse();
      assertThat(ps.getUpdateCount()).isEqualTo(1);
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getLong(1)).isEqualTo(7L);
        assertThat(keys.next()).isFalse();
      }
    }
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO item (grp, code) VALUES (?, ?)", new String[] {"id"})) {
      ps.setInt(1, 4);
      ps.setString(2, "h");
      assertThat(ps.execute()).isFalse();
      assertThat(ps.getUpdateCount()).isEqualTo(1);
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getLong("id")).isEqualTo(8L);
      }
    }
  }

  @Test
  void multiRowInsertReturnsEveryKey() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "/* three */ INSERT INTO \"item\" (grp, code) VALUES (?, 'p'), (?, 'q'), (?, 'r')",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setInt(1, 5);
      ps.setInt(2, 5);
      ps.setInt(3, 5);
      assertThat(ps.executeUpdate()).isEqualTo(3);
      List<Long> ids = new ArrayList<>();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        while (keys.next()) {
          ids.add(keys.getLong(1));
        }
      }
      assertThat(ids).containsExactly(7L, 8L, 9L);
    }
    // A table whose key is not an INTEGER PRIMARY KEY reports the rowid.
    try (Statement s = conn.createStatement()) {
      s.execute("CREATE TABLE tag (name TEXT PRIMARY KEY)");
    }
    try (PreparedStatement ps = conn.prepareStatement("INSERT INTO tag VALUES (?)",
        Statement.RETURN_GENERATED_KEYS)) {
      ps.setString(1, "rock");
      assertThat(ps.executeUpdate()).isEqualTo(1);
      try (ResultSet keys = ps.getGeneratedKeys()) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getLong(1)).isPositive();
      }
    }
  }

  @Test
  void batchWithReturnGeneratedKeysGivesEveryRowsKey() throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(
        "INSERT INTO item (grp, code) VALUES (?, ?)", Statement.RETURN_GENERATED_KEYS)) {
      for (int i = 0; i < 5; i++) {
        ps.setInt(1, 6);
        ps.setString(2, "b" + i);
        ps.addBatch();
      }
      assertThat(ps.executeBatch()).containsExactly(1, 1, 1, 1, 1);
      List<Long> ids = new ArrayList<>();
      try (ResultSet keys = ps.getGeneratedKeys()) {
        while (keys.next()) {
          ids.add(keys.getLong(1));
        }
      }
      assertThat(ids).containsExactly(7L, 8L, 9L, 10L, 11L);
    }
  }

  @Test
  void plainStatementMultiRowInsertReturnsEveryKey() throws SQLException {
    try (Statement s = conn.createStatement()) {
      assertThat(s.executeUpdate("INSERT INTO item (grp, code) VALUES (8, 's1'), (8, 's2')",
          Statement.RETURN_GENERATED_KEYS)).isEqualTo(2);
      assertThat(s.getUpdateCount()).isEqualTo(2);
      List<Long> ids = new ArrayList<>();
      try (ResultSet keys = s.getGeneratedKeys()) {
        while (keys.next()) {
          ids.add(keys.getLong(1));
        }
      }
      assertThat(ids).containsExactly(7L, 8L);
    }
  }
}
