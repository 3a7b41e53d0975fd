/*
 * Rows per operation as the benchmarks recorded them ($PERF_ROWS_FILE: workload, engine,
 * API, rows per operation, note, tab-separated), looked up by the report.
 */
package org.decentdb.perf.report;

import java.util.HashMap;
import java.util.Map;

public final class RowCounts {

  private final Map<String, Double> rows = new HashMap<>();
  private final Map<String, String> notes = new HashMap<>();

  public static RowCounts parse(String tsv) {
    RowCounts r = new RowCounts();
    for (String line : tsv.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      String[] f = line.split("\t", -1);
      if (f.length < 4) {
        throw new IllegalArgumentException("bad rows line: " + line);
      }
      String key = key(f[0], f[1], f[2]);
      r.rows.put(key, Double.parseDouble(f[3]));
      if (f.length > 4 && !f[4].isBlank()) {
        r.notes.put(key, f[4].trim());
      }
    }
    return r;
  }

  private static String key(String workload, String engine, String api) {
    return workload + '\t' + engine + '\t' + api;
  }

  /** Rows per operation; the point lookup returns one row; NaN when not recorded. */
  public double rows(String workload, String engine, String api) {
    Double v = rows.get(key(workload, engine, api));
    if (v == null) {
      v = rows.get(key(workload, engine, "jdbc"));
    }
    if (v == null && workload.equals("pointLookup")) {
      return 1;
    }
    return v == null ? Double.NaN : v;
  }

  /** The note recorded with a result (e.g. whether a trigram index was used), or "". */
  public String note(String workload, String engine, String api) {
    return notes.getOrDefault(key(workload, engine, api), "");
  }
}
