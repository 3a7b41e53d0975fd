/*
 * MyBatis Generator's JavaTypeResolver backed by JavaTypeMapping: resolves a column from its
 * declared type name (IntrospectedColumn.getActualTypeName), not from the JDBC type code, so
 * that TIMESTAMP, UUID or DECIMAL columns get Instant, UUID and BigDecimal. Options arrive as
 * configuration properties set by the CLI (timestampType, integerType, type.NAME=java.Type).
 */
package org.decentdb.generator.plugins;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import org.decentdb.generator.introspect.Column;
import org.mybatis.generator.api.IntrospectedColumn;
import org.mybatis.generator.api.JavaTypeResolver;
import org.mybatis.generator.api.dom.java.FullyQualifiedJavaType;
import org.mybatis.generator.config.Context;

public final class DecentTypeResolver implements JavaTypeResolver {
  private JavaTypeMapping mapping = JavaTypeMapping.defaults();
  private List<String> warnings;

  @Override
  public void addConfigurationProperties(Properties properties) {
    mapping = fromProperties(properties);
  }

  static JavaTypeMapping fromProperties(Properties p) {
    Map<String, String> overrides = new TreeMap<>();
    for (String name : p.stringPropertyNames()) {
      if (name.startsWith("type.")) {
        overrides.put(name.substring(5), p.getProperty(name));
      }
    }
    return new JavaTypeMapping(
        JavaTypeMapping.TimestampType.valueOf(p.getProperty("timestampType", "INSTANT")),
        JavaTypeMapping.IntegerType.valueOf(p.getProperty("integerType", "LONG")), overrides,
        Boolean.parseBoolean(p.getProperty("decentdbHandlers", "true")));
  }

  public static Properties toProperties(JavaTypeMapping m) {
    Properties p = new Properties();
    p.setProperty("timestampType", m.timestampType().name());
    p.setProperty("integerType", m.integerType().name());
    p.setProperty("decentdbHandlers", String.valueOf(m.decentdbHandlers()));
    m.overrides().forEach((k, v) -> p.setProperty("type." + k, v));
    return p;
  }

  @Override
  public void setContext(Context context) {}

  @Override
  public void setWarnings(List<String> warnings) {
    this.warnings = warnings;
  }

  @Override
  public Optional<JdbcTypeInformation> calculateTypeInformation(IntrospectedColumn column) {
    String declared = column.getActualTypeName() == null ? "" : column.getActualTypeName();
    Column c = new Column(column.getActualColumnName(), declared, column.getJdbcType(),
        column.isNullable(), column.isAutoIncrement(), column.getLength(), column.getScale());
    Optional<JavaTypeMapping.Mapped> m = mapping.map(c);
    if (m.isEmpty()) {
      if (warnings != null) {
        warnings.add("no Java type for " + c.name() + " " + declared);
      }
      return Optional.empty();
    }
    column.setTypeHandler(m.get().typeHandler());
    return Optional.of(new JdbcTypeInformation(m.get().jdbcType(),
        new FullyQualifiedJavaType(m.get().javaType())));
  }
}
