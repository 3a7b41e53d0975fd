/*
 * Forward-only, read-only ResultSet that streams row batches: the first batch arrives with the
 * execute call, later ones with one native call each (fetch size = rows per batch), so a scan
 * of any length runs in the memory of one batch. Getters decode only the cell asked for (see
 * Cells). Also serves driver-built rows (generated keys, metadata) from a Java-made buffer.
 */
package org.decentdb.jdbc.internal;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.decentdb.jdbc.internal.bridge.NativeStmt;
import org.decentdb.jdbc.internal.codec.RowBatchDecoder;
import org.decentdb.jdbc.internal.error.ErrorMapper;
import org.decentdb.jdbc.internal.type.Cells;
import org.decentdb.jdbc.internal.type.SqlKind;

public final class ResultSetImpl implements ResultSet {

  private final StatementImpl owner; // null for driver-built rows
  private final ConnectionImpl conn;
  private final NativeStmt nstmt;    // null for driver-built rows
  private final RowBatchDecoder dec;
  private final String[] names;
  private final String[] declTypes;
  private final SqlKind[] kinds;
  private Map<String, Integer> byLabel;
  private boolean more;
  private boolean closed;
  private boolean onRow;
  private boolean afterLast;
  private boolean wasNull;
  private int rowNumber;
  private int fetchSize;
  private int maxRows;
  private ExecTrace trace; // null unless the connection traces

  /** Rows of a native statement whose first batch is in nstmt's buffer. */
  ResultSetImpl(StatementImpl owner, NativeStmt nstmt, boolean more, int fetchSize) {
    this.owner = owner;
    this.conn = owner.connection();
    this.nstmt = nstmt;
    int n = nstmt.columnCount();
    this.names = nstmt.columnNames(); // shared with the statement, never modified
    this.declTypes = nstmt.declTypes();
    this.kinds = nstmt.kinds();
    this.dec = new RowBatchDecoder(n);
    this.dec.load(nstmt.buffer(), nstmt.rows(), nstmt.used());
    this.more = more;
    this.fetchSize = fetchSize;
  }

  /** Driver-built rows: values already encoded in buffer. */
  ResultSetImpl(ConnectionImpl conn, StatementImpl owner, String[] names, String[] declTypes,
      ByteBuffer buffer, int rows, int used) {
    this.owner = owner;
    this.conn = conn;
    this.nstmt = null;
    this.names = names;
    this.declTypes = declTypes;
    this.kinds = new SqlKind[names.length];
    for (int i = 0; i < names.length; i++) {
      kinds[i] = SqlKind.ofDeclared(declTypes[i]);
    }
    this.dec = new RowBatchDecoder(names.length);
    this.dec.load(buffer, rows, used);
  }

