/*
 * Generation-time check of query plans: runs EXPLAIN on each finder and on the seek query of
 * each keyset ordering (built with the same decentdb-mybatis Keyset API the generated code
 * uses, from a real cursor) and reports statements whose plan scans the whole table. Reads
 * DecentDB ("TableScan") and PostgreSQL ("Seq Scan") plans; any failure to EXPLAIN becomes a
 * warning too, never an error.
 */
package org.decentdb.generator.plugins;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.decentdb.mybatis.pagination.Keyset;
import org.decentdb.mybatis.pagination.KeysetPage;
import org.decentdb.mybatis.pagination.KeysetRequest;

final class PlanCheck {
  private final RunState run;
  private boolean costBasedChecked;

  PlanCheck(RunState run) {
    this.run = run;
  }

  boolean enabled() {
    return run.options().checkPlans() && run.connection() != null;
  }

  /** Warns when the statement (with ? markers) scans the table instead of using an index. */
  void check(String table, String what, String sql) {
    if (!enabled()) {
      return;
    }
    Connection c = run.connection();
    if (!costBasedChecked) {
      costBasedChecked = true;
      // PostgreSQL prefers a sequential scan of a small table even when an index fits; with
      // seq scans discouraged, a Seq Scan in the plan means no index can serve the query.
      if ("PostgreSQL".equals(run.schema().productName())) {
        try (java.sql.Statement s = c.createStatement()) {
          s.execute("SET enable_seqscan = off");
        } catch (SQLException e) {
          run.warn("cannot prepare plan checks: " + e.getMessage());
        }
      }
    }
    StringBuilder plan = new StringBuilder();
    try (PreparedStatement ps = c.prepareStatement("EXPLAIN " + sql)) {
      int n = ps.getParameterMetaData().getParameterCount();
      for (int i = 1; i <= n; i++) {
        ps.setNull(i, Types.NULL);
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          plan.append(rs.getString(1)).append('\n');
        }
      }
    } catch (SQLException e) {
      run.warn(table + ": " + what + ": EXPLAIN failed (" + e.getMessage() + ")");
      return;
    }
    String p = plan.toString();
    if (p.contains("TableScan") || p.contains("Seq Scan")) {
      run.warn(table + ": " + what + " does not use an index (plan: "
          + p.trim().replaceAll("\\s*\\n\\s*", " / ") + ")");
    }
  }

  /** Checks the query of a page after a cursor for the ordering. */
  void checkKeyset(TableModel t, Statements.Ordering o) {
    if (!enabled()) {
      return;
    }
    Keyset.Builder<Map<String, Object>> b = Keyset.<Map<String, Object>>builder(null);
    Map<String, Object> row = new HashMap<>();
    List<String> cols = o.columns();
    Keyset<Map<String, Object>> keyset = null;
    for (int k = 0; k < cols.size(); k++) {
      String c = cols.get(k);
      row.put(c, 0L);
      if (k == cols.size() - 1) {
        keyset = b.tieBreaker(c, m -> m.get(c));
      } else {
        b.asc(c, m -> m.get(c));
        if (!t.table.column(c).map(col -> col.nullable()).orElse(true)) {
          b.notNull();
        }
      }
    }
    KeysetPage<Map<String, Object>> first = keyset.first(1).toPage(List.of(row, row));
    KeysetRequest<Map<String, Object>> next = keyset.page(first.nextCursor(), 1);
    String sql = "SELECT " + t.selectList(null, null) + " FROM " + t.table.name() + " WHERE "
        + next.getWhere() + " ORDER BY " + next.getOrderBy() + " LIMIT ?";
    check(t.table.name(), "keyset by " + o.source(), sql.replaceAll("#\\{[^}]*}", "?"));
  }
}
