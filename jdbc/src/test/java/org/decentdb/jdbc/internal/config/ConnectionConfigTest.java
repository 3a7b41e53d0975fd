/*
 * Tests for ConnectionConfig: URL forms, option merging and validation, and the engine option
 * string handed to decentdb_open.
 */
package org.decentdb.jdbc.internal.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ConnectionConfigTest {

  @Test
  void parsesFilePathAndQueryOptions() throws SQLException {
    ConnectionConfig c = ConnectionConfig.parse(
        "jdbc:decentdb:/tmp/my db.ddb?cache_size=64MB&fsync=off&stmt_cache_size=10", null);
    assertThat(c.path()).isEqualTo("/tmp/my db.ddb");
    assertThat(c.isMemory()).isFalse();
    assertThat(c.statementCacheSize()).isEqualTo(10);
    assertThat(c.engineOptions()).isEqualTo("cache_size=64MB;fsync=off");
  }

  @Test
  void memoryUrlAndDefaults() throws SQLException {
    ConnectionConfig c = ConnectionConfig.parse("jdbc:decentdb::memory:", new Properties());
    assertThat(c.isMemory()).isTrue();
    assertThat(c.statementCacheSize()).isEqualTo(64);
    assertThat(c.trace()).isFalse();
    assertThat(c.readOnly()).isFalse();
    assertThat(c.engineOptions()).isEmpty();
  }

  @Test
  void propertiesOverrideTheUrlAndKeysAreCaseInsensitive() throws SQLException {
    Properties p = new Properties();
    p.setProperty("READ_ONLY", "TRUE");
    p.setProperty("busy_timeout_ms", "250");
    p.setProperty("user", "ignored");
    ConnectionConfig c = ConnectionConfig.parse("jdbc:decentdb:db.ddb?read_only=false", p);
    assertThat(c.readOnly()).isTrue();
    assertThat(c.engineOptions()).isEqualTo("busy_timeout_ms=250;read_only=true");
  }

  @Test
  void rejectsUnknownOptionsListingTheKnownOnes() {
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:decentdb:x.ddb?fsycn=off", null))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("unknown connection option 'fsycn'")
        .hasMessageContaining("fsync").hasMessageContaining("cache_size");
  }

  @Test
  void rejectsBadValues() {
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:decentdb:x?fsync=maybe", null))
        .hasMessageContaining("invalid value 'maybe' for option fsync");
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:decentdb:x?page_size=1000", null))
        .hasMessageContaining("page_size");
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:decentdb:x?busy_timeout_ms=-1", null))
        .hasMessageContaining("busy_timeout_ms");
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:decentdb:x?cache_size=lots", null))
        .hasMessageContaining("cache_size");
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:decentdb:x?trace", null))
        .hasMessageContaining("malformed option 'trace'");
  }

  @Test
  void rejectsForeignAndEmptyUrls() {
    assertThat(ConnectionConfig.acceptsUrl("jdbc:sqlite:x")).isFalse();
    assertThat(ConnectionConfig.acceptsUrl("JDBC:DecentDB:x")).isTrue();
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:h2:x", null))
        .isInstanceOfSatisfying(SQLException.class,
            e -> assertThat(e.getSQLState()).isEqualTo("08001"));
    assertThatThrownBy(() -> ConnectionConfig.parse("jdbc:decentdb:", null))
        .hasMessageContaining("names no database file");
  }
}
