// Table-driven tests for the SQL parser and printer: accepted statements with their
// canonical form (and the round trip parse(print(ast)) == ast for each), rejected
// statements with the expected message fragment and position, operator precedence,
// literal folding, nesting limits, and script splitting. Surface: ENGINE.md §7.
#include <pthread.h>

#include <cstring>
#include <limits>
#include <string>

#include "harness/test.h"
#include "sql/parser.h"
#include "sql/printer.h"

using namespace decentdb;
using namespace decentdb::sql;

namespace {

bool Contains(const std::string& s, const std::string& part) { return s.find(part) != std::string::npos; }

// Parses, prints canonically, reparses and compares the explicit prints.
void CheckAccepted(const char* sql, const char* canonical) {
  auto r = ParseStatement(sql);
  if (!r.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, std::string("rejected: ") + sql + "\n      " + r.status().ToString());
    return;
  }
  std::string printed = StmtToSql(r->stmt);
  std::string want = canonical ? canonical : sql;
  if (printed != want) {
    ddbtest::ReportFailure(__FILE__, __LINE__, std::string("canonical form of: ") + sql +
                                                   "\n      got:  " + printed + "\n      want: " + want);
  }
  auto again = ParseStatement(printed);
  if (!again.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, "canonical form does not parse: " + printed + "\n      " +
                                                   again.status().ToString());
    return;
  }
  std::string a = StmtToSql(r->stmt, PrintMode::kExplicit);
  std::string b = StmtToSql(again->stmt, PrintMode::kExplicit);
  if (a != b) {
    ddbtest::ReportFailure(__FILE__, __LINE__, "round trip changed the tree:\n      " + a + "\n      " + b);
  }
}

void CheckRejected(const char* sql, const char* fragment, const char* position, const char* sqlstate) {
  auto r = ParseStatement(sql);
  if (r.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, std::string("accepted: ") + sql + " as " + StmtToSql(r->stmt));
    return;
  }
  const Status& s = r.status();
  bool good = s.Is(Code::kSql) && Contains(s.message(), fragment) &&
              (position == nullptr || Contains(s.message(), position)) &&
              std::strcmp(s.sqlstate(), sqlstate) == 0;
  if (!good) {
    ddbtest::ReportFailure(__FILE__, __LINE__, std::string("wrong error for: ") + sql + "\n      got:  " +
                                                   s.ToString() + "\n      want: " + sqlstate + " " +
                                                   fragment + " " + (position ? position : ""));
  }
}

// The explicit (fully parenthesized) form of one expression.
std::string Explicit(const std::string& expr) {
  auto r = ParseStatement("SELECT " + expr);
  if (!r.ok()) return "ERROR: " + r.status().message();
  const Expr* e = r->stmt->select->body->core->items[0].expr;
  std::string s = ExprToSql(e, PrintMode::kExplicit);
  // The explicit form leaves the outermost node bare; wrap compound ones for readability.
  bool atom = e->kind == ExprKind::kLiteral || e->kind == ExprKind::kColumn ||
              e->kind == ExprKind::kParam || e->kind == ExprKind::kFunc;
  return atom ? s : "(" + s + ")";
}

const Expr* FirstItem(const ParsedStatement& ps) { return ps.stmt->select->body->core->items[0].expr; }

}  // namespace

// ------------------------------------------------------------------ accepted

