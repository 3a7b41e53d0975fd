/*
 * One column of a row mapping: reads column `col` of the current row with the getter that fits
 * the target type (getLong for long, getString for String, a TypeHandler or getObject(int,
 * Class) for the rest) and, for classes, stores it through a setter or field MethodHandle.
 * Primitive cells call typed handles, so no value is boxed on their path.
 */
package org.decentdb.mybatis.mapping;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.ibatis.type.TypeHandler;
import org.apache.ibatis.type.TypeHandlerRegistry;

abstract class Cell {

  final int col; // 1-based

  Cell(int col) {
    this.col = col;
  }

  /** The column's value as the target type, boxed (constructor arguments). */
  abstract Object read(ResultSet rs) throws SQLException;

  /** Reads the column and stores it into target through the setter. */
  abstract void store(ResultSet rs, Object target) throws Throwable;

  /** A cell for a target of type `type`; setter is (Object, type)void, or null for records. */
  static Cell of(int col, Class<?> type, MethodHandle setter, TypeHandlerRegistry registry) {
    if (type == long.class) {
      return new LongCell(col, adapt(setter, long.class));
    } else if (type == int.class) {
      return new IntCell(col, adapt(setter, int.class));
    } else if (type == double.class) {
      return new DoubleCell(col, adapt(setter, double.class));
    } else if (type == boolean.class) {
      return new BooleanCell(col, adapt(setter, boolean.class));
    }
    return new ObjectCell(col, reader(type, registry), adapt(setter, Object.class));
  }

  private static MethodHandle adapt(MethodHandle setter, Class<?> valueType) {
    return setter == null ? null
        : setter.asType(MethodType.methodType(void.class, Object.class, valueType));
  }

  @FunctionalInterface
  interface Reader {
    Object read(ResultSet rs, int col) throws SQLException;
  }

  static Reader reader(Class<?> type, TypeHandlerRegistry registry) {
    if (type == String.class) {
      return ResultSet::getString;
    } else if (type == Long.class) {
      return (rs, c) -> {
        long v = rs.getLong(c);
        return v == 0 && rs.wasNull() ? null : v;
      };
    } else if (type == Integer.class) {
      return (rs, c) -> {
        int v = rs.getInt(c);
        return v == 0 && rs.wasNull() ? null : v;
      };
    } else if (type == Double.class) {
      return (rs, c) -> {
        double v = rs.getDouble(c);
        return v == 0 && rs.wasNull() ? null : v;
      };
    } else if (type == Boolean.class) {
      return (rs, c) -> {
        boolean v = rs.getBoolean(c);
        return !v && rs.wasNull() ? null : v;
      };
    } else if (type == BigDecimal.class) {
      return ResultSet::getBigDecimal;
    } else if (type == byte[].class) {
      return ResultSet::getBytes;
    } else if (type.isPrimitive()) { // short, byte, float, char: rare; boxed path
      Class<?> boxed = type == short.class ? Short.class : type == byte.class ? Byte.class
          : type == float.class ? Float.class : Character.class;
      return (rs, c) -> {
        Object v = rs.getObject(c, boxed);
        return v != null ? v : zero(type);
      };
    }
    if (registry != null && registry.hasTypeHandler(type)) {
      TypeHandler<?> h = registry.getTypeHandler(type);
      if (h != null && !(h instanceof org.apache.ibatis.type.UnknownTypeHandler)) {
        return h::getResult;
      }
    }
    return (rs, c) -> rs.getObject(c, type);
  }

  private static Object zero(Class<?> type) {
    if (type == short.class) {
      return (short) 0;
    } else if (type == byte.class) {
      return (byte) 0;
    } else if (type == float.class) {
      return 0f;
    }
    return '\0';
  }

  private static final class LongCell extends Cell {
    private final MethodHandle setter;

    LongCell(int col, MethodHandle setter) {
      super(col);
      this.setter = setter;
    }

    @Override
    Object read(ResultSet rs) throws SQLException {
      return rs.getLong(col);
    }

    @Override
    void store(ResultSet rs, Object target) throws Throwable {
      setter.invokeExact(target, rs.getLong(col));
    }
  }

  private static final class IntCell extends Cell {
    private final MethodHandle setter;

    IntCell(int col, MethodHandle setter) {
      super(col);
      this.setter = setter;
    }

    @Override
    Object read(ResultSet rs) throws SQLException {
      return rs.getInt(col);
    }

    @Override
    void store(ResultSet rs, Object target) throws Throwable {
      setter.invokeExact(target, rs.getInt(col));
    }
  }

  private static final class DoubleCell extends Cell {
    private final MethodHandle setter;

    DoubleCell(int col, MethodHandle setter) {
      super(col);
      this.setter = setter;
    }

    @Override
    Object read(ResultSet rs) throws SQLException {
      return rs.getDouble(col);
    }

    @Override
    void store(ResultSet rs, Object target) throws Throwable {
      setter.invokeExact(target, rs.getDouble(col));
    }
  }

  private static final class BooleanCell extends Cell {
    private final MethodHandle setter;

    BooleanCell(int col, MethodHandle setter) {
      super(col);
      this.setter = setter;
    }

    @Override
    Object read(ResultSet rs) throws SQLException {
      return rs.getBoolean(col);
    }

    @Override
    void store(ResultSet rs, Object target) throws Throwable {
      setter.invokeExact(target, rs.getBoolean(col));
    }
  }

  private static final class ObjectCell extends Cell {
    private final Reader reader;
    private final MethodHandle setter;

    ObjectCell(int col, Reader reader, MethodHandle setter) {
      super(col);
      this.reader = reader;
      this.setter = setter;
    }

    @Override
    Object read(ResultSet rs) throws SQLException {
      return reader.read(rs, col);
    }

    @Override
    void store(ResultSet rs, Object target) throws Throwable {
      Object v = reader.read(rs, col);
      if (v != null) { // a new object's properties already start out null
        setter.invokeExact(target, v);
      }
    }
  }
}
