/*
 * Statements and holder classes for foreign keys of one table. Many-to-one: for each key this
 * table declares, a holder <Table>With<Parent> and a select that returns a row with its parent.
 * One-to-many: for each key pointing at this table, a holder <Table>With<Children> and a select
 * that returns a row with its child list. XML style joins once and maps with association and
 * collection result maps (columnPrefix keeps the two tables' columns apart); annotation style,
 * which cannot express joined nested maps, uses @One/@Many nested selects instead.
 */
package org.decentdb.generator.plugins;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.decentdb.generator.introspect.ForeignKey;
import org.mybatis.generator.api.dom.java.Field;
import org.mybatis.generator.api.dom.java.FullyQualifiedJavaType;
import org.mybatis.generator.api.dom.java.JavaVisibility;
import org.mybatis.generator.api.dom.java.Method;
import org.mybatis.generator.api.dom.java.Parameter;
import org.mybatis.generator.api.dom.java.TopLevelClass;
import org.mybatis.generator.api.dom.xml.Attribute;
import org.mybatis.generator.api.dom.xml.XmlElement;

final class Relationships {

  /** One relationship: its holder class, its XML result map (XML style) and its select. */
  record Rel(TopLevelClass holder, XmlElement resultMap, Stmt stmt) {}

  private final TableModel t;
  private final Set<String> names = new LinkedHashSet<>();

  Relationships(TableModel t) {
    this.t = t;
  }

  List<Rel> build() {
    List<Rel> out = new ArrayList<>();
    if (t.table.primaryKey().isEmpty()) {
      return out;
    }
    // Nested selects (annotation style) load rows with selectByPrimaryKey, which MyBatis
    // Generator writes only for tables with columns besides the key.
    boolean nested = t.run.options().annotations();
    if (nested && !hasSelectByPrimaryKey(t)) {
      return out;
    }
    for (ForeignKey fk : t.table.importedKeys()) {
      t.run.schema().table(fk.referencedTable()).ifPresent(p -> {
        TableModel parent = new TableModel(p, t.run);
        String by = referencedBy(parent, fk);
        if (by != null && !(nested && by.equals("selectByPrimaryKey")
            && !hasSelectByPrimaryKey(parent))) {
          out.add(manyToOne(fk, parent));
        }
      });
    }
    for (ForeignKey fk : t.table.exportedKeys()) {
      t.run.schema().table(fk.table()).ifPresent(c -> out.add(oneToMany(fk,
          new TableModel(c, t.run))));
    }
    return out;
  }

  static boolean hasSelectByPrimaryKey(TableModel m) {
    return !m.table.primaryKey().isEmpty() && m.columns().size() > m.table.primaryKey().size();
  }

  /** The statement of the parent's mapper that loads one row by the referenced columns. */
  private static String referencedBy(TableModel parent, ForeignKey fk) {
    if (sameColumns(fk.referencedColumns(), parent.table.primaryKey())) {
      return "selectByPrimaryKey";
    }
    return parent.table.indexes().stream()
        .filter(i -> i.unique() && sameColumns(i.columns(), fk.referencedColumns()))
        .findFirst().map(i -> "findBy" + parent.joinedName(i.columns())).orElse(null);
  }

  private static boolean sameColumns(List<String> a, List<String> b) {
    return a.size() == b.size() && a.stream().allMatch(x -> b.stream().anyMatch(x::equalsIgnoreCase));
  }

  private String unique(String name) {
    String n = name;
    for (int k = 2; !names.add(n); k++) {
      n = name + k;
    }
    return n;
  }

  private Rel manyToOne(ForeignKey fk, TableModel parent) {
    String self = Naming.property(t.table.name());
    String other = Naming.property(parent.table.name());
    if (other.equals(self)) {
      other = "referenced" + parent.cls;
    }
    String suffix = Naming.className(other);
    String holderName = unique(t.cls + "With" + suffix);
    if (!holderName.equals(t.cls + "With" + suffix)) {
      suffix = suffix + "By" + t.joinedName(fk.columns());
      holderName = t.cls + "With" + suffix;
      names.add(holderName);
    }
    TopLevelClass holder = holder(holderName, List.of(), self, t.modelType, other,
        parent.modelType, false);
    holder.addJavaDocLine("/** A row of " + t.table.name() + " with the row of "
        + parent.table.name() + " it references through " + fk.name() + ". */");

    String id = "selectWith" + suffix;
    Method m = pkMethod(id, holderType(holderName));
    m.addJavaDocLine("/** A row of " + t.table.name() + " by primary key with its "
        + parent.table.name() + " row (" + fk.name() + "; null when the key is NULL). */");
    String prefix = other + "__";
    List<String> sql = new ArrayList<>();
    sql.add("SELECT " + t.selectList("t", "") + ",");
    sql.add("  " + parent.selectList("p", prefix));
    sql.add("FROM " + t.table.name() + " t");
    sql.add("LEFT JOIN " + parent.table.name() + " p ON " + joinOn("p", fk.referencedColumns(),
        "t", fk.columns()));
    sql.add("WHERE " + t.equalities("t", t.table.primaryKey()));

    XmlElement map = resultMap(holderName);
    map.addElement(association(self, "BaseResultMap", null, null));
    map.addElement(association(other, parent.namespace + ".BaseResultMap", prefix,
        String.join(",", fk.referencedColumns())));

    List<String> ann = new ArrayList<>();
    ann.add("@Results({");
    ann.add("    @Result(property=\"" + self + "\", column=\"" + keySpec(t, t.table.primaryKey(),
        t.table.primaryKey()) + "\", one=@One(select=\"" + t.namespace
        + ".selectByPrimaryKey\")),");
    ann.add("    @Result(property=\"" + other + "\", column=\"" + keySpec(parent,
        fk.referencedColumns(), fk.columns()) + "\", one=@One(select=\"" + parent.namespace + "."
        + referencedBy(parent, fk) + "\"))");
    ann.add("})");
    List<String> annSql = new ArrayList<>();
    annSql.add("SELECT " + columnsOf(t.table.primaryKey(), fk.columns()));
    annSql.add("FROM " + t.table.name());
    annSql.add("WHERE " + t.equalities(null, t.table.primaryKey()));
    Stmt stmt = new Stmt(id, "table " + t.table.name() + ", foreign key " + fk.name() + " -> "
        + parent.table.name() + ": many-to-one", sql, holderName + "Map", null, m, ann, null);
    return new Rel(holder, map, t.run.options().annotations() ? withSql(stmt, annSql) : stmt);
  }

