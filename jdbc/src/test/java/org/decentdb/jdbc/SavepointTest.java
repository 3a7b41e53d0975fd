/*
 * Savepoints through java.sql.Connection (setSavepoint, rollback(Savepoint),
 * releaseSavepoint) over the engine's SAVEPOINT / ROLLBACK TO / RELEASE: named and unnamed,
 * nested, errors for released savepoints and autocommit; and views listed by
 * DatabaseMetaData.getTables as TABLE_TYPE VIEW.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SavepointTest {

  @TempDir Path dir;
  Connection conn;

  @BeforeEach
  void open() throws SQLException {
    conn = DriverManager.getConnection("jdbc:decentdb:" + dir.resolve("sp.ddb") + "?fsync=off");
    exec("CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT)");
  }

  @AfterEach
  void close() throws SQLException {
    conn.close();
  }

  private void exec(String sql) throws SQLException {
    try (Statement s = conn.createStatement()) {
      s.execute(sql);
    }
  }

  private List<Integer> ids() throws SQLException {
    List<Integer> out = new ArrayList<>();
    try (Statement s = conn.createStatement();
        ResultSet rs = s.executeQuery("SELECT id FROM t ORDER BY id")) {
      while (rs.next()) {
        out.add(rs.getInt(1));
      }
    }
    return out;
  }

  @Test
  void rollbackToNestedSavepointsUndoesOnlyLaterWork() throws SQLException {
    conn.setAutoCommit(false);
    exec("INSERT INTO t VALUES (1, 'a')");
    Savepoint outer = conn.setSavepoint("outer");
    exec("INSERT INTO t VALUES (2, 'b')");
    Savepoint inner = conn.setSavepoint();
    exec("INSERT INTO t VALUES (3, 'c')");
    assertThat(ids()).containsExactly(1, 2, 3);

    conn.rollback(inner);
    assertThat(ids()).containsExactly(1, 2);
    // The savepoint stays usable after a rollback to it.
    exec("INSERT INTO t VALUES (4, 'd')");
    conn.rollback(inner);
    assertThat(ids()).containsExactly(1, 2);

    conn.rollback(outer);
    assertThat(ids()).containsExactly(1);
    // Rolling back to the outer savepoint discarded the inner one.
    assertThatThrownBy(() -> conn.rollback(inner))
        .isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("3B001"));

    exec("INSERT INTO t VALUES (5, 'e')");
    conn.commit();
    conn.setAutoCommit(true);
    assertThat(ids()).containsExactly(1, 5);
  }

  @Test
  void namedAndUnnamedSavepointsReportTheirIdentity() throws SQLException {
    conn.setAutoCommit(false);
    Savepoint named = conn.setSavepoint("Mixed Case \"name\"");
    Savepoint unnamed = conn.setSavepoint();
    assertThat(named.getSavepointName()).isEqualTo("Mixed Case \"name\"");
    assertThatThrownBy(named::getSavepointId).isInstanceOf(SQLException.class);
    assertThat(unnamed.getSavepointId()).isPositive();
    assertThatThrownBy(unnamed::getSavepointName).isInstanceOf(SQLException.class);
    exec("INSERT INTO t VALUES (1, 'x')");
    conn.rollback(named);
    assertThat(ids()).isEmpty();
    conn.rollback();
  }

  @Test
  void releaseKeepsTheWorkAndForgetsTheSavepoint() throws SQLException {
    conn.setAutoCommit(false);
    Savepoint a = conn.setSavepoint("a");
    exec("INSERT INTO t VALUES (1, 'x')");
    Savepoint b = conn.setSavepoint("b");
    exec("INSERT INTO t VALUES (2, 'y')");
    conn.releaseSavepoint(a);
    assertThat(ids()).containsExactly(1, 2);
    // Releasing a also released the later b.
    assertThatThrownBy(() -> conn.rollback(b)).isInstanceOf(SQLException.class);
    assertThatThrownBy(() -> conn.releaseSavepoint(a)).isInstanceOf(SQLException.class);
    conn.commit();
    conn.setAutoCommit(true);
    assertThat(ids()).containsExactly(1, 2);
  }

  @Test
  void rollbackOfTheTransactionDiscardsWorkBeforeAndAfterSavepoints() throws SQLException {
    conn.setAutoCommit(false);
    exec("INSERT INTO t VALUES (1, 'x')");
    conn.setSavepoint("s");
    exec("INSERT INTO t VALUES (2, 'y')");
    conn.rollback();
    conn.setAutoCommit(true);
    assertThat(ids()).isEmpty();
  }

  @Test
  void savepointsNeedAutocommitOff() {
    assertThatThrownBy(() -> conn.setSavepoint("s")).isInstanceOf(SQLException.class);
  }

  @Test
  void schemaChangesRollBackToASavepoint() throws SQLException {
    conn.setAutoCommit(false);
    Savepoint s = conn.setSavepoint();
    exec("CREATE TABLE gone (a INT)");
    exec("ALTER TABLE t ADD COLUMN extra INT DEFAULT 1");
    conn.rollback(s);
    conn.commit();
    conn.setAutoCommit(true);
    assertThatThrownBy(() -> exec("SELECT * FROM gone")).isInstanceOf(SQLException.class);
    try (ResultSet rs = conn.getMetaData().getColumns(null, null, "t", null)) {
      int n = 0;
      while (rs.next()) {
        n++;
      }
      assertThat(n).isEqualTo(2);
    }
  }

  @Test
  void viewsAreListedAsViewsByTheMetadata() throws SQLException {
    exec("CREATE VIEW t_names AS SELECT v FROM t");
    List<String> tables = new ArrayList<>();
    List<String> views = new ArrayList<>();
    try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", null)) {
      while (rs.next()) {
        (rs.getString("TABLE_TYPE").equals("VIEW") ? views : tables).add(rs.getString("TABLE_NAME"));
      }
    }
    assertThat(tables).containsExactly("t");
    assertThat(views).containsExactly("t_names");
    try (ResultSet rs = conn.getMetaData().getTables(null, null, "%", new String[] {"VIEW"})) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getString("TABLE_NAME")).isEqualTo("t_names");
      assertThat(rs.next()).isFalse();
    }
  }
}