TEST(Parser, AcceptsSelect) {
  const char* cases[][2] = {
      {"SELECT 1", nullptr},
      {"select 1;", "SELECT 1"},
      {"  SELECT 1 ; -- trailing comment\n /* and a block */ ", "SELECT 1"},
      {"SELECT a, b AS c, t.*, * FROM t", nullptr},
      {"SELECT a c FROM t x", "SELECT a AS c FROM t AS x"},
      {"SELECT DISTINCT a FROM t", nullptr},
      {"SELECT ALL a FROM t", "SELECT a FROM t"},
      {"SELECT \"Name\", \"select\", \"a\"\"b\" FROM \"T\"", nullptr},
      {"SELECT a FROM t WHERE a = 1 AND b <> 2 OR NOT c", nullptr},
      {"SELECT a FROM t WHERE a != 1", "SELECT a FROM t WHERE a <> 1"},
      {"SELECT a, count(*) FROM t GROUP BY a HAVING count(*) > 1", nullptr},
      {"SELECT a FROM t ORDER BY a ASC, b DESC NULLS FIRST, c NULLS LAST", nullptr},
      {"SELECT a FROM t LIMIT 10 OFFSET 5", nullptr},
      {"SELECT a FROM t OFFSET 5 LIMIT 10", "SELECT a FROM t LIMIT 10 OFFSET 5"},
      {"SELECT a FROM t LIMIT $1 OFFSET $2", nullptr},
      {"SELECT a FROM t LIMIT ALL", nullptr},
      {"SELECT a FROM t WHERE id = $1 FOR UPDATE", nullptr},
      {"SELECT * FROM a JOIN b ON a.id = b.aid", nullptr},
      {"SELECT * FROM a INNER JOIN b ON TRUE", "SELECT * FROM a JOIN b ON TRUE"},
      {"SELECT * FROM a LEFT OUTER JOIN b ON a.x = b.x LEFT JOIN c ON c.y = b.y",
       "SELECT * FROM a LEFT JOIN b ON a.x = b.x LEFT JOIN c ON c.y = b.y"},
      {"SELECT * FROM a CROSS JOIN b", nullptr},
      {"SELECT * FROM a, b, c WHERE a.x = b.x", nullptr},
      {"SELECT * FROM a, b JOIN c ON b.x = c.x", nullptr},
      {"SELECT * FROM a JOIN (b JOIN c ON b.x = c.x) ON a.x = b.x", nullptr},
      {"SELECT * FROM (a JOIN b ON a.x = b.x)", "SELECT * FROM a JOIN b ON a.x = b.x"},
      {"SELECT * FROM (SELECT 1 AS x) AS s", nullptr},
      {"SELECT * FROM (SELECT 1, 2) s(x, y)", "SELECT * FROM (SELECT 1, 2) AS s(x, y)"},
      {"SELECT a FROM t UNION SELECT b FROM u", nullptr},
      {"SELECT a FROM t UNION ALL SELECT b FROM u ORDER BY 1 LIMIT 3", nullptr},
      {"SELECT 1 UNION DISTINCT SELECT 2", "SELECT 1 UNION SELECT 2"},
      {"SELECT 1 EXCEPT SELECT 2 INTERSECT SELECT 3", nullptr},
      {"(SELECT 1 ORDER BY 1 LIMIT 1) UNION (SELECT 2)", nullptr},
      {"WITH x AS (SELECT 1), y(a, b) AS (SELECT 2, 3) SELECT * FROM x, y", nullptr},
      {"SELECT a FROM t WHERE EXISTS (SELECT 1 FROM u WHERE u.a = t.a)", nullptr},
      {"SELECT a FROM t WHERE a IN (SELECT b FROM u) AND c NOT IN (1, 2, $1)", nullptr},
      {"SELECT (SELECT max(b) FROM u) AS m", nullptr},
      {"SELECT row_number() OVER (PARTITION BY a, b ORDER BY c DESC) FROM t", nullptr},
      {"SELECT row_number() OVER (ORDER BY c) FROM t", nullptr},
      {"SELECT key, value, date, time, timestamp, first, last, action, no, nulls FROM data",
       nullptr},
      {"SELECT 1 AS from", "SELECT 1 AS \"from\""},
      {"SELECT t.from FROM t", "SELECT t.\"from\" FROM t"},
  };
  for (auto& c : cases) CheckAccepted(c[0], c[1]);
}

TEST(Parser, AcceptsExpressions) {
  const char* cases[][2] = {
      {"SELECT -9223372036854775808, 9223372036854775807, 9223372036854775808", nullptr},
      {"SELECT 1.5, .5, 1e-3, 2E+10, 1., -1.5", nullptr},
      {"SELECT - 5, -(5), - -5, -a, - -a, +a, +5", "SELECT -5, -(5), - -5, -a, - -a, +a, +5"},
      {"SELECT -5::INT, (-5)::INT, -a::TEXT", nullptr},
      {"SELECT 'it''s', '', X'0a1b', x''", "SELECT 'it''s', '', X'0A1B', X''"},
      {"SELECT TRUE, FALSE, NULL, $1, $65535", nullptr},
      {"SELECT DATE '2024-01-02', TIME '10:00:00', TIMESTAMP '2024-01-02 10:00:00'", nullptr},
      {"SELECT a IS NULL, a IS NOT NULL, a IS TRUE, a IS NOT FALSE", nullptr},
      {"SELECT a IS DISTINCT FROM b, a IS NOT DISTINCT FROM NULL", nullptr},
      {"SELECT a BETWEEN 1 AND 2, a NOT BETWEEN $1 AND $2", nullptr},
      {"SELECT a LIKE 'x%', a NOT LIKE 'x\\_%' ESCAPE '\\', a ILIKE $1, a NOT ILIKE 'X' ESCAPE ''",
       nullptr},
      {"SELECT CASE WHEN a > 0 THEN 'p' WHEN a < 0 THEN 'n' ELSE 'z' END", nullptr},
      {"SELECT CASE a WHEN 1 THEN 'one' END", nullptr},
      {"SELECT CAST(a AS BIGINT), a::TEXT, a::numeric( 10 , 2 )",
       "SELECT CAST(a AS BIGINT), a::TEXT, a::numeric(10,2)"},
      {"SELECT CAST(a AS double   precision), CAST(b AS character varying(20))",
       "SELECT CAST(a AS double precision), CAST(b AS character varying(20))"},
      {"SELECT CAST(a AS TIMESTAMP WITH TIME ZONE), CAST(b AS time without time zone)", nullptr},
      {"SELECT count(*), count(DISTINCT a), count(ALL a), sum(a), coalesce(a, b, 0)",
       "SELECT count(*), count(DISTINCT a), count(a), sum(a), coalesce(a, b, 0)"},
      {"SELECT now(), gen_random_uuid(), CURRENT_TIMESTAMP, current_date, CURRENT_TIME",
       "SELECT now(), gen_random_uuid(), CURRENT_TIMESTAMP, CURRENT_DATE, CURRENT_TIME"},
      {"SELECT TRIM(s), TRIM(LEADING FROM s), TRIM(BOTH 'x' FROM s), TRIM('x' FROM s)", nullptr},
      {"SELECT trim(trailing 'y' from s)", "SELECT trim(TRAILING 'y' FROM s)"},
      {"SELECT SUBSTRING(s FROM 2), SUBSTRING(s FROM 2 FOR 3), substring(s, 1, 2), substr(s, 2)",
       nullptr},
      {"SELECT POSITION('a' IN s), position(s, 'a'), strpos(s, 'a')", nullptr},
      {"SELECT EXTRACT(year FROM ts), extract(Month FROM ts)",
       "SELECT EXTRACT(YEAR FROM ts), extract(MONTH FROM ts)"},
      {"SELECT LEFT(s, 2), right(s, 3), lower(s), upper(s), length(s)", nullptr},
      {"SELECT a || b || 'c', (a + b) * c, a - (b - c), a / b % c", nullptr},
      {"SELECT \"my func\"(1), \"t\".\"c\"", nullptr},
  };
  for (auto& c : cases) CheckAccepted(c[0], c[1]);
}

