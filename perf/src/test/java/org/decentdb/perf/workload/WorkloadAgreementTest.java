/*
 * The benchmarks compare engines and APIs only if they do the same work: loads the tiny
 * music library into all four engines and checks that every read workload returns the same
 * rows through JDBC, MyBatis (automapping and decentdb-mybatis' fast row mapping) and (on
 * DecentDB) the native API, that the write workloads
 * write what they claim, and that the generated data is the same on every engine.
 */
package org.decentdb.perf.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.decentdb.perf.data.Engine;
import org.decentdb.perf.data.MusicData;
import org.decentdb.perf.data.Scale;
import org.decentdb.perf.nativeapi.NativeClient;
import org.decentdb.perf.workload.Model.Album;
import org.decentdb.perf.workload.Model.Artist;
import org.decentdb.perf.workload.Model.Track;
import org.decentdb.perf.workload.Model.TrackDetail;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkloadAgreementTest {

  private static final Scale SCALE = Scale.TINY;
  private static final int KEYS = 12;

  @TempDir
  static Path root;

  /** One connection per engine held for the whole class, so that reopening is cheap. */
  private static final Map<Engine, Connection> HELD = new EnumMap<>(Engine.class);

  @BeforeAll
  static void loadEveryEngine() throws Exception {
    for (Engine e : Engine.values()) {
      Files.createDirectories(dir(e));
      Connection c = e.open(dir(e));
      HELD.put(e, c);
      new MusicData(SCALE).load(c, e);
    }
  }

  @AfterAll
  static void closeHeldConnections() throws Exception {
    for (Connection c : HELD.values()) {
      c.close();
    }
  }

  private static Path dir(Engine e) {
    return root.resolve(e.id());
  }

  private static MusicQueries open(Engine e, String api) throws Exception {
    return switch (api) {
      case "jdbc" -> new JdbcQueries(e.open(dir(e)));
      case "mybatis" -> new MybatisQueries(e.open(dir(e)));
      case "mybatis-fast" -> new MybatisQueries(e.open(dir(e)), true);
      default -> new NativeQueries(
          NativeClient.open(dir(e).resolve("music.ddb").toString(), ""));
    };
  }

  /** Each result as comparable text; unordered queries are sorted. */
  private static List<String> results(MusicQueries q, Workload w, Keys keys) throws Exception {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < KEYS; i++) {
      List<String> rows = new ArrayList<>();
      Object r = w.run(q, keys, i);
      if (r instanceof List<?> list) {
        for (Object o : list) {
          rows.add(text(o));
        }
      } else {
        rows.add(text(r));
      }
      if (w == Workload.FILTERED_LIST || w == Workload.TEXT_SEARCH || w == Workload.FK_JOIN) {
        rows.sort(null);
      }
      out.add(i + ": " + rows);
    }
    return out;
  }

  private static String text(Object o) {
    if (o instanceof Track t) {
      return t.getId() + "," + t.getAlbumId() + "," + t.getTrackNo() + "," + t.getTitle() + ","
          + t.getDurationMs() + "," + t.getPlayCount();
    }
    if (o instanceof Album a) {
      return a.getId() + "," + a.getArtistId() + "," + a.getTitle() + "," + a.getReleaseYear()
          + "," + a.getLabel();
    }
    if (o instanceof Artist a) {
      return a.getId() + "," + a.getName() + "," + a.getCountry() + "," + a.getFormedYear();
    }
    if (o instanceof TrackDetail d) {
      return d.getTrackId() + "," + d.getTitle() + "," + d.getAlbumTitle() + ","
          + d.getArtistName();
    }
    return String.valueOf(o);
  }

  /** Every read workload's results for the first keys, through one connection. */
  private static Map<Workload, List<String>> allResults(Engine e, String api, Keys keys)
      throws Exception {
    Map<Workload, List<String>> out = new EnumMap<>(Workload.class);
    try (MusicQueries q = open(e, api)) {
      for (Workload w : Workload.values()) {
        if (w.isRead()) {
          out.put(w, results(q, w, keys));
        }
      }
    }
    return out;
  }

  @Test
  void everyReadWorkloadReturnsTheSameRowsOnEveryEngineAndApi() throws Exception {
    Keys keys = new Keys(SCALE);
    Map<Workload, List<String>> expected = allResults(Engine.DECENTDB, "native", keys);
    for (Map.Entry<Workload, List<String>> w : expected.entrySet()) {
      assertThat(w.getValue()).as(w.getKey().method())
          .anyMatch(r -> !r.endsWith("[]") && !r.endsWith("[null]") && !r.endsWith("[0]"));
    }
    for (Engine e : Engine.values()) {
      for (String api : new String[] {"jdbc", "mybatis", "mybatis-fast"}) {
        Map<Workload, List<String>> actual = allResults(e, api, keys);
        for (Workload w : expected.keySet()) {
          assertThat(actual.get(w)).as(w.method() + " on " + e.id() + " via " + api)
              .isEqualTo(expected.get(w));
        }
      }
    }
  }

  @Test
  void textSearchFindsTheTitlesItsTermsCameFrom() throws Exception {
    Keys keys = new Keys(SCALE);
    try (MusicQueries q = open(Engine.DECENTDB, "jdbc")) {
      for (int i = 0; i < 16; i++) {
        assertThat(q.searchTracks(keys.pattern(i))).as(keys.pattern(i)).isNotEmpty();
      }
    }
  }

  @Test
  void writeWorkloadsWriteWhatTheyClaimThroughEveryApi() throws Exception {
    for (Engine e : Engine.values()) {
      List<String> apis = e == Engine.DECENTDB ? List.of("jdbc", "mybatis", "native")
          : List.of("jdbc", "mybatis");
      for (String api : apis) {
        String what = e.id() + " via " + api;
        long before = count(e, "SELECT COUNT(*) FROM play_log");
        long playsBefore = count(e, "SELECT play_count FROM tracks WHERE id = 7");
        try (MusicQueries q = open(e, api)) {
          long id = q.maxPlayId() + 1;
          q.logPlay(id, Plays.track(id), Plays.playedAt(id), Plays.msPlayed(id));
          q.logPlays(id + 1, 1000);
          q.bumpPlayCount(7);
          assertThat(q.maxPlayId()).as(what).isEqualTo(id + 1000);
        }
        assertThat(count(e, "SELECT COUNT(*) FROM play_log")).as(what).isEqualTo(before + 1001);
        assertThat(count(e, "SELECT play_count FROM tracks WHERE id = 7")).as(what)
            .isEqualTo(playsBefore + 1);
      }
    }
  }

  @Test
  void everyEngineHoldsTheSameGeneratedData() throws Exception {
    String digest = "SELECT COUNT(*), SUM(album_id), SUM(duration_ms), SUM(LENGTH(title))"
        + " FROM tracks";
    List<String> expected = row(Engine.DECENTDB, digest);
    assertThat(expected.get(0)).isEqualTo(String.valueOf(SCALE.tracks()));
    for (Engine e : Engine.values()) {
      assertThat(row(e, digest)).as(e.id()).isEqualTo(expected);
      try (Connection c = e.open(dir(e))) {
        assertThat(new MusicData(SCALE).isComplete(c)).as(e.id()).isTrue();
      }
    }
  }

  private static long count(Engine e, String sql) throws Exception {
    return Long.parseLong(row(e, sql).get(0));
  }

  private static List<String> row(Engine e, String sql) throws Exception {
    try (Statement s = HELD.get(e).createStatement(); ResultSet rs = s.executeQuery(sql)) {
      assertThat(rs.next()).isTrue();
      List<String> out = new ArrayList<>();
      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
        out.add(String.valueOf(rs.getLong(i)));
      }
      return out;
    }
  }
}
