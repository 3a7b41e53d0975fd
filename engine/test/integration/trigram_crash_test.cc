// Trigram index under the crash-matrix harness (ENGINE.md §7.6, §12): a seeded workload
// creates a table, builds a trigram index over existing rows, then inserts, updates,
// moves and deletes rows through TableWriter in small and cache-spilling transactions
// (some rolled back, some with a failed statement undone by its mark), and is replayed
// with a crash at every I/O point of fault_vfs. Each durable image must reopen to the
// table of the last acknowledged commit (or of the one in flight), its index tree must
// pass VerifyTrigramTree (T1-T3), and the postings must be exactly the trigrams of the
// surviving rows (T4), so the index is never stale after a crash.
#include <cstdio>
#include <map>
#include <random>
#include <vector>

#include "btree/btree.h"
#include "catalog/catalog.h"
#include "exec/dml.h"
#include "harness/test.h"
#include "search/postings.h"
#include "search/trigram.h"
#include "vfs/fault_vfs.h"

using namespace decentdb;

namespace {

constexpr int kTxns = 36;
const char* kDb = "trgm.db";
using Rows = std::map<int64_t, std::string>;  // rowid -> name (NULL names are absent)

struct RunResult {
  int acked = 0;
  int in_flight = -1;
  bool completed = false;
};

EngineOptions Options(std::shared_ptr<Vfs> vfs) {
  EngineOptions o;
  o.vfs = std::move(vfs);
  o.sync = SyncMode::kFull;
  o.cache_bytes = 64 * 4096;           // large transactions spill
  o.checkpoint_threshold = 48 * 4096;  // automatic checkpoints
  o.wal_size_limit = 96 * 4096;
  return o;
}

std::string Name(std::mt19937_64& rng) {
  static const char* kPieces[] = {"lo", "ve", "so", "ng", " ", "\xC3\xA4", "K", "\xE2\x84\xAA", "da", "y"};
  std::string s;
  size_t n = 2 + rng() % 10;
  for (size_t i = 0; i < n; ++i) s += kPieces[rng() % 10];
  return s;
}

Status SchemaOf(Catalog* catalog, WriteTxn* w, std::shared_ptr<const Schema>* out) {
  return catalog->SchemaFor(w, w->header(), false, out);
}

RunResult RunWorkload(std::shared_ptr<Vfs> vfs, uint64_t seed, std::vector<Rows>* states) {
  RunResult res;
  std::mt19937_64 rng(seed);
  Rows model;
  if (states) states->assign(1, model);
  std::shared_ptr<Engine> e;
  if (!Engine::Acquire(kDb, Options(vfs), true, false, &e).ok()) return res;
  std::shared_ptr<Catalog> catalog = Catalog::For(e.get());
  int64_t next_id = 1;
  for (int t = 1; t <= kTxns; ++t) {
    std::unique_ptr<WriteTxn> w;
    if (!e->BeginWrite(0, UINT64_MAX, &w).ok()) return res;
    Rows next = model;
    bool created = false;
    if (t == 1) {
      TableSpec spec;
      spec.name = "t";
      spec.columns.push_back({"id", ResolveDeclaredType("INTEGER").value(), false, ""});
      spec.columns.push_back({"name", ResolveDeclaredType("TEXT").value(), false, ""});
      spec.uniques.push_back({"", {"id"}, true});
      if (!catalog->CreateTable(w.get(), spec, &created).ok()) return res;
    }
    if (t == 3) {
      IndexSpec spec;
      spec.name = "t_trgm";
      spec.table = "t";
      spec.kind = IndexKind::kTrigram;
      spec.columns.push_back({"name", false});
      if (!catalog->CreateIndex(w.get(), spec, &created).ok()) return res;
    }
    std::shared_ptr<const Schema> schema;
    if (!SchemaOf(catalog.get(), w.get(), &schema).ok()) return res;
    const TableDef* table = schema->FindTable("t");
    const bool large = t % 7 == 2;
    const int statements = large ? 3 : 1 + static_cast<int>(rng() % 3);
    for (int st = 0; st < statements; ++st) {
      // One statement: a mark, a TableWriter, some rows, Finish; sometimes undone.
      const uint64_t mark = w->Mark();
      const bool undo = rng() % 6 == 0;
      Rows before = next;
      exec::FkChecks fks;
      exec::TableWriter writer(w.get(), catalog.get(), schema.get(), table, &fks);
      const int ops = large ? 250 : 1 + static_cast<int>(rng() % 6);
      for (int k = 0; k < ops; ++k) {
        int kind = large ? 0 : static_cast<int>(rng() % 4);
        if (kind == 0 || next.empty()) {
          std::vector<Value> row{Value::Int64(next_id++), rng() % 10 == 0 ? Value() : Value::Text(Name(rng))};
          int64_t rowid;
          if (!writer.Insert(&row, &rowid).ok()) return res;
          next[rowid] = row[1].is_null() ? std::string("\x01NULL") : std::string(row[1].bytes());
          continue;
        }
        auto it = next.begin();
        std::advance(it, static_cast<long>(rng() % next.size()));
        int64_t id = it->first;
        std::vector<Value> old_row;
        bool found = false;
        if (!exec::ReadRow(w.get(), *table, id, &old_row, &found).ok() || !found) return res;
        if (kind == 3) {
          if (!writer.Delete(id, old_row).ok()) return res;
          next.erase(id);
          continue;
        }
        std::vector<Value> row = old_row;
        int64_t to = kind == 2 ? next_id++ : id;  // kind 2 moves the row
        row[0] = Value::Int64(to);
        row[1] = Value::Text(Name(rng));
        int64_t out;
        if (!writer.Update(id, old_row, &row, &out).ok()) return res;
        next.erase(id);
        next[to] = std::string(row[1].bytes());
      }
      if (!writer.Finish().ok()) return res;
      if (undo) {
        if (!w->RollbackToMark(mark).ok()) return res;
        next = before;
      }
      w->ReleaseMark(mark);
    }
    if (t % 5 == 4) {  // a whole transaction rolled back
      w->Rollback();
      if (states) states->push_back(model);
      res.acked = t;
      continue;
    }
    Status s = w->Commit();
    if (!s.ok()) {
      res.in_flight = t;
      return res;
    }
    model = next;
    res.acked = t;
    if (states) states->push_back(model);
    if (t % 6 == 5) {
      int64_t left;
      if (!e->Checkpoint(CheckpointMode::kPassive, &left).ok()) return res;
    }
  }
  res.completed = true;
  return res;
}

// Empty when the database holds exactly `rows` with a consistent index.
std::string Compare(Engine* e, const Rows& rows, bool index_expected) {
  std::unique_ptr<ReadTxn> r;
  Status s = e->BeginRead(&r);
  if (!s.ok()) return s.ToString();
  std::shared_ptr<const Schema> schema;
  s = Catalog::For(e)->SchemaFor(r.get(), r->header(), true, &schema);
  if (!s.ok()) return "schema: " + s.ToString();
  const TableDef* table = schema->FindTable("t");
  if (table == nullptr) return rows.empty() ? "" : "table missing";
  Rows got;
  BTreeCursor cur(r.get(), table->root, TreeKind::kTable);
  std::vector<Value> row;
  s = cur.First();
  while (s.ok() && cur.Valid()) {
    std::string_view payload;
    s = cur.Value(&payload);
    if (s.ok()) s = Catalog::DecodeRow(*table, r.get(), cur.rowid(), payload, &row);
    if (!s.ok()) break;
    got[cur.rowid()] = row[1].is_null() ? std::string("\x01NULL") : std::string(row[1].bytes());
    s = cur.Next();
  }
  cur.Reset();
  if (!s.ok()) return "table: " + s.ToString();
  if (got != rows) return "table holds " + std::to_string(got.size()) + " rows, expected " + std::to_string(rows.size());
  const IndexDef* index = schema->FindIndex("t_trgm");
  if ((index != nullptr) != index_expected) return "index presence differs";
  if (index == nullptr) return "";
  search::TrigramTreeStats stats;
  s = search::VerifyTrigramTree(r.get(), index->root, &stats);
  if (!s.ok()) return "index: " + s.ToString();
  std::map<search::Trigram, std::vector<int64_t>> want;
  std::vector<search::Trigram> ts;
  uint64_t total = 0;
  for (const auto& [id, name] : rows) {
    if (name == "\x01NULL") continue;
    search::ValueTrigrams(name, &ts);
    for (search::Trigram t : ts) want[t].push_back(id);
    total += ts.size();
  }
  if (stats.trigrams != want.size() || stats.postings != total) return "index holds other trigrams or rows";
  std::vector<int64_t> list;
  for (const auto& [t, ids] : want) {
    list.clear();
    s = search::ReadPostings(r.get(), index->root, t, &list);
    if (!s.ok()) return s.ToString();
    if (list != ids) return "postings of trigram " + std::to_string(t) + " differ";
  }
  return "";
}

}  // namespace

