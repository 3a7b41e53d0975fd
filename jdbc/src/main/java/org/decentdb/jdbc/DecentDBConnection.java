/*
 * DecentDB-specific operations on a JDBC connection, reachable with
 * connection.unwrap(DecentDBConnection.class): integrity check, checkpoint, the engine
 * version and tracing. Everything else is plain java.sql.Connection.
 */
package org.decentdb.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

public interface DecentDBConnection extends Connection {

  /** Checks the database's invariants and checksums: "ok", or what is wrong. */
  String integrityCheck() throws SQLException;

  /**
   * Copies committed WAL pages into the database file.
   *
   * @param mode 0 passive, 1 full, 2 truncate
   * @return WAL frames that active readers still need
   */
  long checkpoint(int mode) throws SQLException;

  /** The native engine's version. */
  String engineVersion() throws SQLException;

  /** Statement-cache hits and misses of this connection so far: {hits, misses}. */
  long[] statementCacheStats();

  /**
   * Sends a StatementTrace for every statement this connection runs from now on to the
   * listener; null turns listener tracing off. Tracing costs nothing while it is off (no
   * listener and no trace=true option).
   */
  void setTraceListener(TraceListener listener);

  /** The listener set on this connection, or null. */
  TraceListener getTraceListener();
}