TEST(Parser, AcceptsDml) {
  const char* cases[][2] = {
      {"INSERT INTO t VALUES (1, 'a')", nullptr},
      {"INSERT INTO t (a, b) VALUES (1, DEFAULT), ($1, $2), (3, NULL)", nullptr},
      {"INSERT INTO t DEFAULT VALUES", nullptr},
      {"INSERT INTO t (a) SELECT x FROM u WHERE x > 0", nullptr},
      {"INSERT INTO t (a) (SELECT 1)", nullptr},
      {"INSERT INTO t WITH w AS (SELECT 1) SELECT * FROM w", nullptr},
      {"INSERT INTO t (a) VALUES (1) RETURNING *", nullptr},
      {"INSERT INTO t (a) VALUES (1) RETURNING id, a + 1 AS b", nullptr},
      {"INSERT INTO t (a) VALUES (1) ON CONFLICT DO NOTHING", nullptr},
      {"INSERT INTO t (a) VALUES (1) ON CONFLICT (a) DO NOTHING", nullptr},
      {"INSERT INTO t (a, b) VALUES (1, 2) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.b < excluded.b RETURNING *",
       nullptr},
      {"INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT t_pk DO UPDATE SET a = 2", nullptr},
      {"UPDATE t SET a = 1", nullptr},
      {"UPDATE t SET a = a + 1, b = DEFAULT WHERE id = $1 RETURNING a, b", nullptr},
      {"UPDATE t x SET a = x.a + 1", "UPDATE t AS x SET a = x.a + 1"},
      {"DELETE FROM t", nullptr},
      {"DELETE FROM t WHERE a IN (1, 2) RETURNING *", nullptr},
      {"DELETE FROM t AS x WHERE x.a = 1", nullptr},
  };
  for (auto& c : cases) CheckAccepted(c[0], c[1]);
}

TEST(Parser, AcceptsDdl) {
  const char* cases[][2] = {
      {"CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT NOT NULL)", nullptr},
      {"create table if not exists T (A int)", "CREATE TABLE IF NOT EXISTS T (A int)"},
      {"CREATE TABLE t (a VARCHAR( 40 ), b DECIMAL(10, 2), c DOUBLE  PRECISION, d TIMESTAMP WITH TIME ZONE, e UUID, f CHARACTER VARYING(8))",
       "CREATE TABLE t (a VARCHAR(40), b DECIMAL(10,2), c DOUBLE PRECISION, d TIMESTAMP WITH TIME ZONE, e UUID, f CHARACTER VARYING(8))"},
      {"CREATE TABLE t (a INT NULL UNIQUE DEFAULT 0, b TEXT DEFAULT 'x' NOT NULL, c TIMESTAMP DEFAULT CURRENT_TIMESTAMP, d UUID DEFAULT gen_random_uuid(), e INT DEFAULT -1)",
       nullptr},
      {"CREATE TABLE t (a INT PRIMARY KEY DESC, b INT CONSTRAINT b_pos CHECK (b > 0))", nullptr},
      {"CREATE TABLE c (p INT REFERENCES p, q INT REFERENCES p(id) ON DELETE RESTRICT ON UPDATE NO ACTION)",
       nullptr},
      {"CREATE TABLE c (p INT REFERENCES p(id) ON DELETE CASCADE ON UPDATE SET NULL, q INT REFERENCES p ON DELETE SET DEFAULT)",
       nullptr},
      {"CREATE TABLE t (a INT, b INT, PRIMARY KEY (a, b), CONSTRAINT u UNIQUE (b), FOREIGN KEY (a, b) REFERENCES p(x, y) ON DELETE RESTRICT, CHECK (a < b))",
       nullptr},
      {"CREATE INDEX i ON t (a)", nullptr},
      {"CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a DESC, b ASC)", nullptr},
      {"CREATE INDEX i ON t USING trigram (name)", nullptr},
      {"DROP TABLE t", nullptr},
      {"DROP TABLE IF EXISTS t", nullptr},
      {"DROP INDEX IF EXISTS i", nullptr},
      {"CREATE VIEW v AS SELECT a FROM t", nullptr},
      {"CREATE OR REPLACE VIEW v(x, y) AS SELECT a, b FROM t", nullptr},
      {"DROP VIEW IF EXISTS v", nullptr},
      {"ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0", nullptr},
      {"ALTER TABLE t ADD c TEXT", "ALTER TABLE t ADD COLUMN c TEXT"},
      {"ALTER TABLE t ADD column INT NOT NULL", "ALTER TABLE t ADD COLUMN column INT NOT NULL"},
      {"ALTER TABLE t ADD COLUMN column INT", nullptr},
      {"ALTER TABLE t RENAME column TO c", "ALTER TABLE t RENAME COLUMN column TO c"},
      {"ALTER TABLE t RENAME COLUMN a TO b", nullptr},
      {"ALTER TABLE t RENAME a TO b", "ALTER TABLE t RENAME COLUMN a TO b"},
      {"ALTER TABLE t RENAME TO u", nullptr},
  };
  for (auto& c : cases) CheckAccepted(c[0], c[1]);
}

