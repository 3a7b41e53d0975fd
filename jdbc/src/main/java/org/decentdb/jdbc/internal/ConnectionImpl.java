/*
 * java.sql.Connection over one native connection: transaction state (autocommit, lazy BEGIN
 * IMMEDIATE, commit/rollback), the per-connection LRU cache of idle native statements keyed by
 * engine SQL, the statements it must close, and the Cleaner that releases the native handle of
 * a connection the application forgot to close. Isolation is snapshot isolation, reported as
 * REPEATABLE_READ; SERIALIZABLE is refused (ARCHITECTURE.md).
 */
package org.decentdb.jdbc.internal;

import java.lang.ref.Cleaner;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.DatabaseMetaData;
import java.sql.NClob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.Statement;
import java.sql.Struct;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Queue;
import java.util.Set;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import org.decentdb.jdbc.DecentDBConnection;
import org.decentdb.jdbc.StatementTrace;
import org.decentdb.jdbc.TraceListener;
import org.decentdb.jdbc.internal.bridge.NativeDb;
import org.decentdb.jdbc.internal.bridge.NativeStmt;
import org.decentdb.jdbc.internal.config.ConnectionConfig;
import org.decentdb.jdbc.internal.error.ErrorMapper;
import org.decentdb.jdbc.internal.sql.ParsedSql;
import org.decentdb.jdbc.internal.sql.SqlCache;

public final class ConnectionImpl implements DecentDBConnection {

  static final Cleaner CLEANER = Cleaner.create();

  private final NativeDb db;
  private final ConnectionConfig config;
  private final String url;
  private final Cleaner.Cleanable cleanable;
  // Idle native statements by engine SQL, least recently used first.
  private final LinkedHashMap<String, ArrayDeque<NativeStmt>> idle =
      new LinkedHashMap<>(16, 0.75f, true);
  private int idleCount;
  // Weak: a statement the application forgot to close can be collected; its Cleaner then
  // queues its native statement in orphans, which the connection resets (releasing any
  // snapshot it held) and reuses on its own thread at the next borrow.
  private final Set<StatementImpl> open = Collections.newSetFromMap(new WeakHashMap<>());
  private final Queue<NativeStmt> orphans = new ConcurrentLinkedQueue<>();
  private boolean autoCommit = true;
  private boolean readOnly;
  private boolean closed;
  private long cacheHits;
  private long cacheMisses;
  private int savepointCounter;
  private volatile TraceListener traceListener;
  private final Map<String, GeneratedKeys> autoKeys = new java.util.HashMap<>();
  private boolean internalQuery; // the driver's own catalog lookup: not the application's
  private long lastPrepareNanos; // of the last borrow(), read by newTrace()
  private boolean lastPrepareHit;

  /** Where trace=true connections log their statement traces, at DEBUG. */
  static final System.Logger TRACE_LOG = System.getLogger("org.decentdb.jdbc.trace");

  /** Closes the native connection of an unreachable ConnectionImpl. */
  private static final class Release implements Runnable {
    private final NativeDb db;

    Release(NativeDb db) {
      this.db = db;
    }

    @Override
    public void run() {
      try {
        db.close();
      } catch (SQLException ignored) {
        // Nothing can report it: the application dropped the connection.
      }
    }
  }

  private ConnectionImpl(NativeDb db, ConnectionConfig config, String url) {
    this.db = db;
    this.config = config;
    this.url = url;
    this.readOnly = config.readOnly();
    this.cleanable = CLEANER.register(this, new Release(db));
  }

