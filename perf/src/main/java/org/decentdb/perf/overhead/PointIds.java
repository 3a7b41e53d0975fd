/*
 * The lookup keys of the point benchmarks: a fixed pseudo-random sequence of ids spread over
 * the whole table, the same for every engine and API.
 */
package org.decentdb.perf.overhead;

import org.decentdb.perf.data.Gen;

final class PointIds {

  private PointIds() {
  }

  /** 8,192 ids in [1, rows] (a power of two, so callers can wrap with a mask). */
  static long[] sequence(long rows) {
    long[] ids = new long[8192];
    for (int i = 0; i < ids.length; i++) {
      ids[i] = 1 + Long.remainderUnsigned(Gen.mix(99, i), rows);
    }
    return ids;
  }
}
