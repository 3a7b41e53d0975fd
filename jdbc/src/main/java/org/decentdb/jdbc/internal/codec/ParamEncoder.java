/*
 * Parameter encoder: holds the values a PreparedStatement's setters assign (in any order) in
 * flat primitive arrays, and writes them into one reusable direct buffer in the engine's
 * encoding (u32 count, then one value per parameter) when the statement runs. Several rows
 * may be appended back to back for decentdb_execute_many. Text is encoded straight into the
 * buffer as UTF-8 (never JNI's modified UTF-8), so NUL and supplementary characters survive.
 */
package org.decentdb.jdbc.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.SQLException;
import java.util.Arrays;

public final class ParamEncoder {

  private static final int MAX_BUFFER = Integer.MAX_VALUE - 64;

  private final int count;
  private final byte[] tags;
  private final boolean[] set;
  private final long[] longs;
  private final double[] doubles;
  private final Object[] refs; // String for TEXT, byte[] for BLOB
  private ByteBuffer buffer;
  private ByteBuffer nativeView; // same memory, position always 0: native calls add position
  private int rows;
  private int[] rowStarts = new int[8];

  public ParamEncoder(int parameterCount) {
    this.count = parameterCount;
    this.tags = new byte[parameterCount];
    this.set = new boolean[parameterCount];
    this.longs = new long[parameterCount];
    this.doubles = new double[parameterCount];
    this.refs = new Object[parameterCount];
    this.buffer = ByteBuffer.allocateDirect(256).order(ByteOrder.LITTLE_ENDIAN);
    this.nativeView = buffer.duplicate().clear();
  }

  public int parameterCount() {
    return count;
  }

  /** Bytes the encoding buffer holds (it grows with the largest row or batch encoded). */
  public int capacity() {
    return buffer.capacity();
  }

  private int slot(int index) throws SQLException {
    if (index < 1 || index > count) {
      throw new SQLException("parameter index " + index + " is out of range 1.." + count,
          "07009");
    }
    set[index - 1] = true;
    return index - 1;
  }

  public void setNull(int index) throws SQLException {
    int i = slot(index);
    tags[i] = ValueTag.NULL;
    refs[i] = null;
  }

  public void setLong(int index, long v) throws SQLException {
    int i = slot(index);
    tags[i] = ValueTag.INT64;
    longs[i] = v;
    refs[i] = null;
  }

  public void setDouble(int index, double v) throws SQLException {
    int i = slot(index);
    tags[i] = ValueTag.FLOAT64;
    doubles[i] = v;
    refs[i] = null;
  }

  public void setBoolean(int index, boolean v) throws SQLException {
    int i = slot(index);
    tags[i] = ValueTag.BOOL;
    longs[i] = v ? 1 : 0;
    refs[i] = null;
  }

  /** A null string binds SQL NULL. */
  public void setString(int index, String v) throws SQLException {
    int i = slot(index);
    tags[i] = v == null ? ValueTag.NULL : ValueTag.TEXT;
    refs[i] = v;
  }

  /** A null array binds SQL NULL. The array is not copied: callers must not change it. */
  public void setBytes(int index, byte[] v) throws SQLException {
    int i = slot(index);
    tags[i] = v == null ? ValueTag.NULL : ValueTag.BLOB;
    refs[i] = v;
  }

  public void clear() {
    Arrays.fill(set, false);
    Arrays.fill(refs, null);
  }

  /** The tag set for a parameter (for error messages and tracing). */
  public byte tag(int index) {
    return tags[index - 1];
  }

  /** The value set for a parameter as a Java object (for error messages). */
  public Object value(int index) {
    int i = index - 1;
    switch (tags[i]) {
      case ValueTag.INT64: return longs[i];
      case ValueTag.FLOAT64: return doubles[i];
      case ValueTag.BOOL: return longs[i] != 0;
      case ValueTag.TEXT:
      case ValueTag.BLOB: return refs[i];
      default: return null;
    }
  }

  /** Starts a new encoding (one row, or the first row of a batch). */
  public void reset() {
    buffer.clear();
    rows = 0;
  }

