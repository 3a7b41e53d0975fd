/*
 * Reads JMH's JSON result file (-rf json) into Measurements: benchmark class and method
 * become workload, engine and API (the point-lookup benchmarks map to workload "pointLookup"
 * with APIs native, jdbc and jdbc-prepare-each; MybatisFastBenchmark is API mybatis-fast),
 * and the sample-time percentiles become
 * median and p99 in microseconds. Also slims the file for committing.
 */
package org.decentdb.perf.report;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

public final class JmhResults {

  private JmhResults() {
  }

  public static List<Measurement> parse(String json) {
    JsonArray array = JsonParser.parseString(json).getAsJsonArray();
    List<Measurement> out = new ArrayList<>();
    for (JsonElement e : array) {
      out.add(measurement(e.getAsJsonObject()));
    }
    return out;
  }

  static Measurement measurement(JsonObject o) {
    String benchmark = o.get("benchmark").getAsString();
    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
    String cls = benchmark.substring(0, benchmark.lastIndexOf('.'));
    cls = cls.substring(cls.lastIndexOf('.') + 1);
    JsonObject params = o.has("params") ? o.getAsJsonObject("params") : new JsonObject();
    String engine = params.has("engine") ? params.get("engine").getAsString() : "decentdb";
    String api = params.has("api") ? params.get("api").getAsString()
        : cls.startsWith("MybatisFast") ? "mybatis-fast" : "native";
    String workload = method;
    if (cls.contains("PointLookup")) {
      workload = "pointLookup";
      api = switch (method) {
        case "jdbcReused" -> "jdbc";
        case "jdbcPrepareEach" -> "jdbc-prepare-each";
        default -> "native";
      };
    }
    JsonObject metric = o.getAsJsonObject("primaryMetric");
    double toUs = unitToMicros(metric.get("scoreUnit").getAsString());
    double median = metric.get("score").getAsDouble() * toUs;
    double p99 = Double.NaN;
    if (metric.has("scorePercentiles")) {
      JsonObject pct = metric.getAsJsonObject("scorePercentiles");
      if (pct.has("50.0")) {
        median = pct.get("50.0").getAsDouble() * toUs;
      }
      if (pct.has("99.0")) {
        p99 = pct.get("99.0").getAsDouble() * toUs;
      }
    }
    long samples = metric.has("sampleCount") ? metric.get("sampleCount").getAsLong() : 0;
    if (metric.has("rawDataHistogram")) {
      for (JsonElement fork : metric.getAsJsonArray("rawDataHistogram")) {
        for (JsonElement iteration : fork.getAsJsonArray()) {
          for (JsonElement bucket : iteration.getAsJsonArray()) {
            samples += bucket.getAsJsonArray().get(1).getAsLong();
          }
        }
      }
    }
    return new Measurement(workload, engine, api, median, p99, samples);
  }

  /**
   * The same results without the raw sample histograms (which make up nearly all of JMH's
   * file), each metric keeping its sample count as "sampleCount": small enough to commit.
   */
  public static String slim(String json) {
    JsonArray array = JsonParser.parseString(json).getAsJsonArray();
    for (JsonElement e : array) {
      JsonObject o = e.getAsJsonObject();
      Measurement m = measurement(o);
      JsonObject metric = o.getAsJsonObject("primaryMetric");
      metric.remove("rawDataHistogram");
      metric.remove("rawData");
      metric.addProperty("sampleCount", m.samples());
      o.add("secondaryMetrics", new JsonObject());
    }
    return new com.google.gson.GsonBuilder().setPrettyPrinting().create().toJson(array);
  }

  static double unitToMicros(String unit) {
    return switch (unit) {
      case "ns/op" -> 0.001;
      case "us/op" -> 1;
      case "ms/op" -> 1000;
      case "s/op" -> 1_000_000;
      default -> throw new IllegalArgumentException("unsupported JMH unit " + unit
          + " (the perf lab runs in sample-time mode)");
    };
  }
}
