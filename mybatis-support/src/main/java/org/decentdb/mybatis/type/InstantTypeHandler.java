/*
 * Instant <-> TIMESTAMP (INT64 epoch milliseconds UTC, the type matrix). Writes the encoded
 * long directly; reads through the driver's typed getObject(int, Instant.class), which also
 * accepts DATE columns and ISO text. Sub-millisecond parts are truncated on write.
 */
package org.decentdb.mybatis.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(Instant.class)
public final class InstantTypeHandler extends BaseTypeHandler<Instant> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, Instant value, JdbcType jdbcType)
      throws SQLException {
    ps.setLong(i, value.toEpochMilli());
  }

  @Override
  public Instant getNullableResult(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, Instant.class);
  }

  @Override
  public Instant getNullableResult(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, Instant.class);
  }

  @Override
  public Instant getNullableResult(CallableStatement cs, int column) throws SQLException {
    return cs.getObject(column, Instant.class);
  }
}
