/*
 * BigDecimal <-> DECIMAL/NUMERIC (canonical TEXT, exact: the type matrix). The value is written
 * as plain text (no exponent) and read back unchanged; a DECIMAL(p,s) column rounds to scale s
 * on write (ENGINE.md 8.2).
 */
package org.decentdb.mybatis.type;

import java.math.BigDecimal;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(BigDecimal.class)
public final class BigDecimalTypeHandler extends BaseTypeHandler<BigDecimal> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, BigDecimal value,
      JdbcType jdbcType) throws SQLException {
    ps.setBigDecimal(i, value);
  }

  @Override
  public BigDecimal getNullableResult(ResultSet rs, String column) throws SQLException {
    return rs.getBigDecimal(column);
  }

  @Override
  public BigDecimal getNullableResult(ResultSet rs, int column) throws SQLException {
    return rs.getBigDecimal(column);
  }

  @Override
  public BigDecimal getNullableResult(CallableStatement cs, int column) throws SQLException {
    return cs.getBigDecimal(column);
  }
}
