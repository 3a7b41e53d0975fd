/*
 * A statement prepared (or cached by the connection) before a schema change keeps working
 * after it: SELECT * over a table recreated with other columns returns the new columns,
 * with their names and declared types, from a reused PreparedStatement and from the
 * connection's statement cache alike.
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
import java.sql.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchemaChangeTest {

  @TempDir Path dir;

  @Test
  void selectStarFollowsARecreatedTable() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:decentdb:" + dir.resolve("s.ddb"));
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE t (a INT)");
      s.execute("INSERT INTO t VALUES (1)");
      try (PreparedStatement ps = c.prepareStatement("SELECT * FROM t")) {
        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.getMetaData().getColumnCount()).isEqualTo(1);
          assertThat(rs.next()).isTrue();
          assertThat(rs.getInt(1)).isEqualTo(1);
        }
        try (ResultSet rs = s.executeQuery("SELECT * FROM t")) { // now in the cache
          assertThat(rs.next()).isTrue();
        }

        s.execute("DROP TABLE t");
        s.execute("CREATE TABLE t (label TEXT, a INT, at TIMESTAMP)");
        s.execute("INSERT INTO t VALUES ('x', 7, 86400000)");

        try (ResultSet rs = ps.executeQuery()) {
          assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
          assertThat(rs.getMetaData().getColumnName(3)).isEqualTo("at");
          assertThat(rs.getMetaData().getColumnTypeName(3)).isEqualTo("TIMESTAMP");
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("x");
          assertThat(rs.getInt(2)).isEqualTo(7);
          assertThat(rs.getObject(3)).isEqualTo(new Timestamp(86_400_000L));
          assertThat(rs.next()).isFalse();
        }
        try (ResultSet rs = s.executeQuery("SELECT * FROM t")) {
          assertThat(rs.getMetaData().getColumnCount()).isEqualTo(3);
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString("label")).isEqualTo("x");
        }
      }
    }
  }
}
