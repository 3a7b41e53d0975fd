/* Naming conventions: both directions, the cases mapUnderscoreToCamelCase misses, indexes. */
package org.decentdb.mybatis.naming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamingConventionsTest {

  @TempDir Path dir;

  @Test
  void convertsBetweenSnakeAndCamelCase() {
    assertThat(NamingConventions.toSnakeCase("createdAt")).isEqualTo("created_at");
    assertThat(NamingConventions.toSnakeCase("CreatedAt")).isEqualTo("created_at");
    assertThat(NamingConventions.toSnakeCase("created_at")).isEqualTo("created_at");
    assertThat(NamingConventions.toSnakeCase("HTTPStatus")).isEqualTo("http_status");
    assertThat(NamingConventions.toSnakeCase("albumID")).isEqualTo("album_id");
    assertThat(NamingConventions.toSnakeCase("addressLine1")).isEqualTo("address_line1");
    assertThat(NamingConventions.toCamelCase("created_at")).isEqualTo("createdAt");
    assertThat(NamingConventions.toCamelCase("CREATED_AT")).isEqualTo("createdAt");
    assertThat(NamingConventions.toCamelCase("CreatedAt")).isEqualTo("createdAt");
    assertThat(NamingConventions.toCamelCase("createdAt")).isEqualTo("createdAt");
    assertThat(NamingConventions.canonical("created_at"))
        .isEqualTo(NamingConventions.canonical("CreatedAt"))
        .isEqualTo(NamingConventions.canonical("createdAt"));
  }

  static class TrackArtist {}

  @Test
  void derivesTableColumnAndKeyNames() {
    assertThat(NamingConventions.tableName(TrackArtist.class)).isEqualTo("track_artist");
    assertThat(NamingConventions.columnName("releasedOn")).isEqualTo("released_on");
    assertThat(NamingConventions.DEFAULT_KEY).isEqualTo("id");
  }

  @Test
  void createsIndexesForFilterColumnsOnce() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:decentdb:" + dir.resolve("n.ddb"))) {
      try (Statement s = c.createStatement()) {
        s.execute("CREATE TABLE track (id INTEGER PRIMARY KEY, album_id INTEGER, title TEXT)");
      }
      NamingConventions.createIndexes(c, "track", "album_id", "title");
      NamingConventions.createIndexes(c, "track", "album_id"); // IF NOT EXISTS: no error
      try (ResultSet rs = c.getMetaData().getIndexInfo(null, null, "track", false, false)) {
        java.util.Set<String> names = new java.util.HashSet<>();
        while (rs.next()) {
          names.add(rs.getString("INDEX_NAME"));
        }
        assertThat(names).contains("track_album_id_idx", "track_title_idx");
      }
    }
    assertThatThrownBy(() -> NamingConventions.indexStatements("track", "title; DROP"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
