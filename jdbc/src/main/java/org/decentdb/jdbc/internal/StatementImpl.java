/*
 * java.sql.Statement, and the execution core PreparedStatementImpl shares: one native call binds
 * the encoded parameters, executes and returns the first batch of rows (or the update count);
 * query timeouts and cancel() interrupt the native statement; the statement's native handle
 * goes back to the connection's cache when a plain statement's result is finished.
 */
package org.decentdb.jdbc.internal;

import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.decentdb.jdbc.internal.bridge.NativeStmt;
import org.decentdb.jdbc.internal.codec.ParamEncoder;
import org.decentdb.jdbc.internal.error.ErrorMapper;
import org.decentdb.jdbc.internal.sql.ParsedSql;
import org.decentdb.jdbc.internal.sql.SqlCache;

public class StatementImpl implements Statement {

  /** Rows per batch when the application sets no fetch size. */
  static final int DEFAULT_FETCH = 256;

  private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(
      r -> {
        Thread t = new Thread(r, "decentdb-query-timeout");
        t.setDaemon(true);
        return t;
      });

  final ConnectionImpl conn;
  private ResultSetImpl result;
  private NativeStmt borrowed; // a plain statement's native handle while its result is open
  private long updateCount = -1;
  ResultSetImpl generatedKeys;
  private int fetchSize;
  private int maxRows;
  private int queryTimeout;
  private boolean closed;
  private boolean closeOnCompletion;
  private List<String> batch;
  private final AtomicBoolean timedOut = new AtomicBoolean();
  private long pendingPrepareNanos; // prepare cost not yet reported in a trace
  private boolean pendingCacheHit = true;

  private final NativeRef nativeRef;
  private final java.lang.ref.Cleaner.Cleanable cleanable;

  /**
   * The native statement this statement holds, for its Cleaner: if the application drops the
   * statement without closing it, the native statement goes back to the connection (which
   * resets it, releasing its snapshot). Must not refer to the StatementImpl.
   */
  private static final class NativeRef implements Runnable {
    private final java.util.Queue<NativeStmt> orphans;
    volatile NativeStmt held;

    NativeRef(java.util.Queue<NativeStmt> orphans) {
      this.orphans = orphans;
    }

    @Override
    public void run() {
      NativeStmt s = held;
      held = null;
      if (s != null) {
        orphans.add(s);
      }
    }
  }

  StatementImpl(ConnectionImpl conn) {
    this.conn = conn;
    this.nativeRef = new NativeRef(conn.orphans());
    this.cleanable = ConnectionImpl.CLEANER.register(this, nativeRef);
    conn.register(this);
  }

  /** Records the native statement this statement now holds (null: none). */
  void hold(NativeStmt ns) {
    nativeRef.held = ns;
  }

