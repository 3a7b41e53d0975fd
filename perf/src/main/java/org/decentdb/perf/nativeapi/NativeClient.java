/*
 * The raw native API as a benchmark floor: the generated JavaCPP functions of decentdb.h
 * called directly, with the batch extensions the driver also uses (decentdb_query_batch to
 * bind + execute + fetch in one call, decentdb_step_batch, decentdb_execute_many). Values are
 * encoded and decoded in the decentdb_bind_all layout with no driver in between, so
 * "JDBC minus native" is the driver's overhead. One thread per client.
 */
package org.decentdb.perf.nativeapi;

import static org.decentdb.global.decentdb.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.charset.StandardCharsets;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.SizeTPointer;
import org.decentdb.decentdb_db;
import org.decentdb.decentdb_stmt;

public final class NativeClient implements AutoCloseable {

  static {
    Loader.load(org.decentdb.global.decentdb.class);
  }

  private final decentdb_db db;
  private boolean closed;

  private NativeClient(decentdb_db db) {
    this.db = db;
  }

  /** Opens path with a decentdb_open option string ("" for the defaults). */
  public static NativeClient open(String path, String options) {
    decentdb_db db = decentdb_open(path, options);
    if (db == null || db.isNull()) {
      throw new IllegalStateException("cannot open " + path + ": "
          + string(decentdb_last_error_message(null)));
    }
    return new NativeClient(db);
  }

  public static String version() {
    return string(decentdb_version());
  }

  public Stmt prepare(String sql) {
    decentdb_stmt stmt = new decentdb_stmt();
    if (decentdb_prepare(db, sql, stmt) != DECENTDB_OK) {
      throw error(sql);
    }
    return new Stmt(stmt, sql);
  }

  public void exec(String script) {
    if (decentdb_exec(db, script) != DECENTDB_OK) {
      throw error(script);
    }
  }

  private IllegalStateException error(String sql) {
    return new IllegalStateException(string(decentdb_last_error_message(db)) + " [" + sql + "]");
  }

  static String string(BytePointer p) {
    return p == null || p.isNull() ? "" : p.getString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    if (!closed) {
      closed = true;
      decentdb_close(db);
    }
  }

  /** Receives each row of a result; read its values in column order. */
  @FunctionalInterface
  public interface RowSink {
    void row(Values row);
  }

