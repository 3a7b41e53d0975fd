/*
 * The same workloads through DecentDB's raw native API: the floor under the JDBC and
 * MyBatis numbers of MusicBenchmark.
 */
package org.decentdb.perf.workload;

import java.nio.file.Path;
import org.decentdb.perf.data.Engine;
import org.decentdb.perf.nativeapi.NativeClient;

public class NativeMusicBenchmark extends MusicBenchmarkBase {

  @Override
  protected MusicQueries open(Path dir) {
    return new NativeQueries(NativeClient.open(dir.resolve("music.ddb").toString(), ""));
  }

  @Override
  protected Engine engine() {
    return Engine.DECENTDB;
  }

  @Override
  protected String apiName() {
    return "native";
  }
}
