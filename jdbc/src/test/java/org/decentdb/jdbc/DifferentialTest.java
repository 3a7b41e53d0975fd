/*
 * Randomized differential test: the same seeded tables and queries run on DecentDB and on H2
 * (an independent engine with PostgreSQL-like semantics) and must return the same rows.
 * Queries stay in the common subset (ENGINE.md §12): comparisons, AND/OR/NOT with NULLs,
 * IN, BETWEEN, LIKE, IS NULL, CASE, COALESCE, arithmetic, string functions, aggregates with
 * GROUP BY/HAVING, inner and left joins, DISTINCT, ORDER BY with explicit NULL placement and
 * LIMIT/OFFSET, subqueries (IN / NOT IN, EXISTS / NOT EXISTS, scalar; uncorrelated and
 * correlated) and set operations (UNION [ALL], INTERSECT, EXCEPT) with ORDER BY/LIMIT on the
 * compound. Unordered results compare as multisets. Set DDB_DIFF_QUERIES for more queries.
 */
package org.decentdb.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DifferentialTest {

  static final long SEED = Long.getLong("ddb.seed", 20261127L);
  static final int QUERIES = Integer.parseInt(
      System.getenv().getOrDefault("DDB_DIFF_QUERIES", "10000"));

  @TempDir Path dir;

  private final Random rnd = new Random(SEED);

  // Two tables with a foreign-key-like column; small value domains make matches likely.
  private static final String[] T1_COLS = {"id", "a", "b", "s"};
  private static final String[] T2_COLS = {"id", "t1_id", "c", "u"};
  private static final String[] WORDS = {"apple", "Apple", "banana", "cherry", "date", "", "a_b",
      "x%y", "zeta", "Éclair", "naïve", "中文"};

  private String intValue() {
    return rnd.nextInt(10) == 0 ? "NULL" : Integer.toString(rnd.nextInt(21) - 10);
  }

  private String textValue() {
    return rnd.nextInt(10) == 0 ? "NULL" : "'" + WORDS[rnd.nextInt(WORDS.length)].replace("'", "''") + "'";
  }

  private void setUp(Connection... conns) throws SQLException {
    List<String> ddl = List.of(
        "CREATE TABLE t1 (id INTEGER PRIMARY KEY, a INTEGER, b INTEGER, s VARCHAR(20))",
        "CREATE TABLE t2 (id INTEGER PRIMARY KEY, t1_id INTEGER, c INTEGER, u VARCHAR(20))",
        "CREATE INDEX t1_a ON t1 (a)",
        "CREATE INDEX t2_t1 ON t2 (t1_id)",
        "CREATE INDEX t1_s_b ON t1 (s, b)");
    List<String> rows = new ArrayList<>();
    for (int i = 1; i <= 60; i++) {
      rows.add("INSERT INTO t1 (id, a, b, s) VALUES (" + i + ", " + intValue() + ", " + intValue()
          + ", " + textValue() + ")");
    }
    for (int i = 1; i <= 90; i++) {
      String ref = rnd.nextInt(8) == 0 ? "NULL" : Integer.toString(1 + rnd.nextInt(70));
      rows.add("INSERT INTO t2 (id, t1_id, c, u) VALUES (" + i + ", " + ref + ", " + intValue()
          + ", " + textValue() + ")");
    }
    for (Connection c : conns) {
      try (Statement s = c.createStatement()) {
        for (String sql : ddl) {
          s.execute(sql);
        }
        for (String sql : rows) {
          s.execute(sql);
        }
      }
    }
  }

  // ---------------------------------------------------------------- query generator

  private String col(String alias, String[] cols) {
    return alias + "." + cols[rnd.nextInt(cols.length)];
  }

  private boolean isText(String column) {
    return column.endsWith(".s") || column.endsWith(".u");
  }

  private String intColumn(String alias, String[] cols) {
    String c;
    do {
      c = col(alias, cols);
    } while (isText(c));
    return c;
  }

  private String textColumn(String alias) {
    return alias.equals("x") ? "x.s" : alias + ".u";
  }

  private String intExpr(String alias, String[] cols, int depth) {
    switch (depth <= 0 ? 0 : rnd.nextInt(5)) {
      case 1:
        return "(" + intExpr(alias, cols, depth - 1) + " " + "+-*".charAt(rnd.nextInt(3)) + " "
            + intExpr(alias, cols, depth - 1) + ")";
      case 2:
        return "COALESCE(" + intColumn(alias, cols) + ", " + (rnd.nextInt(5) - 2) + ")";
      case 3:
        return "ABS(" + intExpr(alias, cols, depth - 1) + ")";
      case 4:
        return "CASE WHEN " + predicate(alias, cols, depth - 1) + " THEN "
            + intExpr(alias, cols, depth - 1) + " ELSE " + (rnd.nextInt(7) - 3) + " END";
      default:
        return rnd.nextInt(4) == 0 ? Integer.toString(rnd.nextInt(11) - 5)
            : intColumn(alias, cols);
    }
  }

  private String predicate(String alias, String[] cols, int depth) {
    switch (depth <= 0 ? rnd.nextInt(6) : rnd.nextInt(9)) {
      case 0:
        return intExpr(alias, cols, 1) + " " + new String[] {"=", "<>", "<", "<=", ">", ">="}[rnd
            .nextInt(6)] + " " + intExpr(alias, cols, 1);
      case 1:
        return intColumn(alias, cols) + (rnd.nextBoolean() ? " IS NULL" : " IS NOT NULL");
      case 2: {
        StringBuilder in = new StringBuilder(intColumn(alias, cols))
            .append(rnd.nextBoolean() ? " IN (" : " NOT IN (");
        int n = 1 + rnd.nextInt(4);
        for (int i = 0; i < n; i++) {
          in.append(i > 0 ? ", " : "").append(rnd.nextInt(8) == 0 ? "NULL"
              : Integer.toString(rnd.nextInt(21) - 10));
        }
        return in.append(')').toString();
      }
      case 3: {
        int lo = rnd.nextInt(21) - 10;
        return intColumn(alias, cols) + (rnd.nextBoolean() ? " BETWEEN " : " NOT BETWEEN ") + lo
            + " AND " + (lo + rnd.nextInt(10));
      }
      case 4: {
        String[] patterns = {"a%", "%an%", "_pple", "%e", "A%", "%", "", "a\\_b", "x\\%y", "%ï%"};
        return textColumn(alias) + (rnd.nextBoolean() ? " LIKE '" : " NOT LIKE '")
            + patterns[rnd.nextInt(patterns.length)] + "'";
      }
      case 5:
        return textColumn(alias) + " " + new String[] {"=", "<>", "<", ">="}[rnd.nextInt(4)] + " "
            + textValue();
      case 6:
        return "(" + predicate(alias, cols, depth - 1) + " AND " + predicate(alias, cols, depth - 1)
            + ")";
      case 7:
        return "(" + predicate(alias, cols, depth - 1) + " OR " + predicate(alias, cols, depth - 1)
            + ")";
      default:
        return "NOT (" + predicate(alias, cols, depth - 1) + ")";
    }
  }

  private String orderLimit(String keys, boolean withLimit) {
    StringBuilder sb = new StringBuilder(" ORDER BY ").append(keys);
    if (withLimit && rnd.nextBoolean()) {
      sb.append(" LIMIT ").append(rnd.nextInt(15));
      if (rnd.nextBoolean()) {
        sb.append(" OFFSET ").append(rnd.nextInt(20));
      }
    }
    return sb.toString();
  }

  private String nullsLast(String expr, boolean desc) {
    return expr + (desc ? " DESC NULLS LAST" : " ASC NULLS LAST");
  }

  /** A subquery over t2 (alias z) returning one integer column, optionally correlated to x. */
  private String t2Values(boolean correlated) {
    String where = predicate("z", T2_COLS, 1);
    if (correlated) {
      where = "z.t1_id = x.id AND " + where;
    }
    return "SELECT " + (rnd.nextBoolean() ? "z.c" : "z.t1_id") + " FROM t2 z WHERE " + where;
  }

  /** Subqueries in WHERE and in the select list. */
  private Object[] subqueryQuery() {
    String outer = intColumn("x", T1_COLS);
    switch (rnd.nextInt(5)) {
      case 0: // [NOT] IN, uncorrelated or correlated
        return new Object[] {"SELECT x.id, x.a FROM t1 x WHERE " + outer
            + (rnd.nextBoolean() ? " IN (" : " NOT IN (") + t2Values(rnd.nextBoolean()) + ")",
            false};
      case 1: // [NOT] EXISTS, correlated or not
        return new Object[] {"SELECT x.id, x.s FROM t1 x WHERE "
            + (rnd.nextBoolean() ? "EXISTS (" : "NOT EXISTS (") + "SELECT 1 FROM t2 z WHERE "
            + (rnd.nextBoolean() ? "z.t1_id = x.id AND " : "") + predicate("z", T2_COLS, 1)
            + ") AND " + predicate("x", T1_COLS, 1), false};
      case 2: // correlated scalar subqueries in the select list
        return new Object[] {"SELECT x.id, (SELECT COUNT(*) FROM t2 z WHERE z.t1_id = x.id AND "
            + predicate("z", T2_COLS, 1) + "), (SELECT MAX(z.c) FROM t2 z WHERE z.t1_id = x.id)"
            + " FROM t1 x WHERE " + predicate("x", T1_COLS, 1) + orderLimit("x.id", true), true};
      case 3: // uncorrelated scalar subquery in WHERE
        return new Object[] {"SELECT x.id, x.b FROM t1 x WHERE " + outer + " "
            + new String[] {"=", "<", ">="}[rnd.nextInt(3)] + " (SELECT "
            + (rnd.nextBoolean() ? "MIN" : "MAX") + "(z.c) FROM t2 z WHERE "
            + predicate("z", T2_COLS, 1) + ")", false};
      default: // correlated scalar subquery in WHERE
        return new Object[] {"SELECT x.id FROM t1 x WHERE " + outer + " "
            + new String[] {"=", "<>", "<="}[rnd.nextInt(3)]
            + " (SELECT MIN(z.c) FROM t2 z WHERE z.t1_id = x.id AND "
            + predicate("z", T2_COLS, 1) + ")", false};
    }
  }

  /** UNION [ALL] / INTERSECT / EXCEPT of two filtered scans, sometimes ordered and limited. */
  private Object[] setOpQuery() {
    String op = new String[] {"UNION", "UNION ALL", "INTERSECT", "EXCEPT"}[rnd.nextInt(4)];
    String left = "SELECT x.a, x.s FROM t1 x WHERE " + predicate("x", T1_COLS, 1);
    String right = "SELECT y.c, y.u FROM t2 y WHERE " + predicate("y", T2_COLS, 1);
    if (rnd.nextInt(3) == 0) {
      right = "SELECT x.b, x.s FROM t1 x WHERE " + predicate("x", T1_COLS, 1);
    }
    if (rnd.nextBoolean()) {
      return new Object[] {left + " " + op + " " + right
          + orderLimit("1 NULLS LAST, 2 NULLS LAST", true), true};
    }
    return new Object[] {left + " " + op + " " + right, false};
  }

  /** One query and whether its row order is significant. */
  private Object[] query() {
    switch (rnd.nextInt(9)) {
      case 6:
      case 7:
        return subqueryQuery();
      case 8:
        return setOpQuery();
      case 0: { // filtered scan, total order on a unique key
        boolean desc = rnd.nextBoolean();
        return new Object[] {"SELECT x.id, " + intExpr("x", T1_COLS, 2) + ", x.s FROM t1 x WHERE "
            + predicate("x", T1_COLS, 2) + orderLimit("x.id" + (desc ? " DESC" : ""), true), true};
      }
      case 1: { // ordering by a non-unique expression, ties broken by the key
        boolean desc = rnd.nextBoolean();
        String key = rnd.nextBoolean() ? "x.a" : "x.s";
        return new Object[] {"SELECT x.id, x.a, x.s FROM t1 x WHERE " + predicate("x", T1_COLS, 1)
            + orderLimit(nullsLast(key, desc) + ", x.id", true), true};
      }
      case 2: { // aggregates
        String g = rnd.nextBoolean() ? "x.a" : "x.s";
        String having = rnd.nextBoolean() ? " HAVING COUNT(*) > " + rnd.nextInt(3) : "";
        return new Object[] {"SELECT " + g + ", COUNT(*), COUNT(x.b), SUM(x.b), MIN(x.b), MAX(x.s)"
            + " FROM t1 x WHERE " + predicate("x", T1_COLS, 1) + " GROUP BY " + g + having, false};
      }
      case 3: { // inner join on the reference column
        return new Object[] {"SELECT x.id, y.id, x.a, y.c FROM t1 x JOIN t2 y ON y.t1_id = x.id"
            + " WHERE " + predicate("y", T2_COLS, 1) + orderLimit("x.id, y.id", true), true};
      }
      case 4: { // left join keeps unmatched rows with NULLs
        return new Object[] {"SELECT x.id, y.id, y.u FROM t1 x LEFT JOIN t2 y ON y.t1_id = x.id"
            + " AND " + predicate("y", T2_COLS, 1) + " WHERE " + predicate("x", T1_COLS, 1),
            false};
      }
      default: { // DISTINCT and whole-table aggregates
        if (rnd.nextBoolean()) {
          return new Object[] {"SELECT DISTINCT x.a, x.s FROM t1 x WHERE "
              + predicate("x", T1_COLS, 2), false};
        }
        return new Object[] {"SELECT COUNT(*), SUM(y.c), MIN(y.u), MAX(y.c) FROM t2 y WHERE "
            + predicate("y", T2_COLS, 2), false};
      }
    }
  }

  // ---------------------------------------------------------------- comparison

  private static String cell(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof Number && !(v instanceof Double) && !(v instanceof Float)) {
      return new BigDecimal(v.toString()).stripTrailingZeros().toPlainString();
    }
    return v.toString();
  }

  private static List<String> run(Connection c, String sql, boolean ordered) {
    List<String> rows = new ArrayList<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? " | " : "").append(cell(rs.getObject(i)));
        }
        rows.add(sb.toString());
      }
    } catch (SQLException e) {
      rows.add("ERROR"); // engines differ in SQLSTATE detail; an error on one side only is a mismatch
    }
    if (!ordered) {
      Collections.sort(rows);
    }
    return rows;
  }

  @Test
  void decentDbAgreesWithH2OnRandomQueries() throws SQLException {
    try (Connection ddb = DriverManager.getConnection(
            "jdbc:decentdb:" + dir.resolve("diff.ddb") + "?fsync=off");
        Connection h2 = DriverManager.getConnection(
            "jdbc:h2:mem:diff;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH")) {
      setUp(ddb, h2);
      int withRows = 0;
      for (int i = 0; i < QUERIES; i++) {
        Object[] q = query();
        String sql = (String) q[0];
        boolean ordered = (Boolean) q[1];
        List<String> expected = run(h2, sql, ordered);
        // The generator writes valid SQL: the oracle failing means the generator is wrong.
        assertThat(expected).as("H2 rejected query %d: %s", i, sql).doesNotContain("ERROR");
        List<String> actual = run(ddb, sql, ordered);
        assertThat(actual).as("query %d (seed %d): %s", i, SEED, sql).isEqualTo(expected);
        if (!expected.isEmpty()) {
          withRows++;
        }
      }
      // Guard against a generator that only produces empty results.
      assertThat(withRows).isGreaterThan(QUERIES / 2);
    }
  }
}
