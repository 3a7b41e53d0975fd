/*
 * The result of scanning one SQL string for parameter markers: the engine text (with $1..$N),
 * the style the caller used, the parameter count, and for named parameters the name of each
 * $i. Immutable; shared through SqlCache by every statement that prepares the same text.
 */
package org.decentdb.jdbc.internal.sql;

import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;

public final class ParsedSql {

  /** How the caller wrote the parameters. */
  public enum Style {
    NONE("no parameters"),
    JDBC("JDBC '?'"),
    NATIVE("native '$N'"),
    NAMED("named ':name' / '#{name}'");

    final String description;

    Style(String description) {
      this.description = description;
    }
  }

  private final String original;
  private final String engineSql;
  private final Style style;
  private final int parameterCount;
  private final String[] names;

  ParsedSql(String original, String engineSql, Style style, int parameterCount, String[] names) {
    this.original = original;
    this.engineSql = engineSql;
    this.style = style;
    this.parameterCount = parameterCount;
    this.names = names;
  }

  public String originalSql() {
    return original;
  }

  /** The SQL to hand to the engine: every parameter written as $1..$N. */
  public String engineSql() {
    return engineSql;
  }

  public Style style() {
    return style;
  }

  public int parameterCount() {
    return parameterCount;
  }

  /** Names in parameter order ($1 first); empty unless the style is NAMED. */
  public List<String> names() {
    return names == null ? List.of() : Arrays.asList(names.clone());
  }

  /**
   * The 1-based engine index of a named parameter.
   *
   * @throws SQLException if the statement has no parameter of that name
   */
  public int indexOf(String name) throws SQLException {
    if (names != null) {
      for (int i = 0; i < names.length; i++) {
        if (names[i].equals(name)) {
          return i + 1;
        }
      }
    }
    throw new SQLException("no parameter named '" + name + "' in this statement"
        + (names == null ? " (it has no named parameters)" : "; its names are "
            + String.join(", ", names)), "07001");
  }
}