TEST(Parser, AcceptsTransactionsAndExplain) {
  const char* cases[][2] = {
      {"BEGIN", nullptr},
      {"BEGIN TRANSACTION", "BEGIN"},
      {"begin immediate", "BEGIN IMMEDIATE"},
      {"START TRANSACTION", nullptr},
      {"COMMIT", nullptr},
      {"END", "COMMIT"},
      {"COMMIT WORK", "COMMIT"},
      {"ROLLBACK", nullptr},
      {"SAVEPOINT s1", nullptr},
      {"RELEASE s1", "RELEASE SAVEPOINT s1"},
      {"RELEASE SAVEPOINT s1", nullptr},
      {"ROLLBACK TO s1", "ROLLBACK TO SAVEPOINT s1"},
      {"ROLLBACK TRANSACTION TO SAVEPOINT s1", "ROLLBACK TO SAVEPOINT s1"},
      {"EXPLAIN SELECT * FROM t WHERE id = 1", nullptr},
      {"EXPLAIN ANALYZE UPDATE t SET a = 1", nullptr},
      {"EXPLAIN DELETE FROM t", nullptr},
      {"EXPLAIN INSERT INTO t VALUES (1)", nullptr},
  };
  for (auto& c : cases) CheckAccepted(c[0], c[1]);
}

// ------------------------------------------------------------------ rejected

