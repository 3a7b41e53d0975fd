/*
 * Parameter metadata: the engine types parameters by the value bound, so only the count is
 * known before execution; every parameter reports OTHER / java.lang.Object, nullable.
 */
package org.decentdb.jdbc.internal;

import java.sql.ParameterMetaData;
import java.sql.SQLException;
import java.sql.Types;
import org.decentdb.jdbc.internal.error.ErrorMapper;

final class ParameterMetaDataImpl implements ParameterMetaData {
  private final int count;

  ParameterMetaDataImpl(int count) {
    this.count = count;
  }

  private void check(int param) throws SQLException {
    if (param < 1 || param > count) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "parameter index " + param + " is out of range 1.." + count, "07009", null);
    }
  }

  @Override public int getParameterCount() { return count; }
  @Override public int isNullable(int p) throws SQLException { check(p); return parameterNullable; }
  @Override public boolean isSigned(int p) throws SQLException { check(p); return true; }
  @Override public int getPrecision(int p) throws SQLException { check(p); return 0; }
  @Override public int getScale(int p) throws SQLException { check(p); return 0; }
  @Override public int getParameterType(int p) throws SQLException { check(p); return Types.OTHER; }
  @Override public String getParameterTypeName(int p) throws SQLException { check(p); return ""; }
  @Override public String getParameterClassName(int p) throws SQLException {
    check(p);
    return Object.class.getName();
  }
  @Override public int getParameterMode(int p) throws SQLException { check(p); return parameterModeIn; }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
