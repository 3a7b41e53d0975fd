/*
 * The benchmark methods shared by MusicBenchmark (JDBC and MyBatis on every engine) and
 * NativeMusicBenchmark (DecentDB's raw API): one method per workload, each running one
 * operation for the next key. Trial setup opens the cached dataset, measures rows per
 * operation over the first keys (appended to $PERF_ROWS_FILE for the report, with whether
 * DecentDB's text search had its trigram index) and positions
 * the write ids after the rows already in play_log.
 */
package org.decentdb.perf.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.sql.Connection;
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

  /** Keys measured for rows per operation at setup (one pass over the search terms). */
  private static final int ROW_SAMPLE = 16;

  @Param({"quick"})
  public String scale;

  private MusicQueries q;
  private Keys keys;
  private int next;
  private long nextPlayId;

  /** Opens the workloads for this trial's API on the dataset copy in dir. */
  protected abstract MusicQueries open(Path dir) throws Exception;

  protected abstract Engine engine();

  protected abstract String apiName();

  @Setup(Level.Trial)
  public void setUp(BenchmarkParams params) throws Exception {
    Scale s = Scale.of(scale);
    Path dir = DatasetCache.ensure(engine(), new MusicData(s));
    String note = "";
    if (engine() == Engine.DECENTDB) {
      try (Connection c = Engine.DECENTDB.open(dir)) {
        note = MusicData.hasTrigramIndex(c) ? "trigram index" : "no trigram index";
      }
    }
    q = open(dir);
    keys = new Keys(s);
    String label = params.getBenchmark();
    String method = label.substring(label.lastIndexOf('.') + 1);
    Workload w = Workload.byMethod(method);
    double rows = w.rowsPerOp(q, keys, ROW_SAMPLE);
    recordRows(method, rows, w == Workload.TEXT_SEARCH ? note : "");
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
    q.close();
  }

  private int nextKey() {
    int i = next;
    next = (i + 1) & Keys.MASK;
    return i;
  }

  @Benchmark
  public Object pkLookup() throws Exception {
    return q.trackById(keys.trackIds[nextKey()]);
  }

  @Benchmark
  public Object simpleList() throws Exception {
    return q.tracksOfAlbum(keys.albumIds[nextKey()]);
  }

  @Benchmark
  public Object filteredList() throws Exception {
    return q.albumsOfArtistSince(keys.artistIds[nextKey()], 1990);
  }

  @Benchmark
  public Object paginated() throws Exception {
    return q.tracksPage(keys.trackOffsets[nextKey()]);
  }

  @Benchmark
  public Object sortedPaginated() throws Exception {
    return q.artistsByNamePage(keys.artistOffsets[nextKey()]);
  }

  @Benchmark
  public long countFiltered() throws Exception {
    return q.countAlbumsInYear(keys.years[nextKey()]);
  }

  @Benchmark
  public Object textSearch() throws Exception {
    return q.searchTracks(keys.patterns[nextKey()]);
  }

  @Benchmark
  public Object keysetPage() throws Exception {
    return q.tracksAfter(keys.trackOffsets[nextKey()]);
  }

  @Benchmark
  public Object fkJoin() throws Exception {
    return q.trackDetailsOfAlbum(keys.albumIds[nextKey()]);
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
