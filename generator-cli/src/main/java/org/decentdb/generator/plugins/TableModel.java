/*
 * The facts about one table that every statement builder needs, from our reflection and
 * type mapping (the same names and types MyBatis Generator is given, see
 * DecentDbPlugin.initialized): class names, the column list, parameter markers, accessors.
 * Works for any table of the run, also one MyBatis Generator has not reached yet.
 */
package org.decentdb.generator.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.decentdb.generator.introspect.Table;
import org.decentdb.generator.introspect.Column;

final class TableModel {
  final Table table;
  final RunState run;
  final String cls;
  final String modelType;
  final String namespace;
  final boolean record;

  TableModel(Table table, RunState run) {
    this.table = table;
    this.run = run;
    this.cls = Naming.className(table.name());
    this.modelType = modelType(run, table.name());
    this.namespace = namespace(run, table.name());
    this.record = isRecord(run, table);
  }

  static String modelType(RunState run, String table) {
    return run.options().modelPackage() + "." + Naming.className(table);
  }

  static String namespace(RunState run, String table) {
    return run.options().mapperPackage() + "." + Naming.className(table) + "BaseMapper";
  }

  /** Records where possible: not for a table whose key the engine assigns (see GenerationRun). */
  static boolean isRecord(RunState run, Table t) {
    return run.options().records() && autoKey(t).isEmpty();
  }

  /** The single-column primary key the engine assigns, if any (read back with RETURNING). */
  static Optional<String> autoKey(Table t) {
    if (t.primaryKey().size() != 1) {
      return Optional.empty();
    }
    return t.column(t.primaryKey().get(0)).filter(c -> c.autoIncrement()).map(c -> c.name());
  }

  Column column(String name) {
    return table.column(name).orElseThrow(
        () -> new IllegalArgumentException("no column " + name + " in " + table.name()));
  }

  List<Column> columns() {
    return table.columns();
  }

  JavaTypeMapping.Mapped mapped(Column c) {
    return run.mapping().map(c).orElseThrow(
        () -> new IllegalStateException("unmapped column " + table.name() + "." + c.name()));
  }

  String property(String column) {
    return Naming.property(column(column).name());
  }

  String javaType(String column) {
    return mapped(column(column)).javaType();
  }

  /** #{expr,jdbcType=...,typeHandler=...} for a value bound to the column. */
  String marker(String column, String expr) {
    JavaTypeMapping.Mapped m = mapped(column(column));
    StringBuilder b = new StringBuilder("#{").append(expr).append(",jdbcType=")
        .append(m.jdbcType());
    if (m.typeHandler() != null) {
      b.append(",typeHandler=").append(m.typeHandler());
    }
    return b.append('}').toString();
  }

  /** A method reference reading the column's value from a row (record or JavaBean). */
  String accessor(String column) {
    String p = property(column);
    return cls + "::" + (record ? p : "get" + Character.toUpperCase(p.charAt(0)) + p.substring(1));
  }

  /** The select list: plain names, or alias.col AS prefix+col when alias is given. */
  String selectList(String alias, String labelPrefix) {
    List<String> parts = new ArrayList<>();
    for (Column c : columns()) {
      String n = c.name();
      parts.add(alias == null ? n : alias + "." + n + " AS " + labelPrefix + n);
    }
    return String.join(", ", parts);
  }

  /** "a = #{a...} AND b = #{b...}" over the columns, each bound to the parameter named by prop. */
  String equalities(String alias, List<String> cols) {
    List<String> parts = new ArrayList<>();
    for (String c : cols) {
      parts.add((alias == null ? "" : alias + ".") + c + " = " + marker(c, property(c)));
    }
    return String.join(" AND ", parts);
  }

  String orderByPk(String alias) {
    List<String> parts = new ArrayList<>();
    for (String c : table.primaryKey()) {
      parts.add((alias == null ? "" : alias + ".") + c);
    }
    return String.join(", ", parts);
  }

  /** Method-name part from columns: [title, no] -> TitleAndNo. */
  String joinedName(List<String> cols) {
    List<String> parts = new ArrayList<>();
    for (String c : cols) {
      String p = property(c);
      parts.add(Character.toUpperCase(p.charAt(0)) + p.substring(1));
    }
    return String.join("And", parts);
  }
}
