// Trigram index through SQL (ENGINE.md §7.6, §9.1, §9.7): LIKE and ILIKE answered through
// the index must equal a full scan of an unindexed copy of the table, for thousands of
// random patterns (short ones, '_', ESCAPE, non-ASCII, NULLs, parameters and literals)
// over random text that keeps changing through INSERT, UPDATE, DELETE, committed and
// rolled-back transactions and failed statements; EXPLAIN shows when the index is used.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include "decentdb.h"
#include "harness/test.h"

namespace {

struct Db {
  explicit Db(const char* options = nullptr) { db = decentdb_open(":memory:", options); }
  ~Db() {
    if (db != nullptr) decentdb_close(db);
  }
  int Exec(const std::string& sql) { return decentdb_exec(db, sql.c_str()); }
  std::string Error() const {
    return std::string(decentdb_last_error_sqlstate(db)) + " " + decentdb_last_error_message(db);
  }
  // The rows of a query as "a|b" strings, or "ERR <sqlstate>" as the only row.
  std::vector<std::string> Rows(const std::string& sql, const std::vector<const char*>& params = {}) {
    decentdb_stmt* st = nullptr;
    std::vector<std::string> out;
    if (decentdb_prepare(db, sql.c_str(), &st) != DECENTDB_OK) return {"ERR " + std::string(decentdb_last_error_sqlstate(db))};
    for (size_t i = 0; i < params.size(); ++i) {
      int rc = params[i] == nullptr ? decentdb_bind_null(st, static_cast<int>(i + 1))
                                    : decentdb_bind_text(st, static_cast<int>(i + 1), params[i], -1);
      if (rc != DECENTDB_OK) {
        decentdb_finalize(st);
        return {"ERR bind"};
      }
    }
    int rc;
    while ((rc = decentdb_step(st)) == DECENTDB_ROW) {
      std::string row;
      for (int c = 0; c < decentdb_column_count(st); ++c) {
        if (c > 0) row += "|";
        int len = 0;
        const char* t = decentdb_column_text(st, c, &len);
        row += t == nullptr ? "NULL" : std::string(t, static_cast<size_t>(len));
      }
      out.push_back(row);
    }
    if (rc != DECENTDB_DONE) out = {"ERR " + std::string(decentdb_last_error_sqlstate(db))};
    decentdb_finalize(st);
    return out;
  }
  decentdb_db* db;
};

// Pieces of text and patterns: ASCII in both cases, Latin-1, U+212A KELVIN SIGN (folds
// to 'k'), sharp s, Cyrillic, CJK, an emoji, and the LIKE metacharacters.
const char* kText[] = {"a", "b", "c", "k", "A", "B", "K", " ", "\xC3\xA4", "\xC3\x84", "\xE2\x84\xAA",
                       "\xC3\x9F", "\xD0\x96", "\xD0\xB6", "\xE6\x97\xA5", "\xF0\x9F\x98\x80", "%", "_", "!"};
constexpr int kTextPieces = sizeof(kText) / sizeof(kText[0]);

struct Gen {
  std::mt19937_64 rng;
  explicit Gen(uint64_t seed) : rng(seed) {}
  int Int(int n) { return static_cast<int>(rng() % static_cast<uint64_t>(n)); }
  std::string Text() {
    std::string s;
    int n = Int(14);
    for (int i = 0; i < n; ++i) s += kText[Int(i % 3 == 0 ? kTextPieces : 9)];
    return s;
  }
  // A pattern built from text pieces, wildcards and escaped metacharacters.
  std::string Pattern(bool escape_bang) {
    std::string p;
    int n = Int(9);
    for (int i = 0; i < n; ++i) {
      int k = Int(10);
      if (k == 0) p += "%";
      else if (k == 1) p += "_";
      else if (k == 2 && escape_bang) p += std::string("!") + (Int(2) ? "%" : "_");
      else p += kText[Int(16)];
    }
    if (Int(3) == 0) p = "%" + p + "%";
    return p;
  }
};

std::string Quote(const std::string& s) {
  std::string q = "'";
  for (char c : s) {
    if (c == '\'') q += '\'';
    q += c;
  }
  return q + "'";
}

void Both(Db* d, const std::string& sql_with_t) {
  for (const char* tbl : {"t", "u"}) {
    std::string s = sql_with_t;
    for (size_t at = s.find("@"); at != std::string::npos; at = s.find("@")) s.replace(at, 1, tbl);
    d->Exec(s);  // may fail (a failed statement must leave both tables alike)
  }
}

void Mutate(Db* d, Gen* g, int* next_id) {
  int kind = g->Int(10);
  std::string text = g->Int(10) == 0 ? "NULL" : Quote(g->Text());
  if (kind < 4) {
    Both(d, "INSERT INTO @ (id, name) VALUES (" + std::to_string((*next_id)++) + ", " + text + ")");
  } else if (kind < 7) {
    Both(d, "UPDATE @ SET name = " + text + " WHERE id = " + std::to_string(g->Int(*next_id)));
  } else if (kind < 8) {
    Both(d, "DELETE FROM @ WHERE id = " + std::to_string(g->Int(*next_id)));
  } else if (kind < 9) {
    // A statement that fails half-way (duplicate key) leaves nothing behind.
    Both(d, "INSERT INTO @ (id, name) VALUES (" + std::to_string((*next_id)++) + ", " + text + "), (1, 'dup')");
  } else {
    // Many rows in one statement (the postings buffer of one statement).
    Both(d, "UPDATE @ SET name = " + text + " WHERE id % 29 = " + std::to_string(g->Int(29)));
  }
}

void RunDifferential(const char* options, uint64_t seed, int rounds) {
  Db d(options);
  Gen g(seed);
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"), DECENTDB_OK);
  ASSERT_EQ(d.Exec("CREATE TABLE u (id INTEGER PRIMARY KEY, name TEXT)"), DECENTDB_OK);
  int next_id = 1;
  for (int i = 0; i < 600; ++i) Mutate(&d, &g, &next_id);
  // Built over existing rows, then maintained by the statements below.
  ASSERT_EQ(d.Exec("CREATE INDEX t_name_trgm ON t USING trigram (name)"), DECENTDB_OK);
  int used = 0;
  for (int round = 0; round < rounds; ++round) {
    if (round % 50 == 25) {
      // A rolled-back transaction must not leave postings behind.
      ASSERT_EQ(d.Exec("BEGIN"), DECENTDB_OK);
      for (int i = 0; i < 20; ++i) Mutate(&d, &g, &next_id);
      ASSERT_EQ(d.Exec("ROLLBACK"), DECENTDB_OK);
    }
    for (int i = 0; i < 3; ++i) Mutate(&d, &g, &next_id);
    bool ilike = g.Int(2) == 1;
    bool esc = g.Int(4) == 0;
    std::string pattern = g.Pattern(esc);
    std::string op = ilike ? " ILIKE " : " LIKE ";
    std::string escape = esc ? " ESCAPE '!'" : "";
    std::string tail = g.Int(4) == 0 ? " ORDER BY id LIMIT 3" : " ORDER BY id";
    std::vector<std::string> a, b;
    if (g.Int(2) == 0) {
      std::string q = "SELECT id, name FROM @ WHERE name" + op + "$1" + escape + tail;
      std::string qt = q, qu = q;
      qt.replace(qt.find("@"), 1, "t");
      qu.replace(qu.find("@"), 1, "u");
      a = d.Rows(qt, {pattern.c_str()});
      b = d.Rows(qu, {pattern.c_str()});
    } else {
      std::string q = "SELECT id, name FROM @ WHERE name" + op + Quote(pattern) + escape + tail;
      std::string qt = q, qu = q;
      qt.replace(qt.find("@"), 1, "t");
      qu.replace(qu.find("@"), 1, "u");
      a = d.Rows(qt);
      b = d.Rows(qu);
      std::vector<std::string> plan = d.Rows("EXPLAIN " + qt);
      bool trigram = false;
      for (const std::string& l : plan) trigram |= l.find("TrigramCandidates t USING t_name_trgm") != std::string::npos;
      used += trigram;
    }
    if (a != b) {
      std::printf("seed %llu round %d: pattern %s%s%s differs (%zu vs %zu rows)\n",
                  static_cast<unsigned long long>(seed), round, op.c_str(), pattern.c_str(), escape.c_str(),
                  a.size(), b.size());
      ASSERT_TRUE(false);
    }
  }
  EXPECT_GT(used, rounds / 20);
  EXPECT_EQ(decentdb_integrity_check(d.db), DECENTDB_OK);
}

TEST(TrigramLike, IndexedResultsEqualScansForRandomPatterns) {
  RunDifferential(nullptr, 11, 2500);
}

TEST(TrigramLike, GuardrailFallbackStillEqualsScans) {
  // A tiny threshold refuses most 3..5-character patterns: they scan instead.
  RunDifferential("trigram_postings_threshold=3", 12, 1000);
}

TEST(TrigramLike, ExplainShowsWhenTheIndexIsUsed) {
  Db d;
  ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT, n INT)"), DECENTDB_OK);
  ASSERT_EQ(d.Exec("CREATE INDEX t_trgm ON t USING trigram (name)"), DECENTDB_OK);
  ASSERT_EQ(d.Exec("CREATE INDEX t_n ON t (n)"), DECENTDB_OK);
  auto plan = [&](const char* sql) {
    std::string all;
    for (const std::string& l : d.Rows(std::string("EXPLAIN ") + sql)) all += l + "\n";
    return all;
  };
  EXPECT_EQ(plan("SELECT id FROM t WHERE name LIKE '%love%'"),
            "Project [id]\n  TrigramCandidates t USING t_trgm (name LIKE '%love%') (runtime guardrail)\n");
  EXPECT_TRUE(plan("SELECT id FROM t WHERE name ILIKE 'abc%def'").find("TrigramCandidates") != std::string::npos);
  EXPECT_TRUE(plan("SELECT id FROM t WHERE name LIKE $1").find("TrigramCandidates") != std::string::npos);
  // Fewer than 3 literal characters: never the index.
  EXPECT_TRUE(plan("SELECT id FROM t WHERE name LIKE '%lo%'").find("TableScan t") != std::string::npos);
  EXPECT_TRUE(plan("SELECT id FROM t WHERE name LIKE 'a_c%'").find("TableScan t") != std::string::npos);
  // NOT LIKE cannot use it; a B-tree equality wins over it.
  EXPECT_TRUE(plan("SELECT id FROM t WHERE name NOT LIKE '%love%'").find("TableScan t") != std::string::npos);
  EXPECT_TRUE(plan("SELECT id FROM t WHERE n = 3 AND name LIKE '%love%'").find("IndexRange t USING t_n") !=
              std::string::npos);
}

