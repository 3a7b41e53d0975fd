/*
 * PreparedStatement on a cached native statement: setters write into a ParamEncoder (one
 * direct buffer), execute is one native call (decentdb_query_batch), executeBatch is one native
 * call for every row (decentdb_execute_many). Named parameters (":name", "#{name}") are set
 * through DecentDBPreparedStatement. Generated keys come from rowids or from RETURNING.
 */
package org.decentdb.jdbc.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.BatchUpdateException;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.ParameterMetaData;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.Arrays;
import java.util.Calendar;
import java.util.List;
import org.decentdb.jdbc.DecentDBPreparedStatement;
import org.decentdb.jdbc.internal.bridge.NativeStmt;
import org.decentdb.jdbc.internal.codec.ParamEncoder;
import org.decentdb.jdbc.internal.error.ErrorMapper;
import org.decentdb.jdbc.internal.sql.ParsedSql;
import org.decentdb.jdbc.internal.type.Values;

final class PreparedStatementImpl extends StatementImpl implements DecentDBPreparedStatement {

  private final ParsedSql parsed;
  private final GeneratedKeys keys; // null: no generated keys requested
  private NativeStmt ns;
  private final ParamEncoder enc;
  private int batchRows;
  private long batchBindNanos; // encoding time of the pending batch, when tracing

  PreparedStatementImpl(ConnectionImpl conn, ParsedSql parsed, GeneratedKeys keys)
      throws SQLException {
    super(conn);
    this.parsed = parsed;
    this.keys = keys;
    try {
      String engineSql = keys != null && !keys.byRowid()
          ? keys.withReturning(parsed.engineSql()) : parsed.engineSql();
      this.ns = conn.borrow(engineSql, parsed.originalSql());
      hold(ns);
      notePrepared();
    } catch (SQLException e) {
      super.close();
      throw e;
    }
    this.enc = ns.encoder();
  }

  private void checkUsable() throws SQLException {
    checkOpen();
  }

  // ---------------------------------------------------------------- execution

