// Storage micro-benchmark (a program, not a test): a table tree of N rows of ~100 bytes,
// through the real pager on a file and through an in-memory page store for comparison.
// Measures bulk insert in one transaction, cached random point lookups (with the pages in
// the WAL, then again after a checkpoint moved them to the main file), a full scan and
// durable single-row commits. Targets: ENGINE.md §12 (seek < 1 µs median, scan > 10M
// rows/s, 1M-row insert > 500k rows/s, single insert with fsync < 1 ms).
//
// Usage: storage_bench [rows=1000000] [dir=/tmp] [stores=both|engine|memory]
// (one store alone is handy under valgrind --tool=callgrind)
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <random>
#include <string>
#include <time.h>
#include <unistd.h>
#include <vector>

#include "../test/btree/mem_page_store.h"
#include "btree/btree.h"
#include "pager/engine.h"

using namespace decentdb;

namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

void Die(const Status& s, const char* what) {
  if (s.ok()) return;
  std::fprintf(stderr, "%s: %s\n", what, s.ToString().c_str());
  std::exit(1);
}

std::string RowPayload(int64_t rowid) {
  // ~100 bytes, like a narrow row encoded as a record.
  std::string p(100, '\0');
  for (size_t i = 0; i < p.size(); ++i) p[i] = static_cast<char>('a' + (rowid * 7 + i) % 26);
  return p;
}

// Thread CPU time: on a shared machine, wall time also counts time spent descheduled.
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

double Median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v.empty() ? 0 : v[v.size() / 2];
}

struct Figures {
  double insert_rows_per_s = 0;
  double lookup_ns_median = 0;
  double lookup_cpu_ns_median = 0;
  double ckpt_lookup_ns_median = -1;  // -1: not applicable
  double ckpt_lookup_cpu_ns_median = -1;
  double scan_rows_per_s = 0;
  double commit_us_median = -1;  // -1: not applicable
  TreeStats stats;
};

Status Insert(PageWriter* w, PageId root, int64_t rows) {
  BTree t(w, root, TreeKind::kTable);
  for (int64_t r = 1; r <= rows; ++r) DDB_RETURN_IF_ERROR(t.Insert(TreeKey::Rowid(r), RowPayload(r)));
  return Status::OK();
}

// Median over batches of 100 lookups of the mean time per lookup; one untimed warm-up pass.
Status Lookups(PageReader* r, PageId root, int64_t rows, double* out_ns, double* out_cpu_ns) {
  BTreeCursor c(r, root, TreeKind::kTable);
  std::mt19937_64 rng(42);
  size_t sink = 0;
  std::vector<double> batches, cpu_batches;
  for (int pass = 0; pass < 2; ++pass) {
    const int kBatches = pass == 0 ? 2000 : 10000;
    for (int b = 0; b < kBatches; ++b) {
      int64_t keys[100];
      for (int64_t& k : keys) k = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(rows));
      double c0 = CpuSeconds();
      auto t0 = Clock::now();
      for (int64_t k : keys) {
        DDB_RETURN_IF_ERROR(c.SeekGE(TreeKey::Rowid(k)));
        std::string_view v;
        DDB_RETURN_IF_ERROR(c.Value(&v));
        sink += v.size() + static_cast<size_t>(c.rowid());
      }
      auto t1 = Clock::now();
      double c1 = CpuSeconds();
      if (pass == 1) {
        batches.push_back(Seconds(t0, t1) * 1e9 / 100);
        cpu_batches.push_back((c1 - c0) * 1e9 / 100);
      }
    }
  }
  if (sink == 0) std::printf(" ");
  *out_ns = Median(batches);
  *out_cpu_ns = Median(cpu_batches);
  return Status::OK();
}

Status Scan(PageReader* r, PageId root, int64_t rows, double* out_rows_per_s) {
  BTreeCursor c(r, root, TreeKind::kTable);
  size_t sink = 0;
  int64_t n = 0;
  auto t0 = Clock::now();
  DDB_RETURN_IF_ERROR(c.First());
  while (c.Valid()) {
    std::string_view v;
    DDB_RETURN_IF_ERROR(c.Value(&v));
    sink += v.size();
    ++n;
    DDB_RETURN_IF_ERROR(c.Next());
  }
  auto t1 = Clock::now();
  if (n != rows || sink != static_cast<size_t>(rows) * 100) return Status::Internal("scan count mismatch");
  *out_rows_per_s = static_cast<double>(n) / Seconds(t0, t1);
  return Status::OK();
}

