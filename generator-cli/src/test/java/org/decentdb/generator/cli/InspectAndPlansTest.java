/*
 * inspect prints what the generator sees; the music schema's finders and keyset pages all
 * plan on an index (no warnings; PlanCheckTest covers the warning itself); a 200-table schema
 * generates with one progress line per table (its time is printed, never asserted).
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InspectAndPlansTest {
  @TempDir
  Path dir;

  @Test
  void inspectPrintsColumnsTypesKeysIndexesAndForeignKeys() throws Exception {
    Path db = dir.resolve("music.db");
    Cli.execute(db, MusicSchema.DDL);
    Cli.Run run = Cli.run("inspect", "--db", db.toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out())
        .contains("3 table(s)")
        .containsPattern("created_at +TIMESTAMP +-> Instant NOT NULL")
        .containsPattern("price +DECIMAL\\(10,2\\) +-> BigDecimal")
        .containsPattern("uid +UUID +-> UUID NOT NULL")
        .containsPattern("starts_at +TIME +-> LocalTime")
        .containsPattern("cover +BLOB +-> byte\\[\\]")
        .containsPattern("id +INTEGER +-> Long PK generated NOT NULL")
        .contains("primary key: (artist_id, album_no)")
        .contains("index artist_name_uq UNIQUE (name)")
        .contains("index track_album_ix (artist_id, album_no)")
        .contains("foreign key fk_track_artist_id_album_no: (artist_id, album_no) -> album"
            + " (artist_id, album_no)")
        .contains("referenced by album (artist_id) via fk_album_artist_id");

    Cli.Run local = Cli.run("inspect", "--db", db.toString(), "--tables", "artist",
        "--timestamp", "local-date-time", "--integer", "int");
    assertThat(local.out()).containsPattern("created_at +TIMESTAMP +-> LocalDateTime")
        .containsPattern("id +INTEGER +-> Integer").doesNotContain("table album");
  }

  @Test
  void indexedFindersAndKeysetPagesGenerateWithoutPlanWarnings() throws Exception {
    Path db = dir.resolve("music.db");
    Cli.execute(db, MusicSchema.DDL);
    Cli.Run run = Cli.run("generate", "--db", db.toString(), "--package", "p", "--out",
        dir.resolve("out").toString());
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.err()).doesNotContain("warning");
  }

  @Test
  void twoHundredTablesGenerateWithProgressPerTable() throws Exception {
    Path db = dir.resolve("wide.db");
    List<String> ddl = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      String t = String.format("t%03d", i);
      ddl.add("CREATE TABLE " + t + " (id INTEGER PRIMARY KEY, name TEXT NOT NULL,"
          + " created_at TIMESTAMP, amount DECIMAL(12,2), ref_id INTEGER"
          + (i > 0 ? " REFERENCES " + String.format("t%03d", i - 1) + " (id)" : "") + ")");
      ddl.add("CREATE INDEX " + t + "_name_ix ON " + t + " (name)");
    }
    Cli.execute(db, ddl.toArray(String[]::new));
    Path out = dir.resolve("out");
    long t0 = System.nanoTime();
    Cli.Run run = Cli.run("generate", "--db", db.toString(), "--package", "wide", "--out",
        out.toString());
    long ms = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("decentdb-gen: 200-table schema generated in " + ms + " ms");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("[1/200] t000", "[100/200] t099", "[200/200] t199",
        "1199 written, 0 unchanged, 0 skipped, 200 tables.");
    try (Stream<Path> s = Files.walk(out)) {
      assertThat(s.filter(p -> p.toString().endsWith("BaseMapper.xml")).count())
          .isEqualTo(200);
    }
  }
}
