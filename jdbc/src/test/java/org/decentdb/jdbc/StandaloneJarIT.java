/*
 * The standalone jar works alone: loaded by a class loader that sees nothing but that jar (as a
 * database tool does with a driver jar), its java.sql.Driver is found through ServiceLoader,
 * loads its own JNI library and runs SQL on a file.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StandaloneJarIT {

  @TempDir Path dir;

  @Test
  void theStandaloneJarAloneOpensADatabaseAndRunsSql() throws Exception {
    Path jar = Path.of(System.getProperty("standalone.jar"));
    assertThat(jar).exists();
    try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()},
        ClassLoader.getPlatformClassLoader())) {
      Driver driver = null;
      for (Driver d : ServiceLoader.load(Driver.class, loader)) {
        if (d.acceptsURL("jdbc:decentdb::memory:")) {
          driver = d;
        }
      }
      assertThat(driver).as("DecentDB driver found through META-INF/services").isNotNull();
      assertThat(driver.getClass().getClassLoader()).isSameAs(loader);
      try (Connection c = driver.connect("jdbc:decentdb:" + dir.resolve("s.ddb"), new Properties());
          Statement s = c.createStatement()) {
        s.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
        s.execute("INSERT INTO t (name) VALUES ('from the standalone jar')");
        try (ResultSet rs = s.executeQuery("SELECT name FROM t WHERE id = 1")) {
          assertThat(rs.next()).isTrue();
          assertThat(rs.getString(1)).isEqualTo("from the standalone jar");
        }
        assertThat(c.getMetaData().getDatabaseProductName()).isEqualTo("DecentDB");
      }
    }
    assertThat(Files.size(jar)).isGreaterThan(100_000L);
  }
}
