/*
 * UUID <-> UUID column (16-byte BLOB, most significant long first, the type matrix). Reads
 * also accept the canonical text form. MyBatis has no UUID handler of its own.
 */
package org.decentdb.mybatis.type;

import java.nio.ByteBuffer;
import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(UUID.class)
public final class UuidTypeHandler extends BaseTypeHandler<UUID> {

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, UUID value, JdbcType jdbcType)
      throws SQLException {
    ps.setBytes(i, ByteBuffer.allocate(16).putLong(value.getMostSignificantBits())
        .putLong(value.getLeastSignificantBits()).array());
  }

  @Override
  public UUID getNullableResult(ResultSet rs, String column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  @Override
  public UUID getNullableResult(ResultSet rs, int column) throws SQLException {
    return rs.getObject(column, UUID.class);
  }

  @Override
  public UUID getNullableResult(CallableStatement cs, int column) throws SQLException {
    return cs.getObject(column, UUID.class);
  }
}
