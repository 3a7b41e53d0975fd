/*
 * The interface every SQLException raised by the driver implements: the engine's native code,
 * the SQL that failed and its parameter values (redacted and size-capped). Catch the standard
 * JDBC subclasses; cast to this interface for the native details.
 */
package org.decentdb.jdbc;

public interface DecentDBError {

  /** The engine's negative result code (DECENTDB_ERR_*), or 0 for errors raised by the driver. */
  int nativeCode();

  /** The SQL as the application wrote it, or null when no statement was involved. */
  String sql();

  /** The parameter values, rendered and redacted (long text cut, byte arrays as their size). */
  String parameters();
}
