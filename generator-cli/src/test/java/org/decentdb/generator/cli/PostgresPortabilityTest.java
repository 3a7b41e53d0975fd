/*
 * The generated code on PostgreSQL: reflect a PostgreSQL database through --url, generate the
 * music mappers, compile them with the same scenario GeneratedCodeTest runs on DecentDB, and
 * run CRUD, finders, relationships and a keyset walk there. Needs a server: set
 * -Ddecentdb.pg.url=jdbc:postgresql://host:port/db (and -Ddecentdb.pg.user); skipped otherwise.
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.UUID;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;

@EnabledIfSystemProperty(named = "decentdb.pg.url", matches = "jdbc:postgresql:.+")
class PostgresPortabilityTest {
  static final String[] DDL = {
    "DROP TABLE IF EXISTS track, album, artist CASCADE",
    "CREATE TABLE artist (id BIGSERIAL PRIMARY KEY, name VARCHAR(100) NOT NULL, country TEXT,"
        + " born DATE, active BOOLEAN NOT NULL, created_at TIMESTAMP NOT NULL)",
    "CREATE UNIQUE INDEX artist_name_uq ON artist (name)",
    "CREATE INDEX artist_country_ix ON artist (country)",
    "CREATE TABLE album (artist_id BIGINT NOT NULL REFERENCES artist (id),"
        + " album_no BIGINT NOT NULL, title TEXT NOT NULL, released DATE,"
        + " price DECIMAL(10,2), PRIMARY KEY (artist_id, album_no))",
    "CREATE INDEX album_title_ix ON album (title)",
    "CREATE TABLE track (id BIGSERIAL PRIMARY KEY, artist_id BIGINT NOT NULL,"
        + " album_no BIGINT NOT NULL, title TEXT NOT NULL, duration_ms BIGINT NOT NULL,"
        + " uid UUID NOT NULL, starts_at TIME, rating DOUBLE PRECISION, gain REAL,"
        + " cover BYTEA, FOREIGN KEY (artist_id, album_no) REFERENCES album (artist_id, album_no))",
    "CREATE INDEX track_album_ix ON track (artist_id, album_no)",
    "CREATE UNIQUE INDEX track_uid_uq ON track (uid)",
    "CREATE INDEX track_duration_ix ON track (duration_ms)",
  };

  final String url = System.getProperty("decentdb.pg.url");
  final String user = System.getProperty("decentdb.pg.user", "postgres");

  @TempDir
  Path dir;

  private void sql(String... statements) throws Exception {
    try (Connection c = DriverManager.getConnection(url, user, null);
        Statement s = c.createStatement()) {
      for (String q : statements) {
        s.execute(q);
      }
    }
  }

  private void empty() throws Exception {
    sql("TRUNCATE track, album, artist RESTART IDENTITY");
  }

  @Test
  void generatedMappersRunOnPostgresql() throws Throwable {
    sql(DDL);
    Path out = dir.resolve("src");
    Cli.Run run = Cli.run("generate", "--url", url, "--user", user, "--package",
        "com.example.music", "--out", out.toString(), "--records", "--offset-paging");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("warning");
    try (var files = Files.walk(out)) {
      assertThat(files.filter(p -> p.toString().endsWith(".xml")).map(p -> {
        try {
          return Files.readString(p);
        } catch (java.io.IOException e) {
          throw new java.io.UncheckedIOException(e);
        }
      })).noneMatch(x -> x.contains("org.decentdb.mybatis.type"));
    }
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (URLClassLoader loader = GeneratedSources.compile(out, classes,
        Path.of("src/test/resources/scenario/MusicScenario.java"))) {
      SqlSessionFactory f = GeneratedSources.factory(loader, "com.example.music",
          "org.postgresql.Driver", url, user, false);
      Class<?> scenario = Class.forName("com.example.music.check.MusicScenario", true, loader);
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try {
        for (String m : new String[] {"crud", "finders", "relationships"}) {
          empty();
          scenario.getMethod(m, SqlSessionFactory.class).invoke(null, f);
        }
        empty();
        int rows = 5_000;
        sql("INSERT INTO artist (name, active, created_at) VALUES ('A', TRUE, now())",
            "INSERT INTO album (artist_id, album_no, title) VALUES (1, 1, 'One')");
        try (Connection c = DriverManager.getConnection(url, user, null);
            PreparedStatement ps = c.prepareStatement("INSERT INTO track (artist_id, album_no,"
                + " title, duration_ms, uid) VALUES (1, 1, ?, ?, ?)")) {
          for (int i = 0; i < rows; i++) {
            ps.setString(1, "t" + i);
            ps.setLong(2, (i * 7919L) % 1009);
            ps.setObject(3, new UUID(7, i));
            ps.addBatch();
          }
          ps.executeBatch();
        }
        scenario.getMethod("keysetWalk", SqlSessionFactory.class, int.class).invoke(null, f,
            rows);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
  }
}
