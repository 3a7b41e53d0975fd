/*
 * `decentdb-gen generate`: reflects the selected tables, checks that every column type maps
 * to Java, runs MyBatis Generator with our plugins in memory (GenerationRun), then writes,
 * diffs (--dry-run) or compares (--check) the files through OutputWriter. Prints one progress
 * line per table and every plan warning.
 */
package org.decentdb.generator.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.decentdb.generator.introspect.Column;
import org.decentdb.generator.introspect.Schema;
import org.decentdb.generator.introspect.SchemaReader;
import org.decentdb.generator.introspect.Table;
import org.decentdb.generator.introspect.TableFilter;
import org.decentdb.generator.plugins.JavaTypeMapping;
import org.decentdb.generator.plugins.RunState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "generate", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
final class GenerateCommand implements Callable<Integer> {
  private static final Pattern PACKAGE =
      Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*(\\.[a-zA-Z_][a-zA-Z0-9_]*)*");

  @Spec
  CommandSpec spec;

  @Mixin
  DbOptions db = new DbOptions();

  @Mixin
  TypeOptions types = new TypeOptions();

  @Option(names = "--package", required = true, paramLabel = "<pkg>", descriptionKey = "package")
  String pkg;

  @Option(names = "--out", required = true, paramLabel = "<dir>", descriptionKey = "out")
  Path out;

  @Option(names = "--resources", paramLabel = "<dir>", descriptionKey = "resources")
  Path resources;

  @Option(names = "--tables", split = ",", paramLabel = "<glob>", descriptionKey = "tables")
  List<String> tables = new ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "<glob>", descriptionKey = "exclude")
  List<String> exclude = new ArrayList<>();

  @Option(names = "--style", paramLabel = "xml|annotations", descriptionKey = "style")
  Style style = Style.xml;

  @Option(names = "--records", descriptionKey = "records")
  boolean records;

  @Option(names = "--dry-run", descriptionKey = "dryRun")
  boolean dryRun;

  @Option(names = "--force", descriptionKey = "force")
  boolean force;

  @Option(names = "--check", descriptionKey = "check")
  boolean check;

  @Option(names = "--offset-paging", descriptionKey = "offsetPaging")
  boolean offsetPaging;

  @Option(names = "--no-explain", descriptionKey = "noExplain")
  boolean noExplain;

  @Option(names = {"-q", "--quiet"}, descriptionKey = "quiet")
  boolean quiet;

  enum Style { xml, annotations }

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter stderr = spec.commandLine().getErr();
    if (!PACKAGE.matcher(pkg).matches()) {
      throw new CliException(ExitCodes.USAGE, "error.package", pkg);
    }
    if (check && dryRun) {
      throw new CliException(ExitCodes.USAGE, "error.checkAndDryRun");
    }
    JavaTypeMapping mapping = types.mapping();
    try (Connection c = db.open()) {
      SchemaReader reader = new SchemaReader(c);
      Schema schema = reader.read(checkedFilter(reader, tables, exclude));
      mapping = mapping.forProduct(schema.productName());
      checkTypes(schema, mapping);
      RunState.Options options = new RunState.Options(pkg, records,
          style == Style.annotations, offsetPaging, !noExplain);
      int total = schema.tables().size();
      AtomicInteger n = new AtomicInteger();
      GenerationRun.Result result = new GenerationRun(db.url(), db.user, db.password, schema,
          mapping, options,
          c, table -> {
            if (!quiet) {
              stdout.println(Messages.get("msg.table", n.incrementAndGet(), total, table));
              stdout.flush();
            }
          }).run();
      for (String w : result.warnings()) {
        stderr.println(Messages.get("msg.warning", w));
      }
      OutputWriter.Mode mode = check ? OutputWriter.Mode.CHECK
          : dryRun ? OutputWriter.Mode.DRY_RUN : OutputWriter.Mode.WRITE;
      OutputWriter.Outcome o = new OutputWriter(out,
          resources == null ? out : resources, force, mode, stdout, stderr, quiet)
          .allTables(tables.isEmpty() && exclude.isEmpty())
          .apply(result.files());
      switch (mode) {
        case CHECK -> {
          if (!o.drift().isEmpty()) {
            stderr.println(Messages.get("msg.checkDrift", o.drift().size()));
            o.drift().forEach(stderr::println);
            return ExitCodes.DRIFT;
          }
          stdout.println(Messages.get("msg.checkOk", result.files().size()));
        }
        case DRY_RUN -> stdout.println(Messages.get("msg.dryRunSummary", o.written()));
        case WRITE -> stdout.println(Messages.get("msg.summary", o.written(), o.unchanged(),
            o.skipped(), total));
      }
      return ExitCodes.OK;
    } catch (SQLException e) {
      throw new CliException(ExitCodes.DATABASE, "error.sql", e.getMessage());
    }
  }

  /** The table filter, after checking that each include glob matches some table. */
  static TableFilter checkedFilter(SchemaReader reader, List<String> includes,
      List<String> excludes) throws SQLException {
    List<String> names = reader.tableNames();
    if (names.isEmpty()) {
      throw new CliException(ExitCodes.NO_TABLES, "error.noTables");
    }
    TableFilter filter = new TableFilter(includes, excludes);
    List<String> unmatched = filter.unmatchedIncludes(names);
    if (!unmatched.isEmpty()) {
      throw new CliException(ExitCodes.NO_TABLES, "error.globNoMatch", unmatched.get(0),
          String.join(", ", names));
    }
    if (names.stream().noneMatch(filter::accepts)) {
      throw new CliException(ExitCodes.NO_TABLES, "error.allExcluded");
    }
    return filter;
  }

  static void checkTypes(Schema schema, JavaTypeMapping mapping) {
    for (Table t : schema.tables()) {
      for (Column col : t.columns()) {
        if (mapping.map(col).isEmpty()) {
          throw new CliException(ExitCodes.UNMAPPED_TYPE, "error.unmappedType", t.name(),
              col.name(), col.declaredType(), col.baseType());
        }
      }
    }
  }
}
