/*
 * A snapshot of one mapped statement's metrics: how often it ran, total and maximum time,
 * rows returned or changed, and (when native timings are on) the driver's own per-phase
 * times summed over the JDBC executions it caused. Plain values; times in nanoseconds.
 */
package org.decentdb.mybatis.metrics;

public record StatementMetrics(String statementId, long count, long totalNanos, long maxNanos,
    long rows, NativeTimings nativeTimings) {

  /** The mean time of one execution, 0 when it never ran. */
  public long meanNanos() {
    return count == 0 ? 0 : totalNanos / count;
  }

  /** The driver's phase times (StatementTrace sums) and how many executions they cover. */
  public record NativeTimings(long executions, long prepareNanos, long bindNanos,
      long executeNanos, long decodeNanos, long statementCacheHits) {

    public long totalNanos() {
      return prepareNanos + bindNanos + executeNanos + decodeNanos;
    }
  }
}
