/*
 * Enum <-> INT64 by the constant's stable code (CodedEnum). Registered for CodedEnum, so MyBatis
 * picks it for every enum that implements CodedEnum; a mapping can also name it explicitly
 * (typeHandler=...), and can choose storage by name with MyBatis' EnumTypeHandler instead.
 * The code-to-constant table is built once per enum class.
 */
package org.decentdb.mybatis.type;

import java.sql.CallableStatement;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import org.apache.ibatis.type.BaseTypeHandler;
import org.apache.ibatis.type.JdbcType;
import org.apache.ibatis.type.MappedTypes;

@MappedTypes(CodedEnum.class)
public final class EnumCodeTypeHandler<E extends Enum<E>> extends BaseTypeHandler<E> {

  private final Class<?> type;
  private final Map<Long, E> byCode; // null when registered for the CodedEnum interface itself

  /**
   * REQUIRES: type is an enum implementing CodedEnum with unique codes, or CodedEnum itself
   * (the registration MyBatis specializes for each enum it meets).
   */
  @SuppressWarnings("unchecked")
  public EnumCodeTypeHandler(Class<?> type) {
    if (type == null) {
      throw new IllegalArgumentException("an enum type is required");
    }
    this.type = type;
    if (type == CodedEnum.class) {
      this.byCode = null;
      return;
    }
    if (!type.isEnum() || !CodedEnum.class.isAssignableFrom(type)) {
      throw new IllegalArgumentException(type.getName()
          + " is not an enum implementing " + CodedEnum.class.getName());
    }
    Map<Long, E> codes = new HashMap<>();
    for (Object constant : type.getEnumConstants()) {
      E e = (E) constant;
      E previous = codes.put(((CodedEnum) e).code(), e);
      if (previous != null) {
        throw new IllegalArgumentException(type.getName() + "." + previous.name() + " and "
            + e.name() + " have the same code " + ((CodedEnum) e).code());
      }
    }
    this.byCode = codes;
  }

  @Override
  public void setNonNullParameter(PreparedStatement ps, int i, E value, JdbcType jdbcType)
      throws SQLException {
    ps.setLong(i, ((CodedEnum) value).code());
  }

  @Override
  public E getNullableResult(ResultSet rs, String column) throws SQLException {
    long code = rs.getLong(column);
    return code == 0 && rs.wasNull() ? null : constant(code);
  }

  @Override
  public E getNullableResult(ResultSet rs, int column) throws SQLException {
    long code = rs.getLong(column);
    return code == 0 && rs.wasNull() ? null : constant(code);
  }

  @Override
  public E getNullableResult(CallableStatement cs, int column) throws SQLException {
    long code = cs.getLong(column);
    return code == 0 && cs.wasNull() ? null : constant(code);
  }

  private E constant(long code) throws SQLException {
    if (byCode == null) {
      throw new SQLDataException("cannot read a code into the interface " + type.getName()
          + "; map the property to a concrete enum type", "22000");
    }
    E e = byCode.get(code);
    if (e == null) {
      throw new SQLDataException("no constant of " + type.getName() + " has code " + code,
          "22000");
    }
    return e;
  }
}
