// Seeded mutation fuzzer for the SQL front end. Inputs come from a grammar-based
// generator (random statements over the whole supported surface), from byte and token
// mutations of a corpus of valid statements, and from random token soup. Every input
// must parse or fail with ERR_SQL and a position; every accepted input must round-trip
// (parse(print(ast)) has the same explicit print). DDB_FUZZ_ITERATIONS sets the count
// (default 100000) and DDB_SEED the seed. Strategy: ENGINE.md §12 (fuzzing).
#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>
#include <vector>

#include "harness/test.h"
#include "sql/lexer.h"
#include "sql/parser.h"
#include "sql/printer.h"

using namespace decentdb;
using namespace decentdb::sql;

namespace {

class Gen {
 public:
  explicit Gen(uint64_t seed) : rng_(seed) {}

  uint64_t Next() { return rng_(); }
  size_t Below(size_t n) { return n == 0 ? 0 : static_cast<size_t>(rng_() % n); }
  bool Chance(int percent) { return static_cast<int>(Below(100)) < percent; }
  template <typename T, size_t N>
  const T& Pick(const T (&arr)[N]) { return arr[Below(N)]; }

  // strict: every compound sub-expression is parenthesized, so the text must parse.
  bool strict = true;
  int subquery_budget = 0;

  std::string Ident() {
    static const char* const kNames[] = {"a", "b", "c", "id", "name", "t", "u", "x1", "Price",
                                         "\"Mixed Case\"", "\"select\"", "\"q\"\"uote\"", "date",
                                         "key", "value", "first", "nulls", "_under$score"};
    return Pick(kNames);
  }
  std::string Table() {
    static const char* const kTables[] = {"t", "u", "orders", "\"Order Items\"", "artist", "v"};
    return Pick(kTables);
  }
  std::string Type() {
    static const char* const kTypes[] = {
        "INT", "INTEGER", "BIGINT", "smallint", "TEXT", "VARCHAR(40)", "varchar ( 8 )",
        "DECIMAL(10,2)", "NUMERIC(5, 0)", "numeric", "DOUBLE PRECISION", "REAL", "FLOAT(24)",
        "BOOLEAN", "BLOB", "BYTEA", "UUID", "DATE", "TIME", "TIMESTAMP",
        "TIMESTAMP WITH TIME ZONE", "timestamp without time zone", "TIME(3) WITH TIME ZONE",
        "CHARACTER VARYING(20)", "char(2)", "JSON"};
    return Pick(kTypes);
  }

  std::string Literal() {
    switch (Below(14)) {
      case 0: return std::to_string(static_cast<int64_t>(Next() % 1000));
      case 1: return std::to_string(static_cast<int64_t>(Next()));
      case 2: return "9223372036854775808";
      case 3: return "-9223372036854775808";
      case 4: return "1.5";
      case 5: return ".25";
      case 6: return "1e-3";
      case 7: return "'it''s'";
      case 8: return "''";
      case 9: return "X'0aFF'";
      case 10: return Pick({"NULL", "TRUE", "FALSE"});
      case 11: return Pick({"DATE '2024-01-02'", "TIME '10:11:12'", "TIMESTAMP '2024-01-02 03:04:05'"});
      case 12: return "$" + std::to_string(1 + Below(20));
      default: return Pick({"CURRENT_TIMESTAMP", "CURRENT_DATE", "now()", "gen_random_uuid()"});
    }
  }

  std::string Column() {
    if (Chance(30)) return Table() + "." + Ident();
    return Ident();
  }

  std::string Wrap(const std::string& s) { return strict || Chance(50) ? "(" + s + ")" : s; }

