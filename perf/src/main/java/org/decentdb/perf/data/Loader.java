/*
 * Bulk loading through plain JDBC batches, identical for every engine: one prepared INSERT,
 * executeBatch every 1,000 rows, commit every 20,000.
 */
package org.decentdb.perf.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

final class Loader {

  /** Fills the parameters of one row (1-based row number). */
  interface RowBinder {
    void bind(PreparedStatement ps, long row) throws SQLException;
  }

  private Loader() {
  }

  static void insert(Connection c, String sql, long rows, RowBinder binder) throws SQLException {
    boolean auto = c.getAutoCommit();
    c.setAutoCommit(false);
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (long r = 1; r <= rows; r++) {
        binder.bind(ps, r);
        ps.addBatch();
        if (r % 1000 == 0 || r == rows) {
          ps.executeBatch();
        }
        if (r % 20000 == 0) {
          c.commit();
        }
      }
      c.commit();
    } finally {
      c.setAutoCommit(auto);
    }
  }

  static void exec(Connection c, String... statements) throws SQLException {
    try (Statement s = c.createStatement()) {
      for (String sql : statements) {
        s.execute(sql);
      }
    }
  }

  static long count(Connection c, String table) throws SQLException {
    try (Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      return rs.next() ? rs.getLong(1) : -1;
    }
  }
}
