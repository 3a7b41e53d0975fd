/*
 * chart.png of a perf run (XChart, headless): for each workload through one API, log2 of
 * each peer's median divided by DecentDB's. Bars grow up where DecentDB is faster and down
 * where it is slower; +1 is twice as fast, -1 half as fast; a missing result has no bar.
 */
package org.decentdb.perf.report;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

public final class ChartWriter {

  private ChartWriter() {
  }

  public static void write(ResultTable table, String api, Path png) throws IOException {
    CategoryChart chart = new CategoryChartBuilder().width(1200).height(600)
        .title("log2(peer median / DecentDB median) through " + api
            + ": above 0 DecentDB is faster, +1 = 2x")
        .xAxisTitle("workload").yAxisTitle("log2 ratio").build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setXAxisLabelRotation(30);
    chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    List<String> workloads = new ArrayList<>();
    for (String w : table.workloads()) {
      if (table.get(w, ResultTable.DECENTDB, api) != null) {
        workloads.add(w);
      }
    }
    for (String peer : ResultTable.ENGINES.subList(1, ResultTable.ENGINES.size())) {
      List<Double> ratios = new ArrayList<>();
      for (String w : workloads) {
        double r = table.ratio(w, api, peer);
        ratios.add(Double.isNaN(r) || r <= 0 ? 0.0 : Math.log(r) / Math.log(2));
      }
      if (!workloads.isEmpty()) {
        chart.addSeries(peer, workloads, ratios);
      }
    }
    BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
  }
}