  private Rel oneToMany(ForeignKey fk, TableModel child) {
    String self = Naming.property(t.table.name());
    String plural = Naming.property(child.table.name()) + "s";
    if (plural.equals(self)) {
      plural = "referencing" + child.cls + "s";
    }
    String suffix = Naming.className(plural);
    String holderName = t.cls + "With" + suffix;
    if (!names.add(holderName)) {
      suffix = suffix + "By" + child.joinedName(fk.columns());
      holderName = t.cls + "With" + suffix;
      names.add(holderName);
    }
    TopLevelClass holder = holder(holderName, t.table.primaryKey(), self, t.modelType, plural,
        child.modelType, true);
    holder.addJavaDocLine("/** A row of " + t.table.name() + " with the rows of "
        + child.table.name() + " that reference it through " + fk.name() + ". */");

    String id = "selectWith" + suffix;
    Method m = pkMethod(id, holderType(holderName));
    m.addJavaDocLine("/** A row of " + t.table.name() + " by primary key with its "
        + child.table.name() + " rows (" + fk.name() + "), in their primary-key order. */");
    String prefix = plural + "__";
    List<String> sql = new ArrayList<>();
    sql.add("SELECT " + t.selectList("t", "") + ",");
    sql.add("  " + child.selectList("c", prefix));
    sql.add("FROM " + t.table.name() + " t");
    sql.add("LEFT JOIN " + child.table.name() + " c ON " + joinOn("c", fk.columns(), "t",
        fk.referencedColumns()));
    sql.add("WHERE " + t.equalities("t", t.table.primaryKey()));
    if (!child.table.primaryKey().isEmpty()) {
      sql.add("ORDER BY " + child.orderByPk("c"));
    }

    XmlElement map = resultMap(holderName);
    for (String k : t.table.primaryKey()) {
      XmlElement idEl = new XmlElement("id");
      idEl.addAttribute(new Attribute("column", k));
      idEl.addAttribute(new Attribute("property", t.property(k)));
      JavaTypeMapping.Mapped mk = t.mapped(t.column(k));
      idEl.addAttribute(new Attribute("jdbcType", mk.jdbcType()));
      if (mk.typeHandler() != null) {
        idEl.addAttribute(new Attribute("typeHandler", mk.typeHandler()));
      }
      map.addElement(idEl);
    }
    map.addElement(association(self, "BaseResultMap", null, null));
    XmlElement coll = new XmlElement("collection");
    coll.addAttribute(new Attribute("property", plural));
    coll.addAttribute(new Attribute("ofType", child.modelType));
    coll.addAttribute(new Attribute("resultMap", child.namespace + ".BaseResultMap"));
    coll.addAttribute(new Attribute("columnPrefix", prefix));
    coll.addAttribute(new Attribute("notNullColumn", String.join(",", fk.columns())));
    map.addElement(coll);

    List<String> ann = new ArrayList<>();
    ann.add("@Results({");
    for (String k : t.table.primaryKey()) {
      ann.add("    @Result(property=\"" + t.property(k) + "\", column=\"" + k + "\", id=true),");
    }
    ann.add("    @Result(property=\"" + self + "\", column=\"" + keySpec(t, t.table.primaryKey(),
        t.table.primaryKey()) + "\", one=@One(select=\"" + t.namespace
        + ".selectByPrimaryKey\")),");
    ann.add("    @Result(property=\"" + plural + "\", column=\"" + keySpec(child, fk.columns(),
        fk.referencedColumns()) + "\", many=@Many(select=\"" + child.namespace + "."
        + Statements.listMethod(child, fk) + "\"))");
    ann.add("})");
    List<String> annSql = new ArrayList<>();
    annSql.add("SELECT " + columnsOf(t.table.primaryKey(), fk.referencedColumns()));
    annSql.add("FROM " + t.table.name());
    annSql.add("WHERE " + t.equalities(null, t.table.primaryKey()));
    Stmt stmt = new Stmt(id, "table " + t.table.name() + ", foreign key " + fk.name() + " <- "
        + child.table.name() + ": one-to-many", sql, holderName + "Map", null, m, ann, null);
    return new Rel(holder, map, t.run.options().annotations() ? withSql(stmt, annSql) : stmt);
  }

