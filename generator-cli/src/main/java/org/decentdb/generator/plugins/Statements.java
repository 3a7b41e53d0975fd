/*
 * Builds the statements MyBatis Generator does not: count, a finder per index (unique: one
 * row, otherwise a list in primary-key order), a list per foreign key, keyset pagination per
 * index order and by primary key through the decentdb-mybatis Keyset API (first page, pages
 * after or before an opaque cursor, last page), and optional offset paging.
 */
package org.decentdb.generator.plugins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.decentdb.generator.introspect.ForeignKey;
import org.decentdb.generator.introspect.Index;
import org.mybatis.generator.api.dom.java.Field;
import org.mybatis.generator.api.dom.java.FullyQualifiedJavaType;
import org.mybatis.generator.api.dom.java.Interface;
import org.mybatis.generator.api.dom.java.JavaVisibility;
import org.mybatis.generator.api.dom.java.Method;
import org.mybatis.generator.api.dom.java.Parameter;

final class Statements {
  static final String KEYSET = "org.decentdb.mybatis.pagination.Keyset";
  static final String KEYSET_REQUEST = "org.decentdb.mybatis.pagination.KeysetRequest";
  static final String KEYSET_PAGE = "org.decentdb.mybatis.pagination.KeysetPage";

  /** One keyset ordering: its name part, key columns (tie-breaker last), and its source. */
  record Ordering(String name, List<String> columns, String source) {}

  private final TableModel t;
  private final Set<String> usedNames = new LinkedHashSet<>();

  Statements(TableModel t) {
    this.t = t;
  }

  List<Stmt> build(Interface mapper) {
    List<Stmt> out = new ArrayList<>();
    out.add(count());
    for (Index i : t.table.indexes()) {
      String name = unique("findBy" + t.joinedName(i.columns()));
      out.add(finder(name, i));
    }
    for (ForeignKey fk : t.table.importedKeys()) {
      if (listMethod(t, fk).startsWith("listBy")) {
        out.add(listByForeignKey(unique(listMethod(t, fk)), fk));
      }
    }
    for (Ordering o : orderings()) {
      out.add(keyset(o, mapper));
    }
    if (t.run.options().offsetPaging() && !t.table.primaryKey().isEmpty()) {
      out.add(offsetPage());
    }
    return out;
  }

  private String unique(String name) {
    String n = name;
    for (int k = 2; !usedNames.add(n); k++) {
      n = name + k;
    }
    return n;
  }

  private Stmt count() {
    Method m = method("count", new FullyQualifiedJavaType("long"));
    m.addJavaDocLine("/** Counts the rows of table " + t.table.name() + ". */");
    String sql = "SELECT COUNT(*) FROM " + t.table.name();
    return new Stmt("count", "table " + t.table.name() + ": row count", List.of(sql), null,
        "long", m, List.of(), null);
  }

  private Stmt finder(String name, Index i) {
    boolean one = i.unique();
    Method m = method(name, one ? model() : list(model()));
    for (String c : i.columns()) {
      m.addParameter(param(c));
    }
    String what = one ? "the row" : "the rows (in primary-key order)";
    m.addJavaDocLine("/** Finds " + what + " of table " + t.table.name() + " by "
        + (one ? "unique " : "") + "index " + i.name() + ". */");
    List<String> sql = new ArrayList<>();
    sql.add("SELECT " + t.selectList(null, null));
    sql.add("FROM " + t.table.name());
    sql.add("WHERE " + t.equalities(null, i.columns()));
    if (!one && !t.table.primaryKey().isEmpty()) {
      sql.add("ORDER BY " + t.orderByPk(null));
    }
    return new Stmt(name, "table " + t.table.name() + ", index " + i.name() + " ("
        + String.join(", ", i.columns()) + "): " + (one ? "unique finder" : "finder"), sql,
        "BaseResultMap", null, m, Annotations.results(t), explain(sql));
  }

