/*
 * The measurements of one run indexed by workload, engine and API, with the comparisons the
 * report makes: ratio of a peer to DecentDB, seed-target verdicts (median against the
 * target column, p99 against the max-acceptable column), driver overhead over the native
 * floor, and every workload where a peer beat DecentDB.
 */
package org.decentdb.perf.report;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

public final class ResultTable {

  public static final String DECENTDB = "decentdb";
  public static final List<String> ENGINES = List.of(DECENTDB, "sqlite", "h2", "hsqldb");
  /** Report order of the workloads; unknown ones follow in the order they appear. */
  public static final List<String> WORKLOAD_ORDER = List.of("pointLookup", "pkLookup",
      "simpleList", "filteredList", "paginated", "sortedPaginated", "countFiltered",
      "textSearch", "keysetPage", "fkJoin", "insertOne", "batchInsert1000", "updateByPk");

  /** A workload and API where a peer's median is below DecentDB's. */
  public record Slower(String workload, String api, String peer, double decentUs,
      double peerUs) {
    public double factor() {
      return decentUs / peerUs;
    }
  }

  private final Map<String, Measurement> byKey = new TreeMap<>();
  private final Set<String> workloads = new LinkedHashSet<>();

  public ResultTable(List<Measurement> ms) {
    Set<String> seen = new LinkedHashSet<>();
    for (Measurement m : ms) {
      byKey.put(key(m.workload(), m.engine(), m.api()), m);
      seen.add(m.workload());
    }
    for (String w : WORKLOAD_ORDER) {
      if (seen.contains(w)) {
        workloads.add(w);
      }
    }
    workloads.addAll(seen);
  }

  private static String key(String workload, String engine, String api) {
    return workload + '/' + engine + '/' + api;
  }

  public List<String> workloads() {
    return new ArrayList<>(workloads);
  }

  public Measurement get(String workload, String engine, String api) {
    return byKey.get(key(workload, engine, api));
  }

  /** Peer median / DecentDB median (above 1: DecentDB is faster), or NaN if either is missing. */
  public double ratio(String workload, String api, String peer) {
    Measurement d = get(workload, DECENTDB, api);
    Measurement p = get(workload, peer, api);
    if (d == null || p == null || d.medianUs() <= 0) {
      return Double.NaN;
    }
    return p.medianUs() / d.medianUs();
  }

  /** api's median minus the native floor's for a workload on DecentDB, or NaN. */
  public double overheadUs(String workload, String api) {
    Measurement n = get(workload, DECENTDB, "native");
    Measurement a = get(workload, DECENTDB, api);
    if (n == null || a == null) {
      return Double.NaN;
    }
    return a.medianUs() - n.medianUs();
  }

  /** "met"/"missed" for the target (median) and max-acceptable (p99) columns, or null. */
  public static String[] verdict(Measurement m, double rows) {
    SeedTargets.Target t = SeedTargets.of(m.workload());
    if (t == null || Double.isNaN(rows)) {
      return null;
    }
    String target = m.medianUs() <= t.targetUs(rows) ? "met" : "MISSED";
    String max = Double.isNaN(m.p99Us()) ? "n/a" : m.p99Us() <= t.maxUs(rows) ? "met" : "MISSED";
    return new String[] {target, max};
  }

  /** Every (workload, API, peer) where the peer's median is below DecentDB's, worst first. */
  public List<Slower> slowerThanPeers() {
    List<Slower> out = new ArrayList<>();
    for (Measurement d : byKey.values()) {
      if (!d.engine().equals(DECENTDB)) {
        continue;
      }
      for (String peer : ENGINES.subList(1, ENGINES.size())) {
        Measurement p = get(d.workload(), peer, d.api());
        if (p != null && p.medianUs() < d.medianUs()) {
          out.add(new Slower(d.workload(), d.api(), peer, d.medianUs(), p.medianUs()));
        }
      }
    }
    out.sort((a, b) -> Double.compare(b.factor(), a.factor()));
    return out;
  }
}
