/*
 * LocalDateTime <-> TIMESTAMP, read and written as UTC wall time (ARCHITECTURE.md: "store UTC
 * only"): 2024-05-01T10:00 is stored as the epoch milliseconds of 2024-05-01T10:00Z whatever
 * the JVM's zone. Sub-millisecond parts are truncated on write.
 */
package org.decentdb.mybatis.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(LocalDateTime.class)
public final class LocalDateTimeTypeHandler extends BaseTypeHandler<LocalDateTime> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, LocalDateTime value,
      JdbcType jdbcType) throws SQLException {
    ps.setLong(i, value.toInstant(ZoneOffset.UTC).toEpochMilli());
  }

  @Override
  public LocalDateTime getNullableResult(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, LocalDateTime.class);
  }

  @Override
  public LocalDateTime getNullableResult(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, LocalDateTime.class);
  }

  @Override
  public LocalDateTime getNullableResult(CallableStatement cs, int column) throws SQLException {
    return cs.getObject(column, LocalDateTime.class);
  }
}
