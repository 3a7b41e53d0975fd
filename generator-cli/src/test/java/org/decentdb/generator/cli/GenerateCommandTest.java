/*
 * decentdb-gen generate as a script sees it: byte-identical regeneration, --dry-run writes
 * nothing and prints a diff, hand-edited and foreign files are not clobbered without --force,
 * user extension files are never touched, --check reports drift with exit 1, and every error
 * path exits with its code and a message that says what to do.
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GenerateCommandTest {
  @TempDir
  Path dir;

  Path db;
  Path out;

  @BeforeEach
  void schema() throws Exception {
    db = dir.resolve("music.db");
    Cli.execute(db, MusicSchema.DDL);
    out = dir.resolve("out");
  }

  private Cli.Run generate(String... extra) {
    String[] base = {"generate", "--db", db.toString(), "--package", "com.example.music",
        "--out", out.toString()};
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    return Cli.run(args);
  }

  private Map<String, byte[]> snapshot() throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (!Files.exists(out)) {
      return files;
    }
    try (Stream<Path> s = Files.walk(out)) {
      for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
        files.put(out.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }

  private Path file(String relative) {
    return out.resolve(relative);
  }

  @Test
  void regeneratingAnUnchangedSchemaGivesIdenticalBytes() throws Exception {
    assertThat(generate().code()).isZero();
    Map<String, byte[]> first = snapshot();
    assertThat(first).hasSizeGreaterThan(10);
    Cli.Run again = generate();
    assertThat(again.code()).isZero();
    assertThat(again.out()).contains("0 written, " + first.size() + " unchanged, 0 skipped");
    Map<String, byte[]> second = snapshot();
    assertThat(second.keySet()).isEqualTo(first.keySet());
    first.forEach((k, v) -> assertThat(second.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void dryRunWritesNothingAndPrintsAUnifiedDiff() throws Exception {
    Cli.Run run = generate("--dry-run");
    assertThat(run.code()).isZero();
    assertThat(Files.exists(out)).isFalse();
    assertThat(run.out()).contains("--- /dev/null", "+++ b/com/example/music/model/Artist.java",
        "@@ -0,0 +1,");

    assertThat(generate().code()).isZero();
    Cli.execute(db, "CREATE INDEX artist_born_ix ON artist (born)");
    Map<String, byte[]> before = snapshot();
    Cli.Run diff = generate("--dry-run");
    assertThat(diff.code()).isZero();
    assertThat(diff.out()).contains("--- a/com/example/music/mapper/ArtistBaseMapper.xml",
        "+++ b/com/example/music/mapper/ArtistBaseMapper.xml", "+  <select id=\"findByBorn\"");
    assertThat(diff.out()).doesNotContain("AlbumBaseMapper.xml");
    Map<String, byte[]> after = snapshot();
    before.forEach((k, v) -> assertThat(after.get(k)).as(k).isEqualTo(v));
  }

  @Test
  void handEditedFilesAreSkippedUntilForced() throws Exception {
    assertThat(generate().code()).isZero();
    Path base = file("com/example/music/mapper/ArtistBaseMapper.java");
    String edited = Files.readString(base).replace("long count();", "long count(); // mine");
    Files.writeString(base, edited);
    Cli.execute(db, "CREATE INDEX artist_born_ix ON artist (born)");

    Cli.Run run = generate();
    assertThat(run.code()).isZero();
    assertThat(run.err()).contains("skipped com/example/music/mapper/ArtistBaseMapper.java:"
        + " it was edited by hand", "--force");
    assertThat(Files.readString(base)).isEqualTo(edited);
    assertThat(Files.readString(file("com/example/music/mapper/ArtistBaseMapper.xml")))
        .contains("findByBorn");

    Cli.Run forced = generate("--force");
    assertThat(forced.code()).isZero();
    assertThat(Files.readString(base)).doesNotContain("// mine").contains("findByBorn");
  }

  @Test
  void aFileDecentdbGenDidNotWriteIsNotOverwritten() throws Exception {
    Path model = file("com/example/music/model/Artist.java");
    Files.createDirectories(model.getParent());
    Files.writeString(model, "// someone else's class\n");
    Cli.Run run = generate();
    assertThat(run.err()).contains("skipped com/example/music/model/Artist.java: the file"
        + " exists and was not written by decentdb-gen");
    assertThat(Files.readString(model)).isEqualTo("// someone else's class\n");
  }

  @Test
  void userExtensionFilesAreNeverTouchedEvenWithForce() throws Exception {
    assertThat(generate().code()).isZero();
    Path mine = file("com/example/music/mapper/ArtistMapper.java");
    assertThat(Files.readString(mine)).contains("interface ArtistMapper extends"
        + " ArtistBaseMapper");
    String custom = Files.readString(mine).replace("{\n}", "{\n  default int answer() {\n"
        + "    return 42;\n  }\n}");
    Files.writeString(mine, custom);
    Cli.Run run = generate("--force");
    assertThat(run.code()).isZero();
    assertThat(Files.readString(mine, StandardCharsets.UTF_8)).isEqualTo(custom);
    assertThat(generate("--check").code()).isZero();
  }

  @Test
  void checkExitsNonZeroOnSchemaDrift() throws Exception {
    Cli.Run missing = generate("--check");
    assertThat(missing.code()).isEqualTo(ExitCodes.DRIFT);
    assertThat(Files.exists(out)).isFalse();

    assertThat(generate().code()).isZero();
    Cli.Run fresh = generate("--check");
    assertThat(fresh.code()).as(fresh.err()).isZero();
    assertThat(fresh.out()).contains("up to date");

    Cli.execute(db, "CREATE INDEX album_released_ix ON album (released)");
    Map<String, byte[]> before = snapshot();
    Cli.Run drift = generate("--check");
    assertThat(drift.code()).isEqualTo(ExitCodes.DRIFT);
    assertThat(drift.err()).contains("com/example/music/mapper/AlbumBaseMapper.java: differs",
        "com/example/music/mapper/AlbumBaseMapper.xml: differs");
    assertThat(drift.err()).doesNotContain("Artist");
    assertThat(snapshot().keySet()).isEqualTo(before.keySet());
  }

  @Test
  void resourcesOptionPutsXmlMappersInTheirOwnTree() throws Exception {
    Path resources = dir.resolve("resources");
    assertThat(generate("--resources", resources.toString()).code()).isZero();
    assertThat(resources.resolve("com/example/music/mapper/ArtistBaseMapper.xml")).exists();
    assertThat(file("com/example/music/mapper/ArtistBaseMapper.xml")).doesNotExist();
    assertThat(file("com/example/music/mapper/ArtistBaseMapper.java")).exists();
    assertThat(generate("--resources", resources.toString(), "--check").code()).isZero();
  }

  @Test
  void filesOfADroppedTableAreStaleForCheckAndDeletedUnlessEdited() throws Exception {
    Cli.execute(db, "CREATE TABLE playlist (id INTEGER PRIMARY KEY, name TEXT NOT NULL)");
    assertThat(generate().code()).isZero();
    Path model = file("com/example/music/model/Playlist.java");
    Path xml = file("com/example/music/mapper/PlaylistBaseMapper.xml");
    Path mine = file("com/example/music/mapper/PlaylistMapper.java");
    assertThat(model).exists();
    Cli.execute(db, "DROP TABLE playlist");

    assertThat(generate("--tables", "artist").code()).isZero();
    assertThat(model).as("a subset run leaves other tables alone").exists();

    Cli.Run check = generate("--check");
    assertThat(check.code()).isEqualTo(ExitCodes.DRIFT);
    assertThat(check.err()).contains("com/example/music/model/Playlist.java: no longer generated");
    Cli.Run dry = generate("--dry-run");
    assertThat(dry.out()).contains("--- a/com/example/music/model/Playlist.java\n+++ /dev/null");
    assertThat(model).exists();

    Files.writeString(xml, Files.readString(xml).replace("</mapper>", "<!-- mine --></mapper>"));
    Cli.Run run = generate();
    assertThat(run.code()).isZero();
    assertThat(run.out()).contains("deleted com/example/music/model/Playlist.java");
    assertThat(model).doesNotExist();
    assertThat(run.err()).contains("kept com/example/music/mapper/PlaylistBaseMapper.xml");
    assertThat(xml).exists();
    assertThat(mine).as("user files are never deleted").exists();
    assertThat(generate("--force").code()).isZero();
    assertThat(xml).doesNotExist();
    assertThat(mine).exists();
  }

  @Test
  void missingDatabaseFileExitsThreeAndSaysWhatToDo() {
    Cli.Run run = Cli.run("generate", "--db", dir.resolve("nope.db").toString(), "--package",
        "a.b", "--out", out.toString());
    assertThat(run.code()).isEqualTo(ExitCodes.DATABASE);
    assertThat(run.err()).contains("database file not found", "nope.db",
        "Pass an existing DecentDB file with --db");
    assertThat(Files.exists(dir.resolve("nope.db"))).isFalse();
  }

  @Test
  void urlSelectsTheSameDatabaseAsDb() throws Exception {
    assertThat(generate().code()).isZero();
    Cli.Run run = Cli.run("generate", "--url", Cli.url(db), "--package", "com.example.music",
        "--out", out.toString(), "--check");
    assertThat(run.code()).as(run.err()).isZero();
  }

  @Test
  void unreachableUrlExitsThree() {
    Cli.Run run = Cli.run("inspect", "--url", "jdbc:nosuchdb://host/x");
    assertThat(run.code()).isEqualTo(ExitCodes.DATABASE);
    assertThat(run.err()).contains("no JDBC driver accepts jdbc:nosuchdb://host/x");

    Cli.Run bad = Cli.run("inspect", "--url", "jdbc:decentdb:" + dir.resolve("no/such/dir/x.db"));
    assertThat(bad.code()).isEqualTo(ExitCodes.DATABASE);
    assertThat(bad.err()).contains("cannot connect to", "Check the URL");
  }

  @Test
  void tableGlobMatchingNothingExitsFourAndListsTables() {
    Cli.Run run = generate("--tables", "art*,playlist*");
    assertThat(run.code()).isEqualTo(ExitCodes.NO_TABLES);
    assertThat(run.err()).contains("table glob playlist* matched no table",
        "album, artist, track");
    assertThat(Files.exists(out)).isFalse();
  }

  @Test
  void columnTypeWithoutMappingExitsFiveAndNamesTheFix() throws Exception {
    Cli.execute(db, "CREATE TABLE doc (id INTEGER PRIMARY KEY, body JSON)");
    Cli.Run run = generate();
    assertThat(run.code()).isEqualTo(ExitCodes.UNMAPPED_TYPE);
    assertThat(run.err()).contains("column doc.body has declared type JSON",
        "--type JSON=java.lang.String");
    assertThat(Files.exists(out)).isFalse();
    Cli.Run mapped = generate("--type", "JSON=java.lang.String");
    assertThat(mapped.code()).as(mapped.err()).isZero();
    assertThat(Files.readString(file("com/example/music/model/Doc.java")))
        .contains("private String body;");
  }

  @Test
  void unwritableOutputExitsSix() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    Cli.Run run = Cli.run("generate", "--db", db.toString(), "--package", "a.b", "--out",
        blocker.resolve("sub").toString());
    assertThat(run.code()).isEqualTo(ExitCodes.IO);
    assertThat(run.err()).contains("cannot write", "Check that the --out directory is writable");
  }

  @Test
  void usageErrorsExitTwo() {
    Cli.Run noPackage = Cli.run("generate", "--db", db.toString(), "--out", out.toString());
    assertThat(noPackage.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(noPackage.err()).contains("--package");
    Cli.Run badPackage = generate("--package", "1bad");
    assertThat(badPackage.code()).isEqualTo(ExitCodes.USAGE);
    Cli.Run both = generate("--check", "--dry-run");
    assertThat(both.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(both.err()).contains("cannot be combined");
  }

  @Test
  void helpAndVersionExitZero() {
    for (String cmd : new String[] {"inspect", "generate"}) {
      Cli.Run help = Cli.run(cmd, "--help");
      assertThat(help.code()).isZero();
      assertThat(help.out()).contains("Usage: decentdb-gen " + cmd);
    }
    Cli.Run top = Cli.run("--help");
    assertThat(top.out()).contains("Exit codes:", "inspect", "generate");
    Cli.Run version = Cli.run("--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("decentdb-gen ");
  }
}
