/*
 * One traced statement execution: where the time went (prepare, bind, execute, decode), how
 * many rows it returned or changed, and whether its native statement came from the
 * connection's cache. Delivered to a TraceListener when the execution is complete (for a
 * query: when its ResultSet is closed or exhausted). Times are wall-clock nanoseconds.
 */
package org.decentdb.jdbc;

public record StatementTrace(
    String sql,
    long prepareNanos,
    long bindNanos,
    long executeNanos,
    long decodeNanos,
    long rowsReturned,
    long rowsAffected,
    boolean cacheHit) {

  /** The sum of the four phases. */
  public long totalNanos() {
    return prepareNanos + bindNanos + executeNanos + decodeNanos;
  }
}
