/*
 * Builds (or checks) the cached datasets of one scale for every engine before the benchmarks
 * start, so that no benchmark trial pays for a build and the time each engine took to load
 * is printed. perf/run calls it first.
 *
 * Usage: BuildDatasets <quick|full> [engine ...]
 */
package org.decentdb.perf.data;

import java.util.ArrayList;
import java.util.List;

public final class BuildDatasets {

  private BuildDatasets() {
  }

  public static void main(String[] args) throws Exception {
    Scale scale = Scale.of(args.length > 0 ? args[0] : "quick");
    List<Engine> engines = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      engines.add(Engine.of(args[i]));
    }
    if (engines.isEmpty()) {
      engines.addAll(List.of(Engine.values()));
    }
    for (Engine e : engines) {
      for (Dataset d : new Dataset[] {new PointData(scale.pointRows()), new MusicData(scale)}) {
        long start = System.nanoTime();
        System.err.printf("# %s %s: %s (%.1f s)%n", e.id(), d.key(), DatasetCache.ensure(e, d),
            (System.nanoTime() - start) / 1e9);
      }
    }
  }
}
