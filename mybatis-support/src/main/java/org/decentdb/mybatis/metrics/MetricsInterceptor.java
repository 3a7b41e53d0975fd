/*
 * MyBatis Interceptor recording per mapped statement: executions, total and max time, rows
 * (returned by queries and cursors, changed by updates and flushed batches), and, with native
 * timings on, the driver's StatementTrace phases through DecentDBConnection.setTraceListener.
 * Statements slower than the threshold are logged at WARNING to System.Logger
 * "org.decentdb.mybatis.metrics.slow". snapshot() returns plain values. Times are measured
 * around the Executor call a mapper method makes: nested selects count in their parent's time,
 * a cursor's time is its opening, and a batch flush's time is split over its statements.
 */
package org.decentdb.mybatis.metrics;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.ibatis.cache.CacheKey;
import org.apache.ibatis.cursor.Cursor;
import org.apache.ibatis.executor.BatchResult;
import org.apache.ibatis.executor.Executor;
import org.apache.ibatis.mapping.BoundSql;
import org.apache.ibatis.mapping.MappedStatement;
import org.apache.ibatis.plugin.Interceptor;
import org.apache.ibatis.plugin.Intercepts;
import org.apache.ibatis.plugin.Invocation;
import org.apache.ibatis.plugin.Signature;
import org.apache.ibatis.session.ResultHandler;
import org.apache.ibatis.session.RowBounds;
import org.decentdb.jdbc.DecentDBConnection;
import org.decentdb.jdbc.StatementTrace;
import org.decentdb.jdbc.TraceListener;

@Intercepts({
    @Signature(type = Executor.class, method = "update",
        args = {MappedStatement.class, Object.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class}),
    @Signature(type = Executor.class, method = "query",
        args = {MappedStatement.class, Object.class, RowBounds.class, ResultHandler.class,
            CacheKey.class, BoundSql.class}),
    @Signature(type = Executor.class, method = "queryCursor",
        args = {MappedStatement.class, Object.class, RowBounds.class}),
    @Signature(type = Executor.class, method = "flushStatements", args = {}),
    @Signature(type = Executor.class, method = "commit", args = {boolean.class})})
public final class MetricsInterceptor implements Interceptor {

  /** Where slow statements are logged, at WARNING. */
  public static final String SLOW_LOGGER = "org.decentdb.mybatis.metrics.slow";

  private static final System.Logger SLOW = System.getLogger(SLOW_LOGGER);

  private final ConcurrentHashMap<String, StatementStats> stats = new ConcurrentHashMap<>();
  // The statement this interceptor is timing on each thread, for the trace listener.
  private final ThreadLocal<StatementStats> current = new ThreadLocal<>();
  private volatile long slowNanos;
  private volatile boolean nativeTimings;

  /** Slow-statement log off, native timings off (set them in XML with properties). */
  public MetricsInterceptor() {
    this(null, false);
  }

  /**
   * @param slowThreshold statements taking at least this long are logged; null turns it off
   * @param nativeTimings also collect the driver's traces of the statements that run
   */
  public MetricsInterceptor(Duration slowThreshold, boolean nativeTimings) {
    this.slowNanos = slowThreshold == null ? Long.MAX_VALUE : slowThreshold.toNanos();
    this.nativeTimings = nativeTimings;
  }

  /** XML properties: slowThresholdMillis (a number; absent = off), nativeTimings (true|false). */
  @Override
  public void setProperties(Properties properties) {
    String slow = properties.getProperty("slowThresholdMillis");
    if (slow != null) {
      slowNanos = Duration.ofMillis(Long.parseLong(slow.trim())).toNanos();
    }
    nativeTimings = Boolean.parseBoolean(properties.getProperty("nativeTimings",
        Boolean.toString(nativeTimings)));
  }

  /** The metrics of every statement seen so far, the most total time first. */
  public List<StatementMetrics> snapshot() {
    List<StatementMetrics> out = new ArrayList<>(stats.size());
    for (StatementStats s : stats.values()) {
      out.add(s.snapshot());
    }
    out.sort(Comparator.comparingLong(StatementMetrics::totalNanos).reversed()
        .thenComparing(StatementMetrics::statementId));
    return out;
  }

