/*
 * The benchmark methods shared by MusicBenchmark (JDBC and MyBatis on every engine),
 * NativeMusicBenchmark (DecentDB's raw API) and MybatisFastBenchmark: one method per
 * workload, each running one operation for the next key. Trial setup opens the cached
 * dataset and positions the write ids after the rows already in play_log; reads count the
 * rows they return, and teardown appends rows per operation to $PERF_ROWS_FILE for the
 * report (with whether DecentDB's text search had its trigram index). Counting during the
 * run costs a few nanoseconds and no extra queries (a scan can take seconds at full scale).
 */
package org.decentdb.perf.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.decentdb.perf.data.DatasetCache;
import org.decentdb.perf.data.Engine;
import org.decentdb.perf.data.MusicData;
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
import org.openjdk.jmh.infra.BenchmarkParams;

@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
public abstract class MusicBenchmarkBase {

  @Param({"quick"})
  public String scale;

  private MusicQueries q;
  private Keys keys;
  private int next;
  private long nextPlayId;
  private String method;
  private Workload workload;
  private String note = "";
  private long opsSeen;
  private long rowsSeen;

  /** Opens the workloads for this trial's API on the dataset copy in dir. */
  protected abstract MusicQueries open(Path dir) throws Exception;

  protected abstract Engine engine();

  protected abstract String apiName();

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    Scale s = Scale.of(scale);
    Path dir = DatasetCache.ensure(engine(), new MusicData(s));
    if (engine() == Engine.DECENTDB) {
      try (Connection c = Engine.DECENTDB.open(dir)) {
        note = MusicData.hasTrigramIndex(c) ? "trigram index" : "no trigram index";
      }
    }
    q = open(dir);
    keys = new Keys(s);
    String label = params.getBenchmark();
    method = label.substring(label.lastIndexOf('.') + 1);
    workload = Workload.byMethod(method);
    nextPlayId = q.maxPlayId() + 1;
  }

  private void recordRows(String method, double rows, String note) {
    String file = System.getenv("PERF_ROWS_FILE");
    if (file == null || file.isEmpty()) {
      return;
    }
    String line = String.format(Locale.ROOT, "%s\t%s\t%s\t%.3f\t%s%n", method,
        engine().id(), apiName(), rows, note);
    Path p = Paths.get(file);
    try {
      Files.writeString(p, line, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws Exception {
    double rows = workload.isRead() ? (double) rowsSeen / Math.max(1, opsSeen)
        : workload.fixedRows();
    recordRows(method, rows, workload == Workload.TEXT_SEARCH ? note : "");
    q.close();
  }

  /** Counts the rows of a read's result (every invocation, warmup included). */
  private Object counted(Object result) {
    opsSeen++;
    rowsSeen += Workload.rows(result);
    return result;
  }

  private int nextKey() {
    int i = next;
    next = (i + 1) & Keys.MASK;
    return i;
  }

  @Benchmark
  public Object pkLookup() throws Exception {
    return counted(q.trackById(keys.trackIds[nextKey()]));
  }

  @Benchmark
  public Object simpleList() throws Exception {
    return counted(q.tracksOfAlbum(keys.albumIds[nextKey()]));
  }

  @Benchmark
  public Object filteredList() throws Exception {
    return counted(q.albumsOfArtistSince(keys.artistIds[nextKey()], 1990));
  }

  @Benchmark
  public Object paginated() throws Exception {
    return counted(q.tracksPage(keys.trackOffsets[nextKey()]));
  }

  @Benchmark
  public Object sortedPaginated() throws Exception {
    return counted(q.artistsByNamePage(keys.artistOffsets[nextKey()]));
  }

  @Benchmark
  public long countFiltered() throws Exception {
    opsSeen++;
    rowsSeen++;
    return q.countAlbumsInYear(keys.years[nextKey()]);
  }

  @Benchmark
  public Object textSearch() throws Exception {
    return counted(q.searchTracks(keys.patterns[nextKey()]));
  }

  @Benchmark
  public Object keysetPage() throws Exception {
    return counted(q.tracksAfter(keys.trackOffsets[nextKey()]));
  }

  @Benchmark
  public Object fkJoin() throws Exception {
    return counted(q.trackDetailsOfAlbum(keys.albumIds[nextKey()]));
  }

  @Benchmark
  public void insertOne() throws Exception {
    long id = nextPlayId++;
    q.logPlay(id, Plays.track(id), Plays.playedAt(id), Plays.msPlayed(id));
  }

  @Benchmark
  public void batchInsert1000() throws Exception {
    long first = nextPlayId;
    nextPlayId += 1000;
    q.logPlays(first, 1000);
  }

  @Benchmark
  public void updateByPk() throws Exception {
    q.bumpPlayCount(keys.trackIds[nextKey()]);
  }
}
