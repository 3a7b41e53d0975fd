/*
 * The live counters of one mapped statement, updated concurrently by every session that runs
 * it (LongAdder/LongAccumulator: no lock on the statement path).
 */
package org.decentdb.mybatis.metrics;

import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;
import org.decentdb.jdbc.StatementTrace;

final class StatementStats {

  final String id;
  final LongAdder count = new LongAdder();
  final LongAdder totalNanos = new LongAdder();
  final LongAccumulator maxNanos = new LongAccumulator(Math::max, 0);
  final LongAdder rows = new LongAdder();
  final LongAdder nativeExecutions = new LongAdder();
  final LongAdder prepareNanos = new LongAdder();
  final LongAdder bindNanos = new LongAdder();
  final LongAdder executeNanos = new LongAdder();
  final LongAdder decodeNanos = new LongAdder();
  final LongAdder cacheHits = new LongAdder();

  StatementStats(String id) {
    this.id = id;
  }

  void record(long nanos, long rowCount) {
    count.increment();
    totalNanos.add(nanos);
    maxNanos.accumulate(nanos);
    if (rowCount > 0) {
      rows.add(rowCount);
    }
  }

  void addNative(StatementTrace t) {
    nativeExecutions.increment();
    prepareNanos.add(t.prepareNanos());
    bindNanos.add(t.bindNanos());
    executeNanos.add(t.executeNanos());
    decodeNanos.add(t.decodeNanos());
    if (t.cacheHit()) {
      cacheHits.increment();
    }
  }

  StatementMetrics snapshot() {
    long n = nativeExecutions.sum();
    return new StatementMetrics(id, count.sum(), totalNanos.sum(), maxNanos.get(), rows.sum(),
        n == 0 ? null : new StatementMetrics.NativeTimings(n, prepareNanos.sum(),
            bindNanos.sum(), executeNanos.sum(), decodeNanos.sum(), cacheHits.sum()));
  }
}