  private Stmt listByForeignKey(String name, ForeignKey fk) {
    Method m = method(name, list(model()));
    for (String c : fk.columns()) {
      m.addParameter(param(c));
    }
    m.addJavaDocLine("/** Lists the rows of table " + t.table.name() + " that reference one row of "
        + fk.referencedTable() + " through " + fk.name() + ". */");
    List<String> sql = new ArrayList<>();
    sql.add("SELECT " + t.selectList(null, null));
    sql.add("FROM " + t.table.name());
    sql.add("WHERE " + t.equalities(null, fk.columns()));
    if (!t.table.primaryKey().isEmpty()) {
      sql.add("ORDER BY " + t.orderByPk(null));
    }
    return new Stmt(name, "table " + t.table.name() + ", foreign key " + fk.name() + " -> "
        + fk.referencedTable() + ": rows of one parent", sql, "BaseResultMap", null, m,
        Annotations.results(t), explain(sql));
  }

  /**
   * The statement listing the rows of t that reference one parent through fk: the finder of a
   * non-unique index on exactly the key's columns when there is one, else listBy<Columns>.
   */
  static String listMethod(TableModel t, ForeignKey fk) {
    for (Index i : t.table.indexes()) {
      if (!i.unique() && i.columns().equals(fk.columns())) {
        return "findBy" + t.joinedName(i.columns());
      }
    }
    return "listBy" + t.joinedName(fk.columns());
  }

  /** The primary key, then every index extended with the primary key as tie-breaker. */
  List<Ordering> orderings() {
    List<Ordering> out = new ArrayList<>();
    List<String> pk = t.table.primaryKey();
    if (pk.isEmpty()) {
      return out;
    }
    out.add(new Ordering("Pk", pk, "primary key"));
    Set<String> names = new LinkedHashSet<>();
    names.add("Pk");
    for (Index i : t.table.indexes()) {
      List<String> cols = new ArrayList<>(i.columns());
      if (!i.unique() || i.columns().stream().anyMatch(c -> t.table.column(c)
          .map(col -> col.nullable()).orElse(true))) {
        for (String c : pk) {
          if (!cols.contains(c)) {
            cols.add(c);
          }
        }
      }
      String name = t.joinedName(i.columns());
      if (names.add(name)) {
        out.add(new Ordering(name, cols, "index " + i.name()));
      }
    }
    return out;
  }

  private Stmt keyset(Ordering o, Interface mapper) {
    String constant = "KEYSET_BY_" + upperSnake(o.name());
    FullyQualifiedJavaType keysetType = new FullyQualifiedJavaType(KEYSET);
    keysetType.addTypeArgument(model());
    Field f = new Field(constant, keysetType);
    f.setVisibility(JavaVisibility.DEFAULT);
    f.addJavaDocLine("/** Keyset ordering of table " + t.table.name() + " by " + o.source()
        + ": " + String.join(", ", o.columns()) + ". */");
    f.setInitializationString(keysetBuilder(o));
    mapper.addField(f);
    mapper.addImportedType(new FullyQualifiedJavaType(KEYSET));

    FullyQualifiedJavaType request = new FullyQualifiedJavaType(KEYSET_REQUEST);
    request.addTypeArgument(model());
    FullyQualifiedJavaType page = new FullyQualifiedJavaType(KEYSET_PAGE);
    page.addTypeArgument(model());
    mapper.addImportedType(new FullyQualifiedJavaType(KEYSET_REQUEST));
    mapper.addImportedType(new FullyQualifiedJavaType(KEYSET_PAGE));

    String selectId = "selectKeysetBy" + o.name();
    Method raw = method(selectId, list(model()));
    raw.addParameter(new Parameter(request, "page", "@Param(\"page\")"));
    raw.addJavaDocLine("/** Rows of one keyset page of " + constant + "; call pageBy" + o.name()
        + " instead. */");

    Method page1 = new Method("pageBy" + o.name());
    page1.setDefault(true);
    page1.setReturnType(page);
    page1.addParameter(new Parameter(FullyQualifiedJavaType.getStringInstance(), "cursor"));
    page1.addParameter(new Parameter(FullyQualifiedJavaType.getIntInstance(), "size"));
    page1.addJavaDocLine("/**");
    page1.addJavaDocLine(" * A page of table " + t.table.name() + " in " + o.source() + " order ("
        + String.join(", ", o.columns()) + "): the first page when cursor is null, else the");
    page1.addJavaDocLine(" * page a nextCursor or previousCursor of an earlier page points to.");
    page1.addJavaDocLine(" */");
    page1.addBodyLine(request.getShortName() + " request = " + constant + ".page(cursor, size);");
    page1.addBodyLine("return request.toPage(" + selectId + "(request));");
    mapper.addMethod(page1);

    Method last = new Method("lastPageBy" + o.name());
    last.setDefault(true);
    last.setReturnType(page);
    last.addParameter(new Parameter(FullyQualifiedJavaType.getIntInstance(), "size"));
    last.addJavaDocLine("/** The last page in " + o.source() + " order (rows still in order). */");
    last.addBodyLine(request.getShortName() + " request = " + constant + ".last(size);");
    last.addBodyLine("return request.toPage(" + selectId + "(request));");
    mapper.addMethod(last);

    List<String> sql = new ArrayList<>();
    sql.add("SELECT " + t.selectList(null, null));
    sql.add("FROM " + t.table.name());
    sql.add("WHERE ${page.where}");
    sql.add("ORDER BY ${page.orderBy}");
    sql.add("LIMIT #{page.limit}");
    return new Stmt(selectId, "table " + t.table.name() + ", " + o.source() + ": keyset page ("
        + String.join(", ", o.columns()) + ")", sql, "BaseResultMap", null, raw,
        Annotations.results(t), null);
  }