  public static ConnectionImpl open(String url, Properties info) throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse(url, info);
    NativeDb db = NativeDb.open(config.path(), config.engineOptions());
    return new ConnectionImpl(db, config, url);
  }

  NativeDb db() {
    return db;
  }

  ConnectionConfig config() {
    return config;
  }

  String url() {
    return url;
  }

  void checkOpen() throws SQLException {
    if (closed) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT_CONNECTION,
          "the connection is closed", "08003", null);
    }
  }

  // ---------------------------------------------------------------- statement cache

  /** A native statement for engineSql: an idle cached one, or a new one. */
  NativeStmt borrow(ParsedSql parsed) throws SQLException {
    return borrow(parsed.engineSql(), parsed.originalSql());
  }

  NativeStmt borrow(String engineSql, String originalSql) throws SQLException {
    checkOpen();
    if (!orphans.isEmpty()) {
      reclaimOrphans();
    }
    ArrayDeque<NativeStmt> q = idle.get(engineSql);
    if (q != null && !q.isEmpty()) {
      idleCount--;
      cacheHits++;
      lastPrepareNanos = 0;
      lastPrepareHit = true;
      NativeStmt s = q.pollFirst();
      if (q.isEmpty()) {
        idle.remove(engineSql);
      }
      return s;
    }
    cacheMisses++;
    lastPrepareHit = false;
    if (!tracing()) {
      return db.prepare(engineSql, originalSql);
    }
    long t0 = System.nanoTime();
    NativeStmt s = db.prepare(engineSql, originalSql);
    lastPrepareNanos = System.nanoTime() - t0;
    return s;
  }

  // ---------------------------------------------------------------- tracing

  /** True when statements should collect an ExecTrace: a listener or trace=true. */
  boolean tracing() {
    return (traceListener != null || config.trace()) && !internalQuery;
  }

  /** Native prepare time of the last borrow() (0 on a cache hit; measured only when tracing). */
  long lastPrepareNanos() {
    return lastPrepareNanos;
  }

  /** Whether the last borrow() was served from the statement cache. */
  boolean lastPrepareHit() {
    return lastPrepareHit;
  }

  /** Sends a finished trace to the listener and, with trace=true, to the DEBUG log. */
  void deliver(StatementTrace t) {
    TraceListener l = traceListener;
    if (l != null) {
      try {
        l.onStatement(t);
      } catch (RuntimeException e) {
        TRACE_LOG.log(System.Logger.Level.WARNING, "trace listener failed; trace dropped", e);
      }
    }
    if (config.trace() && TRACE_LOG.isLoggable(System.Logger.Level.DEBUG)) {
      TRACE_LOG.log(System.Logger.Level.DEBUG, () -> String.format(
          "prepare=%dns%s bind=%dns execute=%dns decode=%dns rows=%d affected=%d sql=%s",
          t.prepareNanos(), t.cacheHit() ? " (cached)" : "", t.bindNanos(), t.executeNanos(),
          t.decodeNanos(), t.rowsReturned(), t.rowsAffected(), t.sql()));
    }
  }

  /** Returns a statement after use: reset (releasing its snapshot) and cached or closed. */
  void giveBack(NativeStmt s) {
    if (s.isClosed()) {
      return;
    }
    if (closed || config.statementCacheSize() == 0) {
      s.close();
      return;
    }
    db.lock().lock();
    try {
      s.reset();
    } catch (SQLException e) {
      s.close();
      return;
    } finally {
      db.lock().unlock();
    }
    s.trimEncoder();
    idle.computeIfAbsent(s.engineSql(), k -> new ArrayDeque<>()).addFirst(s);
    idleCount++;
    while (idleCount > config.statementCacheSize()) {
      Iterator<Map.Entry<String, ArrayDeque<NativeStmt>>> it = idle.entrySet().iterator();
      Map.Entry<String, ArrayDeque<NativeStmt>> eldest = it.next();
      eldest.getValue().pollLast().close();
      idleCount--;
      if (eldest.getValue().isEmpty()) {
        it.remove();
      }
    }
  }

  void register(StatementImpl s) {
    open.add(s);
  }

  /** The queue a statement's Cleaner puts its native statement in. */
  Queue<NativeStmt> orphans() {
    return orphans;
  }

  /** Resets and caches (or closes) the native statements of collected, unclosed statements. */
  private void reclaimOrphans() {
    NativeStmt s;
    while ((s = orphans.poll()) != null) {
      giveBack(s);
    }
  }

  void unregister(StatementImpl s) {
    open.remove(s);
  }

  /** Starts the transaction of a connection in manual-commit mode before its first statement. */
  void beginIfNeeded() throws SQLException {
    if (!autoCommit && !db.inTransaction()) {
      db.exec(readOnly ? "BEGIN" : "BEGIN IMMEDIATE");
    }
  }

  // ---------------------------------------------------------------- java.sql.Connection

  @Override
  public Statement createStatement() throws SQLException {
    checkOpen();
    return new StatementImpl(this);
  }

  @Override
  public PreparedStatement prepareStatement(String sql) throws SQLException {
    checkOpen();
    return new PreparedStatementImpl(this, SqlCache.parse(sql), null);
  }

  @Override
  public CallableStatement prepareCall(String sql) throws SQLException {
    throw notSupported("stored procedures (prepareCall)");
  }

  @Override
  public String nativeSQL(String sql) throws SQLException {
    return SqlCache.parse(sql).engineSql();
  }

  @Override
  public void setAutoCommit(boolean on) throws SQLException {
    checkOpen();
    if (on == autoCommit) {
      return;
    }
    if (on && db.inTransaction()) {
      db.exec("COMMIT"); // JDBC: switching autocommit on commits the open transaction
    }
    autoCommit = on;
  }

  @Override
  public boolean getAutoCommit() throws SQLException {
    checkOpen();
    return autoCommit;
  }

  @Override
  public void commit() throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "commit() is not allowed in autocommit mode", "25000", null);
    }
    if (db.inTransaction()) {
      db.exec("COMMIT");
    }
  }

  @Override
  public void rollback() throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "rollback() is not allowed in autocommit mode", "25000", null);
    }
    if (db.inTransaction()) {
      db.exec("ROLLBACK");
    }
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    for (StatementImpl s : open.toArray(new StatementImpl[0])) {
      s.close();
    }
    NativeStmt orphan;
    while ((orphan = orphans.poll()) != null) {
      orphan.close();
    }
    for (ArrayDeque<NativeStmt> q : idle.values()) {
      for (NativeStmt s : q) {
        s.close();
      }
    }
    idle.clear();
    idleCount = 0;
    closed = true;
    cleanable.clean(); // closes the native connection, which rolls back an open transaction
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public DatabaseMetaData getMetaData() throws SQLException {
    checkOpen();
    return new DatabaseMetaDataImpl(this);
  }

  @Override
  public void setReadOnly(boolean readOnly) throws SQLException {
    checkOpen();
    if (readOnly == this.readOnly) {
      return;
    }
    if (!readOnly && config.readOnly()) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "the connection was opened with read_only=true", "25006", null);
    }
    // The engine refuses every write of a read-only connection itself (25006); switching
    // is refused inside a transaction (25001).
    db.setReadOnly(readOnly);
    this.readOnly = readOnly;
  }

  @Override
  public boolean isReadOnly() throws SQLException {
    checkOpen();
    return readOnly;
  }

  @Override
  public void setCatalog(String catalog) throws SQLException {
    checkOpen(); // no catalogs: ignored, as the JDBC specification allows
  }

  @Override
  public String getCatalog() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void setTransactionIsolation(int level) throws SQLException {
    checkOpen();
    switch (level) {
      case TRANSACTION_READ_UNCOMMITTED:
      case TRANSACTION_READ_COMMITTED:
      case TRANSACTION_REPEATABLE_READ:
        return; // served by snapshot isolation, which is stronger; JDBC allows a higher level
      case TRANSACTION_SERIALIZABLE:
        throw ErrorMapper.driverError(ErrorMapper.Kind.FEATURE_NOT_SUPPORTED,
            "SERIALIZABLE is not offered: DecentDB provides snapshot isolation"
                + " (TRANSACTION_REPEATABLE_READ)", "0A000", null);
      default:
        throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
            "unknown transaction isolation level " + level, "HY024", null);
    }
  }

  @Override
  public int getTransactionIsolation() throws SQLException {
    checkOpen();
    return TRANSACTION_REPEATABLE_READ;
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
  public Statement createStatement(int type, int concurrency) throws SQLException {
    checkResultSetType(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency)
      throws SQLException {
    checkResultSetType(type, concurrency, ResultSet.CLOSE_CURSORS_AT_COMMIT);
    return prepareStatement(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency)
      throws SQLException {
    return prepareCall(sql);
  }

  private void checkResultSetType(int type, int concurrency, int holdability)
      throws SQLException {
    checkOpen();
    if (type != ResultSet.TYPE_FORWARD_ONLY) {
      throw notSupported("scrollable result sets (only TYPE_FORWARD_ONLY)");
    }
    if (concurrency != ResultSet.CONCUR_READ_ONLY) {
      throw notSupported("updatable result sets (only CONCUR_READ_ONLY)");
    }
    if (holdability != ResultSet.CLOSE_CURSORS_AT_COMMIT
        && holdability != ResultSet.HOLD_CURSORS_OVER_COMMIT) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "unknown holdability " + holdability, "HY024", null);
    }
  }

  @Override
  public Map<String, Class<?>> getTypeMap() throws SQLException {
    checkOpen();
    return new java.util.HashMap<>();
  }

  @Override
  public void setTypeMap(Map<String, Class<?>> map) throws SQLException {
    throw notSupported("type maps");
  }

  @Override
  public void setHoldability(int holdability) throws SQLException {
    checkResultSetType(ResultSet.TYPE_FORWARD_ONLY, ResultSet.CONCUR_READ_ONLY, holdability);
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return ResultSet.CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public Savepoint setSavepoint() throws SQLException {
    return setSavepoint(null);
  }

  @Override
  public Savepoint setSavepoint(String name) throws SQLException {
    checkOpen();
    if (autoCommit) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "savepoints need autocommit off", "25000", null);
    }
    beginIfNeeded();
    SavepointImpl sp = new SavepointImpl(++savepointCounter, name);
    db.exec("SAVEPOINT " + sp.sqlName());
    return sp;
  }

  @Override
  public void rollback(Savepoint savepoint) throws SQLException {
    checkOpen();
    db.exec("ROLLBACK TO SAVEPOINT " + SavepointImpl.of(savepoint).sqlName());
  }

  @Override
  public void releaseSavepoint(Savepoint savepoint) throws SQLException {
    checkOpen();
    db.exec("RELEASE SAVEPOINT " + SavepointImpl.of(savepoint).sqlName());
  }

  @Override
  public Statement createStatement(int type, int concurrency, int holdability)
      throws SQLException {
    checkResultSetType(type, concurrency, holdability);
    return createStatement();
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int type, int concurrency,
      int holdability) throws SQLException {
    checkResultSetType(type, concurrency, holdability);
    return prepareStatement(sql);
  }

  @Override
  public CallableStatement prepareCall(String sql, int type, int concurrency, int holdability)
      throws SQLException {
    return prepareCall(sql);
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int autoGeneratedKeys)
      throws SQLException {
    checkOpen();
    if (autoGeneratedKeys != Statement.RETURN_GENERATED_KEYS) {
      return prepareStatement(sql);
    }
    ParsedSql parsed = SqlCache.parse(sql);
    GeneratedKeys keys = autoKeys(parsed);
    if (!keys.byRowid()) {
      try {
        return new PreparedStatementImpl(this, parsed, keys);
      } catch (SQLException e) {
        // The key column may have changed since it was looked up: look again once.
        autoKeys.remove(parsed.engineSql());
        keys = autoKeys(parsed);
      }
    }
    return new PreparedStatementImpl(this, parsed, keys);
  }

  /**
   * Generated keys for RETURN_GENERATED_KEYS: the INTEGER PRIMARY KEY column of an INSERT's
   * table by name (so multi-row INSERTs return every key), else the rowid. Looked up in the
   * catalog once per SQL text.
   */
  private GeneratedKeys autoKeys(ParsedSql parsed) throws SQLException {
    GeneratedKeys k = autoKeys.get(parsed.engineSql());
    if (k != null) {
      return k;
    }
    k = GeneratedKeys.rowid();
    String[] target = GeneratedKeys.insertTarget(parsed.engineSql());
    if (target != null) {
      String sql = "quoted".equals(target[1])
          ? "SELECT column_name FROM decentdb_columns WHERE table_name = ? AND is_auto_increment"
          : "SELECT column_name FROM decentdb_columns"
              + " WHERE lower(table_name) = lower(?) AND is_auto_increment";
      internalQuery = true;
      try (PreparedStatement ps = prepareStatement(sql)) {
        ps.setString(1, target[0]);
        try (ResultSet rs = ps.executeQuery()) {
          if (rs.next()) {
            k = GeneratedKeys.columns(new String[] {rs.getString(1)});
          }
        }
      } finally {
        internalQuery = false;
      }
    }
    if (autoKeys.size() >= 256) {
      autoKeys.clear();
    }
    autoKeys.put(parsed.engineSql(), k);
    return k;
  }

  @Override
  public PreparedStatement prepareStatement(String sql, int[] columnIndexes) throws SQLException {
    throw notSupported("generated keys by column index; use column names");
  }

  @Override
  public PreparedStatement prepareStatement(String sql, String[] columnNames)
      throws SQLException {
    checkOpen();
    if (columnNames == null || columnNames.length == 0) {
      return prepareStatement(sql, Statement.RETURN_GENERATED_KEYS);
    }
    return new PreparedStatementImpl(this, SqlCache.parse(sql),
        GeneratedKeys.columns(columnNames));
  }

  @Override
  public Clob createClob() throws SQLException {
    throw notSupported("Clob objects; use String");
  }

  @Override
  public Blob createBlob() throws SQLException {
    throw notSupported("Blob objects; use byte[]");
  }

  @Override
  public NClob createNClob() throws SQLException {
    throw notSupported("NClob objects; use String");
  }

  @Override
  public SQLXML createSQLXML() throws SQLException {
    throw notSupported("SQLXML");
  }

  @Override
  public boolean isValid(int timeout) throws SQLException {
    if (timeout < 0) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "timeout must not be negative", "HY000", null);
    }
    return !closed && !db.isClosed();
  }

  @Override
  public void setClientInfo(String name, String value) throws SQLClientInfoException {
    // No client info properties exist; JDBC asks drivers to ignore unknown ones silently.
  }

  @Override
  public void setClientInfo(Properties properties) throws SQLClientInfoException {
    // As above.
  }

  @Override
  public String getClientInfo(String name) throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public Properties getClientInfo() throws SQLException {
    checkOpen();
    return new Properties();
  }

  @Override
  public Array createArrayOf(String typeName, Object[] elements) throws SQLException {
    throw notSupported("arrays");
  }

  @Override
  public Struct createStruct(String typeName, Object[] attributes) throws SQLException {
    throw notSupported("structs");
  }

  @Override
  public void setSchema(String schema) throws SQLException {
    checkOpen(); // one unnamed schema; ignored as the specification allows
  }

  @Override
  public String getSchema() throws SQLException {
    checkOpen();
    return null;
  }

  @Override
  public void abort(Executor executor) throws SQLException {
    if (executor == null) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT, "executor is null",
          "HY000", null);
    }
    db.interrupt();
    executor.execute(() -> {
      try {
        close();
      } catch (SQLException ignored) {
        // abort() reports nothing by contract.
      }
    });
  }

  @Override
  public void setNetworkTimeout(Executor executor, int milliseconds) throws SQLException {
    checkOpen(); // embedded: no network
  }

  @Override
  public int getNetworkTimeout() throws SQLException {
    checkOpen();
    return 0;
  }

  // ---------------------------------------------------------------- DecentDBConnection

  @Override
  public String integrityCheck() throws SQLException {
    checkOpen();
    return db.integrityCheck();
  }

  @Override
  public long checkpoint(int mode) throws SQLException {
    checkOpen();
    return db.checkpoint(mode);
  }

  @Override
  public String engineVersion() throws SQLException {
    return NativeDb.version();
  }

  @Override
  public void setTraceListener(TraceListener listener) {
    this.traceListener = listener;
  }

  @Override
  public TraceListener getTraceListener() {
    return traceListener;
  }

  @Override
  public long[] statementCacheStats() {
    return new long[] {cacheHits, cacheMisses};
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }

  static SQLException notSupported(String what) {
    return ErrorMapper.driverError(ErrorMapper.Kind.FEATURE_NOT_SUPPORTED,
        "not supported: " + what, "0A000", null);
  }
}
