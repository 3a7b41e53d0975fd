/*
 * Builds rows in the engine's value encoding on the Java side, for result sets the driver makes
 * itself (generated keys, getTypeInfo and other metadata rows). Values are encoded as the type
 * matrix says (timestamps as epoch ms, UUIDs as 16 bytes, decimals as text).
 */
package org.decentdb.jdbc.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.decentdb.jdbc.internal.codec.ValueTag;
import org.decentdb.jdbc.internal.type.Values;

final class RowsBuilder {
  private ByteBuffer buf = ByteBuffer.allocateDirect(1024).order(ByteOrder.LITTLE_ENDIAN);
  private int rows;

  private void ensure(int n) {
    if (buf.remaining() >= n) {
      return;
    }
    ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(buf.capacity() * 2, buf.position() + n))
        .order(ByteOrder.LITTLE_ENDIAN);
    buf.flip();
    bigger.put(buf);
    buf = bigger;
  }

  RowsBuilder add(Object v) {
    if (v == null) {
      ensure(1);
      buf.put(ValueTag.NULL);
    } else if (v instanceof Boolean) {
      ensure(2);
      buf.put(ValueTag.BOOL).put((byte) ((Boolean) v ? 1 : 0));
    } else if (v instanceof Long || v instanceof Integer || v instanceof Short
        || v instanceof Byte) {
      ensure(9);
      buf.put(ValueTag.INT64).putLong(((Number) v).longValue());
    } else if (v instanceof Double || v instanceof Float) {
      ensure(9);
      buf.put(ValueTag.FLOAT64).putDouble(((Number) v).doubleValue());
    } else if (v instanceof java.sql.Timestamp) {
      ensure(9);
      buf.put(ValueTag.INT64).putLong(Values.toEpochMillis((java.sql.Timestamp) v));
    } else if (v instanceof java.sql.Date) {
      ensure(9);
      buf.put(ValueTag.INT64).putLong(((java.sql.Date) v).toLocalDate().toEpochDay());
    } else if (v instanceof java.sql.Time) {
      ensure(9);
      buf.put(ValueTag.INT64).putLong(Values.toMillisOfDay((java.sql.Time) v));
    } else if (v instanceof java.util.UUID || v instanceof byte[]) {
      byte[] b = v instanceof byte[] ? (byte[]) v : Values.uuidBytes((java.util.UUID) v);
      ensure(5 + b.length);
      buf.put(ValueTag.BLOB).putInt(b.length).put(b);
    } else {
      byte[] b = v.toString().getBytes(StandardCharsets.UTF_8);
      ensure(5 + b.length);
      buf.put(ValueTag.TEXT).putInt(b.length).put(b);
    }
    return this;
  }

  RowsBuilder endRow() {
    rows++;
    return this;
  }

  /** Every remaining row of rs, with all its columns. */
  static RowsBuilder copyOf(java.sql.ResultSet rs) throws java.sql.SQLException {
    RowsBuilder b = new RowsBuilder();
    int cols = rs.getMetaData().getColumnCount();
    while (rs.next()) {
      for (int i = 1; i <= cols; i++) {
        b.add(rs.getObject(i));
      }
      b.endRow();
    }
    return b;
  }

  /** Rows appended so far. */
  int rows() {
    return rows;
  }

  /** The rows as a result with the column labels and declared types of like. */
  ResultSetImpl build(ConnectionImpl conn, StatementImpl owner, java.sql.ResultSet like)
      throws java.sql.SQLException {
    java.sql.ResultSetMetaData md = like.getMetaData();
    String[] names = new String[md.getColumnCount()];
    String[] types = new String[names.length];
    for (int i = 0; i < names.length; i++) {
      names[i] = md.getColumnLabel(i + 1);
      types[i] = md.getColumnTypeName(i + 1);
    }
    return build(conn, owner, names, types);
  }

  ResultSetImpl build(ConnectionImpl conn, StatementImpl owner, String[] names,
      String[] declTypes) {
    return new ResultSetImpl(conn, owner, names, declTypes, buf, rows, buf.position());
  }
}
