/*
 * Quick start: MyBatis CRUD on a DecentDB file, then a few timings. Creates the music-library
 * schema, inserts, reads, updates and deletes through annotation and XML mappers, batch-loads
 * tracks, times point reads (MyBatis automapping and fast row mapping) and a keyset walk, and
 * prints the metrics interceptor's view. Usage: QuickStart [file].
 */
package org.decentdb.examples;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Random;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.decentdb.examples.mybatis.Album;
import org.decentdb.examples.mybatis.AlbumMapper;
import org.decentdb.examples.mybatis.Artist;
import org.decentdb.examples.mybatis.ArtistMapper;
import org.decentdb.examples.mybatis.Library;
import org.decentdb.examples.mybatis.Track;
import org.decentdb.examples.mybatis.TrackMapper;
import org.decentdb.mybatis.mapping.FastRowMapping;
import org.decentdb.mybatis.metrics.MetricsInterceptor;
import org.decentdb.mybatis.metrics.StatementMetrics;
import org.decentdb.mybatis.pagination.Keyset;
import org.decentdb.mybatis.pagination.KeysetPage;
import org.decentdb.mybatis.pagination.KeysetRequest;

public final class QuickStart {

  static final int TRACKS = 10_000;
  static final int READS = 5_000;

  private QuickStart() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args.length > 0 ? args[0] : "quickstart.ddb");
    MetricsInterceptor metrics = new MetricsInterceptor(Duration.ofMillis(250), true);
    long albumId;
    try (Library lib = new Library(file, metrics)) {
      System.out.println("created " + lib.file + " and configured MyBatis (DecentDB.configure)");

      // Create and read through the annotation mapper, then the XML mapper.
      try (SqlSession s = lib.factory.openSession(true)) {
        ArtistMapper artists = s.getMapper(ArtistMapper.class);
        AlbumMapper albums = s.getMapper(AlbumMapper.class);
        long queen = artists.insert(new Artist("Queen", "GB"));
        long temp = artists.insert(new Artist("Temporary Band", "XX"));
        System.out.println("insert: artists " + queen + " and " + temp);
        albumId = albums.insert(new Album(queen, "Jazz", LocalDate.of(1978, 11, 10),
            new BigDecimal("9.99")));
        System.out.println("insert: album " + albumId + " (XML mapper, INSERT ... RETURNING)");
        System.out.println("select: " + artists.findById(queen) + ", "
            + albums.search("Jazz", null));

        // Update and delete.
        Artist a = artists.findById(queen);
        a.country = "UK";
        System.out.println("update: " + artists.update(a) + " row -> " + artists.findById(queen));
        System.out.println("update: " + albums.updatePrice(albumId, new BigDecimal("7.49"))
            + " row -> " + albums.search("Jazz", null));
        System.out.println("delete: " + artists.delete(temp) + " row; artists now "
            + artists.findAll());
      }

      // Batch insert in one transaction.
      long t0 = System.nanoTime();
      try (SqlSession s = lib.factory.openSession(ExecutorType.BATCH, false)) {
        TrackMapper tracks = s.getMapper(TrackMapper.class);
        Random rnd = new Random(42);
        Instant now = Instant.now();
        for (int i = 1; i <= TRACKS; i++) {
          tracks.insert(new Track(albumId, i, "Track " + i, 60_000 + rnd.nextInt(300_000), now));
        }
        s.commit();
      }
      long insertNanos = System.nanoTime() - t0;
      System.out.printf("timing: batch insert of %,d tracks in one transaction: %.1f ms"
          + " (%,.0f rows/s)%n", TRACKS, insertNanos / 1e6, TRACKS / (insertNanos / 1e9));

      // Keyset walk over every track of the album, shortest first.
      Keyset<Track> byDuration = Keyset.builder(Track.class)
          .asc("duration_ms", t -> t.durationMs).notNull().tieBreaker("id", t -> t.id);
      t0 = System.nanoTime();
      int pages = 0;
      int rows = 0;
      try (SqlSession s = lib.factory.openSession()) {
        TrackMapper tracks = s.getMapper(TrackMapper.class);
        KeysetRequest<Track> request = byDuration.first(500);
        while (true) {
          KeysetPage<Track> page = request.toPage(tracks.page(albumId, request));
          pages++;
          rows += page.items().size();
          if (!page.hasNext()) {
            break;
          }
          request = byDuration.page(page.nextCursor(), 500);
        }
      }
      long walkNanos = System.nanoTime() - t0;
      System.out.printf("timing: keyset walk over %,d tracks in %d pages of 500: %.1f ms"
          + " (%.2f ms per page)%n", rows, pages, walkNanos / 1e6, walkNanos / 1e6 / pages);

      System.out.println("metrics (top statements by total time):");
      List<StatementMetrics> top = metrics.snapshot();
      for (StatementMetrics m : top.subList(0, Math.min(5, top.size()))) {
        String id = m.statementId().substring(m.statementId().lastIndexOf('.',
            m.statementId().lastIndexOf('.') - 1) + 1);
        System.out.printf("  %-28s %,7d calls %,9.1f ms total %,8.3f ms max %,8d rows%s%n", id,
            m.count(), m.totalNanos() / 1e6, m.maxNanos() / 1e6, m.rows(),
            m.nativeTimings() == null ? "" : String.format("  (driver: %.1f ms in %,d executions)",
                m.nativeTimings().totalNanos() / 1e6, m.nativeTimings().executions()));
      }
    }

    // Point reads on the same file: MyBatis automapping, then fast row mapping for Track.
    try (Library lib = new Library(file, false)) {
      System.out.printf("timing: selectById through MyBatis automapping: %.1f us per call"
          + " (mean of %,d)%n", timeReads(lib) / 1e3, READS);
    }
    try (Library lib = new Library(file, false, new FastRowMapping(Track.class))) {
      System.out.printf("timing: selectById with fast row mapping (FastRowMapping): %.1f us"
          + " per call (mean of %,d)%n", timeReads(lib) / 1e3, READS);
    }
    System.out.println("done; the database stays in " + file.toAbsolutePath());
  }

  /** Mean nanoseconds of TrackMapper.findById (tracks 1..TRACKS) after a warm-up. */
  private static long timeReads(Library lib) {
    try (SqlSession s = lib.factory.openSession()) {
      TrackMapper tracks = s.getMapper(TrackMapper.class);
      for (int i = 0; i < READS; i++) { // warm-up
        check(tracks.findById(1 + i % TRACKS));
        s.clearCache();
      }
      long t0 = System.nanoTime();
      for (int i = 0; i < READS; i++) {
        check(tracks.findById(1 + (i * 7919L) % TRACKS));
        s.clearCache(); // measure the database, not MyBatis' session cache
      }
      return (System.nanoTime() - t0) / READS;
    }
  }

  private static void check(Track t) {
    if (t == null || t.title == null) {
      throw new IllegalStateException("track not found");
    }
  }
}