  std::string Expr(int depth) {
    if (depth <= 0 || Chance(25)) return Chance(50) ? Literal() : Column();
    auto sub = [&]() { return Wrap(Expr(depth - 1)); };
    switch (Below(22)) {
      case 0: case 1: case 2: {
        static const char* const kOps[] = {"+", "-", "*", "/", "%", "||", "=", "<>", "!=", "<",
                                           "<=", ">", ">=", "AND", "OR"};
        return sub() + " " + Pick(kOps) + " " + sub();
      }
      case 3: return Pick({"NOT ", "-", "+", "- "}) + sub();
      case 4: return sub() + Pick({" IS NULL", " IS NOT NULL", " IS TRUE", " IS NOT FALSE"});
      case 5: return sub() + Pick({" IS DISTINCT FROM ", " IS NOT DISTINCT FROM "}) + sub();
      case 6: return sub() + Pick({" BETWEEN ", " NOT BETWEEN "}) + sub() + " AND " + sub();
      case 7: {
        std::string s = sub() + Pick({" IN (", " NOT IN ("});
        size_t n = 1 + Below(4);
        for (size_t i = 0; i < n; ++i) s += (i ? ", " : "") + Expr(depth - 1);
        return s + ")";
      }
      case 8: {
        std::string s = sub() + Pick({" LIKE ", " NOT LIKE ", " ILIKE ", " NOT ILIKE "}) + sub();
        if (Chance(30)) s += " ESCAPE " + sub();
        return s;
      }
      case 9: {
        std::string s = "CASE";
        if (Chance(40)) s += " " + Expr(depth - 1);
        size_t n = 1 + Below(3);
        for (size_t i = 0; i < n; ++i) s += " WHEN " + Expr(depth - 1) + " THEN " + Expr(depth - 1);
        if (Chance(50)) s += " ELSE " + Expr(depth - 1);
        return s + " END";
      }
      case 10: return "CAST(" + Expr(depth - 1) + " AS " + Type() + ")";
      case 11: return sub() + "::" + Type();
      case 12: {
        static const char* const kFuncs[] = {"abs", "coalesce", "nullif", "lower", "upper", "length",
                                             "round", "substr", "replace", "concat", "LEFT", "right",
                                             "\"My Func\"", "max", "min", "sum", "avg"};
        std::string s = std::string(Pick(kFuncs)) + "(";
        if (Chance(10)) s += "DISTINCT ";
        size_t n = Below(4);
        if (n == 0) n = 1;
        for (size_t i = 0; i < n; ++i) s += (i ? ", " : "") + Expr(depth - 1);
        return s + ")";
      }
      case 13: return Pick({"count(*)", "COUNT(*)"}) + std::string(Chance(20) ? " OVER ()" : "");
      case 14: return "count(DISTINCT " + Expr(depth - 1) + ")";
      case 15:
        switch (Below(6)) {
          case 0: return "TRIM(" + Expr(depth - 1) + ")";
          case 1: return "TRIM(" + std::string(Pick({"LEADING", "TRAILING", "BOTH"})) + " FROM " + Expr(depth - 1) + ")";
          case 2: return "trim(" + std::string(Pick({"LEADING ", "TRAILING ", "BOTH ", ""})) + Expr(depth - 1) + " FROM " + Expr(depth - 1) + ")";
          case 3: return "SUBSTRING(" + Expr(depth - 1) + " FROM " + Expr(depth - 1) + (Chance(50) ? " FOR " + Expr(depth - 1) : "") + ")";
          case 4: return "POSITION(" + Wrap(Expr(depth - 1)) + " IN " + Expr(depth - 1) + ")";
          default: return "EXTRACT(" + std::string(Pick({"YEAR", "month", "Day", "epoch"})) + " FROM " + Expr(depth - 1) + ")";
        }
      case 16:
        if (subquery_budget <= 0) return Literal();
        --subquery_budget;
        return Pick({"EXISTS ", "NOT EXISTS "}) + std::string("(") + Select(depth - 1) + ")";
      case 17:
        if (subquery_budget <= 0) return Column();
        --subquery_budget;
        return "(" + Select(depth - 1) + ")";
      case 18:
        if (subquery_budget <= 0) return Column();
        --subquery_budget;
        return sub() + Pick({" IN (", " NOT IN ("}) + Select(depth - 1) + ")";
      case 19: {
        std::string s = std::string(Pick({"row_number()", "rank()", "sum(x)"})) + " OVER (";
        bool any = false;
        if (Chance(60)) {
          s += "PARTITION BY " + Expr(depth - 1);
          any = true;
        }
        if (Chance(70)) s += std::string(any ? " " : "") + "ORDER BY " + OrderItems(depth - 1);
        return s + ")";
      }
      case 20: return "$" + std::to_string(1 + Below(65535));
      default: return Wrap(Expr(depth - 1));
    }
  }

