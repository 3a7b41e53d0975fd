/*
 * Driver overhead, JDBC side: SELECT * FROM t WHERE id = ? on the point table, through JDBC
 * with one reused PreparedStatement and preparing (and closing) a statement every time, on
 * DecentDB and on the peers in the same run. NativePointLookupBenchmark is the floor; the
 * report derives driver overhead = JDBC - native.
 */
package org.decentdb.perf.overhead;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.TimeUnit;
import org.decentdb.perf.data.DatasetCache;
import org.decentdb.perf.data.Engine;
import org.decentdb.perf.data.PointData;
import org.decentdb.perf.data.Scale;
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
public class PointLookupBenchmark {

  static final String SQL = "SELECT * FROM t WHERE id = ?";

  @Param({"decentdb", "sqlite", "h2", "hsqldb"})
  public String engine;

  @Param({"quick"})
  public String scale;

  private Connection conn;
  private PreparedStatement reused;
  private long[] ids;
  private int next;

  @Setup(Level.Trial)
  public void open() throws SQLException {
    Engine e = Engine.of(engine);
    PointData data = new PointData(Scale.of(scale).pointRows());
    conn = e.open(DatasetCache.ensure(e, data));
    reused = conn.prepareStatement(SQL);
    ids = PointIds.sequence(data.rows());
  }

  @TearDown(Level.Trial)
  public void close() throws SQLException {
    reused.close();
    conn.close();
  }

  private long nextId() {
    long id = ids[next];
    next = (next + 1) & (ids.length - 1);
    return id;
  }

  @Benchmark
  public void jdbcReused(Blackhole bh) throws SQLException {
    reused.setLong(1, nextId());
    read(reused, bh);
  }

  @Benchmark
  public void jdbcPrepareEach(Blackhole bh) throws SQLException {
    try (PreparedStatement ps = conn.prepareStatement(SQL)) {
      ps.setLong(1, nextId());
      read(ps, bh);
    }
  }

  private static void read(PreparedStatement ps, Blackhole bh) throws SQLException {
    try (ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        throw new IllegalStateException("no row");
      }
      bh.consume(rs.getLong(1));
      bh.consume(rs.getLong(2));
      bh.consume(rs.getString(3));
      bh.consume(rs.getDouble(4));
    }
  }
}
