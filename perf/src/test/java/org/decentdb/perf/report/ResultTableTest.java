/*
 * The report's table logic: ratios to DecentDB, seed verdicts with per-row targets, driver
 * overhead over the native floor, the slower-than-a-peer list, and the markdown built on it.
 */
package org.decentdb.perf.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ResultTableTest {

  static Measurement m(String workload, String engine, String api, double median, double p99) {
    return new Measurement(workload, engine, api, median, p99, 100);
  }

  private final ResultTable table = new ResultTable(List.of(
      m("fkJoin", "decentdb", "jdbc", 20, 40),
      m("fkJoin", "sqlite", "jdbc", 10, 30),
      m("fkJoin", "h2", "jdbc", 60, 90),
      m("pkLookup", "decentdb", "native", 2, 5),
      m("pkLookup", "decentdb", "jdbc", 2.5, 6),
      m("pkLookup", "decentdb", "mybatis", 8, 20),
      m("pkLookup", "decentdb", "mybatis-fast", 5, 9),
      m("pkLookup", "hsqldb", "mybatis", 3.2, 10),
      m("pkLookup", "sqlite", "jdbc", 5, 12),
      m("pointLookup", "decentdb", "native", 3, 5),
      m("pointLookup", "decentdb", "jdbc", 3.6, 7),
      m("pointLookup", "decentdb", "jdbc-prepare-each", 6, 9)));

  @Test
  void ordersWorkloadsLikeTheSeedTable() {
    assertThat(table.workloads()).containsExactly("pointLookup", "pkLookup", "fkJoin");
  }

  @Test
  void ratioIsPeerOverDecentDb() {
    assertThat(table.ratio("fkJoin", "jdbc", "sqlite")).isCloseTo(0.5, within(1e-9));
    assertThat(table.ratio("fkJoin", "jdbc", "h2")).isCloseTo(3.0, within(1e-9));
    assertThat(table.ratio("fkJoin", "jdbc", "hsqldb")).isNaN();
  }

  @Test
  void overheadIsApiMinusNative() {
    assertThat(table.overheadUs("pkLookup", "jdbc")).isCloseTo(0.5, within(1e-9));
    assertThat(table.overheadUs("pkLookup", "mybatis")).isCloseTo(6, within(1e-9));
    assertThat(table.overheadUs("fkJoin", "jdbc")).isNaN();
  }

  @Test
  void verdictJudgesMedianAgainstTargetAndP99AgainstMaxWithPerRowParts() {
    // Simple list: target 1 ms + 0.1 ms/row, max 5 ms + 0.5 ms/row; 10 rows -> 2 ms and 10 ms.
    assertThat(ResultTable.verdict(m("simpleList", "decentdb", "jdbc", 1999, 9999), 10))
        .containsExactly("met", "met");
    assertThat(ResultTable.verdict(m("simpleList", "decentdb", "jdbc", 2001, 10001), 10))
        .containsExactly("MISSED", "MISSED");
    assertThat(ResultTable.verdict(m("simpleList", "decentdb", "jdbc", 1500, 10001), 0))
        .containsExactly("MISSED", "MISSED");
    assertThat(ResultTable.verdict(m("fkJoin", "decentdb", "jdbc", 1, 1), 1)).isNull();
  }

  @Test
  void listsEveryWorkloadWherePeerBeatsDecentDbWorstFirst() {
    List<ResultTable.Slower> slower = table.slowerThanPeers();
    assertThat(slower).extracting(ResultTable.Slower::workload, ResultTable.Slower::peer,
        ResultTable.Slower::api).containsExactly(
            org.assertj.core.groups.Tuple.tuple("pkLookup", "hsqldb", "mybatis"),
            org.assertj.core.groups.Tuple.tuple("fkJoin", "sqlite", "jdbc"));
    assertThat(slower.get(0).factor()).isCloseTo(2.5, within(1e-9));
    assertThat(slower.get(1).factor()).isCloseTo(2.0, within(1e-9));
  }

  @Test
  void markdownSaysByHowMuchDecentDbIsSlowerAndLeavesTheAnalysisPlaceholder() {
    RowCounts rows = RowCounts.parse("fkJoin\tdecentdb\tjdbc\t12.5\t\n"
        + "pkLookup\tdecentdb\tjdbc\t1\t\n");
    String md = new ReportWriter(table, rows, List.of(Map.of("workload", "pkLookup",
        "api", "jdbc", "prepareUs", 0.0, "bindUs", 0.1, "executeUs", 1.5, "decodeUs", 0.2,
        "outsideDriverUs", 0.3, "opUs", 2.1, "cacheHitRate", 1.0)))
        .markdown("t", "perf/run --quick", "env");
    assertThat(md).contains("perf/run --quick");
    assertThat(md).contains("- fkJoin (jdbc): sqlite 10.00 µs vs DecentDB 20.00 µs, DecentDB 2.00× slower");
    assertThat(md).contains("| fkJoin | 12.5 | 20.00 / 40.00 | 10.00 / 30.00 | 0.50× |");
    assertThat(md).contains("| JDBC, reused PreparedStatement | 3.60 | 0.60 | < 1.00 | met |");
    assertThat(md).contains("| JDBC, preparing each time | 6.00 | 3.00 | < 2.00 | MISSED |");
    assertThat(md).contains("| pkLookup | Single record by PK | 1 | jdbc | 2.50 | 6.00 | 500 | 2,000 | met | met |");
    assertThat(md).contains("| pkLookup | jdbc | 0.00 | 0.10 | 1.50 | 0.20 | 0.30 | 2.10 | 100% |");
    assertThat(md).contains("| pkLookup | 2.00 | 0.50 | 6.00 | 3.00 |");
    assertThat(md).contains("| pkLookup | 1 | 8.00 / 20.00 | – | – | – | – | 3.20 / 10.00 | 0.40× | 5.00 / 9.00 |");
    assertThat(md).contains("| MyBatis selectById at most half of sqlite-jdbc's time "
        + "| 8.00 vs – µs | not measured |");
    assertThat(md).contains("| DecentDB ahead of sqlite on fkJoin through MyBatis | ratio – "
        + "| not measured |");
    assertThat(md).contains(ReportWriter.ANALYSIS_PLACEHOLDER);
  }

  @Test
  void goalsAreJudgedFromTheRatiosTheIssuesName() {
    ResultTable t = new ResultTable(List.of(
        m("pkLookup", "decentdb", "mybatis", 10, 20),
        m("pkLookup", "sqlite", "mybatis", 19, 30),
        m("pkLookup", "h2", "mybatis", 12, 30),
        m("textSearch", "decentdb", "jdbc", 100, 200),
        m("textSearch", "sqlite", "jdbc", 1000, 2000),
        m("textSearch", "h2", "jdbc", 900, 2000)));
    RowCounts rows = RowCounts.parse("textSearch\tdecentdb\tjdbc\t3\ttrigram index\n");
    String md = new ReportWriter(t, rows, List.of()).markdown("t", "c", "e");
    assertThat(md).contains("| DecentDB ahead of h2 on pkLookup through MyBatis | ratio 1.20× | met |");
    assertThat(md).doesNotContain("does not sync");
    assertThat(md).contains("| MyBatis selectById no slower than H2 | 10.00 vs 12.00 µs | met |");
    assertThat(md).contains("| MyBatis selectById at most half of sqlite-jdbc's time | 10.00 vs 19.00 µs | MISSED |");
    assertThat(md).contains("| text search (DecentDB trigram index) at least 10x faster than sqlite's LIKE scan | ratio 10.00× | met |");
    assertThat(md).contains("| text search (DecentDB trigram index) at least 10x faster than h2's LIKE scan | ratio 9.00× | MISSED |");
  }

  @Test
  void slowerWritesThanH2SayThatH2DoesNotSync() {
    ResultTable t = new ResultTable(List.of(
        m("insertOne", "decentdb", "jdbc", 4000, 9000),
        m("insertOne", "h2", "jdbc", 40, 90),
        m("insertOne", "sqlite", "jdbc", 3000, 9000)));
    String md = new ReportWriter(t, RowCounts.parse(""), List.of()).markdown("t", "c", "e");
    assertThat(md).contains("- insertOne (jdbc): h2 40.00 µs vs DecentDB 4,000 µs, DecentDB "
        + "100.00× slower (H2 does not sync its commits to disk; the others do)\n");
    assertThat(md).contains("- insertOne (jdbc): sqlite 3,000 µs vs DecentDB 4,000 µs, "
        + "DecentDB 1.33× slower\n");
  }

  @Test
  void rowCountsFallBackToJdbcAndKnowThePointLookupReturnsOneRow() {
    RowCounts rows = RowCounts.parse("textSearch\tdecentdb\tjdbc\t9.875\ttrigram index\n");
    assertThat(rows.rows("textSearch", "decentdb", "jdbc-prepare-each")).isEqualTo(9.875);
    assertThat(rows.note("textSearch", "decentdb", "jdbc")).isEqualTo("trigram index");
    assertThat(rows.rows("pointLookup", "decentdb", "native")).isEqualTo(1);
    assertThat(rows.rows("fkJoin", "h2", "jdbc")).isNaN();
  }
}
