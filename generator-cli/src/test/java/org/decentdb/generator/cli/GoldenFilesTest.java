/*
 * Golden files: the exact XML mapper, base mapper interface and model that decentdb-gen
 * writes for the music schema's artist table. A change to generated output shows up here as
 * a readable diff; after reviewing it, refresh with -Dgolden.update=true.
 */
package org.decentdb.generator.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoldenFilesTest {
  private static final Path GOLDEN = Path.of("src/test/resources/golden");

  @TempDir
  Path dir;

  @Test
  void artistTableMatchesTheGoldenFiles() throws Exception {
    Path db = dir.resolve("music.db");
    Cli.execute(db, MusicSchema.DDL);
    Path out = dir.resolve("out");
    Cli.Run run = Cli.run("generate", "--db", db.toString(), "--package", "com.example.music",
        "--out", out.toString(), "--tables", "artist", "--records");
    assertThat(run.code()).as(run.err()).isZero();
    assertThat(run.out()).contains("[1/1] artist");
    String[][] files = {
      {"com/example/music/mapper/ArtistBaseMapper.xml", "ArtistBaseMapper.xml.golden"},
      {"com/example/music/mapper/ArtistBaseMapper.java", "ArtistBaseMapper.java.golden"},
      {"com/example/music/model/Artist.java", "Artist.java.golden"},
      {"com/example/music/mapper/ArtistMapper.java", "ArtistMapper.java.golden"},
    };
    boolean update = Boolean.getBoolean("golden.update");
    for (String[] f : files) {
      String actual = Files.readString(out.resolve(f[0]), StandardCharsets.UTF_8);
      Path golden = GOLDEN.resolve(f[1]);
      if (update) {
        Files.writeString(golden, actual, StandardCharsets.UTF_8);
      }
      String expected = Files.readString(golden, StandardCharsets.UTF_8);
      assertThat(actual).as("%s differs from %s:%n%s", f[0], golden,
          UnifiedDiff.diff(f[0], expected, actual)).isEqualTo(expected);
    }
  }
}
