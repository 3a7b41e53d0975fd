/*
 * Naming conventions, all optional: snake_case columns <-> camelCase properties (the cases
 * MyBatis' mapUnderscoreToCamelCase misses included: PascalCase, acronyms, digits), a table
 * name from a class name, the default "id" key, and CREATE INDEX statements for the columns an
 * application filters on. Nothing here needs base classes or annotations.
 */
package org.decentdb.mybatis.naming;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.ibatis.session.Configuration;

public final class NamingConventions {

  /** The key column (and property) assumed when none is named. */
  public static final String DEFAULT_KEY = "id";

  private NamingConventions() {}

  /**
   * createdAt, CreatedAt and created_at all give created_at; HTTPStatus gives http_status;
   * addressLine1 gives address_line1.
   */
  public static String toSnakeCase(String name) {
    StringBuilder sb = new StringBuilder(name.length() + 8);
    int n = name.length();
    for (int i = 0; i < n; i++) {
      char c = name.charAt(i);
      if (c == '_' || c == '-' || c == ' ') {
        if (sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
          sb.append('_');
        }
        continue;
      }
      if (Character.isUpperCase(c)) {
        boolean prevLower = i > 0 && (Character.isLowerCase(name.charAt(i - 1))
            || Character.isDigit(name.charAt(i - 1)));
        boolean acronymEnd = i > 0 && Character.isUpperCase(name.charAt(i - 1)) && i + 1 < n
            && Character.isLowerCase(name.charAt(i + 1));
        if ((prevLower || acronymEnd) && sb.length() > 0 && sb.charAt(sb.length() - 1) != '_') {
          sb.append('_');
        }
        sb.append(Character.toLowerCase(c));
      } else {
        sb.append(c);
      }
    }
    int end = sb.length();
    while (end > 0 && sb.charAt(end - 1) == '_') {
      end--;
    }
    return sb.substring(0, end);
  }

  /** created_at, CREATED_AT, CreatedAt and createdAt all give createdAt. */
  public static String toCamelCase(String name) {
    String snake = toSnakeCase(name);
    StringBuilder sb = new StringBuilder(snake.length());
    boolean upper = false;
    for (int i = 0; i < snake.length(); i++) {
      char c = snake.charAt(i);
      if (c == '_') {
        upper = sb.length() > 0;
      } else {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      }
    }
    return sb.toString();
  }

  /**
   * The form under which a column label and a property name are compared: lower case without
   * separators, so created_at, CREATED_AT, createdAt and CreatedAt are one name.
   */
  public static String canonical(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c != '_' && c != '-' && c != ' ') {
        sb.append(Character.toLowerCase(c));
      }
    }
    return sb.toString();
  }

  /** The table of a class: TrackArtist gives track_artist (no pluralization). */
  public static String tableName(Class<?> type) {
    return toSnakeCase(type.getSimpleName());
  }

  /** The column of a property: createdAt gives created_at. */
  public static String columnName(String property) {
    return toSnakeCase(property);
  }

  /** Turns on MyBatis' mapUnderscoreToCamelCase, the automapping half of these conventions. */
  public static Configuration apply(Configuration configuration) {
    configuration.setMapUnderscoreToCamelCase(true);
    return configuration;
  }

  /**
   * CREATE INDEX IF NOT EXISTS statements, one per filter column, named {table}_{column}_idx.
   * REQUIRES: table and columns are plain identifiers (letters, digits, underscores).
   */
  public static List<String> indexStatements(String table, String... filterColumns) {
    checkIdentifier(table);
    List<String> out = new ArrayList<>(filterColumns.length);
    for (String column : filterColumns) {
      checkIdentifier(column);
      out.add("CREATE INDEX IF NOT EXISTS " + table + "_" + column + "_idx ON " + table + " ("
          + column + ")");
    }
    return out;
  }

  /** Runs indexStatements on the connection. */
  public static void createIndexes(Connection connection, String table, String... filterColumns)
      throws SQLException {
    try (Statement s = connection.createStatement()) {
      for (String sql : indexStatements(table, filterColumns)) {
        s.execute(sql);
      }
    }
  }

  static void checkIdentifier(String name) {
    if (name == null || name.isEmpty() || !name.toLowerCase(Locale.ROOT).matches("[a-z_][a-z0-9_]*")) {
      throw new IllegalArgumentException("not a plain identifier: " + name);
    }
  }
}
