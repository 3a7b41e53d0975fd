/*
 * Builds each dataset once per engine into a directory under the cache root
 * (perf/target/perf-data by default, or $PERF_DATA_DIR) and hands it to every benchmark and
 * fork after that. The directory name is engine, dataset key and engine version, so a new
 * scale, generator or engine gets a fresh copy. A copy is built under a temporary name and
 * renamed when complete; a copy that fails to open or to pass Dataset.isComplete is rebuilt.
 */
package org.decentdb.perf.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.stream.Stream;

public final class DatasetCache {

  private DatasetCache() {
  }

  /** The cache root: $PERF_DATA_DIR, else target/perf-data under the working directory. */
  public static Path root() {
    String env = System.getenv("PERF_DATA_DIR");
    return (env == null || env.isEmpty() ? Paths.get("target", "perf-data") : Paths.get(env))
        .toAbsolutePath();
  }

  /** Returns the directory holding dataset d for engine e, building it first if needed. */
  public static Path ensure(Engine e, Dataset d) throws SQLException {
    return ensure(e, d, root());
  }

  /** As ensure(e, d), with the cache under root. */
  public static synchronized Path ensure(Engine e, Dataset d, Path root) throws SQLException {
    String version = e.productVersion().replaceAll("[^A-Za-z0-9.]+", "_");
    Path dir = root.resolve(e.id() + "-" + d.key() + "-" + version);
    if (Files.isDirectory(dir) && isUsable(e, d, dir)) {
      return dir;
    }
    Path tmp = root.resolve(dir.getFileName() + ".building");
    delete(tmp);
    delete(dir);
    try {
      Files.createDirectories(tmp);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    long start = System.nanoTime();
    try (Connection c = e.open(tmp, true)) {
      d.load(c, e);
    }
    try {
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    System.err.printf("# built %s in %.1f s%n", dir.getFileName(),
        (System.nanoTime() - start) / 1e9);
    return dir;
  }

  private static boolean isUsable(Engine e, Dataset d, Path dir) {
    try (Connection c = e.open(dir)) {
      if (!d.isComplete(c)) {
        return false;
      }
      d.refresh(c, e);
      return true;
    } catch (SQLException ex) {
      System.err.println("# rebuilding " + dir.getFileName() + ": " + ex.getMessage());
      return false;
    }
  }

  static void delete(Path p) {
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path f : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }
}
