/*
 * Puts generated files on disk, or compares them with the disk, under one policy:
 *  (1) a user-owned file (<Table>Mapper.java) is created when absent and otherwise never
 *      read or written, with or without --force;
 *  (2) a generated file is written when absent, when its content changed and its stamp shows
 *      nobody edited it, or when --force is given; an edited file or a file decentdb-gen did
 *      not write is skipped with the reason;
 *  (3) an unchanged file is not rewritten (its modification time stays);
 *  (4) when every table is generated, a stamped file in the output package directories that
 *      the schema no longer produces (dropped table) is deleted when untouched, kept and
 *      reported when edited.
 * Java files go under --out, XML mappers under --resources (default: --out).
 * --dry-run applies the same policy but prints a unified diff instead of writing; --check
 * lists files whose disk content differs and writes nothing.
 */
package org.decentdb.generator.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

final class OutputWriter {
  enum Mode { WRITE, DRY_RUN, CHECK }

  record Outcome(int written, int unchanged, int skipped, List<String> drift) {}

  private final Path root;
  private final Path resourceRoot;
  private final boolean force;
  private final Mode mode;
  private final PrintWriter out;
  private final PrintWriter err;
  private final boolean quiet;
  private boolean allTables;

  OutputWriter(Path root, Path resourceRoot, boolean force, Mode mode, PrintWriter out,
      PrintWriter err, boolean quiet) {
    this.root = root;
    this.resourceRoot = resourceRoot;
    this.force = force;
    this.mode = mode;
    this.out = out;
    this.err = err;
    this.quiet = quiet;
  }

  /** The run covers every table (no --tables/--exclude): files it does not make are stale. */
  OutputWriter allTables(boolean all) {
    this.allTables = all;
    return this;
  }

  Outcome apply(List<GenerationRun.Output> files) {
    int written = 0;
    int unchanged = 0;
    int skipped = 0;
    List<String> drift = new ArrayList<>();
    for (GenerationRun.Output f : files) {
      Path target = (f.path().endsWith(".java") ? root : resourceRoot).resolve(f.path());
      String wanted = f.userOwned() ? f.content() : Stamp.apply(f.path(), f.content());
      String current = read(target);
      if (f.userOwned()) {
        if (current != null) {
          unchanged++;
          continue;
        }
        switch (mode) {
          case CHECK -> drift.add(Messages.get("msg.checkFile", f.path(), "missing"));
          case DRY_RUN -> out.print(UnifiedDiff.diff(f.path(), null, wanted));
          case WRITE -> {
            write(target, wanted);
            info("msg.created", f.path());
          }
        }
        written++;
        continue;
      }
      if (wanted.equals(current)) {
        unchanged++;
        continue;
      }
      if (mode == Mode.CHECK) {
        drift.add(Messages.get("msg.checkFile", f.path(), current == null ? "missing"
            : Stamp.check(current) == Stamp.State.EDITED ? "edited by hand" : "differs"));
        continue;
      }
      if (current != null && !force) {
        Stamp.State state = Stamp.check(current);
        if (state != Stamp.State.UNTOUCHED) {
          err.println(Messages.get(state == Stamp.State.EDITED ? "msg.skippedEdited"
              : "msg.skippedForeign", f.path()));
          skipped++;
          continue;
        }
      }
      if (mode == Mode.DRY_RUN) {
        out.print(UnifiedDiff.diff(f.path(), current, wanted));
      } else {
        write(target, wanted);
        info("msg.wrote", f.path());
      }
      written++;
    }
    if (allTables) {
      int deleted = stale(files, drift);
      if (mode == Mode.DRY_RUN) {
        written += deleted;
      }
    }
    return new Outcome(written, unchanged, skipped, drift);
  }

  /**
   * Files decentdb-gen wrote earlier into the same package directories that this run no
   * longer produces (a dropped table or index): reported by --check, shown as deletions by
   * --dry-run, deleted when untouched (an edited one is kept and reported). Returns how many
   * would be or were deleted.
   */
  private int stale(List<GenerationRun.Output> files, List<String> drift) {
    Set<Path> produced = new HashSet<>();
    Set<Path> dirs = new TreeSet<>();
    for (GenerationRun.Output f : files) {
      Path p = (f.path().endsWith(".java") ? root : resourceRoot).resolve(f.path()).normalize();
      produced.add(p);
      dirs.add(p.getParent());
    }
    int n = 0;
    for (Path dir : dirs) {
      List<Path> candidates = new ArrayList<>();
      try (Stream<Path> s = Files.isDirectory(dir) ? Files.list(dir) : Stream.empty()) {
        s.filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".xml"))
            .map(Path::normalize).filter(p -> !produced.contains(p)).sorted()
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new CliException(ExitCodes.IO, "error.io", dir, e.getMessage());
      }
      for (Path p : candidates) {
        String current = read(p);
        Stamp.State state = Stamp.check(current);
        if (state == Stamp.State.NOT_OURS) {
          continue;
        }
        String name = (p.toString().endsWith(".java") ? root : resourceRoot).normalize()
            .relativize(p).toString().replace('\\', '/');
        switch (mode) {
          case CHECK -> drift.add(Messages.get("msg.checkFile", name, "no longer generated"));
          case DRY_RUN -> out.print(UnifiedDiff.deletion(name, current));
          case WRITE -> {
            if (state == Stamp.State.EDITED && !force) {
              err.println(Messages.get("msg.staleEdited", name));
              continue;
            }
            try {
              Files.delete(p);
            } catch (IOException e) {
              throw new CliException(ExitCodes.IO, "error.io", p, e.toString());
            }
            info("msg.deleted", name);
          }
        }
        n++;
      }
    }
    return n;
  }

  private void info(String key, Object... args) {
    if (!quiet) {
      out.println(Messages.get(key, args));
    }
  }

  private static String read(Path p) {
    try {
      return Files.isRegularFile(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, "error.io", p, e.getMessage());
    }
  }

  private static void write(Path p, String content) {
    try {
      Files.createDirectories(p.getParent());
      Files.writeString(p, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new CliException(ExitCodes.IO, "error.io", p, e.toString());
    }
  }
}
