/*
 * The engines the perf lab compares, each opened on a file in a directory of the dataset
 * cache with comparable durability and cache settings: DecentDB (fsync on), sqlite-jdbc (WAL,
 * synchronous=FULL), H2 (embedded file) and HSQLDB (cached tables, write_delay off). Each
 * gets a 32 MiB page cache. Holds the few dialect differences the benchmarks need.
 */
package org.decentdb.perf.data;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;

public enum Engine {
  DECENTDB("decentdb") {
    @Override
    String url(Path dir, boolean bulkLoad) {
      return "jdbc:decentdb:" + dir.resolve("music.ddb") + (bulkLoad ? "?fsync=off" : "");
    }

    @Override
    String memoryUrl() {
      return "jdbc:decentdb::memory:";
    }
  },
  SQLITE("sqlite") {
    @Override
    String url(Path dir, boolean bulkLoad) {
      return "jdbc:sqlite:" + dir.resolve("music.sqlite");
    }

    @Override
    String memoryUrl() {
      return "jdbc:sqlite::memory:";
    }

    @Override
    void configure(Connection c, boolean bulkLoad) throws SQLException {
      try (Statement s = c.createStatement()) {
        s.execute("PRAGMA journal_mode=WAL");
        s.execute("PRAGMA synchronous=" + (bulkLoad ? "OFF" : "FULL"));
        s.execute("PRAGMA cache_size=-32768");
        s.execute("PRAGMA foreign_keys=ON");
        s.execute("PRAGMA case_sensitive_like=ON");
      }
    }

    @Override
    public boolean needsExplicitFkIndexes() {
      return true;
    }
  },
  H2("h2") {
    @Override
    String url(Path dir, boolean bulkLoad) {
      return "jdbc:h2:file:" + dir.resolve("music") + ";CACHE_SIZE=32768";
    }

    @Override
    String memoryUrl() {
      return "jdbc:h2:mem:";
    }
  },
  HSQLDB("hsqldb") {
    @Override
    String url(Path dir, boolean bulkLoad) {
      return "jdbc:hsqldb:file:" + dir.resolve("music")
          + ";hsqldb.default_table_type=cached;hsqldb.cache_size=32768"
          // Without this the row-count limit (50,000 rows) binds long before 32 MiB does
          // and every scan of tracks thrashes the cache.
          + ";hsqldb.cache_rows=1000000"
          + ";hsqldb.write_delay=" + (bulkLoad ? "true" : "false") + ";shutdown=true";
    }

    @Override
    String memoryUrl() {
      return "jdbc:hsqldb:mem:version";
    }

    @Override
    void configure(Connection c, boolean bulkLoad) throws SQLException {
      // The URL's write_delay only applies when the files are created; the database keeps
      // its own setting after that, so each connection states it (false = sync per commit).
      try (Statement s = c.createStatement()) {
        s.execute("SET FILES WRITE DELAY " + (bulkLoad ? "TRUE" : "FALSE"));
      }
    }
  };

  private final String id;

  Engine(String id) {
    this.id = id;
  }

  /** The short name used in benchmark parameters, cache keys and reports. */
  public String id() {
    return id;
  }

  public static Engine of(String id) {
    for (Engine e : values()) {
      if (e.id.equals(id.toLowerCase(Locale.ROOT))) {
        return e;
      }
    }
    throw new IllegalArgumentException("unknown engine " + id);
  }

  abstract String url(Path dir, boolean bulkLoad);

  abstract String memoryUrl();

  void configure(Connection c, boolean bulkLoad) throws SQLException {
  }

  /** True when the engine does not index foreign-key columns by itself. */
  public boolean needsExplicitFkIndexes() {
    return false;
  }

  /** Opens a connection with the settings the benchmarks measure (durable commits). */
  public Connection open(Path dir) throws SQLException {
    return open(dir, false);
  }

  Connection open(Path dir, boolean bulkLoad) throws SQLException {
    Connection c = DriverManager.getConnection(url(dir, bulkLoad), "SA", "");
    try {
      configure(c, bulkLoad);
    } catch (SQLException e) {
      c.close();
      throw e;
    }
    return c;
  }

  /** The engine's product version, read from a throwaway in-memory database. */
  public String productVersion() throws SQLException {
    try (Connection c = DriverManager.getConnection(memoryUrl(), "SA", "")) {
      return c.getMetaData().getDatabaseProductVersion();
    }
  }
}
