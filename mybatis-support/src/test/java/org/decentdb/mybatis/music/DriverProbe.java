/*
 * Checks, on a private in-memory database, whether the JDBC driver reports generated keys and
 * the update count after PreparedStatement.execute() (the call MyBatis makes), for both the
 * rowid form (RETURN_GENERATED_KEYS) and named key columns. The generated-key tests of single
 * inserts assume it; they run, unchanged, as soon as the driver does.
 */
package org.decentdb.mybatis.music;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

final class DriverProbe {

  static final String EXECUTE_KEYS_DEFECT = "the driver's PreparedStatement.execute() does not"
      + " report generated keys and the update count of an INSERT (it does for executeUpdate)";

  private DriverProbe() {}

  static boolean executeReportsGeneratedKeys() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:decentdb::memory:")) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE probe (id INTEGER PRIMARY KEY, v TEXT)");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe (v) VALUES (?)",
          Statement.RETURN_GENERATED_KEYS)) {
        ps.setString(1, "a");
        ps.execute();
        if (ps.getUpdateCount() != 1 || !hasKey(ps)) {
          return false;
        }
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO probe (v) VALUES (?)",
          new String[] {"id"})) {
        ps.setString(1, "b");
        ps.execute();
        return ps.getUpdateCount() == 1 && hasKey(ps);
      }
    }
  }

  private static boolean hasKey(PreparedStatement ps) throws SQLException {
    try (ResultSet rs = ps.getGeneratedKeys()) {
      return rs.next() && rs.getLong(1) > 0;
    }
  }
}
