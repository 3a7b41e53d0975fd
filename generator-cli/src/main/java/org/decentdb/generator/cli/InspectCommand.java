/*
 * `decentdb-gen inspect`: prints what the generator sees, table by table: columns with their
 * declared type and the Java type it maps to, the primary key, indexes and foreign keys
 * (outgoing and incoming). Reads through SchemaReader only; writes nothing.
 */
package org.decentdb.generator.cli;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.Callable;
import org.decentdb.generator.introspect.Column;
import org.decentdb.generator.introspect.ForeignKey;
import org.decentdb.generator.introspect.Index;
import org.decentdb.generator.introspect.Schema;
import org.decentdb.generator.introspect.SchemaReader;
import org.decentdb.generator.introspect.Table;
import org.decentdb.generator.introspect.TableFilter;
import org.decentdb.generator.plugins.JavaTypeMapping;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "inspect", mixinStandardHelpOptions = true, resourceBundle = Messages.BUNDLE)
final class InspectCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  DbOptions db = new DbOptions();

  @Mixin
  TypeOptions types = new TypeOptions();

  @Option(names = "--tables", split = ",", paramLabel = "<glob>", descriptionKey = "tables")
  java.util.List<String> tables = new java.util.ArrayList<>();

  @Option(names = "--exclude", split = ",", paramLabel = "<glob>", descriptionKey = "exclude")
  java.util.List<String> exclude = new java.util.ArrayList<>();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Connection c = db.open()) {
      SchemaReader reader = new SchemaReader(c);
      TableFilter filter = GenerateCommand.checkedFilter(reader, tables, exclude);
      Schema schema = reader.read(filter);
      JavaTypeMapping mapping = types.mapping();
      out.println("database " + db.describe() + " (" + schema.productName() + "), "
          + schema.tables().size() + " table(s)");
      for (Table t : schema.tables()) {
        print(out, t, mapping);
      }
      return ExitCodes.OK;
    } catch (SQLException e) {
      throw new CliException(ExitCodes.DATABASE, "error.sql", e.getMessage());
    }
  }

  static void print(PrintWriter out, Table t, JavaTypeMapping mapping) {
    out.println();
    out.println("table " + t.name());
    int nameWidth = t.columns().stream().mapToInt(c -> c.name().length()).max().orElse(4);
    int typeWidth = t.columns().stream().mapToInt(c -> c.declaredType().length()).max().orElse(4);
    for (Column c : t.columns()) {
      String java = mapping.map(c).map(JavaTypeMapping.Mapped::simpleName)
          .orElse("<no mapping: use --type " + c.baseType() + "=<java type>>");
      StringBuilder flags = new StringBuilder();
      if (t.primaryKey().contains(c.name())) {
        flags.append(" PK");
      }
      if (c.autoIncrement()) {
        flags.append(" generated");
      }
      if (!c.nullable()) {
        flags.append(" NOT NULL");
      }
      out.println(String.format("  %-" + nameWidth + "s  %-" + typeWidth + "s  -> %s%s",
          c.name(), c.declaredType(), java, flags));
    }
    out.println("  primary key: " + (t.primaryKey().isEmpty() ? "(none)"
        : "(" + String.join(", ", t.primaryKey()) + ")"));
    for (Index i : t.indexes()) {
      StringBuilder cols = new StringBuilder();
      for (int k = 0; k < i.columns().size(); k++) {
        cols.append(k == 0 ? "" : ", ").append(i.columns().get(k))
            .append(i.descending().get(k) ? " DESC" : "");
      }
      out.println("  index " + i.name() + (i.unique() ? " UNIQUE" : "") + " (" + cols + ")");
    }
    for (ForeignKey fk : t.importedKeys()) {
      out.println("  foreign key " + fk.name() + ": (" + String.join(", ", fk.columns())
          + ") -> " + fk.referencedTable() + " (" + String.join(", ", fk.referencedColumns())
          + ")");
    }
    for (ForeignKey fk : t.exportedKeys()) {
      out.println("  referenced by " + fk.table() + " (" + String.join(", ", fk.columns())
          + ") via " + fk.name());
    }
  }
}
