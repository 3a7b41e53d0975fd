/*
 * Boolean <-> BOOLEAN (the engine's BOOL storage class). A NULL reads as null for Boolean
 * properties; MyBatis leaves a primitive boolean property at false for NULL.
 */
package org.decentdb.mybatis.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes({Boolean.class, boolean.class})
public final class BooleanTypeHandler extends BaseTypeHandler<Boolean> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, Boolean value, JdbcType jdbcType)
      throws SQLException {
    ps.setBoolean(i, value);
  }

  @Override
  public Boolean getNullableResult(ResultSet rs, String column) throws SQLException {
    boolean v = rs.getBoolean(column);
    return !v && rs.wasNull() ? null : v;
  }

  @Override
  public Boolean getNullableResult(ResultSet rs, int column) throws SQLException {
    boolean v = rs.getBoolean(column);
    return !v && rs.wasNull() ? null : v;
  }

  @Override
  public Boolean getNullableResult(CallableStatement cs, int column) throws SQLException {
    boolean v = cs.getBoolean(column);
    return !v && cs.wasNull() ? null : v;
  }
}