  std::string OrderItems(int depth) {
    std::string s;
    size_t n = 1 + Below(3);
    for (size_t i = 0; i < n; ++i) {
      s += (i ? ", " : "") + Expr(depth);
      s += Pick({"", " ASC", " DESC"});
      s += Pick({"", "", " NULLS FIRST", " NULLS LAST"});
    }
    return s;
  }

  std::string Alias() { return Pick({"", " AS x", " y", " AS \"Alias\"", " AS from"}); }

  std::string TablePrimary(int depth) {
    if (subquery_budget > 0 && Chance(15)) {
      --subquery_budget;
      return "(" + Select(depth - 1) + ")" + Pick({" AS s", " s", " s(p, q)", ""});
    }
    return Table() + Pick({"", " AS x", " y", " AS \"Z\"", " w(c1, c2)"});
  }

  std::string From(int depth) {
    std::string s = TablePrimary(depth);
    size_t n = Below(4);
    for (size_t i = 0; i < n; ++i) {
      switch (Below(5)) {
        case 0: s += ", " + TablePrimary(depth); break;
        case 1: s += " CROSS JOIN " + TablePrimary(depth); break;
        case 2: s += " LEFT JOIN " + TablePrimary(depth) + " ON " + Expr(depth - 1); break;
        case 3: s += " LEFT OUTER JOIN " + TablePrimary(depth) + " ON " + Expr(depth - 1); break;
        default: s += Pick({" JOIN ", " INNER JOIN "}) + TablePrimary(depth) + " ON " + Expr(depth - 1); break;
      }
    }
    return s;
  }

  std::string SelectItems(int depth) {
    std::string s;
    size_t n = 1 + Below(4);
    for (size_t i = 0; i < n; ++i) {
      if (i) s += ", ";
      switch (Below(8)) {
        case 0: s += "*"; break;
        case 1: s += Table() + ".*"; break;
        default: s += Expr(depth) + Alias(); break;
      }
    }
    return s;
  }

  std::string Core(int depth) {
    std::string s = Pick({"SELECT ", "SELECT DISTINCT ", "select all "}) + SelectItems(depth);
    if (Chance(80)) s += " FROM " + From(depth);
    if (Chance(50)) s += " WHERE " + Expr(depth);
    if (Chance(20)) {
      s += " GROUP BY " + Expr(depth);
      if (Chance(50)) s += ", " + Expr(depth);
      if (Chance(50)) s += " HAVING " + Expr(depth);
    }
    return s;
  }

  std::string Limit() {
    return Pick({"10", "0", "$1", "$7"});
  }

  std::string Select(int depth) {
    std::string s;
    if (subquery_budget > 0 && Chance(10)) {
      --subquery_budget;
      s += "WITH cte" + std::string(Chance(50) ? "(k)" : "") + " AS (" + Select(depth - 1) + ") ";
    }
    s += Core(depth);
    size_t setops = Chance(20) ? 1 + Below(2) : 0;
    for (size_t i = 0; i < setops; ++i) {
      s += Pick({" UNION ", " UNION ALL ", " INTERSECT ", " EXCEPT ", " EXCEPT ALL "});
      if (subquery_budget > 0 && Chance(20)) {
        --subquery_budget;
        s += "(" + Select(depth - 1) + ")";
      } else {
        s += Core(depth);
      }
    }
    if (Chance(30)) s += " ORDER BY " + OrderItems(depth);
    if (Chance(25)) s += Chance(20) ? " LIMIT ALL" : " LIMIT " + Limit();
    if (Chance(15)) s += " OFFSET " + Limit();
    if (Chance(5)) s += " FOR UPDATE";
    return s;
  }

