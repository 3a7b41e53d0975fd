/*
 * The acceptance test of decentdb-gen's output: generate from the music schema (records, XML
 * style), compile the generated sources with javax.tools together with a scenario that uses
 * them (src/test/resources/scenario), and run it through MyBatis on real DecentDB files:
 * CRUD with every declared type, each finder, both relationship kinds, and a keyset walk over
 * 50,000 rows forward and backward.
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.UUID;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratedCodeTest {
  @TempDir
  static Path dir;

  static URLClassLoader loader;

  @BeforeAll
  static void generateAndCompile() throws Exception {
    Path schemaDb = dir.resolve("schema.db");
    Cli.execute(schemaDb, MusicSchema.DDL);
    Path out = dir.resolve("src");
    Cli.Run run = Cli.run("generate", "--db", schemaDb.toString(), "--package",
        "com.example.music", "--out", out.toString(), "--records", "--offset-paging");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("[1/3] album", "[2/3] artist", "[3/3] track");
    Path scenario = Path.of("src/test/resources/scenario/MusicScenario.java");
    Path classes = Files.createDirectories(dir.resolve("classes"));
    loader = GeneratedSources.compile(out, classes, scenario);
  }

  @AfterAll
  static void close() throws Exception {
    loader.close();
  }

  private static SqlSessionFactory freshDatabase(String name) throws Exception {
    Path db = dir.resolve(name + ".db");
    Cli.execute(db, MusicSchema.DDL);
    return GeneratedSources.factory(loader, "com.example.music", Cli.url(db));
  }

  private static void scenario(String method, Class<?>[] types, Object... args)
      throws Throwable {
    Class<?> c = Class.forName("com.example.music.check.MusicScenario", true, loader);
    Method m = c.getMethod(method, types);
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    Thread.currentThread().setContextClassLoader(loader);
    try {
      m.invoke(null, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }

  @Test
  void annotationStyleMappersWorkWithoutXml() throws Throwable {
    Path schemaDb = dir.resolve("schema-ann.db");
    Cli.execute(schemaDb, MusicSchema.DDL);
    Path out = dir.resolve("src-ann");
    Cli.Run run = Cli.run("generate", "--db", schemaDb.toString(), "--package",
        "com.example.ann", "--out", out.toString(), "--style", "annotations");
    assertThat(run.code()).as(run.err()).isZero();
    try (var files = Files.walk(out)) {
      assertThat(files.filter(p -> p.toString().endsWith(".xml"))).isEmpty();
    }
    Path classes = Files.createDirectories(dir.resolve("classes-ann"));
    try (URLClassLoader ann = GeneratedSources.compile(out, classes,
        Path.of("src/test/resources/scenario/AnnotationScenario.java"))) {
      Path db = dir.resolve("ann.db");
      Cli.execute(db, MusicSchema.DDL);
      SqlSessionFactory f = GeneratedSources.factory(ann, "com.example.ann", Cli.url(db));
      Class<?> c = Class.forName("com.example.ann.check.AnnotationScenario", true, ann);
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(ann);
      try {
        c.getMethod("run", SqlSessionFactory.class).invoke(null, f);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
  }

  @Test
  void generatedCrudRoundTripsEveryDeclaredType() throws Throwable {
    scenario("crud", new Class<?>[] {SqlSessionFactory.class}, freshDatabase("crud"));
  }

  @Test
  void generatedFindersServeEachIndex() throws Throwable {
    scenario("finders", new Class<?>[] {SqlSessionFactory.class}, freshDatabase("finders"));
  }

  @Test
  void generatedRelationshipsLoadParentsAndChildren() throws Throwable {
    scenario("relationships", new Class<?>[] {SqlSessionFactory.class},
        freshDatabase("relationships"));
  }

  @Test
  void generatedKeysetPagesVisitFiftyThousandRowsOnceInOrder() throws Throwable {
    int rows = 50_000;
    Path db = dir.resolve("keyset.db");
    Cli.execute(db, MusicSchema.DDL);
    try (Connection c = DriverManager.getConnection(Cli.url(db))) {
      c.createStatement().execute("INSERT INTO artist (name, active, created_at)"
          + " VALUES ('A', TRUE, 0)");
      c.createStatement().execute("INSERT INTO album (artist_id, album_no, title)"
          + " VALUES (1, 1, 'One')");
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO track (artist_id, album_no,"
          + " title, duration_ms, uid) VALUES (1, 1, ?, ?, ?)")) {
        for (int i = 0; i < rows; i++) {
          ps.setString(1, "t" + i);
          ps.setLong(2, (i * 7919L) % 1009); // many equal sort values, not in id order
          ps.setObject(3, new UUID(7, i));
          ps.addBatch();
          if (i % 5000 == 4999) {
            ps.executeBatch();
          }
        }
        ps.executeBatch();
      }
      c.commit();
    }
    scenario("keysetWalk", new Class<?>[] {SqlSessionFactory.class, int.class},
        GeneratedSources.factory(loader, "com.example.music", Cli.url(db)), rows);
  }
}