TEST(Parser, RejectsWithMessageAndPosition) {
  struct Case {
    const char* sql;
    const char* fragment;
    const char* position;
    const char* sqlstate;
  };
  const Case cases[] = {
      {"", "empty statement", nullptr, "42601"},
      {"  -- only a comment", "empty statement", nullptr, "42601"},
      {"SELECT", "expected an expression at end of input", "column 7 (offset 6)", "42601"},
      {"SELECT a FROM", "expected a table name at end of input", "offset 13", "42601"},
      {"SELECT a FROM t WHERE", "expected an expression", "offset 21", "42601"},
      {"SELECT 1 2", "expected end of statement near \"2\"", "column 10 (offset 9)", "42601"},
      {"SELECT 1; SELECT 2", "only one statement", "offset 10", "42601"},
      {"SELECT a<b<c", "non-associative", "column 11 (offset 10)", "42601"},
      {"SELECT a = b = c", "non-associative", "offset 13", "42601"},
      {"SELECT a LIKE b LIKE c", "non-associative", "offset 16", "42601"},
      {"SELECT ?", "use $1..$N parameters", "column 8 (offset 7)", "42601"},
      {"SELECT * FROM t WHERE a = :id", "use $1..$N parameters", "offset 26", "42601"},
      {"SELECT $0", "out of range", "offset 7", "42601"},
      {"SELECT $70000", "out of range", "offset 7", "42601"},
      {"SELECT 'abc", "unterminated string literal", "offset 7", "42601"},
      {"SELECT a\nFROM t\nWHERE b = 'x", "unterminated string", "line 3, column 11 (offset 26)", "42601"},
      {"SELECT a FROM t WHERE", "at end of input", nullptr, "42601"},
      {"SELECT FROM t", "expected an expression near \"FROM\"", "offset 7", "42601"},
      {"SELECT select", "expected an expression", "offset 7", "42601"},
      {"SELECT * FROM select", "reserved word", "offset 14", "42601"},
      {"CREATE TABLE t ()", "expected a column name", "offset 16", "42601"},
      {"CREATE TABLE t (a)", "expected a type name for column \"a\"", "offset 17", "42601"},
      {"CREATE TABLE t (a INT", "expected ',' or ')'", nullptr, "42601"},
      {"INSERT INTO t VALUES (1), (1, 2)", "same length", "offset 26", "42601"},
      {"INSERT INTO t VALUES (DEFAULT + 1)", "expected ',' or ')'", nullptr, "42601"},
      {"SELECT DEFAULT", "only allowed as a whole value", nullptr, "42601"},
      {"INSERT INTO t VALUES (1) ON CONFLICT DO UPDATE SET a = 1", "needs a conflict target", nullptr, "42601"},
      {"SELECT a FROM t LIMIT -1", "non-negative integer", "offset 22", "42601"},
      {"SELECT a FROM t LIMIT a + 1", "non-negative integer", nullptr, "42601"},
      {"SELECT a FROM t LIMIT 1 LIMIT 2", "LIMIT given twice", nullptr, "42601"},
      {"SELECT CASE END", "expected an expression", nullptr, "42601"},
      {"SELECT CASE WHEN 1 THEN 2", "expected END", nullptr, "42601"},
      {"SELECT a IS 5", "expected NULL, TRUE, FALSE or DISTINCT FROM", nullptr, "42601"},
      {"SELECT (1", "expected ')'", nullptr, "42601"},
      {"SELECT 1e999", "out of range", nullptr, "42601"},
      {"DROP TABLE", "expected a name", nullptr, "42601"},
      {"FOO BAR", "expected a statement near \"FOO\"", "offset 0", "42601"},
      {";", "empty statement", nullptr, "42601"},
      {"SELECT a FROM t x y", "expected end of statement near \"y\"", nullptr, "42601"},
      // Outside the subset: 0A000 "not supported: ...".
      {"SELECT a FROM t RIGHT JOIN u ON TRUE", "not supported: RIGHT and FULL joins", "offset 16", "0A000"},
      {"SELECT a FROM t NATURAL JOIN u", "not supported: NATURAL joins", nullptr, "0A000"},
      {"SELECT a FROM t JOIN u USING (a)", "not supported: JOIN ... USING", nullptr, "0A000"},
      {"SELECT a FROM s.t", "not supported: qualified names", nullptr, "0A000"},
      {"SELECT a.b.c FROM t", "not supported: names with more than two parts", nullptr, "0A000"},
      {"WITH RECURSIVE r AS (SELECT 1) SELECT * FROM r", "not supported: WITH RECURSIVE", nullptr, "0A000"},
      {"SELECT (1, 2)", "not supported: row constructors", nullptr, "0A000"},
      {"SELECT a SIMILAR TO 'x'", "not supported: SIMILAR TO", nullptr, "0A000"},
      {"SELECT a = ANY (SELECT 1)", "not supported: ANY/ALL/SOME", nullptr, "0A000"},
      {"SELECT INTERVAL '1 day'", "not supported: intervals", nullptr, "0A000"},
      {"SELECT a COLLATE \"C\" FROM t", "not supported: COLLATE", nullptr, "0A000"},
      {"UPDATE t SET a = 1 FROM u", "not supported: UPDATE ... FROM", nullptr, "0A000"},
      {"DELETE FROM t USING u", "not supported: DELETE ... USING", nullptr, "0A000"},
      {"SELECT DISTINCT ON (a) a FROM t", "not supported: DISTINCT ON", nullptr, "0A000"},
      {"SELECT a FROM t FETCH FIRST 1 ROWS ONLY", "not supported: FETCH", nullptr, "0A000"},
      {"SELECT a FROM t FOR SHARE", "not supported: row locking", nullptr, "0A000"},
      {"SELECT sum(a) FILTER (WHERE a > 0) FROM t", "not supported: FILTER", nullptr, "0A000"},
      {"SELECT sum(a) OVER w FROM t", "not supported: named windows", nullptr, "0A000"},
      {"SELECT sum(a) OVER (ROWS UNBOUNDED PRECEDING) FROM t", "not supported: window frames", nullptr, "0A000"},
      {"CREATE INDEX i ON t (lower(a))", "not supported: expression indexes", nullptr, "0A000"},
      {"CREATE INDEX i ON t (a) WHERE a > 0", "not supported: partial indexes", nullptr, "0A000"},
      {"CREATE TRIGGER x", "not supported: CREATE TRIGGER", nullptr, "0A000"},
      {"CREATE TEMP TABLE x (a INT)", "not supported: CREATE TEMP", nullptr, "0A000"},
      {"CREATE TABLE t AS SELECT 1", "not supported: CREATE TABLE ... AS", nullptr, "0A000"},
      {"DROP TABLE a, b", "not supported: dropping several objects", nullptr, "0A000"},
      {"DROP TABLE a CASCADE", "not supported: DROP ... CASCADE", nullptr, "0A000"},
      {"ALTER TABLE t DROP COLUMN a", "not supported: ALTER TABLE ... DROP", nullptr, "0A000"},
      {"EXPLAIN CREATE TABLE t (a INT)", "not supported: EXPLAIN of statements", nullptr, "0A000"},
      {"PRAGMA foo", "not supported: PRAGMA statements", nullptr, "0A000"},
      {"VACUUM", "not supported: VACUUM statements", nullptr, "0A000"},
      {"TRUNCATE t", "not supported: TRUNCATE statements", nullptr, "0A000"},
      {"INSERT OR REPLACE INTO t VALUES (1)", "not supported: INSERT OR", nullptr, "0A000"},
      {"BEGIN EXCLUSIVE", "not supported: BEGIN EXCLUSIVE", nullptr, "0A000"},
      {"START TRANSACTION ISOLATION LEVEL SERIALIZABLE", "not supported: transaction modes", nullptr, "0A000"},
      {"VALUES (1)", "not supported: VALUES as a query", nullptr, "0A000"},
      {"SELECT CURRENT_TIMESTAMP(3)", "not supported: a precision", nullptr, "0A000"},
      {"CREATE TABLE t (a INT REFERENCES p MATCH FULL)", "not supported: MATCH", nullptr, "0A000"},
      {"SELECT string_agg(a, ',' ORDER BY a) FROM t", "not supported: ORDER BY inside a function", nullptr, "0A000"},
  };
  for (const Case& c : cases) CheckRejected(c.sql, c.fragment, c.position, c.sqlstate);
}

// ------------------------------------------------------------------ precedence