TEST(TrigramLike, StrictModeRefusesBroadPatternsAndDefaultScans) {
  for (const char* opts : {"trigram_postings_threshold=2;trigram_strict=on", "trigram_postings_threshold=2"}) {
    Db d(opts);
    ASSERT_EQ(d.Exec("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)"), DECENTDB_OK);
    ASSERT_EQ(d.Exec("CREATE INDEX t_trgm ON t USING trigram (name)"), DECENTDB_OK);
    ASSERT_EQ(d.Exec("INSERT INTO t (name) VALUES ('love song'), ('lovely'), ('glove'), ('loving')"), DECENTDB_OK);
    bool strict = std::string(opts).find("strict") != std::string::npos;
    // "love": 4 characters, rarest trigram in 3 rows > 2.
    std::vector<std::string> r = d.Rows("SELECT id FROM t WHERE name LIKE '%love%' ORDER BY id");
    if (strict) {
      EXPECT_TRUE(r == std::vector<std::string>{"ERR 54000"});
    } else {
      EXPECT_TRUE(r == (std::vector<std::string>{"1", "2", "3"}));
    }
    r = d.Rows("SELECT id FROM t WHERE name LIKE $1 ORDER BY id", {"%love%"});
    if (strict) EXPECT_TRUE(r == std::vector<std::string>{"ERR 54000"});
    else EXPECT_EQ(r.size(), 3u);
    // A parameter pattern too short for the index is not refused: it just scans, as the
    // same literal pattern would.
    r = d.Rows("SELECT id FROM t WHERE name LIKE $1 ORDER BY id", {"%ov%"});
    EXPECT_EQ(r.size(), 4u);
    // Longer than 5 characters: used whatever the counts.
    r = d.Rows("SELECT id FROM t WHERE name LIKE '%lovely%' ORDER BY id");
    EXPECT_TRUE(r == std::vector<std::string>{"2"});
  }
}

}  // namespace
