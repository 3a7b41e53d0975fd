/*
 * A MyBatis Cursor over 1,000,000 tracks runs in bounded memory: this test runs in a forked JVM
 * whose heap is capped (failsafe's -Xmx64m in mybatis-support/pom.xml), so a mapper that
 * buffered the rows (or a driver that did) would fail with OutOfMemoryError.
 */
package org.decentdb.mybatis.music;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.session.SqlSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CursorScanIT {

  static final int ROWS = 1_000_000;

  @TempDir Path dir;

  @Test
  void cursorStreamsAMillionRowsThroughASmallHeap() throws Exception {
    assertThat(Runtime.getRuntime().maxMemory()).as("run with a small -Xmx")
        .isLessThan(128L << 20);
    try (MusicDb db = new MusicDb(dir)) {
      try (Connection c = db.connect()) {
        try (Statement s = c.createStatement()) {
          s.execute("INSERT INTO artist (id, name) VALUES (1, 'a')");
          s.execute("INSERT INTO album (id, artist_id, title) VALUES (1, 1, 'b')");
        }
        c.setAutoCommit(false);
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO track (id, album_id,"
            + " track_no, title, duration_ms) VALUES (?, 1, ?, ?, ?)")) {
          for (int i = 1; i <= ROWS; i++) {
            ps.setLong(1, i);
            ps.setInt(2, i % 20);
            ps.setString(3, "track number " + i);
            ps.setInt(4, i * 3);
            ps.addBatch();
            if (i % 50_000 == 0) {
              ps.executeBatch();
            }
          }
        }
        c.commit();
      }
      long count = 0;
      long lastId = 0;
      long durations = 0;
      try (SqlSession s = db.factory.openSession();
           Cursor<Track> cursor = s.getMapper(TrackMapper.class).scanAll()) {
        for (Track t : cursor) {
          count++;
          assertThat(t.getId()).isEqualTo(lastId + 1);
          lastId = t.getId();
          durations += t.getDurationMs();
          if (!t.getTitle().equals("track number " + t.getId())) {
            throw new AssertionError("bad row " + t.getId());
          }
        }
        assertThat(cursor.isConsumed()).isTrue();
      }
      assertThat(count).isEqualTo(ROWS);
      assertThat(durations).isEqualTo(3L * ROWS * (ROWS + 1) / 2);
    }
  }
}
