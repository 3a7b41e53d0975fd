/*
 * LocalDate <-> DATE (INT64 days since 1970-01-01, the type matrix). No time zone is involved
 * on either side.
 */
package org.decentdb.mybatis.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(LocalDate.class)
public final class LocalDateTypeHandler extends BaseTypeHandler<LocalDate> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, LocalDate value,
      JdbcType jdbcType) throws SQLException {
    ps.setLong(i, value.toEpochDay());
  }

  @Override
  public LocalDate getNullableResult(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, LocalDate.class);
  }

  @Override
  public LocalDate getNullableResult(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, LocalDate.class);
  }

  @Override
  public LocalDate getNullableResult(CallableStatement cs, int column) throws SQLException {
    return cs.getObject(column, LocalDate.class);
  }
}