  /** The metrics of one statement id, or null if it has not run. */
  public StatementMetrics get(String statementId) {
    StatementStats s = stats.get(statementId);
    return s == null ? null : s.snapshot();
  }

  /** Forgets everything recorded so far. */
  public void reset() {
    stats.clear();
  }

  @Override
  public Object intercept(Invocation invocation) throws Throwable {
    String method = invocation.getMethod().getName();
    Executor executor = (Executor) invocation.getTarget();
    if (method.equals("flushStatements")) {
      long t0 = System.nanoTime();
      @SuppressWarnings("unchecked")
      List<BatchResult> results = (List<BatchResult>) invocation.proceed();
      recordBatches(results, System.nanoTime() - t0);
      return results;
    }
    if (method.equals("commit")) {
      long t0 = System.nanoTime();
      recordBatches(executor.flushStatements(), System.nanoTime() - t0);
      return invocation.proceed();
    }
    Object[] args = invocation.getArgs();
    MappedStatement ms = (MappedStatement) args[0];
    StatementStats st = stats.computeIfAbsent(ms.getId(), StatementStats::new);
    if (nativeTimings) {
      listenOn(executor);
    }
    StatementStats outer = current.get();
    current.set(st);
    long t0 = System.nanoTime();
    Object result;
    try {
      result = invocation.proceed();
    } finally {
      if (outer == null) {
        current.remove();
      } else {
        current.set(outer);
      }
    }
    long nanos = System.nanoTime() - t0;
    long rows = 0;
    if (result instanceof List<?> list) {
      rows = list.size();
    } else if (result instanceof Integer n && n >= 0) {
      rows = n;
    } else if (result instanceof Cursor<?> cursor) {
      result = new CountingCursor<>(cursor, st);
    }
    st.record(nanos, rows);
    if (nanos >= slowNanos) {
      logSlow(ms, args, nanos, rows);
    }
    return result;
  }

  private void recordBatches(List<BatchResult> results, long nanos) {
    if (results == null || results.isEmpty()) {
      return;
    }
    long share = nanos / results.size();
    for (BatchResult r : results) {
      StatementStats st = stats.computeIfAbsent(r.getMappedStatement().getId(),
          StatementStats::new);
      long rows = 0;
      for (int c : r.getUpdateCounts()) {
        rows += Math.max(c, 0);
      }
      st.rows.add(rows);
      st.totalNanos.add(share);
    }
  }

  private void logSlow(MappedStatement ms, Object[] args, long nanos, long rows) {
    if (!SLOW.isLoggable(System.Logger.Level.WARNING)) {
      return;
    }
    String sql;
    try {
      BoundSql b = args.length == 6 ? (BoundSql) args[5] : ms.getBoundSql(args[1]);
      sql = b.getSql().replaceAll("\\s+", " ").trim();
    } catch (RuntimeException e) {
      sql = "(SQL unavailable: " + e.getMessage() + ")";
    }
    SLOW.log(System.Logger.Level.WARNING, String.format("slow statement %s: %.3f ms, %d rows: %s",
        ms.getId(), nanos / 1e6, rows, sql));
  }

  /** Installs this interceptor's trace listener on the session's DecentDB connection. */
  private void listenOn(Executor executor) throws SQLException {
    Connection c = executor.getTransaction().getConnection();
    if (!c.isWrapperFor(DecentDBConnection.class)) {
      return;
    }
    DecentDBConnection dc = c.unwrap(DecentDBConnection.class);
    TraceListener current = dc.getTraceListener();
    if (current instanceof Listener l && l.owner == this) {
      return;
    }
    dc.setTraceListener(new Listener(this, current));
  }

  /** Sends each trace to the statement running on this thread, then to the previous listener. */
  private static final class Listener implements TraceListener {
    final MetricsInterceptor owner;
    final TraceListener next;

    Listener(MetricsInterceptor owner, TraceListener next) {
      this.owner = owner;
      this.next = next;
    }

    @Override
    public void onStatement(StatementTrace trace) {
      StatementStats st = owner.current.get();
      if (st != null) {
        st.addNative(trace);
      }
      if (next != null) {
        next.onStatement(trace);
      }
    }
  }
}
