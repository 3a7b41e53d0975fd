/*
 * How a statement returns generated keys: either the rowid of each inserted row (reported by
 * the engine as last_insert_rowid / execute_many's rowids; that is the INTEGER PRIMARY KEY when
 * the table has one), or named columns, fetched by appending RETURNING to the INSERT. For
 * RETURN_GENERATED_KEYS on an INSERT into a table with an INTEGER PRIMARY KEY the connection
 * uses that column by name, so that a multi-row INSERT returns every row's key.
 */
package org.decentdb.jdbc.internal;

final class GeneratedKeys {
  private final String[] columns; // null: the rowid

  private GeneratedKeys(String[] columns) {
    this.columns = columns;
  }

  static GeneratedKeys rowid() {
    return new GeneratedKeys(null);
  }

  static GeneratedKeys columns(String[] names) {
    return new GeneratedKeys(names.clone());
  }

  boolean byRowid() {
    return columns == null;
  }

  /**
   * The target table of an INSERT statement: {name, "quoted"|"bare"}, or null when sql is not
   * an INSERT (leading white space and comments skipped; bare names as written).
   */
  static String[] insertTarget(String sql) {
    int i = skipSpace(sql, 0);
    for (String word : new String[] {"INSERT", "INTO"}) {
      if (!sql.regionMatches(true, i, word, 0, word.length())) {
        return null;
      }
      i += word.length();
      int j = skipSpace(sql, i);
      if (j == i) {
        return null; // e.g. INSERTX
      }
      i = j;
    }
    if (i < sql.length() && sql.charAt(i) == '"') {
      StringBuilder name = new StringBuilder();
      for (int k = i + 1; k < sql.length(); k++) {
        char c = sql.charAt(k);
        if (c == '"') {
          if (k + 1 < sql.length() && sql.charAt(k + 1) == '"') {
            name.append('"');
            k++;
            continue;
          }
          return new String[] {name.toString(), "quoted"};
        }
        name.append(c);
      }
      return null;
    }
    int start = i;
    while (i < sql.length()
        && (Character.isLetterOrDigit(sql.charAt(i)) || sql.charAt(i) == '_')) {
      i++;
    }
    return i > start ? new String[] {sql.substring(start, i), "bare"} : null;
  }

  private static int skipSpace(String sql, int i) {
    while (i < sql.length()) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (sql.startsWith("--", i)) {
        int nl = sql.indexOf('\n', i);
        i = nl < 0 ? sql.length() : nl + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? sql.length() : end + 2;
      } else {
        break;
      }
    }
    return i;
  }

  /** The engine SQL with a RETURNING clause for the named columns. */
  String withReturning(String engineSql) {
    StringBuilder sb = new StringBuilder(engineSql.strip());
    while (sb.length() > 0 && sb.charAt(sb.length() - 1) == ';') {
      sb.setLength(sb.length() - 1);
    }
    sb.append(" RETURNING ");
    for (int i = 0; i < columns.length; i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append('"').append(columns[i].replace("\"", "\"\"")).append('"');
    }
    return sb.toString();
  }
}
