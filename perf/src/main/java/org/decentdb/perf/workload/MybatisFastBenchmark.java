/*
 * The same MyBatis mapper on DecentDB with decentdb-mybatis' fast row mapping (precomputed
 * setters instead of reflective automapping): its API is "mybatis-fast" in the report, next
 * to plain MyBatis. Only the reads differ; perf/run leaves out the write methods.
 */
package org.decentdb.perf.workload;

import java.nio.file.Path;
import org.decentdb.perf.data.Engine;

public class MybatisFastBenchmark extends MusicBenchmarkBase {

  @Override
  protected MusicQueries open(Path dir) throws Exception {
    return new MybatisQueries(Engine.DECENTDB.open(dir), true);
  }

  @Override
  protected Engine engine() {
    return Engine.DECENTDB;
  }

  @Override
  protected String apiName() {
    return "mybatis-fast";
  }
}
