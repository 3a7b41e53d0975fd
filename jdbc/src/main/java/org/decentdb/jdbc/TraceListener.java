/*
 * Receives a StatementTrace for every statement a connection runs while tracing is on. Set
 * one with DecentDBConnection.setTraceListener (or DecentDBDataSource.setTraceListener for
 * every connection it opens). Called on the thread that ran the statement; keep it cheap and
 * never throw from it (a thrown exception is logged and dropped).
 */
package org.decentdb.jdbc;

@FunctionalInterface
public interface TraceListener {

  void onStatement(StatementTrace trace);
}