  ConnectionImpl connection() {
    return conn;
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT, "the statement is closed",
          "HY010", null);
    }
    conn.checkOpen();
  }

  // ---------------------------------------------------------------- execution core

  /** Closes the previous result of this statement before a new execution. */
  void closeResult() throws SQLException {
    if (result != null) {
      ResultSetImpl r = result;
      result = null;
      r.closeFromOwner();
      finishNative(r.nativeStatement());
    }
    if (generatedKeys != null) {
      generatedKeys.closeFromOwner();
      generatedKeys = null;
    }
    updateCount = -1;
  }

  /**
   * Runs ns with one encoded parameter row already in enc.
   *
   * @return true when the statement produced a result set
   */
  boolean run(NativeStmt ns, ParamEncoder enc, ExecTrace trace) throws SQLException {
    conn.beginIfNeeded();
    int rc;
    ScheduledFuture<?> timer = armTimeout(ns);
    conn.db().lock().lock();
    try {
      conn.checkOpen();
      long t0 = trace == null ? 0 : System.nanoTime();
      rc = ns.query(enc, fetchSize > 0 ? fetchSize : DEFAULT_FETCH);
      if (trace != null) {
        trace.executeNanos += System.nanoTime() - t0;
      }
    } finally {
      conn.db().lock().unlock();
      disarm(timer, ns);
    }
    if (ns.columnCount() > 0) {
      result = new ResultSetImpl(this, ns, rc == NativeStmt.MORE, fetchSize);
      result.setMaxRows(maxRows);
      result.setTrace(trace);
      return true;
    }
    updateCount = ns.rowsAffected();
    finishNative(ns);
    if (trace != null) {
      trace.rowsAffected = updateCount;
      trace.deliver(conn);
    }
    return false;
  }

  // ---------------------------------------------------------------- tracing

  /** Remembers what the borrow() just done cost, for the next execution's trace. */
  void notePrepared() {
    if (conn.tracing()) {
      pendingPrepareNanos = conn.lastPrepareNanos();
      pendingCacheHit = conn.lastPrepareHit();
    }
  }

  /** A trace for the execution about to run, or null when tracing is off. */
  ExecTrace startTrace(String sql) {
    if (!conn.tracing()) {
      return null;
    }
    ExecTrace t = new ExecTrace(sql, pendingPrepareNanos, pendingCacheHit);
    pendingPrepareNanos = 0;
    pendingCacheHit = true; // later executions reuse the prepared statement
    return t;
  }

  private ScheduledFuture<?> armTimeout(NativeStmt ns) {
    timedOut.set(false);
    ns.setTimedOut(false);
    if (queryTimeout <= 0) {
      return null;
    }
    return TIMER.schedule(() -> {
      timedOut.set(true);
      ns.setTimedOut(true);
      conn.db().interrupt();
    }, queryTimeout, TimeUnit.SECONDS);
  }

  private void disarm(ScheduledFuture<?> timer, NativeStmt ns) {
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** Called when a result set reached its end or was closed: release the snapshot. */
  void finishNative(NativeStmt ns) throws SQLException {
    if (ns == null || ns.isClosed()) {
      return;
    }
    if (ns == borrowed) {
      borrowed = null;
      hold(null);
      conn.giveBack(ns); // resets it
      return;
    }
    conn.db().lock().lock();
    try {
      ns.reset();
    } finally {
      conn.db().lock().unlock();
    }
  }

  void resultDrained(ResultSetImpl rs) throws SQLException {
    finishNative(rs.nativeStatement());
  }

  void resultClosed(ResultSetImpl rs) throws SQLException {
    boolean current = rs == result;
    if (current) {
      result = null;
    }
    finishNative(rs.nativeStatement());
    if (closeOnCompletion && current) {
      close();
    }
  }

  private boolean runPlain(String sql) throws SQLException {
    checkOpen();
    closeResult();
    ParsedSql parsed = SqlCache.parse(sql);
    if (parsed.parameterCount() > 0) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.SYNTAX,
          "this SQL has parameters: use a PreparedStatement", "07002", sql);
    }
    NativeStmt ns = conn.borrow(parsed);
    borrowed = ns;
    hold(ns);
    notePrepared();
    ParamEncoder none = ns.encoder();
    none.appendRow();
    try {
      return run(ns, none, startTrace(sql));
    } catch (SQLException e) {
      if (borrowed == ns) {
        borrowed = null;
        hold(null);
        conn.giveBack(ns);
      }
      throw e;
    }
  }

  // ---------------------------------------------------------------- java.sql.Statement

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    if (!runPlain(sql)) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "the statement returned no rows; use executeUpdate", "02000", sql);
    }
    return result;
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate(sql));
  }

  @Override
  public long executeLargeUpdate(String sql) throws SQLException {
    if (runPlain(sql)) {
      closeResult();
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "the statement returned rows; use executeQuery", "21000", sql);
    }
    return updateCount;
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    return runPlain(sql);
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    try {
      closeResult();
    } finally {
      closed = true;
      conn.unregister(this);
      nativeRef.held = null; // closed properly: nothing for the Cleaner to hand back
      cleanable.clean();
    }
  }

  @Override
  public int getMaxFieldSize() throws SQLException {
    checkOpen();
    return 0;
  }

  @Override
  public void setMaxFieldSize(int max) throws SQLException {
    checkOpen();
  }

  @Override
  public int getMaxRows() throws SQLException {
    checkOpen();
    return maxRows;
  }

  @Override
  public void setMaxRows(int max) throws SQLException {
    checkOpen();
    maxRows = Args.nonNegative(max, "max rows");
  }

  @Override
  public void setEscapeProcessing(boolean enable) throws SQLException {
    checkOpen(); // JDBC escape syntax is not rewritten; SQL is passed as written
  }

  @Override
  public int getQueryTimeout() throws SQLException {
    checkOpen();
    return queryTimeout;
  }

  @Override
  public void setQueryTimeout(int seconds) throws SQLException {
    checkOpen();
    queryTimeout = Args.nonNegative(seconds, "query timeout");
  }

  @Override
  public void cancel() throws SQLException {
    checkOpen();
    conn.db().interrupt();
  }

  @Override
  public SQLWarning getWarnings() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void clearWarnings() throws SQLException {
    checkOpen();
  }

  @Override
  public void setCursorName(String name) throws SQLException {
    throw ConnectionImpl.notSupported("named cursors");
  }

  @Override
  public ResultSet getResultSet() throws SQLException {
    checkOpen();
    return result;
  }

  @Override
  public int getUpdateCount() throws SQLException {
    checkOpen();
    return (int) Math.min(Integer.MAX_VALUE, updateCount);
  }

  @Override
  public long getLargeUpdateCount() throws SQLException {
    checkOpen();
    return updateCount;
  }

  @Override
  public boolean getMoreResults() throws SQLException {
    checkOpen();
    closeResult();
    return false;
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != ResultSet.FETCH_FORWARD) {
      throw ConnectionImpl.notSupported("fetch directions other than FETCH_FORWARD");
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return ResultSet.FETCH_FORWARD;
  }

  @Override
  public void setFetchSize(int rows) throws SQLException {
    checkOpen();
    fetchSize = Args.nonNegative(rows, "fetch size");
  }

  @Override
  public int getFetchSize() throws SQLException {
    checkOpen();
    return fetchSize;
  }

  @Override
  public int getResultSetConcurrency() throws SQLException {
    checkOpen();
    return ResultSet.CONCUR_READ_ONLY;
  }

  @Override
  public int getResultSetType() throws SQLException {
    checkOpen();
    return ResultSet.TYPE_FORWARD_ONLY;
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    checkOpen();
    if (batch == null) {
      batch = new ArrayList<>();
    }
    batch.add(sql);
  }

  @Override
  public void clearBatch() throws SQLException {
    checkOpen();
    if (batch != null) {
      batch.clear();
    }
  }

  @Override
  public int[] executeBatch() throws SQLException {
    checkOpen();
    List<String> todo = batch == null ? List.of() : new ArrayList<>(batch);
    clearBatch();
    int[] counts = new int[todo.size()];
    for (int i = 0; i < todo.size(); i++) {
      try {
        counts[i] = executeUpdate(todo.get(i));
      } catch (SQLException e) {
        int[] done = java.util.Arrays.copyOf(counts, i);
        throw new BatchUpdateException(e.getMessage(), e.getSQLState(), e.getErrorCode(), done,
            e);
      }
    }
    return counts;
  }

  @Override
  public Connection getConnection() throws SQLException {
    checkOpen();
    return conn;
  }

  @Override
  public boolean getMoreResults(int current) throws SQLException {
    return getMoreResults();
  }

  @Override
  public ResultSet getGeneratedKeys() throws SQLException {
    checkOpen();
    if (generatedKeys == null) {
      return new RowsBuilder().build(conn, this, new String[] {"GENERATED_KEY"},
          new String[] {"BIGINT"});
    }
    return generatedKeys;
  }

  @Override
  public int executeUpdate(String sql, int autoGeneratedKeys) throws SQLException {
    if (autoGeneratedKeys != RETURN_GENERATED_KEYS) {
      return executeUpdate(sql);
    }
    // Through a prepared statement, which knows how to return every row's key (an INSERT
    // into a table with an INTEGER PRIMARY KEY asks for that column).
    checkOpen();
    closeResult();
    try (PreparedStatement ps = conn.prepareStatement(sql, RETURN_GENERATED_KEYS)) {
      long n = ps.executeLargeUpdate();
      generatedKeys = copy(ps.getGeneratedKeys());
      setUpdateCount(n);
      return (int) Math.min(Integer.MAX_VALUE, n);
    }
  }

  /** The rows of rs as this statement's own result (rs is closed). */
  ResultSetImpl copy(ResultSet rs) throws SQLException {
    try (rs) {
      return RowsBuilder.copyOf(rs).build(conn, this, rs);
    }
  }

  @Override
  public int executeUpdate(String sql, int[] columnIndexes) throws SQLException {
    throw ConnectionImpl.notSupported("generated keys by column index; use column names");
  }

  @Override
  public int executeUpdate(String sql, String[] columnNames) throws SQLException {
    throw ConnectionImpl.notSupported(
        "generated keys by column name on a plain Statement; use prepareStatement(sql, names)");
  }

  @Override
  public boolean execute(String sql, int autoGeneratedKeys) throws SQLException {
    if (autoGeneratedKeys == RETURN_GENERATED_KEYS) {
      executeUpdate(sql, autoGeneratedKeys);
      return false;
    }
    return execute(sql);
  }

  @Override
  public boolean execute(String sql, int[] columnIndexes) throws SQLException {
    throw ConnectionImpl.notSupported("generated keys by column index; use column names");
  }

  @Override
  public boolean execute(String sql, String[] columnNames) throws SQLException {
    throw ConnectionImpl.notSupported(
        "generated keys by column name on a plain Statement; use prepareStatement(sql, names)");
  }

  @Override
  public int getResultSetHoldability() throws SQLException {
    checkOpen();
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public void setPoolable(boolean poolable) throws SQLException {
    checkOpen();
  }

  @Override
  public boolean isPoolable() throws SQLException {
    checkOpen();
    return false;
  }

  @Override
  public void closeOnCompletion() throws SQLException {
    checkOpen();
    closeOnCompletion = true;
  }

  @Override
  public boolean isCloseOnCompletion() throws SQLException {
    checkOpen();
    return closeOnCompletion;
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  /** The update count of an execution whose rows the driver consumed (RETURNING keys). */
  void setUpdateCount(long n) {
    updateCount = n;
  }

  ResultSetImpl currentResult() {
    return result;
  }

  int fetchSize() {
    return fetchSize;
  }
}