  @Override
  public ResultSet executeQuery() throws SQLException {
    if (!executeOnce()) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "the statement returned no rows; use executeUpdate", "02000", parsed.originalSql());
    }
    return currentResult();
  }

  @Override
  public int executeUpdate() throws SQLException {
    return (int) Math.min(Integer.MAX_VALUE, executeLargeUpdate());
  }

  @Override
  public long executeLargeUpdate() throws SQLException {
    boolean rows = executeOnce();
    if (keys != null && !keys.byRowid()) {
      return collectReturnedKeys();
    }
    if (rows) {
      closeResult();
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "the statement returned rows; use executeQuery", "21000", parsed.originalSql());
    }
    long n = getLargeUpdateCount();
    if (keys != null && n > 0) {
      generatedKeys = new RowsBuilder().add(conn.db().lastInsertRowid()).endRow()
          .build(conn, this, new String[] {"GENERATED_KEY"}, new String[] {"BIGINT"});
    }
    return n;
  }

  @Override
  public boolean execute() throws SQLException {
    boolean rows = executeOnce();
    if (keys != null && !keys.byRowid()) {
      if (rows) {
        collectReturnedKeys();
      }
      return false;
    }
    if (!rows && keys != null && getLargeUpdateCount() > 0) {
      generatedKeys = new RowsBuilder().add(conn.db().lastInsertRowid()).endRow()
          .build(conn, this, new String[] {"GENERATED_KEY"}, new String[] {"BIGINT"});
    }
    return rows;
  }

  private boolean executeOnce() throws SQLException {
    checkUsable();
    closeResult();
    if (batchRows > 0) {
      batchRows = 0; // executing directly discards a pending batch
    }
    ExecTrace trace = startTrace(parsed.originalSql());
    if (trace == null) {
      enc.reset();
      enc.appendRow();
      return run(ns, enc, null);
    }
    long t0 = System.nanoTime();
    enc.reset();
    enc.appendRow();
    trace.bindNanos = System.nanoTime() - t0;
    return run(ns, enc, trace);
  }

  /** RETURNING rows become the generated keys; the row count is the update count. */
  private long collectReturnedKeys() throws SQLException {
    ResultSetImpl rs = currentResult();
    RowsBuilder b;
    ResultSetImpl keys;
    try (rs) {
      b = RowsBuilder.copyOf(rs);
      keys = b.build(conn, this, rs);
    }
    generatedKeys = keys;
    setUpdateCount(b.rows());
    return b.rows();
  }

  @Override
  public void addBatch() throws SQLException {
    checkUsable();
    if (batchRows == 0) {
      closeResult();
      enc.reset();
      batchBindNanos = 0;
    }
    if (conn.tracing()) {
      long t0 = System.nanoTime();
      enc.appendRow();
      batchBindNanos += System.nanoTime() - t0;
    } else {
      enc.appendRow();
    }
    batchRows++;
  }

  @Override
  public void clearBatch() throws SQLException {
    checkUsable();
    batchRows = 0;
    enc.reset();
  }

  @Override
  public int[] executeBatch() throws SQLException {
    long[] large = executeLargeBatch();
    int[] out = new int[large.length];
    for (int i = 0; i < large.length; i++) {
      out[i] = (int) Math.min(Integer.MAX_VALUE, large[i]);
    }
    return out;
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    checkUsable();
    closeResult();
    int rows = batchRows;
    batchRows = 0;
    if (rows == 0) {
      return new long[0];
    }
    conn.beginIfNeeded();
    if (keys != null && !keys.byRowid()) {
      return executeReturningBatch(rows);
    }
    boolean inTransaction = conn.db().inTransaction();
    long[] counts = new long[rows];
    long[] rowids = keys != null ? new long[rows] : null;
    ExecTrace trace = startTrace(parsed.originalSql());
    conn.db().lock().lock();
    try {
      conn.checkOpen();
      long t0 = trace == null ? 0 : System.nanoTime();
      ns.executeMany(enc, counts, rowids);
      if (trace != null) {
        trace.executeNanos = System.nanoTime() - t0;
        trace.bindNanos = batchBindNanos;
        trace.rowsAffected = Arrays.stream(counts).sum();
      }
    } catch (NativeStmt.ExecuteManyException e) {
      int failed = e.failedRow() < 0 ? 0 : e.failedRow();
      throw batchFailure(e.engineError(), failed, rows, inTransaction, counts);
    } finally {
      conn.db().lock().unlock();
      enc.reset();
    }
    if (trace != null) {
      trace.deliver(conn);
    }
    if (rowids != null) {
      RowsBuilder b = new RowsBuilder();
      for (long id : rowids) {
        b.add(id).endRow();
      }
      generatedKeys = b.build(conn, this, new String[] {"GENERATED_KEY"},
          new String[] {"BIGINT"});
    }
    return counts;
  }

  /**
   * The BatchUpdateException for a batch that failed at row failed. Inside a transaction the
   * rows before it stay (statement atomicity) and their counts are reported; in autocommit
   * mode the batch was one transaction and nothing stayed.
   */
  private static BatchUpdateException batchFailure(SQLException cause, int failed, int rows,
      boolean inTransaction, long[] counts) {
    long[] done;
    if (inTransaction) {
      done = Arrays.copyOf(counts, failed);
    } else {
      done = new long[rows];
      Arrays.fill(done, EXECUTE_FAILED);
    }
    return new BatchUpdateException(cause.getMessage() + " (batch row " + failed + ")",
        cause.getSQLState(), cause.getErrorCode(), done, cause);
  }

  /**
   * A batch whose generated keys are named columns: the statement carries RETURNING, so each
   * row runs as one query (one native call) inside one transaction (the application's, or an
   * implicit one in autocommit mode) and its returned rows become the generated keys.
   */
  private long[] executeReturningBatch(int rows) throws SQLException {
    boolean inTransaction = conn.db().inTransaction();
    if (!inTransaction) {
      conn.db().exec("BEGIN");
    }
    long[] counts = new long[rows];
    RowsBuilder keysOut = new RowsBuilder();
    String[] names = null;
    String[] types = null;
    int r = 0;
    try {
      for (; r < rows; r++) {
        int rc;
        conn.db().lock().lock();
        try {
          conn.checkOpen();
          rc = ns.queryRow(enc, r, DEFAULT_FETCH);
        } finally {
          conn.db().lock().unlock();
        }
        try (ResultSetImpl rs = new ResultSetImpl(this, ns, rc == NativeStmt.MORE, 0)) {
          ResultSetMetaData md = rs.getMetaData();
          if (names == null) {
            names = new String[md.getColumnCount()];
            types = new String[names.length];
            for (int i = 0; i < names.length; i++) {
              names[i] = md.getColumnLabel(i + 1);
              types[i] = md.getColumnTypeName(i + 1);
            }
          }
          while (rs.next()) {
            for (int i = 1; i <= names.length; i++) {
              keysOut.add(rs.getObject(i));
            }
            keysOut.endRow();
            counts[r]++;
          }
        }
      }
      if (!inTransaction) {
        conn.db().exec("COMMIT");
      }
    } catch (SQLException e) {
      if (!inTransaction && conn.db().inTransaction()) {
        try {
          conn.db().exec("ROLLBACK");
        } catch (SQLException suppressed) {
          e.addSuppressed(suppressed);
        }
      }
      throw batchFailure(e, r, rows, inTransaction, counts);
    } finally {
      enc.reset();
    }
    generatedKeys = keysOut.build(conn, this, names, types);
    return counts;
  }

  @Override
  public void close() throws SQLException {
    if (isClosed()) {
      return;
    }
    try {
      super.close();
    } finally {
      NativeStmt s = ns;
      ns = null;
      if (s != null) {
        conn.giveBack(s);
      }
    }
  }

  // ---------------------------------------------------------------- plain Statement methods
  // JDBC forbids the SQL-taking variants on a PreparedStatement.

  private static SQLException sqlOnPrepared() {
    return ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
        "a PreparedStatement runs its own SQL; this method takes SQL text", "HY000", null);
  }

  @Override
  public ResultSet executeQuery(String sql) throws SQLException {
    throw sqlOnPrepared();
  }

  @Override
  public int executeUpdate(String sql) throws SQLException {
    throw sqlOnPrepared();
  }

  @Override
  public boolean execute(String sql) throws SQLException {
    throw sqlOnPrepared();
  }

  @Override
  public void addBatch(String sql) throws SQLException {
    throw sqlOnPrepared();
  }

  // ---------------------------------------------------------------- setters

  @Override
  public void setNull(int i, int sqlType) throws SQLException {
    checkUsable();
    enc.setNull(i);
  }

  @Override
  public void setBoolean(int i, boolean x) throws SQLException {
    checkUsable();
    enc.setBoolean(i, x);
  }

  @Override
  public void setByte(int i, byte x) throws SQLException {
    checkUsable();
    enc.setLong(i, x);
  }

  @Override
  public void setShort(int i, short x) throws SQLException {
    checkUsable();
    enc.setLong(i, x);
  }

  @Override
  public void setInt(int i, int x) throws SQLException {
    checkUsable();
    enc.setLong(i, x);
  }

  @Override
  public void setLong(int i, long x) throws SQLException {
    checkUsable();
    enc.setLong(i, x);
  }

  @Override
  public void setFloat(int i, float x) throws SQLException {
    checkUsable();
    enc.setDouble(i, x);
  }

  @Override
  public void setDouble(int i, double x) throws SQLException {
    checkUsable();
    enc.setDouble(i, x);
  }

  @Override
  public void setBigDecimal(int i, BigDecimal x) throws SQLException {
    checkUsable();
    enc.setString(i, x == null ? null : x.toPlainString());
  }

  @Override
  public void setString(int i, String x) throws SQLException {
    checkUsable();
    enc.setString(i, x);
  }

  @Override
  public void setBytes(int i, byte[] x) throws SQLException {
    checkUsable();
    enc.setBytes(i, x == null ? null : x.clone());
  }

  @Override
  public void setDate(int i, Date x) throws SQLException {
    checkUsable();
    Values.bind(enc, i, x);
  }

  @Override
  public void setTime(int i, Time x) throws SQLException {
    checkUsable();
    Values.bind(enc, i, x);
  }

  @Override
  public void setTimestamp(int i, Timestamp x) throws SQLException {
    checkUsable();
    Values.bind(enc, i, x);
  }

  @Override
  public void setAsciiStream(int i, InputStream x, int length) throws SQLException {
    setAsciiStream(i, x, (long) length);
  }

  @Override
  @Deprecated
  public void setUnicodeStream(int i, InputStream x, int length) throws SQLException {
    throw ConnectionImpl.notSupported("setUnicodeStream (deprecated); use setCharacterStream");
  }

  @Override
  public void setBinaryStream(int i, InputStream x, int length) throws SQLException {
    setBinaryStream(i, x, (long) length);
  }

  @Override
  public void clearParameters() throws SQLException {
    checkUsable();
    enc.clear();
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType) throws SQLException {
    checkUsable();
    if (x == null) {
      enc.setNull(i);
    } else if (targetSqlType == Types.VARCHAR || targetSqlType == Types.CHAR
        || targetSqlType == Types.LONGVARCHAR || targetSqlType == Types.NVARCHAR) {
      enc.setString(i, x instanceof BigDecimal ? ((BigDecimal) x).toPlainString() : x.toString());
    } else {
      Values.bind(enc, i, x);
    }
  }

  @Override
  public void setObject(int i, Object x) throws SQLException {
    checkUsable();
    Values.bind(enc, i, x);
  }

  @Override
  public void setCharacterStream(int i, Reader reader, int length) throws SQLException {
    setCharacterStream(i, reader, (long) length);
  }

  @Override
  public void setRef(int i, Ref x) throws SQLException {
    throw ConnectionImpl.notSupported("REF values");
  }

  @Override
  public void setBlob(int i, Blob x) throws SQLException {
    checkUsable();
    enc.setBytes(i, x == null ? null : x.getBytes(1, (int) x.length()));
  }

  @Override
  public void setClob(int i, Clob x) throws SQLException {
    checkUsable();
    enc.setString(i, x == null ? null : x.getSubString(1, (int) x.length()));
  }

  @Override
  public void setArray(int i, Array x) throws SQLException {
    throw ConnectionImpl.notSupported("arrays");
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkUsable();
    if (ns.columnCount() == 0) {
      return null;
    }
    String[] names = new String[ns.columnCount()];
    String[] types = new String[names.length];
    for (int c = 0; c < names.length; c++) {
      names[c] = ns.columnName(c);
      types[c] = ns.declType(c);
    }
    return new ResultSetMetaDataImpl(names, types);
  }

  @Override
  public void setDate(int i, Date x, Calendar cal) throws SQLException {
    setDate(i, x);
  }

  @Override
  public void setTime(int i, Time x, Calendar cal) throws SQLException {
    setTime(i, x);
  }

  @Override
  public void setTimestamp(int i, Timestamp x, Calendar cal) throws SQLException {
    setTimestamp(i, x); // an instant: no zone to apply
  }

  @Override
  public void setNull(int i, int sqlType, String typeName) throws SQLException {
    setNull(i, sqlType);
  }

  @Override
  public void setURL(int i, URL x) throws SQLException {
    setString(i, x == null ? null : x.toString());
  }

  @Override
  public ParameterMetaData getParameterMetaData() throws SQLException {
    checkUsable();
    return new ParameterMetaDataImpl(enc.parameterCount());
  }

  @Override
  public void setRowId(int i, RowId x) throws SQLException {
    throw ConnectionImpl.notSupported("RowId values; bind the rowid as a long");
  }

  @Override
  public void setNString(int i, String value) throws SQLException {
    setString(i, value);
  }

  @Override
  public void setNCharacterStream(int i, Reader value, long length) throws SQLException {
    setCharacterStream(i, value, length);
  }

  @Override
  public void setNClob(int i, NClob value) throws SQLException {
    setClob(i, value);
  }

  @Override
  public void setClob(int i, Reader reader, long length) throws SQLException {
    setCharacterStream(i, reader, length);
  }

  @Override
  public void setBlob(int i, InputStream in, long length) throws SQLException {
    setBinaryStream(i, in, length);
  }

  @Override
  public void setNClob(int i, Reader reader, long length) throws SQLException {
    setCharacterStream(i, reader, length);
  }

  @Override
  public void setSQLXML(int i, SQLXML xmlObject) throws SQLException {
    throw ConnectionImpl.notSupported("SQLXML");
  }

  @Override
  public void setObject(int i, Object x, int targetSqlType, int scaleOrLength)
      throws SQLException {
    if (x instanceof BigDecimal && targetSqlType == Types.DECIMAL) {
      setBigDecimal(i, ((BigDecimal) x).setScale(scaleOrLength, java.math.RoundingMode.HALF_UP));
      return;
    }
    setObject(i, x, targetSqlType);
  }

  @Override
  public void setAsciiStream(int i, InputStream x, long length) throws SQLException {
    checkUsable();
    byte[] b = readAll(x, length);
    enc.setString(i, b == null ? null : new String(b, java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Override
  public void setBinaryStream(int i, InputStream x, long length) throws SQLException {
    checkUsable();
    enc.setBytes(i, readAll(x, length));
  }

  @Override
  public void setCharacterStream(int i, Reader reader, long length) throws SQLException {
    checkUsable();
    if (reader == null) {
      enc.setNull(i);
      return;
    }
    StringBuilder sb = new StringBuilder();
    char[] buf = new char[8192];
    try {
      int n;
      while ((length < 0 || sb.length() < length) && (n = reader.read(buf)) > 0) {
        sb.append(buf, 0, n);
      }
    } catch (IOException e) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.GENERIC,
          "reading the character stream failed: " + e.getMessage(), "HY000", null);
    }
    if (length >= 0 && sb.length() > length) {
      sb.setLength((int) length);
    }
    enc.setString(i, sb.toString());
  }

  private static byte[] readAll(InputStream in, long length) throws SQLException {
    if (in == null) {
      return null;
    }
    try {
      return length < 0 ? in.readAllBytes() : in.readNBytes((int) Math.min(length, Integer.MAX_VALUE));
    } catch (IOException e) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.GENERIC,
          "reading the stream failed: " + e.getMessage(), "HY000", null);
    }
  }

  @Override
  public void setAsciiStream(int i, InputStream x) throws SQLException {
    setAsciiStream(i, x, -1L);
  }

  @Override
  public void setBinaryStream(int i, InputStream x) throws SQLException {
    setBinaryStream(i, x, -1L);
  }

  @Override
  public void setCharacterStream(int i, Reader reader) throws SQLException {
    setCharacterStream(i, reader, -1L);
  }

  @Override
  public void setNCharacterStream(int i, Reader value) throws SQLException {
    setCharacterStream(i, value, -1L);
  }

  @Override
  public void setClob(int i, Reader reader) throws SQLException {
    setCharacterStream(i, reader, -1L);
  }

  @Override
  public void setBlob(int i, InputStream in) throws SQLException {
    setBinaryStream(i, in, -1L);
  }

  @Override
  public void setNClob(int i, Reader reader) throws SQLException {
    setCharacterStream(i, reader, -1L);
  }

  // ---------------------------------------------------------------- named parameters

  @Override
  public List<String> parameterNames() {
    return parsed.names();
  }

  @Override
  public void setObject(String name, Object value) throws SQLException {
    setObject(parsed.indexOf(name), value);
  }

  @Override
  public void setNull(String name) throws SQLException {
    setNull(parsed.indexOf(name), Types.NULL);
  }

  @Override
  public void setLong(String name, long value) throws SQLException {
    setLong(parsed.indexOf(name), value);
  }

  @Override
  public void setString(String name, String value) throws SQLException {
    setString(parsed.indexOf(name), value);
  }
}
