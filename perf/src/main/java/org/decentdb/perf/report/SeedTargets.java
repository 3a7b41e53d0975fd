/*
 * The seed's latency table (target and max-acceptable, a fixed part plus a per-row part) and
 * which workload is judged by which row. Keyset pages are held to the paginated row; the
 * point lookup to the PK row. Workloads without a seed row (FK join, writes) have none.
 */
package org.decentdb.perf.report;

import java.util.Map;

public final class SeedTargets {

  /** One row of the seed's table, in milliseconds. */
  public record Target(String row, double targetMs, double targetPerRowMs, double maxMs,
      double maxPerRowMs) {

    public double targetUs(double rows) {
      return (targetMs + targetPerRowMs * rows) * 1000;
    }

    public double maxUs(double rows) {
      return (maxMs + maxPerRowMs * rows) * 1000;
    }
  }

  static final Target PK = new Target("Single record by PK", 0.5, 0, 2, 0);
  static final Target SIMPLE = new Target("Simple list", 1, 0.1, 5, 0.5);
  static final Target FILTERED = new Target("Filtered list", 2, 0.1, 10, 0.5);
  static final Target PAGINATED = new Target("Paginated (LIMIT/OFFSET)", 3, 0.1, 15, 0.5);
  static final Target SORTED = new Target("Sorted + paginated", 4, 0.1, 20, 0.5);
  static final Target COUNT = new Target("Count with filter", 2, 0, 10, 0);
  static final Target TEXT = new Target("Text search", 5, 0.2, 50, 1);

  private static final Map<String, Target> BY_WORKLOAD = Map.of(
      "pointLookup", PK,
      "pkLookup", PK,
      "simpleList", SIMPLE,
      "filteredList", FILTERED,
      "paginated", PAGINATED,
      "keysetPage", PAGINATED,
      "sortedPaginated", SORTED,
      "countFiltered", COUNT,
      "textSearch", TEXT);

  private SeedTargets() {
  }

  /** The seed row judging workload, or null. */
  public static Target of(String workload) {
    return BY_WORKLOAD.get(workload);
  }
}
