/*
 * Parsing of JMH's JSON results: names to workload/engine/API, sample-time percentiles to
 * median and p99 in µs, and unit conversion.
 */
package org.decentdb.perf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class JmhResultsTest {

  static String entry(String benchmark, String params, String unit, double p50, double p99) {
    return """
        {"jmhVersion":"1.37","benchmark":"%s","mode":"sample","threads":1,"forks":1,
         "params":{%s},
         "primaryMetric":{"score":%s,"scoreError":1.0,"scoreUnit":"%s",
           "scorePercentiles":{"0.0":0.5,"50.0":%s,"90.0":%s,"99.0":%s,"100.0":900.0},
           "rawDataHistogram":[[[[1.0,3],[2.0,4]],[[1.5,5]]]]},
         "secondaryMetrics":{}}
        """.formatted(benchmark, params, p50 * 1.1, unit, p50, p99 / 2, p99);
  }

  @Test
  void mapsMusicBenchmarksToWorkloadEngineAndApi() {
    String json = "[" + entry("org.decentdb.perf.workload.MusicBenchmark.fkJoin",
        "\"engine\":\"h2\",\"api\":\"mybatis\",\"scale\":\"quick\"", "us/op", 12.5, 80) + "]";
    List<Measurement> ms = JmhResults.parse(json);
    assertThat(ms).containsExactly(new Measurement("fkJoin", "h2", "mybatis", 12.5, 80, 12));
  }

  @Test
  void nativeBenchmarksAreDecentDbThroughTheNativeApi() {
    String json = "[" + entry("org.decentdb.perf.workload.NativeMusicBenchmark.pkLookup",
        "\"scale\":\"quick\"", "us/op", 2, 9) + "]";
    Measurement m = JmhResults.parse(json).get(0);
    assertThat(m.engine()).isEqualTo("decentdb");
    assertThat(m.api()).isEqualTo("native");
    assertThat(m.workload()).isEqualTo("pkLookup");
  }

  @Test
  void pointLookupMethodsBecomeApisOfOneWorkload() {
    String json = "[" + String.join(",",
        entry("org.decentdb.perf.overhead.PointLookupBenchmark.jdbcReused",
            "\"engine\":\"sqlite\",\"scale\":\"full\"", "us/op", 5, 10),
        entry("org.decentdb.perf.overhead.PointLookupBenchmark.jdbcPrepareEach",
            "\"engine\":\"decentdb\",\"scale\":\"full\"", "us/op", 6, 10),
        entry("org.decentdb.perf.overhead.NativePointLookupBenchmark.nativeLookup",
            "\"scale\":\"full\"", "us/op", 3, 10)) + "]";
    List<Measurement> ms = JmhResults.parse(json);
    assertThat(ms).extracting(Measurement::workload).containsOnly("pointLookup");
    assertThat(ms).extracting(Measurement::api)
        .containsExactly("jdbc", "jdbc-prepare-each", "native");
    assertThat(ms).extracting(Measurement::engine)
        .containsExactly("sqlite", "decentdb", "decentdb");
  }

  @Test
  void convertsMillisecondsToMicroseconds() {
    String json = "[" + entry("org.decentdb.perf.workload.MusicBenchmark.textSearch",
        "\"engine\":\"sqlite\",\"api\":\"jdbc\"", "ms/op", 1.5, 4) + "]";
    Measurement m = JmhResults.parse(json).get(0);
    assertThat(m.medianUs()).isCloseTo(1500, within(1e-9));
    assertThat(m.p99Us()).isCloseTo(4000, within(1e-9));
  }

  @Test
  void refusesThroughputUnits() {
    assertThatThrownBy(() -> JmhResults.unitToMicros("ops/s"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("ops/s");
  }

  @Test
  void slimDropsRawHistogramsButKeepsPercentilesAndSampleCount() {
    String json = "[" + entry("org.decentdb.perf.workload.MusicBenchmark.fkJoin",
        "\"engine\":\"h2\",\"api\":\"jdbc\"", "us/op", 12.5, 80) + "]";
    String slim = JmhResults.slim(json);
    assertThat(slim).doesNotContain("rawDataHistogram").contains("\"sampleCount\": 12");
    assertThat(JmhResults.parse(slim)).isEqualTo(JmhResults.parse(json));
  }
}