TEST(Parser, PrecedenceFollowsPostgres) {
  const char* cases[][2] = {
      {"1 + 2 * 3", "(1 + (2 * 3))"},
      {"1 * 2 + 3", "((1 * 2) + 3)"},
      {"1 - 2 - 3", "((1 - 2) - 3)"},
      {"a || b || c", "((a || b) || c)"},
      {"a + b || c", "((a + b) || c)"},
      {"a || b = c", "((a || b) = c)"},
      {"-a * b", "((-a) * b)"},
      {"-a::INT", "(-(a::INT))"},
      {"a::INT::TEXT", "((a::INT)::TEXT)"},
      {"a = b AND c = d OR e", "(((a = b) AND (c = d)) OR e)"},
      {"a OR b AND c", "(a OR (b AND c))"},
      {"NOT a AND b", "((NOT a) AND b)"},
      {"NOT a = b", "(NOT (a = b))"},
      {"NOT a IS NULL", "(NOT (a IS NULL))"},
      {"NOT NOT a", "(NOT (NOT a))"},
      {"a = b IS NULL", "((a = b) IS NULL)"},
      {"a IS NULL = b", "((a IS NULL) = b)"},
      {"a IS NULL IS NOT NULL", "((a IS NULL) IS NOT NULL)"},
      {"a IS DISTINCT FROM b = c", "(a IS DISTINCT FROM (b = c))"},
      {"a < b LIKE c", "(a < (b LIKE c))"},
      {"a LIKE b < c", "((a LIKE b) < c)"},
      {"a BETWEEN 1 AND 2 AND b", "((a BETWEEN 1 AND 2) AND b)"},
      {"a BETWEEN b + 1 AND c * 2", "(a BETWEEN (b + 1) AND (c * 2))"},
      {"a NOT BETWEEN 1 AND 2 = TRUE", "((a NOT BETWEEN 1 AND 2) = TRUE)"},
      {"a || b LIKE c || d", "((a || b) LIKE (c || d))"},
      {"a + 1 IN (1, 2)", "((a + 1) IN (1, 2))"},
      {"a IN (1) = b IN (2)", "((a IN (1)) = (b IN (2)))"},
      {"a LIKE b ESCAPE c = d", "((a LIKE b ESCAPE c) = d)"},
      {"(a + b) * c", "((a + b) * c)"},
      {"((((a))))", "a"},
      {"a - -1", "(a - (-1))"},
      {"- -1", "(-(-1))"},
      {"-(1)", "(-(1))"},
      {"-9223372036854775808", "-9223372036854775808"},
      {"a = NOT b", "(a = (NOT b))"},
      {"CASE WHEN a THEN b END || c", "(CASE WHEN a THEN b END || c)"},
      {"count(*) + 1", "(count(*) + 1)"},
      {"x.y * 2 / 3 % 4", "(((x.y * 2) / 3) % 4)"},
  };
  for (auto& c : cases) {
    std::string got = Explicit(c[0]);
    if (got != c[1]) {
      ddbtest::ReportFailure(__FILE__, __LINE__, std::string(c[0]) + "\n      got:  " + got + "\n      want: " + c[1]);
    }
  }
}

TEST(Parser, CanonicalFormUsesMinimalParentheses) {
  const char* cases[][2] = {
      {"SELECT (a + b) * c, a + (b * c), (a - b) - c, a - (b - c)", "SELECT (a + b) * c, a + b * c, a - b - c, a - (b - c)"},
      {"SELECT (a = b) = c", "SELECT (a = b) = c"},
      {"SELECT (NOT a) = b, NOT (a = b)", "SELECT (NOT a) = b, NOT a = b"},
      {"SELECT (-5)::INT, -(5::INT), (- a)::INT", "SELECT (-5)::INT, -5::INT, (-a)::INT"},
      {"SELECT (a LIKE b) LIKE c", "SELECT (a LIKE b) LIKE c"},
      {"SELECT (a OR b) AND c", "SELECT (a OR b) AND c"},
  };
  for (auto& c : cases) CheckAccepted(c[0], c[1]);
}

// ------------------------------------------------------------------ AST details

TEST(Parser, LiteralsFoldAndRememberSourceText) {
  auto r = ParseStatement("SELECT -9223372036854775808");
  ASSERT_TRUE(r.ok());
  const Expr* e = FirstItem(*r);
  ASSERT_TRUE(e->kind == ExprKind::kLiteral && e->literal.kind == LiteralKind::kInt);
  EXPECT_EQ(e->literal.int_value, std::numeric_limits<int64_t>::min());

  r = ParseStatement("SELECT 9223372036854775808");
  ASSERT_TRUE(r.ok());
  e = FirstItem(*r);
  ASSERT_TRUE(e->literal.kind == LiteralKind::kFloat);
  EXPECT_EQ(std::string(e->literal.text), "9223372036854775808");

  r = ParseStatement("SELECT -0.10");
  ASSERT_TRUE(r.ok());
  e = FirstItem(*r);
  ASSERT_TRUE(e->literal.kind == LiteralKind::kFloat);
  EXPECT_EQ(std::string(e->literal.text), "-0.10");
  EXPECT_EQ(e->literal.float_value, -0.1);
  EXPECT_EQ(e->pos, 7u);

  r = ParseStatement("SELECT -5::INT");
  ASSERT_TRUE(r.ok());
  e = FirstItem(*r);
  EXPECT_TRUE(e->kind == ExprKind::kUnary && e->unary.operand->kind == ExprKind::kCast);
}

TEST(Parser, RecordsParametersTypesAndPositions) {
  auto r = ParseStatement("SELECT $3, $1 FROM t WHERE a = $3");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->param_count, 3);
  r = ParseStatement("SELECT 1");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->param_count, 0);

  r = ParseStatement("CREATE TABLE t (price  Decimal ( 10 ,2 ) NOT NULL, at timestamp  without   time zone)");
  ASSERT_TRUE(r.ok());
  const CreateTableStmt* ct = r->stmt->create_table;
  ASSERT_EQ(ct->columns.size, 2u);
  EXPECT_EQ(std::string(ct->columns[0].type.text), "Decimal(10,2)");
  EXPECT_EQ(std::string(ct->columns[1].type.text), "timestamp without time zone");
  EXPECT_EQ(ct->columns[1].name.pos, 51u);

  r = ParseStatement("  SELECT a FROM \"Tab\" ;  ");
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(std::string(r->text), "SELECT a FROM \"Tab\"");
  EXPECT_EQ(r->text_offset, 2u);
  const TableRef* from = r->stmt->select->body->core->from;
  EXPECT_TRUE(from->name.quoted);
  EXPECT_TRUE(IdentEquals(from->name.name, "tab"));
}

