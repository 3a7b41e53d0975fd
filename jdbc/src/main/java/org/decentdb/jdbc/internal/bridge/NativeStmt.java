/*
 * Bridge to one native prepared statement (decentdb_stmt). Holds the statement's column
 * metadata (read once), a reusable direct result buffer and the out-parameters of the batch
 * calls, so that an execution is one native call (decentdb_query_batch) that binds every
 * parameter from the encoder's buffer and returns the first batch of rows. Used by one thread
 * at a time under the connection's lock.
 */
package org.decentdb.jdbc.internal.bridge;

import static org.decentdb.global.decentdb.*;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.sql.SQLException;
import org.bytedeco.javacpp.SizeTPointer;
import org.decentdb.decentdb_stmt;
import org.decentdb.jdbc.internal.codec.ParamEncoder;
import org.decentdb.jdbc.internal.error.ErrorMapper;
import org.decentdb.jdbc.internal.type.SqlKind;

public final class NativeStmt {

  /** Result of one batch call. */
  public static final int DONE = 0;
  public static final int MORE = 1;

  private static final int INITIAL_BUFFER = 16 * 1024;
  private static final int MAX_BUFFER = Integer.MAX_VALUE - 64;

  private final NativeDb db;
  private final decentdb_stmt stmt;
  private final String engineSql;
  private final String sql;
  private final int paramCount;
  // Result columns, re-read when the engine re-prepared with other columns (columnVersion).
  private int columnCount;
  private String[] names;
  private String[] declTypes;
  private SqlKind[] kinds;
  private long columnVersion;
  private final IntBuffer outRows =
      ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder()).asIntBuffer();
  private final SizeTPointer outUsed = new SizeTPointer(1);
  private ByteBuffer buffer;
  private int rows;
  private int used;
  private boolean finalized;
  private ParamEncoder encoder; // reused by whoever holds this statement; see encoder()
  // True while an execution may hold engine state (a snapshot, a cursor): after a batch that
  // returned MORE, or after an error. A batch that returned DONE has ended the execution in
  // the engine already, so reset() has nothing to do and skips the native call.
  private boolean executing;
  private boolean timedOut;

  NativeStmt(NativeDb db, decentdb_stmt stmt, String engineSql, String sql) {
    this.db = db;
    this.stmt = stmt;
    this.engineSql = engineSql;
    this.sql = sql;
    this.paramCount = decentdb_param_count(stmt);
    readColumns();
  }

  /** Reads the result columns' metadata from the engine. */
  private void readColumns() {
    this.columnVersion = decentdb_column_version(stmt);
    this.columnCount = Math.max(0, decentdb_column_count(stmt));
    this.names = new String[columnCount];
    this.declTypes = new String[columnCount];
    for (int i = 0; i < columnCount; i++) {
      names[i] = NativeDb.string(decentdb_column_name(stmt, i));
      org.bytedeco.javacpp.BytePointer d = decentdb_column_decltype(stmt, i);
      declTypes[i] = d == null || d.isNull() ? null : NativeDb.string(d);
    }
    this.kinds = new SqlKind[columnCount];
    for (int i = 0; i < columnCount; i++) {
      kinds[i] = SqlKind.ofDeclared(declTypes[i]);
    }
  }

  /** The SQL as the application wrote it (for error messages). */
  public String sql() {
    return sql;
  }

  /** The SQL the engine compiled (the statement cache key). */
  public String engineSql() {
    return engineSql;
  }

  public int parameterCount() {
    return paramCount;
  }

  public int columnCount() {
    return columnCount;
  }

  public String columnName(int i) {
    return names[i];
  }

  /** Declared type of a result column, or null. */
  public String declType(int i) {
    return declTypes[i];
  }

  /**
   * The result columns' names, declared types and kinds, worked out once at prepare time and
   * shared by every result of this statement. Callers must not modify the arrays.
   */
  public String[] columnNames() {
    return names;
  }

  public String[] declTypes() {
    return declTypes;
  }

  public SqlKind[] kinds() {
    return kinds;
  }

  public NativeDb db() {
    return db;
  }

  /**
   * This statement's parameter encoder, with no values set and nothing encoded. It is reused
   * by each statement object that borrows this native statement (one at a time), so that
   * preparing a cached statement allocates no direct buffer.
   */
  public ParamEncoder encoder() {
    if (encoder == null) {
      encoder = new ParamEncoder(paramCount);
    } else {
      encoder.clear();
      encoder.reset();
    }
    return encoder;
  }

  /** Lets a grown encoding buffer go when the statement goes back to the cache. */
  public void trimEncoder() {
    if (encoder != null && encoder.capacity() > 64 * 1024) {
      encoder = null;
    }
  }

  /** Marks the next error as caused by a query timeout (SQLTimeoutException). */
  public void setTimedOut(boolean v) {
    timedOut = v;
  }

  /** The rows and bytes of the last batch, in buffer(). */
  public int rows() {
    return rows;
  }

  public int used() {
    return used;
  }

  public ByteBuffer buffer() {
    return buffer;
  }

  private void ensureBuffer(int fetchHint) {
    if (buffer == null) {
      int size = fetchHint > 0 && fetchHint < 64 ? 4 * 1024 : INITIAL_BUFFER;
      buffer = ByteBuffer.allocateDirect(size).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /**
   * Resets, binds the encoded parameters and fetches the first batch in one native call.
   * REQUIRES: the connection's lock is held.
   *
   * @return MORE or DONE
   */
  public int query(ParamEncoder params, int maxRows) throws SQLException {
    check();
    ensureBuffer(maxRows);
    int rc = decentdb_query_batch(stmt, params.nativeBuffer(), params.length(), buffer, buffer.capacity(),
        maxRows, outRows, outUsed);
    checkColumns();
    return finishBatch(rc, maxRows, params);
  }

  /**
   * query() with the parameters of row r of a multi-row encoding (a batch that must return
   * rows, such as INSERT ... RETURNING). REQUIRES: the connection's lock is held.
   */
  public int queryRow(ParamEncoder params, int r, int maxRows) throws SQLException {
    check();
    ensureBuffer(maxRows);
    int rc = decentdb_query_batch(stmt, params.nativeRow(r), params.rowLength(r), buffer,
        buffer.capacity(), maxRows, outRows, outUsed);
    checkColumns();
    return finishBatch(rc, maxRows, null);
  }

  /**
   * Re-reads the column metadata if the engine re-prepared this statement with other result
   * columns (SELECT * after a table was recreated): one cheap native call per execution,
   * so rows are never decoded with a stale column count or declared types.
   */
  private void checkColumns() {
    if (decentdb_column_version(stmt) != columnVersion) {
      readColumns();
    }
  }

  /** Fetches the next batch. REQUIRES: the connection's lock is held. */
  public int fetch(int maxRows) throws SQLException {
    check();
    ensureBuffer(maxRows);
    int rc = decentdb_step_batch(stmt, buffer, buffer.capacity(), maxRows, outRows, outUsed);
    return finishBatch(rc, maxRows, null);
  }

  private int finishBatch(int rc, int maxRows, ParamEncoder params) throws SQLException {
    while (rc == DECENTDB_ROW_TOO_BIG) {
      long need = outUsed.get();
      if (need > MAX_BUFFER) {
        throw ErrorMapper.driverError(ErrorMapper.Kind.GENERIC,
            "a row of " + need + " bytes is too large to fetch", "54000", sql);
      }
      int grown = (int) Math.min(MAX_BUFFER, Math.max(need, (long) buffer.capacity() * 2));
      buffer = ByteBuffer.allocateDirect(grown).order(ByteOrder.LITTLE_ENDIAN);
      rc = decentdb_step_batch(stmt, buffer, buffer.capacity(), maxRows, outRows, outUsed);
    }
    if (rc < 0) {
      rows = 0;
      used = 0;
      executing = true;
      throw db.lastError(sql, params == null ? null : values(params), timedOut);
    }
    rows = outRows.get(0);
    used = (int) outUsed.get();
    executing = rc == 1;
    return rc == 1 ? MORE : DONE;
  }

  private static Object[] values(ParamEncoder params) {
    Object[] v = new Object[params.parameterCount()];
    for (int i = 0; i < v.length; i++) {
      v[i] = params.value(i + 1);
    }
    return v;
  }

  public long rowsAffected() {
    return decentdb_rows_affected(stmt);
  }

  /**
   * Executes once per encoded parameter row (all rows one transaction in autocommit mode).
   * REQUIRES: the connection's lock is held.
   *
   * @param counts receives each execution's affected-row count (params.rows() entries;
   *     entries from a failing row on are left as they were)
   * @param rowids receives each execution's last inserted rowid (may be null)
   * @throws ExecuteManyException with the index of the failing row
   */
  public void executeMany(ParamEncoder params, long[] counts, long[] rowids)
      throws SQLException {
    check();
    int count = params.rows();
    LongBuffer perRow = ByteBuffer.allocateDirect(8 * Math.max(1, count))
        .order(ByteOrder.nativeOrder()).asLongBuffer();
    IntBuffer failed = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder()).asIntBuffer();
    LongBuffer ids = rowids == null ? null
        : ByteBuffer.allocateDirect(8 * Math.max(1, count)).order(ByteOrder.nativeOrder())
            .asLongBuffer();
    int rc = decentdb_execute_many_counts(stmt, params.nativeBuffer(), params.length(), count,
        perRow, failed, ids);
    perRow.get(counts, 0, Math.min(count, counts.length));
    if (ids != null) {
      ids.get(rowids, 0, Math.min(count, rowids.length));
    }
    if (rc != DECENTDB_OK) {
      executing = true;
      SQLException e = db.lastError(sql, null, timedOut);
      throw new ExecuteManyException(e, failed.get(0));
    }
    executing = false; // execute_many resets the statement after its last row
  }

  /** Ends the current execution (releases its snapshot), keeps bindings. Lock held. */
  public void reset() throws SQLException {
    if (!executing || finalized || db.isClosed()) {
      return;
    }
    executing = false;
    if (decentdb_reset(stmt) != DECENTDB_OK) {
      throw db.lastError(sql, null, false);
    }
  }

  /** Releases the native statement. Idempotent; safe after the connection closed. */
  public void close() {
    if (finalized) {
      return;
    }
    finalized = true;
    decentdb_finalize(stmt);
    outUsed.close();
  }

  public boolean isClosed() {
    return finalized;
  }

  private void check() throws SQLException {
    db.checkOpen();
    if (finalized) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "the statement is closed", "HY010", sql);
    }
  }

  /** An execute_many failure with the index of the row that failed. */
  public static final class ExecuteManyException extends SQLException {
    private final int failedRow;

    ExecuteManyException(SQLException cause, int failedRow) {
      super(cause.getMessage(), cause.getSQLState(), cause.getErrorCode(), cause);
      this.failedRow = failedRow;
    }

    public int failedRow() {
      return failedRow;
    }

    public SQLException engineError() {
      return (SQLException) getCause();
    }
  }
}
