/*
 * Our MyBatis Generator plugin. MyBatis Generator writes the models and the basic CRUD; this
 * plugin adds what it cannot know: type handlers and property names per column, count, a
 * finder per index, a list per foreign key, keyset pagination, foreign-key relationships
 * (holders, association/collection result maps, joined selects), comments naming the table
 * and index each statement serves, and EXPLAIN warnings. Statements come from Statements and
 * Relationships; this class only renders them as XML or annotations.
 */
package org.decentdb.generator.plugins;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.decentdb.generator.introspect.Table;
import org.mybatis.generator.api.GeneratedJavaFile;
import org.mybatis.generator.api.IntrospectedColumn;
import org.mybatis.generator.api.IntrospectedTable;
import org.mybatis.generator.api.PluginAdapter;
import org.mybatis.generator.api.dom.java.Field;
import org.mybatis.generator.api.dom.java.FullyQualifiedJavaType;
import org.mybatis.generator.api.dom.java.Interface;
import org.mybatis.generator.api.dom.java.Method;
import org.mybatis.generator.api.dom.java.TopLevelClass;
import org.mybatis.generator.api.dom.xml.Attribute;
import org.mybatis.generator.api.dom.xml.Document;
import org.mybatis.generator.api.dom.xml.TextElement;
import org.mybatis.generator.api.dom.xml.VisitableElement;
import org.mybatis.generator.api.dom.xml.XmlElement;

public final class DecentDbPlugin extends PluginAdapter {

  /** Everything added to one table's mapper, built once per table. */
  private record Built(Interface additions, List<Stmt> statements,
      List<Relationships.Rel> relationships) {}

  private final Map<String, Built> built = new ConcurrentHashMap<>();

  @Override
  public boolean validate(List<String> warnings) {
    return true;
  }

  /** The single-column primary key the engine assigns, if any (read back with RETURNING). */
  public static Optional<String> autoKey(Table t) {
    return TableModel.autoKey(t);
  }

  private RunState run() {
    return RunState.of(context.getId());
  }

  private Table table(IntrospectedTable it) {
    String name = it.getFullyQualifiedTable().getIntrospectedTableName();
    return run().schema().table(name).orElseThrow(
        () -> new IllegalStateException("table " + name + " was not reflected"));
  }

  @Override
  public void initialized(IntrospectedTable it) {
    RunState run = run();
    Table t = table(it);
    for (IntrospectedColumn c : it.getAllColumns()) {
      c.setJavaProperty(Naming.property(c.getActualColumnName()));
      t.column(c.getActualColumnName()).flatMap(col -> run.mapping().map(col))
          .ifPresent(m -> c.setTypeHandler(m.typeHandler()));
    }
  }

  private Built built(IntrospectedTable it) {
    Table t = table(it);
    return built.computeIfAbsent(t.name(), k -> {
      TableModel model = new TableModel(t, run());
      Interface additions = new Interface("additions");
      Statements statements = new Statements(model);
      List<Stmt> stmts = statements.build(additions);
      List<Relationships.Rel> rels = new Relationships(model).build();
      PlanCheck plans = new PlanCheck(run());
      for (Stmt s : stmts) {
        if (s.explainSql() != null) {
          plans.check(t.name(), s.id(), s.explainSql());
        }
      }
      for (Statements.Ordering o : statements.orderings()) {
        plans.checkKeyset(model, o);
      }
      return new Built(additions, stmts, rels);
    });
  }

  @Override
  public boolean clientGenerated(Interface mapper, IntrospectedTable it) {
    Built b = built(it);
    Table t = table(it);
    for (Method m : mapper.getMethods()) {
      crudComment(t, m.getName()).ifPresent(c -> m.addJavaDocLine("/** " + c + " */"));
    }
    mapper.addJavaDocLine("/**");
    mapper.addJavaDocLine(" * Generated statements of table " + t.name() + ". Use "
        + Naming.className(t.name()) + "Mapper, which extends this");
    mapper.addJavaDocLine(" * interface and holds your own statements.");
    mapper.addJavaDocLine(" */");
    mapper.addImportedType(new FullyQualifiedJavaType("org.apache.ibatis.annotations.Param"));
    mapper.addImportedType(FullyQualifiedJavaType.getNewListInstance());
    for (Field f : b.additions().getFields()) {
      mapper.addField(f);
    }
    mapper.addImportedTypes(b.additions().getImportedTypes());
    boolean ann = run().options().annotations();
    List<Stmt> all = new ArrayList<>(b.statements());
    for (Relationships.Rel r : b.relationships()) {
      all.add(r.stmt());
    }
    for (Stmt s : all) {
      Method m = s.method();
      if (ann) {
        annotate(mapper, s);
      }
      mapper.addMethod(m);
      mapper.addImportedType(m.getReturnType().orElseThrow());
      m.getParameters().forEach(p -> mapper.addImportedType(p.getType()));
    }
    for (Method m : b.additions().getMethods()) {
      mapper.addMethod(m);
    }
    return true;
  }

