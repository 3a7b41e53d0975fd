/*
 * Where the JNI library of the standalone jar goes: JavaCPP's cache keeps it under a folder
 * named after the jar (so an upgraded driver, whose jar name carries the new version, never
 * meets the old library), a cached copy that differs from the jar's is replaced rather than
 * loaded, and an unusable cache directory gives an error that names the directory and the
 * property that moves it. Each case runs in a fresh JVM.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NativeLibraryCacheIT {

  @TempDir Path dir;

  private record Run(int status, String output) {}

  private Run probe(Path cacheDir, String... jvmArgs) throws IOException, InterruptedException {
    Path jar = Path.of(System.getProperty("standalone.jar"));
    Path probeClasses;
    try {
      probeClasses = Path.of(NativeCacheProbe.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IOException(e);
    }
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Dorg.bytedeco.javacpp.cachedir=" + cacheDir);
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add(jar + java.io.File.pathSeparator + probeClasses);
    cmd.add(NativeCacheProbe.class.getName());
    cmd.add(dir.resolve("c.ddb").toString());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    return new Run(p.waitFor(), out);
  }

  private static Path cachedLibrary(Path cacheDir) throws IOException {
    try (Stream<Path> files = Files.walk(cacheDir)) {
      return files.filter(f -> f.getFileName().toString().equals("libjnidecentdb.so"))
          .findFirst().orElseThrow(() -> new AssertionError("no cached JNI library"));
    }
  }

  @Test
  void libraryIsCachedUnderTheVersionedJarName() throws Exception {
    Path cache = dir.resolve("cache");
    Run r = probe(cache);
    assertThat(r.output()).contains("ok");
    assertThat(r.status()).isZero();
    Path lib = cachedLibrary(cache);
    String jarName = Path.of(System.getProperty("standalone.jar")).getFileName().toString();
    assertThat(jarName).contains(System.getProperty("project.version"));
    assertThat(cache.relativize(lib).toString()).startsWith(jarName + "/");
  }

  @Test
  void aCachedLibraryThatDiffersFromTheJarsIsReplaced() throws Exception {
    Path cache = dir.resolve("cache");
    assertThat(probe(cache).status()).isZero();
    Path lib = cachedLibrary(cache);
    long size = Files.size(lib);
    Files.write(lib, "stale library from another build".getBytes(StandardCharsets.UTF_8));
    Run again = probe(cache);
    assertThat(again.output()).contains("ok");
    assertThat(again.status()).isZero();
    assertThat(Files.size(cachedLibrary(cache))).isEqualTo(size);
  }

  @Test
  void anUnusableCacheDirectoryIsNamedInTheError() throws Exception {
    Path notADir = dir.resolve("plain-file");
    Files.writeString(notADir, "x");
    // JavaCPP falls back to ~/.javacpp/cache and then the temp directory: block those too.
    Run r = probe(notADir, "-Duser.home=" + notADir, "-Djava.io.tmpdir=" + notADir);
    assertThat(r.status()).isEqualTo(3);
    assertThat(r.output()).contains(notADir.toString())
        .contains("org.bytedeco.javacpp.cachedir");
  }
}