  std::string ColumnDef(int depth) {
    std::string s = Ident() + " " + Type();
    size_t n = Below(4);
    for (size_t i = 0; i < n; ++i) {
      if (Chance(15)) s += " CONSTRAINT c" + std::to_string(i);
      switch (Below(8)) {
        case 0: s += Pick({" PRIMARY KEY", " PRIMARY KEY DESC"}); break;
        case 1: s += " NOT NULL"; break;
        case 2: s += " NULL"; break;
        case 3: s += " UNIQUE"; break;
        case 4: s += " DEFAULT " + Wrap(Expr(depth - 1)); break;
        case 5: s += " CHECK (" + Expr(depth - 1) + ")"; break;
        default:
          s += " REFERENCES " + Table() + Pick({"", "(id)"}) +
               Pick({"", " ON DELETE RESTRICT", " ON DELETE CASCADE", " ON UPDATE NO ACTION",
                     " ON DELETE SET NULL ON UPDATE SET DEFAULT"});
          break;
      }
    }
    return s;
  }

  std::string Returning(int depth) {
    if (!Chance(30)) return "";
    return " RETURNING " + SelectItems(depth);
  }

  std::string Statement(int depth) {
    subquery_budget = static_cast<int>(Below(4));
    switch (Below(16)) {
      case 0: case 1: case 2: case 3: return Select(depth);
      case 4: {
        std::string s = "INSERT INTO " + Table();
        if (Chance(60)) s += " (" + Ident() + ", " + Ident() + ")";
        switch (Below(4)) {
          case 0: s += " DEFAULT VALUES"; break;
          case 1: s += " " + Select(depth); break;
          default: {
            s += " VALUES ";
            size_t rows = 1 + Below(3);
            for (size_t r = 0; r < rows; ++r) {
              s += (r ? ", (" : "(") + Expr(depth) + ", " + (Chance(20) ? "DEFAULT" : Expr(depth)) + ")";
            }
          }
        }
        if (Chance(25)) {
          s += Pick({" ON CONFLICT DO NOTHING", " ON CONFLICT (a) DO NOTHING", " ON CONFLICT (a, b)",
                     " ON CONFLICT ON CONSTRAINT pk"});
          if (s.back() != 'G') {
            s += " DO UPDATE SET " + Ident() + " = " + Expr(depth) + (Chance(50) ? " WHERE " + Expr(depth) : "");
          }
        }
        return s + Returning(depth);
      }
      case 5: {
        std::string s = "UPDATE " + Table() + Pick({"", " AS z", " z"}) + " SET " + Ident() + " = " + Expr(depth);
        if (Chance(40)) s += ", " + Ident() + " = " + (Chance(30) ? "DEFAULT" : Expr(depth));
        if (Chance(70)) s += " WHERE " + Expr(depth);
        return s + Returning(depth);
      }
      case 6: {
        std::string s = "DELETE FROM " + Table() + Pick({"", " AS z", " z"});
        if (Chance(70)) s += " WHERE " + Expr(depth);
        return s + Returning(depth);
      }
      case 7: {
        std::string s = std::string("CREATE TABLE ") + Pick({"", "IF NOT EXISTS "}) + Table() + " (";
        size_t n = 1 + Below(4);
        for (size_t i = 0; i < n; ++i) s += (i ? ", " : "") + ColumnDef(depth);
        if (Chance(30)) s += ", PRIMARY KEY (" + Ident() + ")";
        if (Chance(20)) s += ", CONSTRAINT uq UNIQUE (" + Ident() + ", " + Ident() + ")";
        if (Chance(20)) s += ", FOREIGN KEY (" + Ident() + ") REFERENCES " + Table() + " (id) ON DELETE CASCADE";
        if (Chance(20)) s += ", CHECK (" + Expr(depth - 1) + ")";
        return s + ")";
      }
      case 8:
        return std::string("CREATE ") + Pick({"", "UNIQUE "}) + "INDEX " + Pick({"", "IF NOT EXISTS "}) +
               "ix ON " + Table() + Pick({"", " USING trigram"}) + " (" + Ident() + Pick({"", " ASC", " DESC"}) +
               (Chance(50) ? ", " + Ident() : "") + ")";
      case 9:
        return std::string("DROP ") + Pick({"TABLE ", "INDEX ", "VIEW "}) + Pick({"", "IF EXISTS "}) + Table();
      case 10:
        return std::string("CREATE ") + Pick({"", "OR REPLACE "}) + "VIEW " + Table() +
               Pick({"", "(p, q)"}) + " AS " + Select(depth);
      case 11:
        switch (Below(3)) {
          case 0: return "ALTER TABLE " + Table() + Pick({" ADD COLUMN ", " ADD "}) + ColumnDef(depth);
          case 1: return "ALTER TABLE " + Table() + " RENAME COLUMN " + Ident() + " TO " + Ident();
          default: return "ALTER TABLE " + Table() + " RENAME TO " + Table();
        }
      case 12:
        return Pick({"BEGIN", "BEGIN TRANSACTION", "BEGIN IMMEDIATE", "START TRANSACTION", "COMMIT",
                     "END", "ROLLBACK", "SAVEPOINT sp", "RELEASE sp", "RELEASE SAVEPOINT sp",
                     "ROLLBACK TO sp", "ROLLBACK TO SAVEPOINT \"Sp\""});
      case 13: {
        std::string inner;
        switch (Below(3)) {
          case 0: inner = "DELETE FROM t WHERE " + Expr(depth); break;
          case 1: inner = "UPDATE t SET a = " + Expr(depth); break;
          default: inner = Select(depth); break;
        }
        return std::string(Pick({"EXPLAIN ", "EXPLAIN ANALYZE "})) + inner;
      }
      default:
        return Select(depth);
    }
  }

