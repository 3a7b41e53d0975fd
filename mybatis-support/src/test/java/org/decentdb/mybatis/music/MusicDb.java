/*
 * Test fixture: a music-library database file (artists -> albums -> tracks with foreign keys)
 * in a temporary directory, and a SqlSessionFactory over it configured with DecentDB.configure
 * and the music mappers. Close it to release the file.
 */
package org.decentdb.mybatis.music;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.apache.ibatis.datasource.pooled.PooledDataSource;
import org.apache.ibatis.mapping.Environment;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.session.Configuration;
import org.apache.ibatis.session.SqlSessionFactory;
import org.apache.ibatis.session.SqlSessionFactoryBuilder;
import org.apache.ibatis.transaction.jdbc.JdbcTransactionFactory;
import org.decentdb.mybatis.DecentDB;

public final class MusicDb implements AutoCloseable {

  public final String url;
  public final PooledDataSource dataSource;
  public final Configuration configuration;
  public final SqlSessionFactory factory;

  public MusicDb(Path dir, Interceptor... interceptors) throws Exception {
    this.url = "jdbc:decentdb:" + dir.resolve("music.ddb") + "?fsync=off";
    runScript(url, "schema.sql");
    this.dataSource = new PooledDataSource("org.decentdb.jdbc.DecentDBDriver", url, null, null);
    this.configuration = new Configuration(
        new Environment("test", new JdbcTransactionFactory(), dataSource));
    configuration.setMapUnderscoreToCamelCase(true);
    configuration.setLazyLoadingEnabled(true);
    configuration.setAggressiveLazyLoading(false);
    for (Interceptor i : interceptors) {
      configuration.addInterceptor(i);
    }
    DecentDB.configure(configuration);
    configuration.addMapper(ArtistMapper.class);
    configuration.addMapper(TrackMapper.class);
    configuration.addMapper(AlbumMapper.class);
    this.factory = new SqlSessionFactoryBuilder().build(configuration);
  }

  /** Runs a ;-separated script from this package on a fresh connection. */
  public static void runScript(String url, String resource) throws SQLException, IOException {
    String script;
    try (InputStream in = MusicDb.class.getResourceAsStream(resource)) {
      script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      for (String sql : script.split(";")) {
        if (!sql.isBlank()) {
          s.execute(sql);
        }
      }
    }
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(url);
  }

  @Override
  public void close() {
    dataSource.forceCloseAll();
  }
}