  /**
   * Appends the current values as one row to the buffer.
   *
   * @throws SQLException (07002) if a parameter was never set
   */
  public void appendRow() throws SQLException {
    for (int i = 0; i < count; i++) {
      if (!set[i]) {
        throw new SQLException("parameter " + (i + 1) + " has no value; set all " + count
            + " parameters before executing", "07002");
      }
    }
    if (rows == rowStarts.length) {
      rowStarts = java.util.Arrays.copyOf(rowStarts, rows * 2);
    }
    rowStarts[rows] = buffer.position();
    ensure(4);
    buffer.putInt(count);
    for (int i = 0; i < count; i++) {
      switch (tags[i]) {
        case ValueTag.NULL:
          ensure(1);
          buffer.put(ValueTag.NULL);
          break;
        case ValueTag.INT64:
          ensure(9);
          buffer.put(ValueTag.INT64).putLong(longs[i]);
          break;
        case ValueTag.FLOAT64:
          ensure(9);
          buffer.put(ValueTag.FLOAT64).putDouble(doubles[i]);
          break;
        case ValueTag.BOOL:
          ensure(2);
          buffer.put(ValueTag.BOOL).put((byte) longs[i]);
          break;
        case ValueTag.TEXT:
          putText((String) refs[i]);
          break;
        case ValueTag.BLOB:
          byte[] b = (byte[]) refs[i];
          ensure(5L + b.length);
          buffer.put(ValueTag.BLOB).putInt(b.length).put(b);
          break;
        default:
          throw new IllegalStateException("unknown tag " + tags[i]);
      }
    }
    rows++;
  }

  /** Where row r's encoding starts in the buffer. */
  public int rowStart(int r) {
    return rowStarts[r];
  }

  /** Length of row r's encoding. */
  public int rowLength(int r) {
    return (r + 1 < rows ? rowStarts[r + 1] : buffer.position()) - rowStarts[r];
  }

  /** A view positioned at row r's encoding, for native code; valid until the next reset. */
  public ByteBuffer nativeRow(int r) {
    ByteBuffer v = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    v.limit(rowStarts[r] + rowLength(r)).position(rowStarts[r]);
    return v;
  }

  /** Rows appended since reset(). */
  public int rows() {
    return rows;
  }

  /** The encoded bytes: position 0, limit = length. The buffer is reused by the next reset. */
  public ByteBuffer encoded() {
    ByteBuffer view = buffer.duplicate().order(ByteOrder.LITTLE_ENDIAN);
    view.flip();
    return view;
  }

  public int length() {
    return buffer.position();
  }

  /**
   * A view of the encoded bytes positioned at 0, for passing to native code (which reads from
   * the buffer's position); valid until the next reset or append.
   */
  public ByteBuffer nativeBuffer() {
    return nativeView;
  }

  private void putText(String s) throws SQLException {
    int n = s.length();
    ensure(5L + n); // enough when every char is ASCII
    int lengthAt = buffer.position() + 1;
    buffer.put(ValueTag.TEXT).putInt(0);
    int start = buffer.position();
    int i = 0;
    for (; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80) {
        break;
      }
      buffer.put((byte) c);
    }
    if (i < n) {
      ensure(3L * (n - i)); // worst case for the rest: 3 bytes per UTF-16 unit
      for (; i < n; i++) {
        char c = s.charAt(i);
        if (c < 0x80) {
          buffer.put((byte) c);
        } else if (c < 0x800) {
          buffer.put((byte) (0xC0 | (c >> 6))).put((byte) (0x80 | (c & 0x3F)));
        } else if (Character.isHighSurrogate(c) && i + 1 < n
            && Character.isLowSurrogate(s.charAt(i + 1))) {
          int cp = Character.toCodePoint(c, s.charAt(++i));
          buffer.put((byte) (0xF0 | (cp >> 18))).put((byte) (0x80 | ((cp >> 12) & 0x3F)))
              .put((byte) (0x80 | ((cp >> 6) & 0x3F))).put((byte) (0x80 | (cp & 0x3F)));
        } else if (Character.isSurrogate(c)) {
          throw new SQLException("string parameter contains an unpaired surrogate at index " + i
              + " and cannot be encoded as UTF-8", "22021");
        } else {
          buffer.put((byte) (0xE0 | (c >> 12))).put((byte) (0x80 | ((c >> 6) & 0x3F)))
              .put((byte) (0x80 | (c & 0x3F)));
        }
      }
    }
    buffer.putInt(lengthAt, buffer.position() - start);
  }

  private void ensure(long more) throws SQLException {
    if (buffer.remaining() >= more) {
      return;
    }
    long needed = buffer.position() + more;
    if (needed > MAX_BUFFER) {
      throw new SQLException("parameters of one execution exceed 2 GiB", "54000");
    }
    long grown = Math.max(needed, Math.min((long) buffer.capacity() * 2, MAX_BUFFER));
    ByteBuffer bigger = ByteBuffer.allocateDirect((int) grown).order(ByteOrder.LITTLE_ENDIAN);
    buffer.flip();
    bigger.put(buffer);
    buffer = bigger;
    nativeView = buffer.duplicate().clear();
  }
}
