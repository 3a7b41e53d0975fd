/*
 * Puts generated files on disk, or compares them with the disk, under one policy:
 *  (1) a user-owned file (<Table>Mapper.java) is created when absent and otherwise never
 *      read or written, with or without --force;
 *  (2) a generated file is written when absent, when its content changed and its stamp shows
 *      nobody edited it, or when --force is given; an edited file or a file decentdb-gen did
 *      not write is skipped with the reason;
 *  (3) an unchanged file is not rewritten (its modification time stays).
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
import java.util.List;

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
    return new Outcome(written, unchanged, skipped, drift);
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