 private:
  std::mt19937_64 rng_;
};

const char* const kCorpus[] = {
    "SELECT 1",
    "SELECT a, b AS c, t.* FROM t WHERE a = 1 AND b <> 2 OR NOT c",
    "SELECT -9223372036854775808, 9223372036854775808, 1.5e3, .5, X'0A1B', 'it''s', $1",
    "SELECT a FROM t LEFT JOIN u ON t.id = u.tid JOIN v ON TRUE CROSS JOIN w, z ORDER BY 1 DESC NULLS LAST LIMIT $1 OFFSET 3",
    "SELECT count(*), count(DISTINCT a), row_number() OVER (PARTITION BY a ORDER BY b) FROM t GROUP BY a HAVING count(*) > 1",
    "WITH w(x) AS (SELECT 1) SELECT * FROM w UNION ALL SELECT 2 INTERSECT SELECT 3 EXCEPT SELECT 4",
    "SELECT CASE WHEN a BETWEEN 1 AND 2 THEN 'x' WHEN a IN (SELECT b FROM u) THEN 'y' ELSE NULL END FROM t",
    "SELECT CAST(a AS DECIMAL(10,2)), a::TEXT, TRIM(BOTH 'x' FROM s), SUBSTRING(s FROM 2 FOR 3), POSITION('a' IN s)",
    "SELECT a FROM t WHERE s LIKE 'a\\%%' ESCAPE '\\' AND u NOT ILIKE $2 AND v IS NOT DISTINCT FROM w AND x IS NULL",
    "INSERT INTO t (a, b) VALUES (1, DEFAULT), ($1, $2) ON CONFLICT (a) DO UPDATE SET b = excluded.b WHERE t.b < 3 RETURNING *",
    "INSERT INTO t DEFAULT VALUES",
    "INSERT INTO t SELECT * FROM u WHERE EXISTS (SELECT 1)",
    "UPDATE t SET a = a + 1, b = DEFAULT WHERE id = $1 RETURNING a, b AS bee",
    "DELETE FROM t AS x WHERE x.a IN (1, 2, 3) RETURNING *",
    "CREATE TABLE IF NOT EXISTS t (id INTEGER PRIMARY KEY, name VARCHAR(40) NOT NULL DEFAULT 'x', p INT REFERENCES p(id) ON DELETE CASCADE, ts TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP, CONSTRAINT u1 UNIQUE (name, p), FOREIGN KEY (p) REFERENCES p ON DELETE SET NULL, CHECK (id > 0))",
    "CREATE UNIQUE INDEX IF NOT EXISTS i ON t (a DESC, b)",
    "CREATE INDEX tg ON t USING trigram (name)",
    "DROP TABLE IF EXISTS t",
    "CREATE OR REPLACE VIEW v(a, b) AS SELECT x, y FROM t",
    "ALTER TABLE t ADD COLUMN c INT NOT NULL DEFAULT 0",
    "ALTER TABLE t RENAME COLUMN a TO b",
    "BEGIN IMMEDIATE",
    "ROLLBACK TO SAVEPOINT s",
    "EXPLAIN ANALYZE SELECT * FROM t WHERE id = 1",
    "SELECT \"Mixed\".\"Col\" FROM \"Mixed\" /* comment */ -- tail\n",
    "SELECT a FROM t; SELECT b FROM u;",
    "SELECT * FROM (SELECT a, b FROM t WHERE c IS TRUE) AS s(x, y) WHERE NOT EXISTS (SELECT 1 FROM u WHERE u.x = s.x)",
    "SELECT EXTRACT(YEAR FROM ts), LEFT(s, 2), RIGHT(s, 1), COALESCE(a, b), NULLIF(a, 0) FROM t",
    "INSERT INTO t (a) VALUES (1) ON CONFLICT ON CONSTRAINT t_pk DO NOTHING RETURNING a",
    "SELECT a FROM t WHERE b >= $1 AND b < $2 ORDER BY b NULLS FIRST LIMIT ALL OFFSET $3",
    "ALTER TABLE t RENAME TO u",
    "DROP VIEW IF EXISTS v",
    "START TRANSACTION",
    "RELEASE SAVEPOINT s",
};

const char* const kDictionary[] = {
    "SELECT", "FROM", "WHERE", "(", ")", ",", ";", "'", "\"", "$1", "$0", "?", ":x", "::", "||",
    "<>", "!=", "<=", "NOT", "NULL", "AND", "OR", "IN", "BETWEEN", "LIKE", "ESCAPE", "IS",
    "DISTINCT", "CASE", "WHEN", "THEN", "ELSE", "END", "CAST", "AS", "JOIN", "LEFT", "ON",
    "UNION", "ALL", "ORDER BY", "LIMIT", "OFFSET", "GROUP BY", "HAVING", "DEFAULT", "VALUES",
    "INSERT INTO", "UPDATE", "SET", "DELETE", "RETURNING", "CREATE TABLE", "PRIMARY KEY",
    "REFERENCES", "CHECK", "INDEX", "VIEW", "EXPLAIN", "WITH", "EXISTS", "OVER", "PARTITION BY",
    "--", "/*", "*/", "X'", "x'0", "1e", "1.", ".5", "9223372036854775808", "-", "+", "*", "/",
    "%", "=", "<", ">", ".", "\n", " ", "\t", "TRIM(", "SUBSTRING(", "POSITION(", "EXTRACT(",
    "DATE '", "TIMESTAMP", "DOUBLE PRECISION", "WITH TIME ZONE", "\xc3\xa9", "\xff", "\x80",
    "ON CONFLICT", "DO NOTHING", "DO UPDATE SET", "count(*)", "NULLS FIRST", "FOR UPDATE",
};

std::string Escape(const std::string& s) {
  std::string out;
  for (unsigned char c : s) {
    if (c >= 0x20 && c < 0x7f && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      char buf[8];
      std::snprintf(buf, sizeof(buf), "\\x%02x", c);
      out += buf;
    }
  }
  return out;
}

std::string Mutate(Gen& g, const std::string& base, const std::vector<std::string>& corpus) {
  std::string s = base;
  size_t rounds = 1 + g.Below(4);
  for (size_t r = 0; r < rounds; ++r) {
    size_t pos = g.Below(s.size() + 1);
    switch (g.Below(11)) {
      case 9:
      case 10: {  // token-level edit: keeps most of the statement well-formed
        Arena arena;
        Lexer lx(s, &arena);
        std::vector<std::pair<size_t, size_t>> toks;  // (offset, length)
        Token t;
        while (lx.Next(&t).ok() && t.kind != Tok::kEnd && toks.size() < 4096) toks.emplace_back(t.pos, t.len);
        if (toks.empty()) break;
        auto tok = toks[g.Below(toks.size())];
        std::string text = s.substr(tok.first, tok.second);
        switch (g.Below(4)) {
          case 0: s.erase(tok.first, tok.second); break;
          case 1: s.insert(tok.first, text + " "); break;
          case 2: s.replace(tok.first, tok.second, g.Pick(kDictionary)); break;
          default: {
            auto other = toks[g.Below(toks.size())];
            s.insert(tok.first, s.substr(other.first, other.second) + " ");
            break;
          }
        }
        break;
      }
      case 0:  // flip a byte
        if (!s.empty()) s[g.Below(s.size())] = static_cast<char>(g.Next());
        break;
      case 1:  // insert a random byte
        s.insert(pos, 1, static_cast<char>(g.Next()));
        break;
      case 2: {  // delete a range
        if (s.empty()) break;
        size_t at = g.Below(s.size());
        s.erase(at, 1 + g.Below(8));
        break;
      }
      case 3:  // insert a dictionary token
        s.insert(pos, std::string(" ") + g.Pick(kDictionary) + " ");
        break;
      case 4: {  // duplicate a range
        if (s.empty()) break;
        size_t at = g.Below(s.size());
        size_t len = 1 + g.Below(16);
        s.insert(pos, s.substr(at, len));
        break;
      }
      case 5: {  // splice with another corpus entry
        const std::string& other = corpus[g.Below(corpus.size())];
        size_t cut = g.Below(other.size() + 1);
        s = s.substr(0, pos) + other.substr(cut);
        break;
      }
      case 6:  // truncate
        s.resize(pos);
        break;
      case 7: {  // deep nesting bursts
        std::string open = g.Pick({"(", "NOT ", "- ", "(SELECT ", "abs(", "CASE WHEN "});
        size_t n = g.Chance(5) ? 1000 + g.Below(2000) : 1 + g.Below(20);
        std::string burst;
        for (size_t i = 0; i < n; ++i) burst += open;
        s.insert(pos, burst);
        break;
      }
      default: {  // replace a byte with a structural character
        if (s.empty()) break;
        s[g.Below(s.size())] = g.Pick({'(', ')', '\'', '"', ',', ';', '$', ':', '-', '/', '*', '.', '\0'});
        break;
      }
    }
    if (s.size() > 200000) s.resize(200000);
  }
  return s;
}

std::string TokenSoup(Gen& g) {
  std::string s;
  size_t n = 1 + g.Below(30);
  for (size_t i = 0; i < n; ++i) {
    if (g.Chance(30)) {
      s += g.Chance(50) ? "a" : std::to_string(g.Below(100));
    } else {
      s += g.Pick(kDictionary);
    }
    s += " ";
  }
  return s;
}

struct Stats {
  uint64_t inputs = 0;
  uint64_t accepted = 0;
  uint64_t rejected = 0;
  uint64_t generated = 0;
  int failures = 0;
};

void Fail(Stats* st, uint64_t iter, const std::string& what, const std::string& input) {
  ++st->failures;
  if (st->failures > 10) return;
  ddbtest::ReportFailure(__FILE__, __LINE__, "iteration " + std::to_string(iter) + ": " + what +
                                                 "\n      input: " + Escape(input.substr(0, 2000)));
}

// The properties every input must satisfy; returns true when it parsed.
bool CheckInput(Stats* st, uint64_t iter, const std::string& input) {
  ++st->inputs;
  auto r = ParseStatement(input);
  if (!r.ok()) {
    ++st->rejected;
    const Status& s = r.status();
    if (!s.Is(Code::kSql)) Fail(st, iter, "error is not ERR_SQL: " + s.ToString(), input);
    bool positioned = s.message().find("at line ") != std::string::npos ||
                      s.message() == "empty statement" || s.message().find("16 MiB") != std::string::npos;
    if (!positioned) Fail(st, iter, "error without a position: " + s.ToString(), input);
    return false;
  }
  ++st->accepted;
  std::string printed = StmtToSql(r->stmt);
  auto again = ParseStatement(printed);
  if (!again.ok()) {
    Fail(st, iter, "printed form does not parse: " + printed + "\n      " + again.status().ToString(), input);
    return true;
  }
  std::string a = StmtToSql(r->stmt, PrintMode::kExplicit);
  std::string b = StmtToSql(again->stmt, PrintMode::kExplicit);
  if (a != b) Fail(st, iter, "round trip changed the tree:\n      " + a + "\n      " + b, input);
  if (StmtToSql(again->stmt) != printed) Fail(st, iter, "canonical form is not a fixed point: " + printed, input);
  // Structural equality must agree with the round trip for select-list expressions.
  if (r->stmt->kind == StmtKind::kSelect && r->stmt->select->body->kind == QueryBody::kCore) {
    const auto& x = r->stmt->select->body->core->items;
    const auto& y = again->stmt->select->body->core->items;
    for (uint32_t i = 0; i < x.size && i < y.size; ++i) {
      if (x[i].kind == SelectItem::kExpr && !ExprEquals(x[i].expr, y[i].expr)) {
        Fail(st, iter, "ExprEquals disagrees with the round trip: " + ExprToSql(x[i].expr), input);
      }
    }
  }
  return true;
}

void CheckScript(Stats* st, uint64_t iter, const std::string& input) {
  ScriptParser sp(input);
  for (int i = 0; i < 64; ++i) {
    ParsedStatement ps;
    bool done = false;
    Status s = sp.Next(&ps, &done);
    if (!s.ok()) {
      if (!s.Is(Code::kSql)) Fail(st, iter, "script error is not ERR_SQL: " + s.ToString(), input);
      return;
    }
    if (done) return;
    // Each statement's own text must parse on its own to the same tree.
    auto alone = ParseStatement(ps.text);
    if (!alone.ok()) {
      Fail(st, iter, "script statement does not parse alone: " + std::string(ps.text), input);
      return;
    }
    if (StmtToSql(alone->stmt, PrintMode::kExplicit) != StmtToSql(ps.stmt, PrintMode::kExplicit)) {
      Fail(st, iter, "script statement parses differently alone", input);
    }
  }
}

uint64_t Iterations() {
  const char* env = std::getenv("DDB_FUZZ_ITERATIONS");
  if (env != nullptr && *env != '\0') return std::strtoull(env, nullptr, 10);
  return 100000;
}

}  // namespace