  private void checkOpen() throws SQLException {
    if (closed) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT, "the result set is closed",
          "24000", null);
    }
  }

  private int col(int column) throws SQLException {
    checkOpen();
    if (!onRow) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          afterLast ? "the result set has no more rows" : "call next() before reading a row",
          "24000", null);
    }
    if (column < 1 || column > names.length) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "column index " + column + " is out of range 1.." + names.length, "07009", null);
    }
    int c = column - 1;
    wasNull = dec.isNull(c);
    return c;
  }

  void setMaxRows(int maxRows) {
    this.maxRows = maxRows;
  }

  void setTrace(ExecTrace trace) {
    this.trace = trace;
  }

  /** Completes the trace (if any) with the rows read so far and hands it on. */
  private void finishTrace() {
    ExecTrace t = trace;
    if (t != null) {
      trace = null;
      t.rowsReturned = rowNumber;
      t.deliver(conn);
    }
  }

  @Override
  public boolean next() throws SQLException {
    if (trace != null) {
      return nextTraced();
    }
    return nextRow(null);
  }

  /** next() with its native fetch time counted as execute and the rest as decode. */
  private boolean nextTraced() throws SQLException {
    ExecTrace t = trace;
    long t0 = System.nanoTime();
    long fetchBefore = t.executeNanos;
    boolean row;
    try {
      row = nextRow(t);
    } finally {
      t.decodeNanos += System.nanoTime() - t0 - (t.executeNanos - fetchBefore);
    }
    if (!row) {
      finishTrace();
    }
    return row;
  }

  private boolean nextRow(ExecTrace t) throws SQLException {
    checkOpen();
    if (maxRows > 0 && rowNumber >= maxRows) {
      more = false;
      onRow = false;
      afterLast = true;
      if (owner != null) {
        owner.resultDrained(this);
      }
      return false;
    }
    if (dec.next()) {
      rowNumber++;
      onRow = true;
      return true;
    }
    while (more) {
      conn.db().lock().lock();
      try {
        conn.checkOpen();
        long f0 = t == null ? 0 : System.nanoTime();
        more = nstmt.fetch(fetchSize > 0 ? fetchSize : StatementImpl.DEFAULT_FETCH) == NativeStmt.MORE;
        if (t != null) {
          t.executeNanos += System.nanoTime() - f0;
        }
      } finally {
        conn.db().lock().unlock();
      }
      dec.load(nstmt.buffer(), nstmt.rows(), nstmt.used());
      if (dec.next()) {
        rowNumber++;
        onRow = true;
        return true;
      }
    }
    onRow = false;
    afterLast = true;
    if (owner != null) {
      owner.resultDrained(this); // releases the statement's snapshot early
    }
    return false;
  }

  @Override
  public void close() throws SQLException {
    if (closed) {
      return;
    }
    closed = true;
    onRow = false;
    finishTrace();
    if (owner != null) {
      owner.resultClosed(this);
    }
  }

  /** Closed by the owning statement (re-execution or close). */
  void closeFromOwner() {
    closed = true;
    onRow = false;
    finishTrace();
  }

  NativeStmt nativeStatement() {
    return nstmt;
  }

  @Override
  public boolean wasNull() throws SQLException {
    checkOpen();
    return wasNull;
  }

  @Override
  public String getString(int i) throws SQLException {
    int c = col(i);
    return Cells.string(dec, c, kinds[c]);
  }

  @Override
  public boolean getBoolean(int i) throws SQLException {
    return Cells.bool(dec, col(i));
  }

  @Override
  public byte getByte(int i) throws SQLException {
    return (byte) Cells.int64InRange(dec, col(i), Byte.MIN_VALUE, Byte.MAX_VALUE, "byte");
  }

  @Override
  public short getShort(int i) throws SQLException {
    return (short) Cells.int64InRange(dec, col(i), Short.MIN_VALUE, Short.MAX_VALUE, "short");
  }

  @Override
  public int getInt(int i) throws SQLException {
    return (int) Cells.int64InRange(dec, col(i), Integer.MIN_VALUE, Integer.MAX_VALUE, "int");
  }

  @Override
  public long getLong(int i) throws SQLException {
    return Cells.int64(dec, col(i));
  }

  @Override
  public float getFloat(int i) throws SQLException {
    return (float) Cells.float64(dec, col(i));
  }

  @Override
  public double getDouble(int i) throws SQLException {
    return Cells.float64(dec, col(i));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(int i, int scale) throws SQLException {
    BigDecimal v = getBigDecimal(i);
    return v == null ? null : v.setScale(scale, RoundingMode.HALF_UP);
  }

  @Override
  public byte[] getBytes(int i) throws SQLException {
    return Cells.bytes(dec, col(i));
  }

  @Override
  public Date getDate(int i) throws SQLException {
    int c = col(i);
    return Cells.date(dec, c, kinds[c]);
  }

  @Override
  public Time getTime(int i) throws SQLException {
    int c = col(i);
    return Cells.time(dec, c, kinds[c]);
  }

  @Override
  public Timestamp getTimestamp(int i) throws SQLException {
    int c = col(i);
    return Cells.timestamp(dec, c, kinds[c]);
  }

  @Override
  public InputStream getAsciiStream(int i) throws SQLException {
    String s = getString(i);
    return s == null ? null : new ByteArrayInputStream(s.getBytes(StandardCharsets.US_ASCII));
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(int i) throws SQLException {
    throw ConnectionImpl.notSupported("getUnicodeStream (deprecated); use getCharacterStream");
  }

  @Override
  public InputStream getBinaryStream(int i) throws SQLException {
    byte[] b = getBytes(i);
    return b == null ? null : new ByteArrayInputStream(b);
  }

  @Override
  public String getString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public boolean getBoolean(String label) throws SQLException {
    return getBoolean(findColumn(label));
  }

  @Override
  public byte getByte(String label) throws SQLException {
    return getByte(findColumn(label));
  }

  @Override
  public short getShort(String label) throws SQLException {
    return getShort(findColumn(label));
  }

  @Override
  public int getInt(String label) throws SQLException {
    return getInt(findColumn(label));
  }

  @Override
  public long getLong(String label) throws SQLException {
    return getLong(findColumn(label));
  }

  @Override
  public float getFloat(String label) throws SQLException {
    return getFloat(findColumn(label));
  }

  @Override
  public double getDouble(String label) throws SQLException {
    return getDouble(findColumn(label));
  }

  @Override
  @Deprecated
  public BigDecimal getBigDecimal(String label, int scale) throws SQLException {
    return getBigDecimal(findColumn(label), scale);
  }

  @Override
  public byte[] getBytes(String label) throws SQLException {
    return getBytes(findColumn(label));
  }

  @Override
  public Date getDate(String label) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public Time getTime(String label) throws SQLException {
    return getTime(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(String label) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public InputStream getAsciiStream(String label) throws SQLException {
    return getAsciiStream(findColumn(label));
  }

  @Override
  @Deprecated
  public InputStream getUnicodeStream(String label) throws SQLException {
    return getUnicodeStream(findColumn(label));
  }

  @Override
  public InputStream getBinaryStream(String label) throws SQLException {
    return getBinaryStream(findColumn(label));
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
  public String getCursorName() throws SQLException {
    throw ConnectionImpl.notSupported("named cursors");
  }

  @Override
  public ResultSetMetaData getMetaData() throws SQLException {
    checkOpen();
    return new ResultSetMetaDataImpl(names, declTypes);
  }

  @Override
  public Object getObject(int i) throws SQLException {
    int c = col(i);
    return Cells.object(dec, c, kinds[c]);
  }

  @Override
  public Object getObject(String label) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public int findColumn(String label) throws SQLException {
    checkOpen();
    if (byLabel == null) {
      byLabel = new HashMap<>();
      for (int i = names.length - 1; i >= 0; i--) { // the first of equal labels wins
        byLabel.put(names[i].toLowerCase(Locale.ROOT), i + 1);
      }
    }
    Integer i = label == null ? null : byLabel.get(label.toLowerCase(Locale.ROOT));
    if (i == null) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
          "no column labelled '" + label + "' in this result; columns: "
              + String.join(", ", names), "42703", null);
    }
    return i;
  }

  @Override
  public Reader getCharacterStream(int i) throws SQLException {
    String s = getString(i);
    return s == null ? null : new StringReader(s);
  }

  @Override
  public Reader getCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public BigDecimal getBigDecimal(int i) throws SQLException {
    return Cells.decimal(dec, col(i));
  }

  @Override
  public BigDecimal getBigDecimal(String label) throws SQLException {
    return getBigDecimal(findColumn(label));
  }

  @Override
  public boolean isBeforeFirst() throws SQLException {
    checkOpen();
    return rowNumber == 0 && !afterLast;
  }

  @Override
  public boolean isAfterLast() throws SQLException {
    checkOpen();
    return afterLast && rowNumber > 0;
  }

  @Override
  public boolean isFirst() throws SQLException {
    checkOpen();
    return onRow && rowNumber == 1;
  }

  @Override
  public boolean isLast() throws SQLException {
    throw ConnectionImpl.notSupported("isLast on a streaming result set");
  }

  @Override
  public void beforeFirst() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public void afterLast() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean first() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean last() throws SQLException {
    throw forwardOnly();
  }

  @Override
  public int getRow() throws SQLException {
    checkOpen();
    return onRow ? rowNumber : 0;
  }

  @Override
  public boolean absolute(int row) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean relative(int rows) throws SQLException {
    throw forwardOnly();
  }

  @Override
  public boolean previous() throws SQLException {
    throw forwardOnly();
  }

  private static SQLException forwardOnly() {
    return ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT,
        "the result set is TYPE_FORWARD_ONLY", "24000", null);
  }

  @Override
  public void setFetchDirection(int direction) throws SQLException {
    checkOpen();
    if (direction != FETCH_FORWARD) {
      throw forwardOnly();
    }
  }

  @Override
  public int getFetchDirection() throws SQLException {
    checkOpen();
    return FETCH_FORWARD;
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
  public int getType() throws SQLException {
    checkOpen();
    return TYPE_FORWARD_ONLY;
  }

  @Override
  public int getConcurrency() throws SQLException {
    checkOpen();
    return CONCUR_READ_ONLY;
  }

  @Override
  public boolean rowUpdated() throws SQLException {
    return false;
  }

  @Override
  public boolean rowInserted() throws SQLException {
    return false;
  }

  @Override
  public boolean rowDeleted() throws SQLException {
    return false;
  }

  private static SQLException readOnly() {
    return ConnectionImpl.notSupported("updatable result sets (CONCUR_READ_ONLY)");
  }

  @Override public void updateNull(int i) throws SQLException { throw readOnly(); }
  @Override public void updateBoolean(int i, boolean x) throws SQLException { throw readOnly(); }
  @Override public void updateByte(int i, byte x) throws SQLException { throw readOnly(); }
  @Override public void updateShort(int i, short x) throws SQLException { throw readOnly(); }
  @Override public void updateInt(int i, int x) throws SQLException { throw readOnly(); }
  @Override public void updateLong(int i, long x) throws SQLException { throw readOnly(); }
  @Override public void updateFloat(int i, float x) throws SQLException { throw readOnly(); }
  @Override public void updateDouble(int i, double x) throws SQLException { throw readOnly(); }
  @Override public void updateBigDecimal(int i, BigDecimal x) throws SQLException { throw readOnly(); }
  @Override public void updateString(int i, String x) throws SQLException { throw readOnly(); }
  @Override public void updateBytes(int i, byte[] x) throws SQLException { throw readOnly(); }
  @Override public void updateDate(int i, Date x) throws SQLException { throw readOnly(); }
  @Override public void updateTime(int i, Time x) throws SQLException { throw readOnly(); }
  @Override public void updateTimestamp(int i, Timestamp x) throws SQLException { throw readOnly(); }
  @Override public void updateAsciiStream(int i, InputStream x, int l) throws SQLException { throw readOnly(); }
  @Override public void updateBinaryStream(int i, InputStream x, int l) throws SQLException { throw readOnly(); }
  @Override public void updateCharacterStream(int i, Reader x, int l) throws SQLException { throw readOnly(); }
  @Override public void updateObject(int i, Object x, int s) throws SQLException { throw readOnly(); }
  @Override public void updateObject(int i, Object x) throws SQLException { throw readOnly(); }
  @Override public void updateNull(String c) throws SQLException { throw readOnly(); }
  @Override public void updateBoolean(String c, boolean x) throws SQLException { throw readOnly(); }
  @Override public void updateByte(String c, byte x) throws SQLException { throw readOnly(); }
  @Override public void updateShort(String c, short x) throws SQLException { throw readOnly(); }
  @Override public void updateInt(String c, int x) throws SQLException { throw readOnly(); }
  @Override public void updateLong(String c, long x) throws SQLException { throw readOnly(); }
  @Override public void updateFloat(String c, float x) throws SQLException { throw readOnly(); }
  @Override public void updateDouble(String c, double x) throws SQLException { throw readOnly(); }
  @Override public void updateBigDecimal(String c, BigDecimal x) throws SQLException { throw readOnly(); }
  @Override public void updateString(String c, String x) throws SQLException { throw readOnly(); }
  @Override public void updateBytes(String c, byte[] x) throws SQLException { throw readOnly(); }
  @Override public void updateDate(String c, Date x) throws SQLException { throw readOnly(); }
  @Override public void updateTime(String c, Time x) throws SQLException { throw readOnly(); }
  @Override public void updateTimestamp(String c, Timestamp x) throws SQLException { throw readOnly(); }
  @Override public void updateAsciiStream(String c, InputStream x, int l) throws SQLException { throw readOnly(); }
  @Override public void updateBinaryStream(String c, InputStream x, int l) throws SQLException { throw readOnly(); }
  @Override public void updateCharacterStream(String c, Reader x, int l) throws SQLException { throw readOnly(); }
  @Override public void updateObject(String c, Object x, int s) throws SQLException { throw readOnly(); }
  @Override public void updateObject(String c, Object x) throws SQLException { throw readOnly(); }
  @Override public void insertRow() throws SQLException { throw readOnly(); }
  @Override public void updateRow() throws SQLException { throw readOnly(); }
  @Override public void deleteRow() throws SQLException { throw readOnly(); }
  @Override public void refreshRow() throws SQLException { throw readOnly(); }
  @Override public void cancelRowUpdates() throws SQLException { throw readOnly(); }
  @Override public void moveToInsertRow() throws SQLException { throw readOnly(); }
  @Override public void moveToCurrentRow() throws SQLException { throw readOnly(); }
  @Override public void updateRef(int i, Ref x) throws SQLException { throw readOnly(); }
  @Override public void updateRef(String c, Ref x) throws SQLException { throw readOnly(); }
  @Override public void updateBlob(int i, Blob x) throws SQLException { throw readOnly(); }
  @Override public void updateBlob(String c, Blob x) throws SQLException { throw readOnly(); }
  @Override public void updateClob(int i, Clob x) throws SQLException { throw readOnly(); }
  @Override public void updateClob(String c, Clob x) throws SQLException { throw readOnly(); }
  @Override public void updateArray(int i, Array x) throws SQLException { throw readOnly(); }
  @Override public void updateArray(String c, Array x) throws SQLException { throw readOnly(); }
  @Override public void updateRowId(int i, RowId x) throws SQLException { throw readOnly(); }
  @Override public void updateRowId(String c, RowId x) throws SQLException { throw readOnly(); }
  @Override public void updateNString(int i, String x) throws SQLException { throw readOnly(); }
  @Override public void updateNString(String c, String x) throws SQLException { throw readOnly(); }
  @Override public void updateNClob(int i, NClob x) throws SQLException { throw readOnly(); }
  @Override public void updateNClob(String c, NClob x) throws SQLException { throw readOnly(); }
  @Override public void updateSQLXML(int i, SQLXML x) throws SQLException { throw readOnly(); }
  @Override public void updateSQLXML(String c, SQLXML x) throws SQLException { throw readOnly(); }
  @Override public void updateNCharacterStream(int i, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateNCharacterStream(String c, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateAsciiStream(int i, InputStream x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateBinaryStream(int i, InputStream x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateCharacterStream(int i, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateAsciiStream(String c, InputStream x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateBinaryStream(String c, InputStream x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateCharacterStream(String c, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateBlob(int i, InputStream x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateBlob(String c, InputStream x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateClob(int i, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateClob(String c, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateNClob(int i, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateNClob(String c, Reader x, long l) throws SQLException { throw readOnly(); }
  @Override public void updateNCharacterStream(int i, Reader x) throws SQLException { throw readOnly(); }
  @Override public void updateNCharacterStream(String c, Reader x) throws SQLException { throw readOnly(); }
  @Override public void updateAsciiStream(int i, InputStream x) throws SQLException { throw readOnly(); }
  @Override public void updateBinaryStream(int i, InputStream x) throws SQLException { throw readOnly(); }
  @Override public void updateCharacterStream(int i, Reader x) throws SQLException { throw readOnly(); }
  @Override public void updateAsciiStream(String c, InputStream x) throws SQLException { throw readOnly(); }
  @Override public void updateBinaryStream(String c, InputStream x) throws SQLException { throw readOnly(); }
  @Override public void updateCharacterStream(String c, Reader x) throws SQLException { throw readOnly(); }
  @Override public void updateBlob(int i, InputStream x) throws SQLException { throw readOnly(); }
  @Override public void updateBlob(String c, InputStream x) throws SQLException { throw readOnly(); }
  @Override public void updateClob(int i, Reader x) throws SQLException { throw readOnly(); }
  @Override public void updateClob(String c, Reader x) throws SQLException { throw readOnly(); }
  @Override public void updateNClob(int i, Reader x) throws SQLException { throw readOnly(); }
  @Override public void updateNClob(String c, Reader x) throws SQLException { throw readOnly(); }

  @Override
  public Statement getStatement() throws SQLException {
    checkOpen();
    return owner;
  }

  @Override
  public Object getObject(int i, Map<String, Class<?>> map) throws SQLException {
    return getObject(i);
  }

  @Override
  public Ref getRef(int i) throws SQLException {
    throw ConnectionImpl.notSupported("REF values");
  }

  @Override
  public Blob getBlob(int i) throws SQLException {
    throw ConnectionImpl.notSupported("Blob objects; use getBytes");
  }

  @Override
  public Clob getClob(int i) throws SQLException {
    throw ConnectionImpl.notSupported("Clob objects; use getString");
  }

  @Override
  public Array getArray(int i) throws SQLException {
    throw ConnectionImpl.notSupported("arrays");
  }

  @Override
  public Object getObject(String label, Map<String, Class<?>> map) throws SQLException {
    return getObject(findColumn(label));
  }

  @Override
  public Ref getRef(String label) throws SQLException {
    return getRef(findColumn(label));
  }

  @Override
  public Blob getBlob(String label) throws SQLException {
    return getBlob(findColumn(label));
  }

  @Override
  public Clob getClob(String label) throws SQLException {
    return getClob(findColumn(label));
  }

  @Override
  public Array getArray(String label) throws SQLException {
    return getArray(findColumn(label));
  }

  @Override
  public Date getDate(int i, Calendar cal) throws SQLException {
    return getDate(i);
  }

  @Override
  public Date getDate(String label, Calendar cal) throws SQLException {
    return getDate(findColumn(label));
  }

  @Override
  public Time getTime(int i, Calendar cal) throws SQLException {
    return getTime(i);
  }

  @Override
  public Time getTime(String label, Calendar cal) throws SQLException {
    return getTime(findColumn(label));
  }

  @Override
  public Timestamp getTimestamp(int i, Calendar cal) throws SQLException {
    return getTimestamp(i); // stored as an instant: no zone to apply
  }

  @Override
  public Timestamp getTimestamp(String label, Calendar cal) throws SQLException {
    return getTimestamp(findColumn(label));
  }

  @Override
  public URL getURL(int i) throws SQLException {
    String s = getString(i);
    try {
      return s == null ? null : new URL(s);
    } catch (java.net.MalformedURLException e) {
      throw org.decentdb.jdbc.internal.type.Values.dataError("not a URL: " + s);
    }
  }

  @Override
  public URL getURL(String label) throws SQLException {
    return getURL(findColumn(label));
  }

  @Override
  public RowId getRowId(int i) throws SQLException {
    throw ConnectionImpl.notSupported("RowId values; read the rowid column as a long");
  }

  @Override
  public RowId getRowId(String label) throws SQLException {
    return getRowId(findColumn(label));
  }

  @Override
  public int getHoldability() throws SQLException {
    checkOpen();
    return CLOSE_CURSORS_AT_COMMIT;
  }

  @Override
  public boolean isClosed() {
    return closed;
  }

  @Override
  public NClob getNClob(int i) throws SQLException {
    throw ConnectionImpl.notSupported("NClob objects; use getString");
  }

  @Override
  public NClob getNClob(String label) throws SQLException {
    return getNClob(findColumn(label));
  }

  @Override
  public SQLXML getSQLXML(int i) throws SQLException {
    throw ConnectionImpl.notSupported("SQLXML");
  }

  @Override
  public SQLXML getSQLXML(String label) throws SQLException {
    return getSQLXML(findColumn(label));
  }

  @Override
  public String getNString(int i) throws SQLException {
    return getString(i);
  }

  @Override
  public String getNString(String label) throws SQLException {
    return getString(findColumn(label));
  }

  @Override
  public Reader getNCharacterStream(int i) throws SQLException {
    return getCharacterStream(i);
  }

  @Override
  public Reader getNCharacterStream(String label) throws SQLException {
    return getCharacterStream(findColumn(label));
  }

  @Override
  public <T> T getObject(int i, Class<T> type) throws SQLException {
    if (type == null) {
      throw ErrorMapper.driverError(ErrorMapper.Kind.NON_TRANSIENT, "type is null", "HY000",
          null);
    }
    int c = col(i);
    return Cells.object(dec, c, kinds[c], type);
  }

  @Override
  public <T> T getObject(String label, Class<T> type) throws SQLException {
    return getObject(findColumn(label), type);
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    return Wrappers.unwrap(this, iface);
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return iface.isInstance(this);
  }
}
