/*
 * Result column metadata: labels as the engine names them, and types derived from each
 * column's declared type (for columns that come straight from a table column or a CAST);
 * expression columns without a declared type report OTHER / java.lang.Object.
 */
package org.decentdb.jdbc.internal;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import org.decentdb.jdbc.internal.error.ErrorMapper;
import org.decentdb.jdbc.internal.type.SqlKind;

final class ResultSetMetaDataImpl implements ResultSetMetaData {
  private final String[] names;
  private final String[] declTypes;

  ResultSetMetaDataImpl(String[] names, String[] declTypes) {
    this.names = names;
    this.declTypes = declTypes;
  }

  private int c(int column) throws SQLException {
    if (column < 1 || column > names.length) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "column index " + column + " is out of range 1.." + names.length, "07009", null);
    }
    return column - 1;
  }

  private SqlKind kind(int column) throws SQLException {
    return SqlKind.ofDeclared(declTypes[c(column)]);
  }

  @Override
  public int getColumnCount() {
    return names.length;
  }

  @Override
  public boolean isAutoIncrement(int column) throws SQLException {
    c(column);
    return false;
  }

  @Override
  public boolean isCaseSensitive(int column) throws SQLException {
    SqlKind k = kind(column);
    return k == SqlKind.TEXT || k == SqlKind.ANY;
  }

  @Override
  public boolean isSearchable(int column) throws SQLException {
    c(column);
    return true;
  }

  @Override
  public boolean isCurrency(int column) throws SQLException {
    c(column);
    return false;
  }

  @Override
  public int isNullable(int column) throws SQLException {
    c(column);
    return columnNullableUnknown;
  }

  @Override
  public boolean isSigned(int column) throws SQLException {
    SqlKind k = kind(column);
    return k == SqlKind.INT64 || k == SqlKind.FLOAT64 || k == SqlKind.DECIMAL;
  }

  @Override
  public int getColumnDisplaySize(int column) throws SQLException {
    int p = getPrecision(column);
    return p <= 0 || p > 1 << 20 ? 1 << 20 : p;
  }

  @Override
  public String getColumnLabel(int column) throws SQLException {
    return names[c(column)];
  }

  @Override
  public String getColumnName(int column) throws SQLException {
    return names[c(column)];
  }

  @Override
  public String getSchemaName(int column) throws SQLException {
    c(column);
    return "";
  }

  @Override
  public int getPrecision(int column) throws SQLException {
    int[] m = SqlKind.modifiers(declTypes[c(column)]);
    SqlKind k = kind(column);
    if (m[0] > 0 && (k == SqlKind.DECIMAL || k == SqlKind.TEXT || k == SqlKind.BLOB)) {
      return m[0];
    }
    return k.defaultPrecision == Integer.MAX_VALUE ? 0 : k.defaultPrecision;
  }

  @Override
  public int getScale(int column) throws SQLException {
    int[] m = SqlKind.modifiers(declTypes[c(column)]);
    return kind(column) == SqlKind.DECIMAL && m[1] >= 0 ? m[1] : 0;
  }

  @Override
  public String getTableName(int column) throws SQLException {
    c(column);
    return "";
  }

  @Override
  public String getCatalogName(int column) throws SQLException {
    c(column);
    return "";
  }

  @Override
  public int getColumnType(int column) throws SQLException {
    return kind(column).jdbcType;
  }

  @Override
  public String getColumnTypeName(int column) throws SQLException {
    String d = declTypes[c(column)];
    return d == null ? "" : d;
  }

  @Override
  public boolean isReadOnly(int column) throws SQLException {
    c(column);
    return true;
  }

  @Override
  public boolean isWritable(int column) throws SQLException {
    c(column);
    return false;
  }

  @Override
  public boolean isDefinitelyWritable(int column) throws SQLException {
    c(column);
    return false;
  }

  @Override
  public String getColumnClassName(int column) throws SQLException {
    return kind(column).className;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
