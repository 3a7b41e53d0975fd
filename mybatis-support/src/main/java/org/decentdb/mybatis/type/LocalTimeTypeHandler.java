/*
 * LocalTime <-> TIME (INT64 milliseconds since midnight, the type matrix). Sub-millisecond
 * parts are truncated on write (ARCHITECTURE.md, TIME precision).
 */
package org.decentdb.mybatis.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalTime;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(LocalTime.class)
public final class LocalTimeTypeHandler extends BaseTypeHandler<LocalTime> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, LocalTime value,
      JdbcType jdbcType) throws SQLException {
    ps.setLong(i, value.toNanoOfDay() / 1_000_000);
  }

  @Override
  public LocalTime getNullableResult(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, LocalTime.class);
  }

  @Override
  public LocalTime getNullableResult(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, LocalTime.class);
  }

  @Override
  public LocalTime getNullableResult(CallableStatement cs, int column) throws SQLException {
    return cs.getObject(column, LocalTime.class);
  }
}
