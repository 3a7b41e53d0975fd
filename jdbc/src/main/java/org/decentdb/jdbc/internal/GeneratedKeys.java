/*
 * How a statement returns generated keys: either the rowid of each inserted row (reported by
 * the engine as last_insert_rowid / execute_many's rowids; that is the INTEGER PRIMARY KEY when
 * the table has one), or named columns, fetched by appending RETURNING to the INSERT.
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