TEST(ParserFuzz, GeneratedAndMutatedInputsNeverBreakTheParser) {
  const uint64_t iterations = Iterations();
  const uint64_t seed = ddbtest::TestSeed();
  Gen g(seed);
  Stats st;
  std::vector<std::string> corpus(std::begin(kCorpus), std::end(kCorpus));
  const size_t kCorpusCap = 512;
  for (uint64_t i = 0; i < iterations && st.failures <= 10; ++i) {
    std::string input;
    size_t kind = g.Below(10);
    if (kind < 3) {
      g.strict = g.Chance(60);
      input = g.Statement(1 + static_cast<int>(g.Below(4)));
      ++st.generated;
      bool ok = CheckInput(&st, i, input);
      if (g.strict && !ok) {
        auto r = ParseStatement(input);
        Fail(&st, i, "generated statement rejected: " + r.status().ToString(), input);
      }
      if (ok) {
        if (corpus.size() < kCorpusCap) corpus.push_back(input);
        else corpus[g.Below(kCorpusCap)] = input;
      }
      continue;
    }
    if (kind < 9) {
      input = Mutate(g, corpus[g.Below(corpus.size())], corpus);
    } else {
      input = TokenSoup(g);
    }
    CheckInput(&st, i, input);
    if (i % 8 == 0) CheckScript(&st, i, input);
  }
  std::fprintf(stderr, "  fuzz: seed=%llu inputs=%llu accepted=%llu rejected=%llu generated=%llu\n",
               static_cast<unsigned long long>(seed), static_cast<unsigned long long>(st.inputs),
               static_cast<unsigned long long>(st.accepted), static_cast<unsigned long long>(st.rejected),
               static_cast<unsigned long long>(st.generated));
  EXPECT_EQ(st.failures, 0);
  EXPECT_GT(st.accepted, st.inputs / 20);
}
