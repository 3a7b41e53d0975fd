/*
 * OffsetDateTime <-> TIMESTAMP. The stored value is the instant (epoch milliseconds UTC); the
 * offset is not stored, so a value reads back as the same instant at offset UTC (Z).
 */
package org.decentdb.mybatis.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(OffsetDateTime.class)
public final class OffsetDateTimeTypeHandler extends BaseTypeHandler<OffsetDateTime> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, OffsetDateTime value,
      JdbcType jdbcType) throws SQLException {
    ps.setLong(i, value.toInstant().toEpochMilli());
  }

  @Override
  public OffsetDateTime getNullableResult(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class);
  }

  @Override
  public OffsetDateTime getNullableResult(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, OffsetDateTime.class);
  }

  @Override
  public OffsetDateTime getNullableResult(CallableStatement cs, int column) throws SQLException {
    return cs.getObject(column, OffsetDateTime.class);
  }
}
