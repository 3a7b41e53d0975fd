/*
 * The timings of one statement execution while tracing is on: prepare (native prepare on a
 * statement-cache miss, 0 on a hit), bind (encoding parameters into the direct buffer),
 * execute (native calls: bind + execute + first batch, and every later batch fetch) and
 * decode (Java time in ResultSet.next() walking the row batches; cell values decoded on demand
 * by getters are the caller's and are not counted). Built only when tracing is on, so the
 * hot path pays a null check and nothing else when it is off.
 */
package org.decentdb.jdbc.internal;

import org.decentdb.jdbc.StatementTrace;

final class ExecTrace {

  final String sql;
  long prepareNanos;
  boolean cacheHit;
  long bindNanos;
  long executeNanos;
  long decodeNanos;
  long rowsReturned;
  long rowsAffected = -1;
  private boolean delivered;

  ExecTrace(String sql, long prepareNanos, boolean cacheHit) {
    this.sql = sql;
    this.prepareNanos = prepareNanos;
    this.cacheHit = cacheHit;
  }

  /** Hands the finished trace to the connection once; later calls do nothing. */
  void deliver(ConnectionImpl conn) {
    if (delivered) {
      return;
    }
    delivered = true;
    conn.deliver(new StatementTrace(sql, prepareNanos, bindNanos, executeNanos, decodeNanos,
        rowsReturned, rowsAffected, cacheHit));
  }
}
