/*
 * Driver overhead, floor: SELECT * FROM t WHERE id = $1 through the raw native API (one
 * decentdb_query_batch per lookup, values decoded from the result buffer into the same Java
 * values the JDBC benchmark reads). Same ids and table as PointLookupBenchmark.
 */
package org.decentdb.perf.overhead;

import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.decentdb.perf.data.DatasetCache;
import org.decentdb.perf.data.Engine;
import org.decentdb.perf.data.PointData;
import org.decentdb.perf.data.Scale;
import org.decentdb.perf.nativeapi.NativeClient;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class NativePointLookupBenchmark {

  @Param({"quick"})
  public String scale;

  private NativeClient client;
  private NativeClient.Stmt stmt;
  private long[] ids;
  private int next;
  private Blackhole sinkHole;
  private final NativeClient.RowSink sink = row -> {
    sinkHole.consume(row.nextLong());
    sinkHole.consume(row.nextLong());
    sinkHole.consume(row.nextString());
    sinkHole.consume(row.nextDouble());
  };

  @Setup(Level.Trial)
  public void open() throws SQLException {
    PointData data = new PointData(Scale.of(scale).pointRows());
    String path = DatasetCache.ensure(Engine.DECENTDB, data).resolve("music.ddb").toString();
    client = NativeClient.open(path, "");
    stmt = client.prepare("SELECT * FROM t WHERE id = $1");
    ids = PointIds.sequence(data.rows());
  }

  @TearDown(Level.Trial)
  public void close() {
    stmt.close();
    client.close();
  }

  @Benchmark
  public void nativeLookup(Blackhole bh) {
    sinkHole = bh;
    long id = ids[next];
    next = (next + 1) & (ids.length - 1);
    if (stmt.bind().set(id).query(sink) != 1) {
      throw new IllegalStateException("no row for id " + id);
    }
  }
}
