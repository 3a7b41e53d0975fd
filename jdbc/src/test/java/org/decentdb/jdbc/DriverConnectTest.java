/*
 * Driver-level tests that need the native library but no SQL: URL acceptance, opening real
 * files and private in-memory databases, option errors, the integrity check and checkpoint
 * through unwrap, isolation-level rules, use after close, and a second process being refused.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriverConnectTest {

  @TempDir Path dir;

  private String url(String name) {
    return "jdbc:decentdb:" + dir.resolve(name);
  }

  @Test
  void driverManagerFindsTheDriverAndOpensAFile() throws Exception {
    try (Connection c = DriverManager.getConnection(url("a.ddb"))) {
      assertThat(c.isValid(1)).isTrue();
      assertThat(c.getAutoCommit()).isTrue();
      assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("DecentDB");
      assertThat(c.getMetaData().getDatabaseProductVersion()).matches("\\d+\\.\\d+.*");
      assertThat(c.unwrap(DecentDBConnection.class).integrityCheck()).isEqualTo("ok");
      assertThat(c.unwrap(DecentDBConnection.class).checkpoint(0)).isGreaterThanOrEqualTo(0);
    }
    assertThat(Files.exists(dir.resolve("a.ddb"))).isTrue();
  }

  @Test
  void foreignUrlsAreLeftToOtherDrivers() throws SQLException {
    DecentDBDriver d = new DecentDBDriver();
    assertThat(d.acceptsURL("jdbc:h2:mem:x")).isFalse();
    assertThat(d.connect("jdbc:h2:mem:x", new Properties())).isNull();
    assertThat(d.getPropertyInfo(url("x"), new Properties())).extracting(p -> p.name)
        .contains("cache_size", "fsync", "busy_timeout_ms", "read_only", "page_size",
            "stmt_cache_size", "trace");
  }

  @Test
  void unknownOptionsAndBadValuesAreRefused() {
    assertThatThrownBy(() -> DriverManager.getConnection(url("b.ddb") + "?fsycn=off"))
        .isInstanceOf(SQLException.class).hasMessageContaining("unknown connection option");
    assertThatThrownBy(() -> DriverManager.getConnection(url("b.ddb") + "?page_size=123"))
        .hasMessageContaining("page_size");
  }

  @Test
  void memoryDatabasesArePrivatePerConnection() throws SQLException {
    try (Connection a = DriverManager.getConnection("jdbc:decentdb::memory:");
        Connection b = DriverManager.getConnection("jdbc:decentdb::memory:")) {
      assertThat(a.unwrap(DecentDBConnection.class).integrityCheck()).isEqualTo("ok");
      assertThat(b.unwrap(DecentDBConnection.class).integrityCheck()).isEqualTo("ok");
    }
  }

  @Test
  void openingInAMissingDirectoryFails() {
    Properties p = new Properties();
    assertThatThrownBy(() -> DriverManager.getConnection(url("nope/deeper/x.ddb"), p))
        .isInstanceOf(SQLException.class).hasMessageContaining("cannot open database");
  }

  @Test
  void serializableIsRefusedAndRepeatableReadReported() throws SQLException {
    try (Connection c = DriverManager.getConnection(url("c.ddb"))) {
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      assertThatThrownBy(() -> c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE))
          .isInstanceOf(SQLFeatureNotSupportedException.class);
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
      c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      assertThat(c.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_REPEATABLE_READ);
    }
  }

  @Test
  void everyCallAfterCloseFailsCleanly() throws SQLException {
    Connection c = DriverManager.getConnection(url("d.ddb"));
    c.close();
    c.close(); // idempotent
    assertThat(c.isClosed()).isTrue();
    assertThat(c.isValid(0)).isFalse();
    assertThatThrownBy(c::createStatement).isInstanceOfSatisfying(SQLException.class,
        e -> assertThat(e.getSQLState()).isEqualTo("08003"));
    assertThatThrownBy(() -> c.prepareStatement("SELECT 1")).hasMessageContaining("closed");
    assertThatThrownBy(() -> c.unwrap(DecentDBConnection.class).integrityCheck())
        .hasMessageContaining("closed");
    assertThatThrownBy(c::commit).hasMessageContaining("closed");
  }

  @Test
  void aFileOpenInThisProcessIsRefusedToAnotherProcess() throws Exception {
    Path db = dir.resolve("locked.ddb");
    try (Connection c = DriverManager.getConnection("jdbc:decentdb:" + db)) {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
          SecondProcess.class.getName(), "jdbc:decentdb:" + db);
      pb.redirectErrorStream(true);
      Process p = pb.start();
      String out = new String(p.getInputStream().readAllBytes());
      assertThat(p.waitFor()).as(out).isEqualTo(3);
      assertThat(out).contains("55P03").contains("locked by another process");
    }
  }

  /** Entry point of the second process: exit 3 when the open is refused as busy. */
  public static final class SecondProcess {
    public static void main(String[] args) {
      try (Connection c = DriverManager.getConnection(args[0])) {
        System.out.println("opened");
        System.exit(0);
      } catch (SQLException e) {
        System.out.println(e.getSQLState() + " " + e.getMessage());
        System.exit("55P03".equals(e.getSQLState()) ? 3 : 2);
      }
    }
  }
}
