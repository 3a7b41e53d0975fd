/*
 * The generated mappers in examples/ are what decentdb-gen writes today for the quick-start
 * schema: generate --check against them must find no drift (the CI use of --check). After a
 * deliberate change to the output, regenerate them with the README's command.
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExampleUpToDateTest {
  /** The quick-start schema (examples' Library and GeneratedMappersExample). */
  static final String[] QUICK_START = {
    "CREATE TABLE artist (id INTEGER PRIMARY KEY, name TEXT NOT NULL, country TEXT)",
    "CREATE TABLE album (id INTEGER PRIMARY KEY, artist_id INTEGER NOT NULL REFERENCES artist (id),"
        + " title TEXT NOT NULL, released_on DATE, price DECIMAL(6,2))",
    "CREATE TABLE track (id INTEGER PRIMARY KEY, album_id INTEGER NOT NULL REFERENCES album (id),"
        + " track_no INTEGER NOT NULL, title TEXT NOT NULL, duration_ms INTEGER NOT NULL,"
        + " added_at TIMESTAMP)",
    "CREATE INDEX track_album_duration ON track (album_id, duration_ms)"};

  @TempDir
  Path dir;

  @Test
  void examplesGeneratedMappersHaveNoDrift() throws Exception {
    Path examples = Path.of("../examples/src/main");
    assertThat(Files.isDirectory(examples.resolve("java/org/decentdb/examples/generated")))
        .isTrue();
    Path db = dir.resolve("quickstart.ddb");
    Cli.execute(db, QUICK_START);
    Cli.Run run = Cli.run("generate", "--db", db.toString(), "--package",
        "org.decentdb.examples.generated", "--out", examples.resolve("java").toString(),
        "--resources", examples.resolve("resources").toString(), "--records", "--check");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("generated files are up to date (17 files)");
  }
}
