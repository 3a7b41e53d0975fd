/*
 * One benchmark result as the report sees it: a workload on an engine through an API
 * (native, jdbc, jdbc-prepare-each, mybatis), with median and p99 latency in microseconds.
 */
package org.decentdb.perf.report;

public record Measurement(String workload, String engine, String api, double medianUs,
    double p99Us, long samples) {
}