Figures RunEngine(int64_t rows, const std::string& dir) {
  Figures f;
  const std::string path = dir + "/storage_bench_" + std::to_string(getpid()) + ".db";
  EngineOptions o;
  o.sync = SyncMode::kFull;
  o.cache_bytes = 1ull << 30;  // the whole tree stays cached (and the writer never spills)
  o.checkpoint_threshold = 1ull << 30;
  std::shared_ptr<Engine> e;
  Die(Engine::Acquire(path, o, true, false, &e), "open");
  PageId root;
  {
    std::unique_ptr<WriteTxn> w;
    Die(e->BeginWrite(1000, UINT64_MAX, &w), "begin");
    Die(BTree::Create(w.get(), TreeKind::kTable, &root), "create");
    Die(w->Commit(), "commit");
  }
  {
    auto t0 = Clock::now();
    std::unique_ptr<WriteTxn> w;
    Die(e->BeginWrite(1000, UINT64_MAX, &w), "begin");
    Die(Insert(w.get(), root, rows), "insert");
    Die(w->Commit(), "commit");
    f.insert_rows_per_s = static_cast<double>(rows) / Seconds(t0, Clock::now());
  }
  {
    std::unique_ptr<ReadTxn> r;
    Die(e->BeginRead(&r), "read");
    Die(Lookups(r.get(), root, rows, &f.lookup_ns_median, &f.lookup_cpu_ns_median), "lookups");
    Die(Scan(r.get(), root, rows, &f.scan_rows_per_s), "scan");
    BTree t(static_cast<PageReader*>(r.get()), root, TreeKind::kTable);
    Die(t.Verify(&f.stats), "verify");
  }
  {
    // The same lookups once a checkpoint has moved every page to the main file: the
    // state of a database between bursts of writes (a reader then resolves a page
    // without the walIndex). The warm-up pass caches the main-file images.
    int64_t left = -1;
    Die(e->Checkpoint(CheckpointMode::kTruncate, &left), "checkpoint");
    if (left != 0) Die(Status::Internal("checkpoint left frames"), "checkpoint");
    std::unique_ptr<ReadTxn> r;
    Die(e->BeginRead(&r), "read");
    Die(Lookups(r.get(), root, rows, &f.ckpt_lookup_ns_median, &f.ckpt_lookup_cpu_ns_median),
        "lookups after checkpoint");
  }
  std::vector<double> commits;
  for (int i = 0; i < 300; ++i) {
    auto t0 = Clock::now();
    std::unique_ptr<WriteTxn> w;
    Die(e->BeginWrite(1000, UINT64_MAX, &w), "begin");
    BTree t(w.get(), root, TreeKind::kTable);
    Die(t.Insert(TreeKey::Rowid(rows + 1 + i), RowPayload(rows + 1 + i)), "insert");
    Die(w->Commit(), "commit");
    commits.push_back(Seconds(t0, Clock::now()) * 1e6);
  }
  f.commit_us_median = Median(commits);
  e.reset();
  unlink(path.c_str());
  unlink((path + ".wal").c_str());
  return f;
}

Figures RunMemory(int64_t rows) {
  Figures f;
  MemPageStore store(4096);
  PageId root;
  Die(BTree::Create(&store, TreeKind::kTable, &root), "create");
  auto t0 = Clock::now();
  Die(Insert(&store, root, rows), "insert");
  f.insert_rows_per_s = static_cast<double>(rows) / Seconds(t0, Clock::now());
  Die(store.Commit(), "commit");
  Die(Lookups(&store, root, rows, &f.lookup_ns_median, &f.lookup_cpu_ns_median), "lookups");
  Die(Scan(&store, root, rows, &f.scan_rows_per_s), "scan");
  BTree t(static_cast<PageReader*>(&store), root, TreeKind::kTable);
  Die(t.Verify(&f.stats), "verify");
  return f;
}

}  // namespace

int main(int argc, char** argv) {
  int64_t rows = argc > 1 ? std::atoll(argv[1]) : 1000000;
  std::string dir = argc > 2 ? argv[2] : "/tmp";
  const std::string stores = argc > 3 ? argv[3] : "both";
  const bool run_engine = stores != "memory", run_memory = stores != "engine";
  std::printf("storage_bench: table tree, %lld rows of 100-byte payloads, 4 KiB pages\n",
              static_cast<long long>(rows));
  Figures eng = run_engine ? RunEngine(rows, dir) : Figures();
  Figures mem = run_memory ? RunMemory(rows) : Figures();
  std::printf("\n%-56s %16s %16s\n", "metric", "pager (file)", "in-memory store");
  std::printf("%-56s %16.0f %16.0f\n", "insert, one transaction (rows/s)", eng.insert_rows_per_s,
              mem.insert_rows_per_s);
  std::printf("%-56s %16.0f %16.0f\n", "random point lookup, cached, pages in WAL (ns/op med.)",
              eng.lookup_ns_median, mem.lookup_ns_median);
  std::printf("%-56s %16.0f %16.0f\n", "  same, thread CPU time (ns/op median)",
              eng.lookup_cpu_ns_median, mem.lookup_cpu_ns_median);
  std::printf("%-56s %16.0f %16s\n", "  same after a checkpoint (ns/op median)", eng.ckpt_lookup_ns_median, "-");
  std::printf("%-56s %16.0f %16s\n", "  same, thread CPU time (ns/op median)", eng.ckpt_lookup_cpu_ns_median, "-");
  std::printf("%-56s %16.0f %16.0f\n", "full scan (rows/s)", eng.scan_rows_per_s, mem.scan_rows_per_s);
  std::printf("%-56s %16.1f %16s\n", "single-row commit, fsync on (us median)", eng.commit_us_median, "-");
  std::printf("%-56s %16u %16u\n", "tree depth", eng.stats.depth, mem.stats.depth);
  std::printf("%-56s %16llu %16llu\n", "tree pages", static_cast<unsigned long long>(eng.stats.tree_pages),
              static_cast<unsigned long long>(mem.stats.tree_pages));
  return 0;
}