TEST(Parser, ExprEqualsComparesStructure) {
  auto eq = [](const char* a, const char* b) {
    auto ra = ParseStatement(std::string("SELECT ") + a);
    auto rb = ParseStatement(std::string("SELECT ") + b);
    if (!ra.ok() || !rb.ok()) return false;
    return ExprEquals(FirstItem(*ra), FirstItem(*rb));
  };
  EXPECT_TRUE(eq("a + 1", "A+1"));
  EXPECT_TRUE(eq("t.\"Name\"", "T.name"));
  EXPECT_TRUE(eq("CAST(x AS int)", "x::INT"));
  EXPECT_TRUE(eq("a != b", "a <> b"));
  EXPECT_TRUE(eq("((a))", "a"));
  EXPECT_TRUE(eq("count(DISTINCT x)", "COUNT(DISTINCT x)"));
  EXPECT_TRUE(eq("row_number() OVER (PARTITION BY a ORDER BY b DESC)", "ROW_NUMBER() OVER (PARTITION BY a ORDER BY b DESC)"));
  EXPECT_TRUE(eq("a IN (SELECT 1)", "a IN (SELECT 1)"));
  EXPECT_TRUE(eq("CASE WHEN a THEN 1 ELSE 2 END", "CASE WHEN a THEN 1 ELSE 2 END"));
  EXPECT_FALSE(eq("a + 1", "1 + a"));
  EXPECT_FALSE(eq("a - b - c", "a - (b - c)"));
  EXPECT_FALSE(eq("t.a", "a"));
  EXPECT_FALSE(eq("1.5", "1.50"));
  EXPECT_FALSE(eq("count(x)", "count(DISTINCT x)"));
  EXPECT_FALSE(eq("a LIKE b", "a ILIKE b"));
  EXPECT_FALSE(eq("a LIKE b", "a LIKE b ESCAPE 'x'"));
  EXPECT_FALSE(eq("CASE WHEN a THEN 1 END", "CASE WHEN a THEN 1 ELSE NULL END"));
  EXPECT_FALSE(eq("$1", "$2"));
  EXPECT_FALSE(eq("TRIM(LEADING FROM s)", "TRIM(s)"));
  EXPECT_TRUE(ExprEquals(nullptr, nullptr));
}

// ------------------------------------------------------------------ limits

TEST(Parser, NestingLimitsAreEnforcedWithoutOverflow) {
  auto nested = [](const char* open, const char* mid, const char* close, int n) {
    std::string s = "SELECT ";
    for (int i = 0; i < n; ++i) s += open;
    s += mid;
    for (int i = 0; i < n; ++i) s += close;
    return s;
  };
  EXPECT_TRUE(ParseStatement(nested("(", "1", ")", 900)).ok());
  auto r = ParseStatement(nested("(", "1", ")", 1001));
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status().message(), "limit of 1000"));
  r = ParseStatement(nested("(", "1", ")", 200000));
  EXPECT_TRUE(Contains(r.status().message(), "limit of 1000"));
  r = ParseStatement(nested("NOT ", "TRUE", "", 200000));
  EXPECT_TRUE(Contains(r.status().message(), "limit of 1000"));
  r = ParseStatement(nested("- ", "a", "", 200000));
  EXPECT_TRUE(Contains(r.status().message(), "limit of 1000"));
  r = ParseStatement(nested("abs(", "1", ")", 5000));
  EXPECT_TRUE(Contains(r.status().message(), "limit of 1000"));
  r = ParseStatement(nested("CASE WHEN ", "1", " THEN 1 END", 5000));
  EXPECT_TRUE(Contains(r.status().message(), "limit of 1000"));
  // Long flat chains are not nesting in the parser (left-deep loop).
  std::string chain = "SELECT 1";
  for (int i = 0; i < 100000; ++i) chain += " + 1";
  EXPECT_TRUE(ParseStatement(chain).ok());

  EXPECT_TRUE(ParseStatement(nested("(SELECT ", "1", ")", 60)).ok());
  r = ParseStatement(nested("(SELECT ", "1", ")", 70));
  EXPECT_TRUE(Contains(r.status().message(), "limit of 64"));
  std::string from = "SELECT * FROM ";
  for (int i = 0; i < 10000; ++i) from += "(SELECT * FROM ";
  from += "t";
  r = ParseStatement(from);
  EXPECT_TRUE(Contains(r.status().message(), "limit of 64"));
  std::string joins = "SELECT * FROM ";
  for (int i = 0; i < 100000; ++i) joins += "(";
  r = ParseStatement(joins);
  EXPECT_FALSE(r.ok());
}

namespace {

struct StackRun {
  std::string sql;
  bool parsed = false;
  std::string message;
};

void* ParseOnThread(void* arg) {
  auto* run = static_cast<StackRun*>(arg);
  auto r = ParseStatement(run->sql);
  run->parsed = r.ok();
  if (!r.ok()) run->message = r.status().message();
  return nullptr;
}

}  // namespace