  private void annotate(Interface mapper, Stmt s) {
    Method m = s.method();
    for (String line : Annotations.sql("Select", s.sql())) {
      m.addAnnotation(line);
    }
    mapper.addImportedType(new FullyQualifiedJavaType("org.apache.ibatis.annotations.Select"));
    if (s.resultType() != null) {
      return;
    }
    for (String line : s.annotationResults()) {
      m.addAnnotation(line);
    }
    for (String a : List.of("Arg", "Result", "Results", "One", "Many")) {
      if (s.annotationResults().stream().anyMatch(l -> l.contains("@" + a + "("))) {
        mapper.addImportedType(new FullyQualifiedJavaType("org.apache.ibatis.annotations." + a));
      }
    }
    if (s.annotationResults().stream().anyMatch(l -> l.contains("JdbcType."))) {
      mapper.addImportedType(new FullyQualifiedJavaType("org.apache.ibatis.type.JdbcType"));
    }
  }

  private static Optional<String> crudComment(Table t, String method) {
    String n = t.name();
    return Optional.ofNullable(switch (method) {
      case "insert" -> "Inserts a row into table " + n
          + (TableModel.autoKey(t).isPresent() ? " and sets its generated key." : ".");
      case "selectByPrimaryKey" -> "Reads one row of table " + n + " by primary key.";
      case "updateByPrimaryKey" -> "Updates every column of one row of table " + n
          + " by primary key.";
      case "deleteByPrimaryKey" -> "Deletes one row of table " + n + " by primary key.";
      case "selectAll" -> "Reads every row of table " + n + "; prefer the keyset pages.";
      default -> null;
    });
  }

  @Override
  public boolean sqlMapDocumentGenerated(Document document, IntrospectedTable it) {
    Built b = built(it);
    Table t = table(it);
    XmlElement root = document.getRootElement();
    List<VisitableElement> elements = root.getElements();
    for (int i = elements.size() - 1; i >= 0; i--) {
      if (elements.get(i) instanceof XmlElement e) {
        Optional<String> id = e.getAttributes().stream()
            .filter(a -> a.name().equals("id")).map(Attribute::value).findFirst();
        Optional<String> c = id.flatMap(v -> v.equals("BaseResultMap")
            ? Optional.of("Columns of table " + t.name() + ".") : crudComment(t, v));
        if (c.isPresent()) {
          root.addElement(i, new TextElement("<!-- " + c.get() + " -->"));
        }
      }
    }
    for (Relationships.Rel r : b.relationships()) {
      root.addElement(new TextElement("<!-- " + r.stmt().comment() + " -->"));
      root.addElement(r.resultMap());
    }
    for (Stmt s : b.statements()) {
      root.addElement(new TextElement("<!-- " + s.comment() + " -->"));
      root.addElement(select(s));
    }
    for (Relationships.Rel r : b.relationships()) {
      root.addElement(new TextElement("<!-- " + r.stmt().comment() + " -->"));
      root.addElement(select(r.stmt()));
    }
    return true;
  }

  private static XmlElement select(Stmt s) {
    XmlElement e = new XmlElement("select");
    e.addAttribute(new Attribute("id", s.id()));
    if (s.resultMap() != null) {
      e.addAttribute(new Attribute("resultMap", s.resultMap()));
    } else {
      e.addAttribute(new Attribute("resultType", s.resultType()));
    }
    for (String line : s.sql()) {
      e.addElement(new TextElement(line));
    }
    return e;
  }

  @Override
  public List<GeneratedJavaFile> contextGenerateAdditionalJavaFiles(IntrospectedTable it) {
    List<GeneratedJavaFile> out = new ArrayList<>();
    for (Relationships.Rel r : built(it).relationships()) {
      TopLevelClass holder = r.holder();
      out.add(new GeneratedJavaFile(holder, "."));
    }
    return out;
  }
}