  private String keysetBuilder(Ordering o) {
    StringBuilder b = new StringBuilder("Keyset.builder(").append(t.cls).append(".class)");
    List<String> cols = o.columns();
    for (int k = 0; k < cols.size(); k++) {
      String c = cols.get(k);
      String acc = t.accessor(c);
      if (k == cols.size() - 1) {
        b.append("\n            .tieBreaker(\"").append(c).append("\", ").append(acc).append(')');
      } else {
        b.append("\n            .asc(\"").append(c).append("\", ").append(acc).append(')');
        boolean nullable = t.table.column(c).map(col -> col.nullable()).orElse(true);
        if (!nullable) {
          b.append(".notNull()");
        }
      }
    }
    return b.toString();
  }

  private Stmt offsetPage() {
    Method m = method("selectPage", list(model()));
    m.addParameter(new Parameter(FullyQualifiedJavaType.getIntInstance(), "offset",
        "@Param(\"offset\")"));
    m.addParameter(new Parameter(FullyQualifiedJavaType.getIntInstance(), "limit",
        "@Param(\"limit\")"));
    m.addJavaDocLine("/** Rows by offset in primary-key order; deep offsets scan: prefer the "
        + "keyset pages. */");
    List<String> sql = List.of("SELECT " + t.selectList(null, null), "FROM " + t.table.name(),
        "ORDER BY " + t.orderByPk(null), "LIMIT #{limit} OFFSET #{offset}");
    return new Stmt("selectPage", "table " + t.table.name() + ", primary key: offset page", sql,
        "BaseResultMap", null, m, Annotations.results(t), null);
  }

  private String explain(List<String> sql) {
    String s = String.join(" ", sql);
    return s.replaceAll("#\\{[^}]*}", "?");
  }

  private Method method(String name, FullyQualifiedJavaType returnType) {
    Method m = new Method(name);
    m.setAbstract(true);
    m.setReturnType(returnType);
    return m;
  }

  private Parameter param(String column) {
    String p = t.property(column);
    return new Parameter(new FullyQualifiedJavaType(t.javaType(column)), p,
        "@Param(\"" + p + "\")");
  }

  private FullyQualifiedJavaType model() {
    return new FullyQualifiedJavaType(t.modelType);
  }

  static FullyQualifiedJavaType list(FullyQualifiedJavaType of) {
    FullyQualifiedJavaType l = FullyQualifiedJavaType.getNewListInstance();
    l.addTypeArgument(of);
    return l;
  }

  static String upperSnake(String camel) {
    return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toUpperCase(java.util.Locale.ROOT);
  }
}
