/*
 * Opens the example music library: creates the schema in a new DecentDB file and builds a
 * MyBatis SqlSessionFactory for it with DecentDB.configure (type handlers + databaseId), the
 * example mappers, and any interceptors given (metrics, fast row mapping).
 */
package org.decentdb.examples.mybatis;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.decentdb.mybatis.DecentDB;

public final class Library implements AutoCloseable {

  static final String[] SCHEMA = {
      "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT)",
      "CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL REFERENCES artist (id),"
          + " title TEXT NOT NULL, released_on DATE, price DECIMAL(6,2))",
      "CREATE TABLE track (id INTEGER PRIMARY KEY, album_id INTEGER NOT NULL REFERENCES album (id),"
          + " track_no INTEGER NOT NULL, title TEXT NOT NULL, duration_ms INTEGER NOT NULL,"
          + " added_at TIMESTAMP)",
      "CREATE INDEX track_album_duration ON track (album_id, duration_ms)"};

  public final Path file;
  public final SqlSessionFactory factory;
  private final PooledDataSource dataSource;

  /** Deletes any previous file, creates the schema and configures MyBatis. */
  public Library(Path file, Interceptor... interceptors) throws Exception {
    this(file, true, interceptors);
  }

  /** Configures MyBatis on the file; with create, first replaces it with an empty schema. */
  public Library(Path file, boolean create, Interceptor... interceptors) throws Exception {
    this.file = file.toAbsolutePath();
    String url = "jdbc:decentdb:" + this.file;
    if (create) {
      Files.createDirectories(this.file.getParent());
      Files.deleteIfExists(this.file);
      Files.deleteIfExists(Path.of(this.file + ".wal"));
      try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
        for (String ddl : SCHEMA) {
          s.execute(ddl);
        }
      }
    }
    dataSource = new PooledDataSource("org.decentdb.jdbc.DecentDBDriver", url, null, null);
    Configuration cfg = new Configuration(
        new Environment("example", new JdbcTransactionFactory(), dataSource));
    cfg.setMapUnderscoreToCamelCase(true);
    cfg.setLazyLoadingEnabled(true);
    cfg.setAggressiveLazyLoading(false);
    for (Interceptor i : interceptors) {
      cfg.addInterceptor(i);
    }
    DecentDB.configure(cfg); // before the mappers: handlers and databaseId apply when parsing
    cfg.addMapper(AlbumMapper.class);
    cfg.addMapper(ArtistMapper.class);
    cfg.addMapper(TrackMapper.class);
    factory = new SqlSessionFactoryBuilder().build(cfg);
  }

  @Override
  public void close() {
    dataSource.forceCloseAll();
  }
}