  /** A prepared statement with its own parameter and result buffers. */
  public final class Stmt implements AutoCloseable {
    private final decentdb_stmt stmt;
    private final String sql;
    private final int paramCount;
    private final int columnCount;
    private final ByteBuffer params =
        ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    // The same memory with position 0: the generated JNI adds a buffer's position to its
    // address, so native calls get this view and the encoded length.
    private final ByteBuffer paramsView = params.duplicate();
    private ByteBuffer rows = ByteBuffer.allocateDirect(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private final IntBuffer outRows =
        ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).asIntBuffer();
    private final SizeTPointer outUsed = new SizeTPointer(1);
    private final LongBuffer outTotal =
        ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).asLongBuffer();
    private final IntBuffer outFailed =
        ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).asIntBuffer();
    private final Values values = new Values();
    private int encodedRows;

    Stmt(decentdb_stmt stmt, String sql) {
      this.stmt = stmt;
      this.sql = sql;
      this.paramCount = decentdb_param_count(stmt);
      this.columnCount = Math.max(0, decentdb_column_count(stmt));
      params.putInt(0, 0);
    }

    public int columnCount() {
      return columnCount;
    }

    /** Starts a new parameter set (for query/execute), discarding earlier sets. */
    public Stmt bind() {
      params.clear();
      encodedRows = 0;
      return next();
    }

    /** Starts another parameter set after the current one (for executeMany). */
    public Stmt next() {
      params.putInt(paramCount);
      encodedRows++;
      return this;
    }

    public Stmt set(long v) {
      params.put((byte) DECENTDB_TYPE_INT64).putLong(v);
      return this;
    }

    public Stmt set(double v) {
      params.put((byte) DECENTDB_TYPE_FLOAT64).putDouble(v);
      return this;
    }

    public Stmt set(String v) {
      byte[] b = v.getBytes(StandardCharsets.UTF_8);
      params.put((byte) DECENTDB_TYPE_TEXT).putInt(b.length).put(b);
      return this;
    }

    /** Runs the statement with the bound parameters and passes every row to sink. */
    public int query(RowSink sink) {
      int rc = decentdb_query_batch(stmt, paramsView, params.position(), rows, rows.capacity(),
          1024, outRows, outUsed);
      int total = 0;
      while (true) {
        while (rc == DECENTDB_ROW_TOO_BIG) {
          rows = ByteBuffer.allocateDirect((int) Math.max(outUsed.get(), 2L * rows.capacity()))
              .order(ByteOrder.LITTLE_ENDIAN);
          rc = decentdb_step_batch(stmt, rows, rows.capacity(), 1024, outRows, outUsed);
        }
        if (rc < 0) {
          throw error(sql);
        }
        int n = outRows.get(0);
        values.reset(rows);
        for (int i = 0; i < n; i++) {
          values.startRow();
          sink.row(values);
          values.skipRest(columnCount);
        }
        total += n;
        if (rc != 1) {
          return total;
        }
        rc = decentdb_step_batch(stmt, rows, rows.capacity(), 1024, outRows, outUsed);
      }
    }

    /** Runs a statement without result rows; returns the rows it changed. */
    public long execute() {
      int rc = decentdb_query_batch(stmt, paramsView, params.position(), rows, rows.capacity(), 1,
          outRows, outUsed);
      if (rc < 0) {
        throw error(sql);
      }
      return decentdb_rows_affected(stmt);
    }

    /** Runs the statement once per parameter set bound since bind(), in one native call. */
    public long executeMany() {
      int rc = decentdb_execute_many(stmt, paramsView, params.position(), encodedRows, outTotal,
          outFailed, (LongBuffer) null);
      if (rc != DECENTDB_OK) {
        throw error(sql + " (row " + outFailed.get(0) + ")");
      }
      return outTotal.get(0);
    }

    @Override
    public void close() {
      decentdb_finalize(stmt);
      outUsed.close();
    }
  }

  /** Sequential reader over the values of one row in a result buffer. */
  public static final class Values {
    private ByteBuffer buf;
    private int pos;
    private int read;
    private byte[] scratch = new byte[256];

    void reset(ByteBuffer b) {
      buf = b;
      pos = 0;
    }

    void startRow() {
      read = 0;
    }

    void skipRest(int columns) {
      while (read < columns) {
        skip();
      }
    }

    private void skip() {
      int tag = buf.get(pos++);
      read++;
      switch (tag) {
        case DECENTDB_TYPE_INT64, DECENTDB_TYPE_FLOAT64 -> pos += 8;
        case DECENTDB_TYPE_TEXT, DECENTDB_TYPE_BLOB -> pos += 4 + buf.getInt(pos);
        case DECENTDB_TYPE_BOOL -> pos += 1;
        default -> { }
      }
    }

    /** The next value as a long (0 for NULL). */
    public long nextLong() {
      int tag = buf.get(pos++);
      read++;
      if (tag == DECENTDB_TYPE_INT64) {
        long v = buf.getLong(pos);
        pos += 8;
        return v;
      }
      pos--;
      read--;
      skip();
      return 0;
    }

    /** The next value as a double (0 for NULL). */
    public double nextDouble() {
      int tag = buf.get(pos++);
      read++;
      if (tag == DECENTDB_TYPE_FLOAT64) {
        double v = buf.getDouble(pos);
        pos += 8;
        return v;
      }
      if (tag == DECENTDB_TYPE_INT64) {
        long v = buf.getLong(pos);
        pos += 8;
        return v;
      }
      pos--;
      read--;
      skip();
      return 0;
    }

    /** The next value as a String (null for NULL). */
    public String nextString() {
      int tag = buf.get(pos++);
      read++;
      if (tag != DECENTDB_TYPE_TEXT) {
        pos--;
        read--;
        skip();
        return null;
      }
      int len = buf.getInt(pos);
      pos += 4;
      if (scratch.length < len) {
        scratch = new byte[Math.max(len, scratch.length * 2)];
      }
      buf.get(pos, scratch, 0, len);
      pos += len;
      return new String(scratch, 0, len, StandardCharsets.UTF_8);
    }
  }
}
