// Property test of ENGINE.md §8.4 "index scans return exactly what full scans return":
// random tables with NULLs, duplicates and ASC/DESC composite indexes, random WHERE
// clauses (equality, IN, ranges, BETWEEN, LIKE prefixes, IS NULL, rowid predicates) with
// parameters of every class, and random ORDER BY/LIMIT; each query runs with the
// planner's access paths and again with forced table scans, and the results must match.
#include <algorithm>
#include <random>

#include "exec/query_test_db.h"

using namespace decentdb;
using qtest::Col;
using qtest::Db;
using qtest::Join;
using qtest::Key;

namespace {

struct Gen {
  std::mt19937_64 rng;
  explicit Gen(uint64_t seed) : rng(seed) {}
  int Int(int lo, int hi) { return static_cast<int>(lo + rng() % static_cast<uint64_t>(hi - lo + 1)); }
  bool Chance(int pct) { return Int(1, 100) <= pct; }
  std::string Word() {
    static const char* kWords[] = {"a", "ab", "abc", "b", "ba", "bcd", "c", "ca", "", "zz", "abd", "ac"};
    return kWords[Int(0, 11)];
  }
  Value Param() {
    switch (Int(0, 9)) {
      case 0: return Value::Null();
      case 1: return Value::Float64(Int(-2, 12) + 0.5);
      case 2: return Value::Float64(Int(-2, 12));
      case 3: return Value::Text(std::to_string(Int(-1, 11)));
      case 4: return Value::Bool(Chance(50));
      default: return Value::Int64(Int(-2, 12));
    }
  }
};

void Build(Db* db, Gen* g) {
  TableSpec t;
  t.name = "t";
  t.columns = {Col("id", "INTEGER"), Col("a", "INT"), Col("b", "TEXT"), Col("c", "FLOAT"), Col("e", "INT")};
  t.uniques = {Key({"id"}, true)};
  db->CreateTable(t);
  db->CreateIndex("ix_a", "t", {{"a", false}});
  db->CreateIndex("ix_b_desc", "t", {{"b", true}});
  db->CreateIndex("ix_a_b", "t", {{"a", false}, {"b", true}});
  db->CreateIndex("ix_c", "t", {{"c", false}});
  db->CreateIndex("ix_e_a", "t", {{"e", true}, {"a", false}});
  std::vector<std::vector<Value>> rows;
  for (int id = 1; id <= 300; ++id) {
    Value a = g->Chance(10) ? Value::Null() : Value::Int64(g->Int(0, 10));
    Value b = g->Chance(10) ? Value::Null() : Value::Text(g->Word());
    Value c = g->Chance(10) ? Value::Null() : Value::Float64(g->Int(0, 20) / 2.0);
    Value e = g->Chance(10) ? Value::Null() : Value::Int64(g->Int(0, 3));
    rows.push_back({Value::Int64(id * 3), a, b, c, e});
  }
  db->Insert("t", rows);
}

std::string Predicate(Gen* g, std::vector<Value>* params) {
  auto param = [&]() {
    params->push_back(g->Param());
    return "$" + std::to_string(params->size());
  };
  static const char* kNumCols[] = {"a", "c", "e", "id"};
  static const char* kOps[] = {"=", "<", "<=", ">", ">="};
  std::string col = kNumCols[g->Int(0, 3)];
  switch (g->Int(0, 9)) {
    case 9: return col + " = " + param() + " OR " + col + " = " + std::to_string(g->Int(0, 10));
    case 0: return col + " " + kOps[g->Int(0, 4)] + " " + param();
    case 1: return col + " " + kOps[g->Int(0, 4)] + " " + std::to_string(g->Int(-1, 11));
    case 2: return col + " IN (" + param() + ", " + param() + ", " + std::to_string(g->Int(0, 10)) + ")";
    case 3: return col + " BETWEEN " + param() + " AND " + param();
    case 4: return "b " + std::string(kOps[g->Int(0, 4)]) + " '" + g->Word() + "'";
    case 5: return "b LIKE '" + g->Word() + "%'";
    case 6: return std::string(g->Chance(50) ? "a" : "b") + (g->Chance(50) ? " IS NULL" : " IS NOT NULL");
    case 7: return "b IN ('" + g->Word() + "', '" + g->Word() + "')";
    default: return "e = " + std::to_string(g->Int(0, 3)) + " AND a " + kOps[g->Int(0, 4)] + " " + param();
  }
}

}  // namespace

TEST(SelectIndexEquivalence, IndexPathsMatchFullScans) {
  uint64_t seed = ddbtest::TestSeed();
  Gen g(seed);
  Db db;
  Build(&db, &g);
  static const char* kOrders[] = {"", " ORDER BY a, id", " ORDER BY b DESC, id", " ORDER BY id DESC",
                                  " ORDER BY e DESC, a, id", " ORDER BY c NULLS FIRST, id"};
  int compared = 0;
  for (int q = 0; q < 600; ++q) {
    std::vector<Value> params;
    std::string where = Predicate(&g, &params);
    if (g.Chance(40)) where += " AND " + Predicate(&g, &params);
    std::string order = kOrders[g.Int(0, 5)];
    // Narrow select lists let covering indexes answer from their keys alone.
    static const char* kLists[] = {"id, a, b, c, e", "id, a, e", "a, b", "id"};
    std::string list = kLists[g.Int(0, 3)];
    if (!order.empty() && list != kLists[0]) order = " ORDER BY id DESC";
    std::string sql = "SELECT " + list + " FROM t WHERE " + where + order;
    if (!order.empty() && g.Chance(50)) sql += " LIMIT " + std::to_string(g.Int(0, 15));
    qtest::QueryResult fast = db.Query(sql, params, false);
    qtest::QueryResult slow = db.Query(sql, params, true);
    if (fast.status.ok() != slow.status.ok()) {
      ddbtest::ReportFailure(__FILE__, __LINE__,
                             "status differs for " + sql + ": " + fast.status.ToString() + " vs " +
                                 slow.status.ToString());
      continue;
    }
    if (!fast.status.ok()) continue;  // e.g. a parameter class the comparison refuses
    if (order.empty()) {
      std::sort(fast.rows.begin(), fast.rows.end());
      std::sort(slow.rows.begin(), slow.rows.end());
    }
    if (fast.rows != slow.rows) {
      std::string ps;
      for (const Value& v : params) ps += qtest::Render(v.ref()) + " ";
      ddbtest::ReportFailure(__FILE__, __LINE__,
                             "results differ for " + sql + " params " + ps + "\nplan:\n" +
                                 Join(db.Explain(sql)) + "\nindex:\n" + Join(fast.rows) + "\nscan:\n" +
                                 Join(slow.rows));
      return;
    }
    ++compared;
  }
  EXPECT_GT(compared, 300);
}
