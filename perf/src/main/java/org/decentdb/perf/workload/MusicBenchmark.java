/*
 * The seed's latency table and the extra workloads through plain JDBC and plain MyBatis on
 * DecentDB, sqlite-jdbc, H2 and HSQLDB, all in one JMH run on identical data.
 */
package org.decentdb.perf.workload;

import java.nio.file.Path;
import java.sql.Connection;
import org.decentdb.perf.data.Engine;
import org.openjdk.jmh.annotations.Param;

public class MusicBenchmark extends MusicBenchmarkBase {

  @Param({"decentdb", "sqlite", "h2", "hsqldb"})
  public String engine;

  @Param({"jdbc", "mybatis"})
  public String api;

  @Override
  protected MusicQueries open(Path dir) throws Exception {
    Connection c = engine().open(dir);
    return switch (api) {
      case "jdbc" -> new JdbcQueries(c);
      case "mybatis" -> new MybatisQueries(c);
      default -> throw new IllegalArgumentException("unknown api " + api);
    };
  }

  @Override
  protected Engine engine() {
    return Engine.of(engine);
  }

  @Override
  protected String apiName() {
    return api;
  }
}