// The engine parses on the caller's thread, which may be a JVM thread with a 1 MiB
// stack: the deepest accepted inputs, and deeper rejected ones, must fit in it.
TEST(Parser, DeepestInputsFitInOneMiBStack) {
#if defined(__SANITIZE_ADDRESS__) || !defined(__OPTIMIZE__)
  const size_t kStack = size_t{16} << 20;  // instrumented or unoptimized frames are larger
#else
  const size_t kStack = size_t{1} << 20;
#endif
  auto nested = [](const char* open, const char* mid, const char* close, int n) {
    std::string s = "SELECT ";
    for (int i = 0; i < n; ++i) s += open;
    s += mid;
    for (int i = 0; i < n; ++i) s += close;
    return s;
  };
  const char* shapes[][3] = {
      {"(", "1", ")"}, {"NOT ", "TRUE", ""}, {"- ", "a", ""}, {"abs(", "1", ")"},
      {"CASE WHEN ", "1", " THEN 1 END"}, {"CAST((", "1", ") AS INT)"}, {"a IN (", "1", ")"},
      {"coalesce(1, ", "1", ")"},
      // An operand and a parenthesized group are two levels each repetition.
      {"a BETWEEN (", "1", ") AND 2"}, {"1 + (", "1", ")"},
      {"TRIM(BOTH 'x' FROM ", "s", ")"}, {"count(DISTINCT ", "1", ")"},
  };
  for (auto& shape : shapes) {
    // Depth 998 leaves room for the select item itself; 3000 must fail cleanly.
    bool two_levels = std::strchr(shape[0], '(') != nullptr && shape[0][0] != '(' &&
                      (std::strstr(shape[0], "BETWEEN") || std::strstr(shape[0], "+"));
    for (int depth : {two_levels ? 498 : 998, 3000}) {
      StackRun run;
      run.sql = nested(shape[0], shape[1], shape[2], depth);
      pthread_attr_t attr;
      pthread_attr_init(&attr);
      pthread_attr_setstacksize(&attr, kStack);
      pthread_t thread;
      ASSERT_EQ(pthread_create(&thread, &attr, ParseOnThread, &run), 0);
      pthread_join(thread, nullptr);
      pthread_attr_destroy(&attr);
      bool want_ok = depth < 1000 && std::strcmp(shape[0], "CAST((") != 0;
      if (want_ok) {
        EXPECT_TRUE(run.parsed);
        if (!run.parsed) std::fprintf(stderr, "    %s x%d: %s\n", shape[0], depth, run.message.c_str());
      } else {
        EXPECT_FALSE(run.parsed);
        EXPECT_TRUE(Contains(run.message, "limit of 1000"));
      }
    }
  }
}

TEST(Parser, TextAndIdentifierLimits) {
  std::string big = "SELECT '" + std::string((16u << 20), 'x') + "'";
  auto r = ParseStatement(big);
  EXPECT_FALSE(r.ok());
  EXPECT_TRUE(Contains(r.status().message(), "16 MiB"));
  EXPECT_TRUE(ParseStatement("SELECT " + std::string(255, 'c')).ok());
  r = ParseStatement("SELECT " + std::string(256, 'c'));
  EXPECT_TRUE(Contains(r.status().message(), "longer than 255 bytes"));
  std::string cols = "CREATE TABLE t (c0 INT";
  for (int i = 1; i < 1001; ++i) cols += ", c" + std::to_string(i) + " INT";
  r = ParseStatement(cols + ")");
  EXPECT_TRUE(Contains(r.status().message(), "more than 1000 columns"));
}

// ------------------------------------------------------------------ scripts

TEST(Script, SplitsStatementsAndSkipsEmptyOnes) {
  const char* script =
      "CREATE TABLE t (a INT);\n"
      "-- a comment between statements\n"
      "INSERT INTO t VALUES (1), (2);;\n"
      " ; /* empty */ ;\n"
      "SELECT 'a;b' FROM t WHERE a = $2";
  auto r = ParseScript(script);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->size(), 3u);
  EXPECT_TRUE((*r)[0].stmt->kind == StmtKind::kCreateTable);
  EXPECT_TRUE((*r)[1].stmt->kind == StmtKind::kInsert);
  EXPECT_TRUE((*r)[2].stmt->kind == StmtKind::kSelect);
  EXPECT_EQ(std::string((*r)[1].text), "INSERT INTO t VALUES (1), (2)");
  EXPECT_EQ(std::string((*r)[2].text), "SELECT 'a;b' FROM t WHERE a = $2");
  EXPECT_EQ((*r)[2].param_count, 2);
  EXPECT_EQ((*r)[0].param_count, 0);

  auto empty = ParseScript("  -- nothing\n ;; ");
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->size(), 0u);
}

TEST(Script, StopsAtTheFirstBadStatementWithScriptPosition) {
  ScriptParser sp("SELECT 1;\nSELECT 2;\nSELEC 3;\nSELECT 4");
  ParsedStatement ps;
  bool done = false;
  ASSERT_OK(sp.Next(&ps, &done));
  EXPECT_FALSE(done);
  ASSERT_OK(sp.Next(&ps, &done));
  EXPECT_FALSE(done);
  Status s = sp.Next(&ps, &done);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(Contains(s.message(), "line 3, column 1 (offset 20)"));
  // A lexical error in a later statement does not fail an earlier one.
  ScriptParser sp2("SELECT 1; SELECT ?");
  ASSERT_OK(sp2.Next(&ps, &done));
  s = sp2.Next(&ps, &done);
  EXPECT_TRUE(Contains(s.message(), "use $1..$N"));
}
