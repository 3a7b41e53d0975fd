/*
 * Row-batch decoder: reads the rows decentdb_step_batch wrote into a direct buffer (each row
 * is columnCount consecutive values in the engine's value encoding). Moving to the next row
 * records where each of its values starts, and nothing more; getters decode only the value
 * asked for, so a getter allocates at most the String or byte[] it returns. Every length is
 * checked against the batch, so a malformed batch is an SQLException, never a wrong read.
 */
package org.decentdb.jdbc.internal.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;

public final class RowBatchDecoder {

  private final int columns;
  private final int[] offsets;
  private ByteBuffer batch;
  private int limit;
  private int rowsInBatch;
  private int rowIndex;
  private int nextRowStart;
  private static final byte[] EMPTY = new byte[0];
  private byte[] scratch = EMPTY; // grown on the first text read

  public RowBatchDecoder(int columnCount) {
    this.columns = columnCount;
    this.offsets = new int[columnCount];
  }

  public int columnCount() {
    return columns;
  }

  /** Starts reading a new batch of rows in buffer[0, usedBytes). */
  public void load(ByteBuffer buffer, int rows, int usedBytes) {
    this.batch = buffer.order(ByteOrder.LITTLE_ENDIAN);
    this.limit = usedBytes;
    this.rowsInBatch = rows;
    this.rowIndex = -1;
    this.nextRowStart = 0;
  }

  /** Moves to the next row of the batch; false when the batch is used up. */
  public boolean next() throws SQLException {
    if (rowIndex + 1 >= rowsInBatch) {
      rowIndex = rowsInBatch;
      return false;
    }
    rowIndex++;
    int p = nextRowStart;
    for (int c = 0; c < columns; c++) {
      offsets[c] = p;
      p = skip(p);
    }
    nextRowStart = p;
    return true;
  }

  public boolean hasRow() {
    return rowIndex >= 0 && rowIndex < rowsInBatch;
  }

  /** The value tag of column (0-based) in the current row. */
  public int tag(int column) {
    return batch.get(offsets[column]);
  }

  public boolean isNull(int column) {
    return tag(column) == ValueTag.NULL;
  }

  /** The INT64 or BOOL value; REQUIRES: tag is INT64 or BOOL. */
  public long int64(int column) {
    int at = offsets[column];
    return batch.get(at) == ValueTag.BOOL ? batch.get(at + 1) : batch.getLong(at + 1);
  }

  /** REQUIRES: tag is FLOAT64. */
  public double float64(int column) {
    return batch.getDouble(offsets[column] + 1);
  }

  /** REQUIRES: tag is BOOL. */
  public boolean bool(int column) {
    return batch.get(offsets[column] + 1) != 0;
  }

  /** Length in bytes of a TEXT or BLOB value. */
  public int length(int column) {
    return batch.getInt(offsets[column] + 1);
  }

  /** REQUIRES: tag is TEXT. */
  public String text(int column) {
    int at = offsets[column];
    int len = batch.getInt(at + 1);
    if (scratch.length < len) {
      scratch = new byte[Math.max(Math.max(len, 64), scratch.length * 2)];
    }
    batch.get(at + 5, scratch, 0, len);
    return new String(scratch, 0, len, StandardCharsets.UTF_8);
  }

  /** REQUIRES: tag is TEXT or BLOB. A fresh array the caller owns. */
  public byte[] bytes(int column) {
    int at = offsets[column];
    byte[] out = new byte[batch.getInt(at + 1)];
    batch.get(at + 5, out);
    return out;
  }

  private int skip(int p) throws SQLException {
    if (p >= limit) {
      throw malformed(p);
    }
    int size;
    switch (batch.get(p)) {
      case ValueTag.NULL: size = 1; break;
      case ValueTag.INT64:
      case ValueTag.FLOAT64: size = 9; break;
      case ValueTag.BOOL: size = 2; break;
      case ValueTag.TEXT:
      case ValueTag.BLOB:
        if (p + 5 > limit) {
          throw malformed(p);
        }
        int len = batch.getInt(p + 1);
        if (len < 0) {
          throw malformed(p);
        }
        size = 5 + len;
        break;
      default:
        throw malformed(p);
    }
    if ((long) p + size > limit) {
      throw malformed(p);
    }
    return p + size;
  }

  private static SQLException malformed(int at) {
    return new SQLException("malformed row batch from the engine at byte " + at, "XX000");
  }
}
