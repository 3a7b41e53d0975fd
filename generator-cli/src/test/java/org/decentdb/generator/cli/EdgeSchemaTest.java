/*
 * Tables at the edges of what MyBatis Generator handles: no primary key, a key and nothing
 * else, a composite key that is also a foreign key. Their generated mappers must compile
 * (-Werror), load into MyBatis in both styles, and run.
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ibatis.session.SqlSession;
import org.apache.ibatis.session.SqlSessionFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class EdgeSchemaTest {
  static final String[] DDL = {
    "CREATE TABLE log_entry (at TIMESTAMP NOT NULL, msg TEXT)",
    "CREATE INDEX log_at_ix ON log_entry (at)",
    "CREATE TABLE tag (name TEXT PRIMARY KEY)",
    "CREATE TABLE item_tag (item_id INTEGER NOT NULL, tag_name TEXT NOT NULL REFERENCES tag (name),"
        + " PRIMARY KEY (item_id, tag_name))",
  };

  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"xml", "annotations"})
  void keylessAndKeyOnlyTablesGenerateCompileLoadAndRun(String style) throws Exception {
    Path db = dir.resolve("edge.db");
    Cli.execute(db, DDL);
    Cli.execute(db, "INSERT INTO log_entry (at, msg) VALUES (5, 'hello')",
        "INSERT INTO tag (name) VALUES ('rock')",
        "INSERT INTO item_tag (item_id, tag_name) VALUES (1, 'rock')");
    Path out = dir.resolve("src");
    Cli.Run run = Cli.run("generate", "--db", db.toString(), "--package", "edge", "--out",
        out.toString(), "--style", style);
    assertThat(run.code()).as(run.err()).isZero();
    Path classes = Files.createDirectories(dir.resolve("classes"));
    try (URLClassLoader loader = GeneratedSources.compile(out, classes)) {
      SqlSessionFactory f = GeneratedSources.factory(loader, "edge", Cli.url(db));
      ClassLoader previous = Thread.currentThread().getContextClassLoader();
      Thread.currentThread().setContextClassLoader(loader);
      try (SqlSession s = f.openSession(true)) {
        for (String mapper : List.of("LogEntryMapper", "TagMapper", "ItemTagMapper")) {
          Object m = s.getMapper(Class.forName("edge.mapper." + mapper, true, loader));
          assertThat(m.getClass().getMethod("count").invoke(m)).as(mapper).isEqualTo(1L);
          assertThat((List<?>) m.getClass().getMethod("selectAll").invoke(m)).hasSize(1);
        }
        Object logs = s.getMapper(Class.forName("edge.mapper.LogEntryMapper", true, loader));
        List<?> found = (List<?>) logs.getClass().getMethod("findByAt", java.time.Instant.class)
            .invoke(logs, java.time.Instant.ofEpochMilli(5));
        assertThat(found).hasSize(1);
      } finally {
        Thread.currentThread().setContextClassLoader(previous);
      }
    }
  }
}
