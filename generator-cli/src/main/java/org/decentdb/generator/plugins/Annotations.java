/*
 * Annotation-style rendering helpers: the result mapping lines of a table (@Arg lines for a
 * record, one @Results block for a JavaBean, naming the decentdb-mybatis type handlers) and
 * the @Select/@Insert text block of SQL lines, escaped as Java string literals.
 */
package org.decentdb.generator.plugins;

import java.util.ArrayList;
import java.util.List;
import org.decentdb.generator.introspect.Column;

final class Annotations {
  private Annotations() {}

  static List<String> results(TableModel t) {
    List<String> lines = new ArrayList<>();
    if (t.record) {
      for (Column c : t.columns()) {
        lines.add("@Arg(" + attrs(t, c, false) + ")");
      }
      return lines;
    }
    lines.add("@Results({");
    List<Column> cols = t.columns();
    for (int i = 0; i < cols.size(); i++) {
      lines.add("    @Result(" + attrs(t, cols.get(i), true) + ")"
          + (i + 1 < cols.size() ? "," : ""));
    }
    lines.add("})");
    return lines;
  }

  private static String attrs(TableModel t, Column c, boolean property) {
    JavaTypeMapping.Mapped m = t.mapped(c);
    StringBuilder b = new StringBuilder("column=\"").append(c.name()).append('"');
    if (property) {
      b.append(", property=\"").append(Naming.property(c.name())).append('"');
    } else {
      b.append(", javaType=").append(m.javaType()).append(".class");
    }
    b.append(", jdbcType=JdbcType.").append(m.jdbcType());
    if (m.typeHandler() != null) {
      b.append(", typeHandler=").append(m.typeHandler()).append(".class");
    }
    if (t.table.primaryKey().stream().anyMatch(k -> k.equalsIgnoreCase(c.name()))) {
      b.append(", id=true");
    }
    return b.toString();
  }

  /** @Tag({ "line1", "line2" }) as lines. */
  static List<String> sql(String tag, List<String> sql) {
    List<String> lines = new ArrayList<>();
    lines.add("@" + tag + "({");
    for (int i = 0; i < sql.size(); i++) {
      lines.add("    \"" + escape(sql.get(i)) + (i + 1 < sql.size() ? " \"," : "\""));
    }
    lines.add("})");
    return lines;
  }

  static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