TEST(TrigramCrash, EveryIoPointRecoversTableAndIndexTogether) {
  const uint64_t seed = ddbtest::TestSeed();
  std::vector<Rows> states;
  uint64_t points = 0;
  {
    auto probe = std::make_shared<FaultVfs>(NewMemoryVfs(), seed);
    RunResult r = RunWorkload(probe, seed, &states);
    ASSERT_TRUE(r.completed);
    points = probe->io_ops();
    std::unique_ptr<Vfs> after;
    ASSERT_TRUE(probe->NewVfsFromDurable(&after).ok());
    std::shared_ptr<Vfs> shared(after.release());
    std::shared_ptr<Engine> e;
    ASSERT_TRUE(Engine::Acquire(kDb, Options(shared), false, false, &e).ok());
    ASSERT_EQ(Compare(e.get(), states[kTxns], true), "");
    ASSERT_GT(states[kTxns].size(), 200u);
  }
  std::printf("trigram crash matrix: %llu I/O points\n", static_cast<unsigned long long>(points));
  ASSERT_GT(points, 200u);
  static const UnsyncedAtCrash kPolicies[] = {UnsyncedAtCrash::kDropAll, UnsyncedAtCrash::kRandomSectors,
                                              UnsyncedAtCrash::kKeepAll, UnsyncedAtCrash::kRandomWrites};
  std::vector<uint64_t> crash_points;
  if (points <= 1500) {
    for (uint64_t n = 1; n <= points; ++n) crash_points.push_back(n);
  } else {
    std::mt19937_64 pick(seed);
    for (int i = 0; i < 1500; ++i) crash_points.push_back(1 + pick() % points);
  }
  int failures = 0, in_flight_durable = 0;
  for (size_t i = 0; i < crash_points.size(); ++i) {
    const uint64_t n = crash_points[i];
    auto fv = std::make_shared<FaultVfs>(NewMemoryVfs(), seed ^ ((i + 1) * 0x9E3779B97F4A7C15ull));
    fv->SetUnsyncedAtCrash(kPolicies[(n / 3) % 4]);
    const TearMode tear = n % 3 == 0 ? TearMode::kNone : n % 3 == 1 ? TearMode::kSectors : TearMode::kPrefix;
    fv->CrashAt(FaultPoint(n), tear, 1 + (n * 7919) % 4000);
    RunResult r = RunWorkload(fv, seed, nullptr);
    if (!fv->crashed()) fv->CrashNow();
    std::unique_ptr<Vfs> after;
    ASSERT_TRUE(fv->NewVfsFromDurable(&after).ok());
    std::shared_ptr<Vfs> shared(after.release());
    std::shared_ptr<Engine> e;
    Status s = Engine::Acquire(kDb, Options(shared), true, false, &e);
    std::string why;
    if (!s.ok()) {
      why = "reopen: " + s.ToString();
    } else {
      why = Compare(e.get(), states[r.acked], r.acked >= 3);
      if (!why.empty() && r.in_flight > 0 &&
          Compare(e.get(), states[r.in_flight], r.in_flight >= 3).empty()) {
        why.clear();
        ++in_flight_durable;
      }
      if (why.empty()) {
        std::string report;
        s = e->IntegrityCheck(&report);
        if (!s.ok() || report != "ok") why = "integrity: " + (s.ok() ? report : s.ToString());
      }
    }
    if (!why.empty()) {
      ddbtest::ReportFailure(__FILE__, __LINE__,
                             "crash at point " + std::to_string(n) + " (acked " + std::to_string(r.acked) +
                                 ", in flight " + std::to_string(r.in_flight) + "): " + why);
      if (++failures >= 5) return;
    }
  }
  std::printf("trigram crash matrix: %zu crashes checked, %d recovered the in-flight commit\n",
              crash_points.size(), in_flight_durable);
}