  private static Stmt withSql(Stmt s, List<String> sql) {
    return new Stmt(s.id(), s.comment(), sql, s.resultMap(), s.resultType(), s.method(),
        s.annotationResults(), s.explainSql());
  }

  private static String columnsOf(List<String> a, List<String> b) {
    Set<String> cols = new LinkedHashSet<>(a);
    cols.addAll(b);
    return String.join(", ", cols);
  }

  /** Nested-select column spec: one column as is, several as {param=column,...}. */
  private static String keySpec(TableModel target, List<String> targetCols, List<String> cols) {
    if (cols.size() == 1) {
      return cols.get(0);
    }
    return namedSpec(target, targetCols, cols);
  }

  private static String namedSpec(TableModel target, List<String> targetCols, List<String> cols) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < cols.size(); i++) {
      parts.add(target.property(targetCols.get(i)) + "=" + cols.get(i));
    }
    return "{" + String.join(",", parts) + "}";
  }

  private static String joinOn(String a, List<String> aCols, String b, List<String> bCols) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < aCols.size(); i++) {
      parts.add(a + "." + aCols.get(i) + " = " + b + "." + bCols.get(i));
    }
    return String.join(" AND ", parts);
  }

  private Method pkMethod(String id, FullyQualifiedJavaType returns) {
    Method m = new Method(id);
    m.setAbstract(true);
    m.setReturnType(returns);
    for (String k : t.table.primaryKey()) {
      String p = t.property(k);
      m.addParameter(new Parameter(new FullyQualifiedJavaType(t.javaType(k)), p,
          "@Param(\"" + p + "\")"));
    }
    return m;
  }

  private FullyQualifiedJavaType holderType(String name) {
    return new FullyQualifiedJavaType(t.run.options().modelPackage() + "." + name);
  }

  private XmlElement resultMap(String holderName) {
    XmlElement map = new XmlElement("resultMap");
    map.addAttribute(new Attribute("id", holderName + "Map"));
    map.addAttribute(new Attribute("type", holderType(holderName).getFullyQualifiedName()));
    return map;
  }

  private XmlElement association(String property, String resultMap, String prefix,
      String notNull) {
    XmlElement a = new XmlElement("association");
    a.addAttribute(new Attribute("property", property));
    a.addAttribute(new Attribute("resultMap", resultMap));
    if (prefix != null) {
      a.addAttribute(new Attribute("columnPrefix", prefix));
    }
    if (notNull != null) {
      a.addAttribute(new Attribute("notNullColumn", notNull));
    }
    return a;
  }

  /** A JavaBean holder: the key fields (one-to-many), the row, and the related row or list. */
  private TopLevelClass holder(String name, List<String> keyColumns, String rowProperty,
      String rowType, String relatedProperty, String relatedType, boolean many) {
    TopLevelClass c = new TopLevelClass(holderType(name));
    c.setVisibility(JavaVisibility.PUBLIC);
    for (String k : keyColumns) {
      addProperty(c, t.property(k), new FullyQualifiedJavaType(t.javaType(k)));
    }
    addProperty(c, rowProperty, new FullyQualifiedJavaType(rowType));
    FullyQualifiedJavaType related = new FullyQualifiedJavaType(relatedType);
    if (many) {
      FullyQualifiedJavaType list = Statements.list(related);
      c.addImportedType(FullyQualifiedJavaType.getNewListInstance());
      c.addImportedType(new FullyQualifiedJavaType("java.util.ArrayList"));
      addProperty(c, relatedProperty, list);
      c.getFields().get(c.getFields().size() - 1).setInitializationString("new ArrayList<>()");
    } else {
      addProperty(c, relatedProperty, related);
    }
    return c;
  }

  private static void addProperty(TopLevelClass c, String name, FullyQualifiedJavaType type) {
    Field f = new Field(name, type);
    f.setVisibility(JavaVisibility.PRIVATE);
    c.addField(f);
    c.addImportedType(type);
    String cap = Character.toUpperCase(name.charAt(0)) + name.substring(1);
    Method get = new Method("get" + cap);
    get.setVisibility(JavaVisibility.PUBLIC);
    get.setReturnType(type);
    get.addBodyLine("return " + name + ";");
    c.addMethod(get);
    Method set = new Method("set" + cap);
    set.setVisibility(JavaVisibility.PUBLIC);
    set.addParameter(new Parameter(type, name));
    set.addBodyLine("this." + name + " = " + name + ";");
    c.addMethod(set);
  }
}
