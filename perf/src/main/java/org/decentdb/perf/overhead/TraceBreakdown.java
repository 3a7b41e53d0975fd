/*
 * Driver-overhead breakdown from the JDBC driver's tracing hooks: runs the read workloads on
 * DecentDB through JDBC and MyBatis with a TraceListener on the connection and reports, per
 * workload, the mean time per operation in each traced phase (prepare, bind, execute,
 * decode), the rest of the operation outside the driver's phases (result mapping, MyBatis),
 * and the statement-cache hit rate. Tracing adds its own clock reads, so these numbers
 * explain where time goes; the JMH results are the latencies.
 *
 * Usage: TraceBreakdown <scale> <ops per workload> <output.json>
 */
package org.decentdb.perf.overhead;

import com.google.gson.GsonBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.decentdb.jdbc.DecentDBConnection;
import org.decentdb.jdbc.StatementTrace;
import org.decentdb.perf.data.DatasetCache;
import org.decentdb.perf.data.Engine;
import org.decentdb.perf.data.MusicData;
import org.decentdb.perf.data.Scale;
import org.decentdb.perf.workload.JdbcQueries;
import org.decentdb.perf.workload.Keys;
import org.decentdb.perf.workload.MusicQueries;
import org.decentdb.perf.workload.MybatisQueries;
import org.decentdb.perf.workload.Workload;

public final class TraceBreakdown {

  /** Sums of the traced phases over the measured operations. */
  static final class Totals {
    long ops;
    long statements;
    long cacheHits;
    long prepare;
    long bind;
    long execute;
    long decode;
    long wall;

    void add(StatementTrace t) {
      statements++;
      cacheHits += t.cacheHit() ? 1 : 0;
      prepare += t.prepareNanos();
      bind += t.bindNanos();
      execute += t.executeNanos();
      decode += t.decodeNanos();
    }

    Map<String, Object> toJson(String workload, String api) {
      Map<String, Object> m = new LinkedHashMap<>();
      double n = Math.max(1, ops);
      m.put("workload", workload);
      m.put("api", api);
      m.put("ops", ops);
      m.put("statementsPerOp", statements / n);
      m.put("cacheHitRate", statements == 0 ? 0 : (double) cacheHits / statements);
      m.put("prepareUs", prepare / n / 1000);
      m.put("bindUs", bind / n / 1000);
      m.put("executeUs", execute / n / 1000);
      m.put("decodeUs", decode / n / 1000);
      long traced = prepare + bind + execute + decode;
      m.put("outsideDriverUs", Math.max(0, wall - traced) / n / 1000);
      m.put("opUs", wall / n / 1000);
      return m;
    }
  }

  private TraceBreakdown() {
  }

  public static void main(String[] args) throws Exception {
    Scale scale = Scale.of(args.length > 0 ? args[0] : "quick");
    int ops = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
    Path out = Paths.get(args.length > 2 ? args[2] : "breakdown.json");
    Path dir = DatasetCache.ensure(Engine.DECENTDB, new MusicData(scale));
    Keys keys = new Keys(scale);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String api : new String[] {"jdbc", "mybatis"}) {
      for (Workload w : Workload.values()) {
        if (!w.isRead()) {
          continue;
        }
        rows.add(measure(dir, api, w, keys, ops).toJson(w.method(), api));
        System.err.printf("# %s/%s done%n", api, w.method());
      }
    }
    Files.writeString(out, new GsonBuilder().setPrettyPrinting().create().toJson(rows),
        StandardCharsets.UTF_8);
  }

  static Totals measure(Path dir, String api, Workload w, Keys keys, int ops) throws Exception {
    Connection c = Engine.DECENTDB.open(dir);
    Totals totals = new Totals();
    boolean[] recording = {false};
    c.unwrap(DecentDBConnection.class).setTraceListener(t -> {
      if (recording[0]) {
        totals.add(t);
      }
    });
    int warmup = Math.max(100, ops / 4);
    try (MusicQueries q = api.equals("jdbc") ? new JdbcQueries(c) : new MybatisQueries(c)) {
      int n = opsFor(w, ops);
      for (int i = 0; i < Math.min(warmup, n); i++) {
        w.run(q, keys, i & Keys.MASK);
      }
      recording[0] = true;
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        w.run(q, keys, i & Keys.MASK);
        totals.wall += System.nanoTime() - start;
        totals.ops++;
      }
    }
    return totals;
  }

  /** Scans cost milliseconds (a LIKE scan up to a second); a few of them are plenty. */
  private static int opsFor(Workload w, int ops) {
    return switch (w) {
      case TEXT_SEARCH -> Math.min(ops, 16);
      case PAGINATED, SORTED_PAGINATED -> Math.min(ops, 200);
      default -> ops;
    };
  }
}
