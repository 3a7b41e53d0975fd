/*
 * The values of generated play_log rows (insert and batch workloads): functions of the id,
 * identical for every engine and API.
 */
package org.decentdb.perf.workload;

final class Plays {

  private static final long EPOCH_2024_MS = 1_704_067_200_000L;

  private Plays() {
  }

  static long track(long id) {
    return 1 + id % 1000;
  }

  static long playedAt(long id) {
    return EPOCH_2024_MS + id * 1000;
  }

  static int msPlayed(long id) {
    return (int) (id % 300_000);
  }
}
