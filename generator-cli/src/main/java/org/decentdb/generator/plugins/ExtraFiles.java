/*
 * Files MyBatis Generator does not make: per table the user's extension mapper (written
 * once, never again: the generation-gap half the user owns) and one Mappers class that
 * registers every generated mapper with a MyBatis Configuration.
 */
package org.decentdb.generator.plugins;

import java.util.ArrayList;
import java.util.List;
import org.decentdb.generator.introspect.Table;

public final class ExtraFiles {

  /** path relative to the output root; userOwned files are created once and never rewritten. */
  public record File(String path, String content, boolean userOwned) {}

  private final RunState run;

  public ExtraFiles(RunState run) {
    this.run = run;
  }

  public List<File> files() {
    List<File> out = new ArrayList<>();
    String pkg = run.options().mapperPackage();
    String dir = pkg.replace('.', '/') + "/";
    StringBuilder register = new StringBuilder();
    for (Table t : run.schema().tables()) {
      String cls = Naming.className(t.name());
      out.add(new File(dir + cls + "Mapper.java", userMapper(pkg, cls, t.name()), true));
      register.append("    add(configuration, ").append(cls).append("BaseMapper.class);\n");
      register.append("    add(configuration, ").append(cls).append("Mapper.class);\n");
    }
    out.add(new File(dir + "Mappers.java", mappers(pkg, register.toString()), false));
    return out;
  }

  private static String userMapper(String pkg, String cls, String table) {
    return "package " + pkg + ";\n\n"
        + "import org.apache.ibatis.annotations.Mapper;\n\n"
        + "/**\n"
        + " * Your mapper for table " + table + ". It inherits the generated statements of "
        + cls + "BaseMapper;\n"
        + " * add your own methods here. decentdb-gen creates this file once and never touches "
        + "it again.\n"
        + " */\n"
        + "@Mapper\n"
        + "public interface " + cls + "Mapper extends " + cls + "BaseMapper {\n"
        + "}\n";
  }

  private static String mappers(String pkg, String body) {
    return "package " + pkg + ";\n\n"
        + "import org.apache.ibatis.session.Configuration;\n\n"
        + "/** Registers every generated mapper and its extension with a MyBatis Configuration. */\n"
        + "public final class Mappers {\n"
        + "  private Mappers() {}\n\n"
        + "  /** Adds the mappers (each base mapper loads its XML) unless already present. */\n"
        + "  public static Configuration addTo(Configuration configuration) {\n"
        + body
        + "    return configuration;\n"
        + "  }\n\n"
        + "  private static void add(Configuration configuration, Class<?> mapper) {\n"
        + "    if (!configuration.hasMapper(mapper)) {\n"
        + "      configuration.addMapper(mapper);\n"
        + "    }\n"
        + "  }\n"
        + "}\n";
  }
}
