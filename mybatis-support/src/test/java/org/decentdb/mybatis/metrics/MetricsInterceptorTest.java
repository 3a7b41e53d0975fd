/*
 * The metrics interceptor counts what ran through real sessions (queries, updates, cursors,
 * batches flushed explicitly or by commit), with rows and times per mapped statement, the
 * driver's native timings when asked, and a slow-statement log above a threshold.
 */
package org.decentdb.mybatis.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.ExecutorType;
import org.apache.ibatis.session.SqlSession;
import org.decentdb.mybatis.music.Artist;
import org.decentdb.mybatis.music.ArtistMapper;
import org.decentdb.mybatis.music.MusicDb;
import org.decentdb.mybatis.music.Track;
import org.decentdb.mybatis.music.TrackMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsInterceptorTest {

  static final String ARTIST = "org.decentdb.mybatis.music.ArtistMapper.";
  static final String TRACK = "org.decentdb.mybatis.music.TrackMapper.";

  @TempDir Path dir;

  private static void seed(SqlSession s, int tracks) {
    Artist a = new Artist("Queen", "GB", null);
    a.setId(1L);
    s.getMapper(ArtistMapper.class).insertWithId(a);
    s.update("org.decentdb.mybatis.music.AlbumMapper.insertWithId",
        new org.decentdb.mybatis.music.Album(1L, "Jazz", null, null) {{ setId(1L); }});
    for (int i = 1; i <= tracks; i++) {
      s.getMapper(TrackMapper.class).insert(new Track(1L, i, "t" + i, i));
    }
  }

  @Test
  void countsStatementsRowsAndTimes() throws Exception {
    MetricsInterceptor metrics = new MetricsInterceptor(null, false);
    try (MusicDb db = new MusicDb(dir, metrics)) {
      try (SqlSession s = db.factory.openSession(true)) {
        seed(s, 5);
        ArtistMapper am = s.getMapper(ArtistMapper.class);
        am.findById(1);
        am.findById(2);
        assertThat(s.getMapper(TrackMapper.class).findByAlbum(1)).hasSize(5);
        try (Cursor<Track> c = s.getMapper(TrackMapper.class).scanAll()) {
          int n = 0;
          for (Track t : c) {
            if (++n == 3) {
              break; // rows count as read, not as the statement could have returned
            }
          }
        }
      }
      try (SqlSession s = db.factory.openSession(ExecutorType.BATCH)) {
        for (int i = 6; i <= 9; i++) {
          s.getMapper(TrackMapper.class).insert(new Track(1L, i, "t" + i, i));
        }
        s.flushStatements();
        s.getMapper(TrackMapper.class).insert(new Track(1L, 10, "t10", 10));
        s.commit(); // flushes the last row
      }
    }
    StatementMetrics find = metrics.get(ARTIST + "findById");
    assertThat(find.count()).isEqualTo(2);
    assertThat(find.rows()).isEqualTo(1);
    assertThat(find.totalNanos()).isPositive().isGreaterThanOrEqualTo(find.maxNanos());
    assertThat(find.maxNanos()).isGreaterThanOrEqualTo(find.meanNanos());
    assertThat(find.nativeTimings()).isNull();
    assertThat(metrics.get(ARTIST + "insertWithId").rows()).isEqualTo(1);
    assertThat(metrics.get(TRACK + "findByAlbum").rows()).isEqualTo(5);
    assertThat(metrics.get(TRACK + "scanAll").count()).isEqualTo(1);
    assertThat(metrics.get(TRACK + "scanAll").rows()).isEqualTo(3);
    StatementMetrics insert = metrics.get(TRACK + "insert");
    assertThat(insert.count()).isEqualTo(10); // 5 direct + 5 batched
    assertThat(insert.rows()).isEqualTo(10);
    assertThat(metrics.get(ARTIST + "count")).isNull();
    assertThat(metrics.snapshot()).extracting(StatementMetrics::statementId)
        .contains(ARTIST + "findById", TRACK + "insert", TRACK + "scanAll");
    assertThat(metrics.snapshot()).isSortedAccordingTo(
        (a, b) -> Long.compare(b.totalNanos(), a.totalNanos()));
    metrics.reset();
    assertThat(metrics.snapshot()).isEmpty();
  }

  @Test
  void xmlPropertiesTurnOnNativeTimings() throws Exception {
    MetricsInterceptor metrics = new MetricsInterceptor(); // as <plugin interceptor="...">
    java.util.Properties p = new java.util.Properties();
    p.setProperty("nativeTimings", "true");
    p.setProperty("slowThresholdMillis", "3600000");
    metrics.setProperties(p);
    try (MusicDb db = new MusicDb(dir, metrics); SqlSession s = db.factory.openSession(true)) {
      seed(s, 1);
    }
    assertThat(metrics.get(TRACK + "insert").nativeTimings().executions()).isEqualTo(1);
  }

  @Test
  void collectsNativeTimingsAndLogsSlowStatements() throws Exception {
    List<LogRecord> logged = new ArrayList<>();
    Logger jul = Logger.getLogger(MetricsInterceptor.SLOW_LOGGER);
    Handler h = new Handler() {
      @Override public void publish(LogRecord r) { logged.add(r); }
      @Override public void flush() {}
      @Override public void close() {}
    };
    jul.addHandler(h);
    jul.setUseParentHandlers(false); // keep the expected warnings out of the build's console
    try {
      MetricsInterceptor metrics = new MetricsInterceptor(Duration.ZERO, true);
      try (MusicDb db = new MusicDb(dir, metrics)) {
        try (SqlSession s = db.factory.openSession(true)) {
          seed(s, 2);
          s.getMapper(TrackMapper.class).findByAlbum(1);
          s.getMapper(TrackMapper.class).findByAlbum(2); // same album again: a local-cache hit
        }
      }
      StatementMetrics m = metrics.get(TRACK + "findByAlbum");
      assertThat(m.nativeTimings()).isNotNull();
      assertThat(m.nativeTimings().executions()).isEqualTo(2);
      assertThat(m.nativeTimings().executeNanos()).isPositive();
      assertThat(m.nativeTimings().totalNanos()).isLessThanOrEqualTo(m.totalNanos());
      assertThat(m.nativeTimings().statementCacheHits()).isGreaterThanOrEqualTo(1);
      assertThat(logged).extracting(LogRecord::getMessage)
          .anyMatch(s -> s.startsWith("slow statement " + TRACK + "findByAlbum: ")
              && s.endsWith("FROM track WHERE album_id = ? ORDER BY track_no"));
    } finally {
      jul.removeHandler(h);
    }
    // A threshold nobody reaches logs nothing.
    logged.clear();
    jul.addHandler(h);
    try {
      MetricsInterceptor quiet = new MetricsInterceptor(Duration.ofHours(1), false);
      try (MusicDb db = new MusicDb(java.nio.file.Files.createDirectories(dir.resolve("q")),
          quiet); SqlSession s = db.factory.openSession(true)) {
        seed(s, 1);
      }
      assertThat(logged).isEmpty();
    } finally {
      jul.removeHandler(h);
      jul.setUseParentHandlers(true);
    }
  }
}
