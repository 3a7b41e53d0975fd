/*
 * Turns a perf run directory (results.json from JMH, rows.tsv from the benchmarks,
 * breakdown.json from TraceBreakdown) into report.md and chart.png. JMH's file is kept as
 * results-raw.json and results.json is rewritten without the raw histograms.
 *
 * Usage: ReportMain <run directory> <command line> [environment text]
 */
package org.decentdb.perf.report;

import com.google.gson.Gson;
import com.google.gson.reflect.TypeToken;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

public final class ReportMain {

  private ReportMain() {
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("java.awt.headless", "true");
    Path dir = Paths.get(args[0]);
    String command = args.length > 1 ? args[1] : "(unknown)";
    String environment = args.length > 2 ? args[2] : "";
    Path raw = dir.resolve("results-raw.json");
    Path results = dir.resolve("results.json");
    String json = read(results);
    if (json.contains("\"rawDataHistogram\"")) {
      // JMH's own file from this run: keep it aside and leave the slim copy in its place.
      Files.move(results, raw, StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(results, JmhResults.slim(json), StandardCharsets.UTF_8);
    }
    List<Measurement> ms = JmhResults.parse(json);
    Path rowsFile = dir.resolve("rows.tsv");
    RowCounts rows = RowCounts.parse(Files.exists(rowsFile) ? read(rowsFile) : "");
    Path bd = dir.resolve("breakdown.json");
    List<Map<String, Object>> breakdown = Files.exists(bd)
        ? new Gson().fromJson(read(bd), new TypeToken<List<Map<String, Object>>>() { }.getType())
        : List.of();
    ResultTable table = new ResultTable(ms);
    String md = new ReportWriter(table, rows, breakdown)
        .markdown("DecentDB perf lab: " + dir.getFileName(), command, environment);
    Files.writeString(dir.resolve("report.md"), md, StandardCharsets.UTF_8);
    ChartWriter.write(table, "jdbc", dir.resolve("chart.png"));
    System.out.println("wrote " + dir.resolve("report.md") + " and " + dir.resolve("chart.png"));
  }

  private static String read(Path p) throws java.io.IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }
}
