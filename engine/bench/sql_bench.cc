// SQL micro-benchmark through the public C API (a program, not a test), on a table of N rows
// with a secondary index: prepared primary-key lookup (bind + step + read every column),
// COUNT(*) over an indexed BETWEEN range of ~1,000 rows, ORDER BY an indexed column with
// LIMIT 20 OFFSET 1000, and a batch fetch of 100,000 rows with decentdb_step_batch. Targets:
// ENGINE.md §12 (PK lookup < 1.5 µs median on 1M rows; step_batch well under 100 ns a row).
//
// Usage: sql_bench [rows=1000000] [dir=/tmp] [sections=all|pk|count|page|batch]
// (one section runs only the load and that measurement: handy under valgrind --tool=callgrind)
#include <algorithm>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "bench_util.h"
#include "decentdb.h"

namespace {

using Clock = std::chrono::steady_clock;

using benchutil::Check;

double Median(std::vector<double>* v) {
  std::sort(v->begin(), v->end());
  return (*v)[v->size() / 2];
}

double Percentile(std::vector<double>* v, double p) {
  std::sort(v->begin(), v->end());
  return (*v)[static_cast<size_t>(p * (v->size() - 1))];
}

// Times one call of fn, in nanoseconds.
template <typename F>
double TimeNs(F fn) {
  auto a = Clock::now();
  fn();
  return std::chrono::duration<double, std::nano>(Clock::now() - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  const int64_t rows = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const std::string sections = argc > 3 ? argv[3] : "all";
  auto run = [&](const char* section) { return sections == "all" || sections == section; };
  const std::string path = dir + "/decentdb_sql_bench.ddb";
  std::remove(path.c_str());
  std::remove((path + ".wal").c_str());

  decentdb_db* db = decentdb_open(path.c_str(), "cache_size=512MB;fsync=off");
  if (db == nullptr) {
    std::fprintf(stderr, "open failed: %s\n", decentdb_last_error_message(nullptr));
    return 1;
  }
  std::printf("DecentDB %s, %lld rows\n", decentdb_version(), static_cast<long long>(rows));
  Check(db, decentdb_exec(db, "CREATE TABLE track (id INTEGER PRIMARY KEY, album_id INTEGER NOT NULL,"
                              " name TEXT NOT NULL, ms INTEGER, price DOUBLE)"),
        "create");

  // Load in one transaction through execute_many, in chunks of 10,000 parameter rows.
  decentdb_stmt* ins = nullptr;
  Check(db, decentdb_prepare(db, "INSERT INTO track (id, album_id, name, ms, price) VALUES ($1, $2, $3, $4, $5)",
                             &ins),
        "prepare insert");
  auto load_start = Clock::now();
  Check(db, decentdb_exec(db, "BEGIN"), "begin");
  std::vector<uint8_t> buf;
  std::mt19937_64 rng(42);
  const int chunk = 10000;
  for (int64_t base = 0; base < rows; base += chunk) {
    buf.clear();
    int n = static_cast<int>(std::min<int64_t>(chunk, rows - base));
    for (int k = 0; k < n; ++k) {
      int64_t id = base + k + 1;
      char name[64];
      int len = std::snprintf(name, sizeof name, "track number %lld of the benchmark set",
                              static_cast<long long>(id));
      auto put = [&](const void* p, size_t sz) {
        const uint8_t* b = static_cast<const uint8_t*>(p);
        buf.insert(buf.end(), b, b + sz);
      };
      uint32_t count = 5;
      put(&count, 4);
      uint8_t tag = DECENTDB_TYPE_INT64;
      put(&tag, 1);
      put(&id, 8);
      int64_t album = static_cast<int64_t>(rng() % (rows / 12 + 1));
      put(&tag, 1);
      put(&album, 8);
      tag = DECENTDB_TYPE_TEXT;
      put(&tag, 1);
      uint32_t l = static_cast<uint32_t>(len);
      put(&l, 4);
      put(name, l);
      tag = DECENTDB_TYPE_INT64;
      int64_t ms = 120000 + static_cast<int64_t>(rng() % 300000);
      put(&tag, 1);
      put(&ms, 8);
      tag = DECENTDB_TYPE_FLOAT64;
      double price = 0.99;
      put(&tag, 1);
      put(&price, 8);
    }
    int64_t affected = 0;
    int failed = -1;
    Check(db, decentdb_execute_many(ins, buf.data(), buf.size(), n, &affected, &failed, nullptr), "insert");
  }
  Check(db, decentdb_exec(db, "COMMIT"), "commit");
  double load_s = std::chrono::duration<double>(Clock::now() - load_start).count();
  decentdb_finalize(ins);
  std::printf("%-44s %12.0f rows/s\n", "load (execute_many, one transaction)", rows / load_s);
  if (run("count") || run("page")) {
    auto idx_start = Clock::now();
    Check(db, decentdb_exec(db, "CREATE INDEX ix_track_album ON track (album_id)"), "index");
    double idx_s = std::chrono::duration<double>(Clock::now() - idx_start).count();
    std::printf("%-44s %12.2f s\n", "CREATE INDEX on album_id", idx_s);
  }

  // Prepared primary-key lookup: bind + step + read all columns.
  decentdb_stmt* pk = nullptr;
  Check(db, decentdb_prepare(db, "SELECT id, album_id, name, ms, price FROM track WHERE id = $1", &pk),
        "prepare pk");
  std::vector<double> lat;
  const int lookups = run("pk") ? 200000 : 0;
  lat.reserve(lookups);
  int64_t checksum = 0;
  // One untimed pass first, as storage_bench does: the timed passes measure lookups on a
  // cached table, not the first read of each page after the load.
  for (int i = 0; i < lookups; ++i) {
    decentdb_reset(pk);
    decentdb_bind_int64(pk, 1, 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(rows)));
    if (decentdb_step(pk) == DECENTDB_ROW) checksum += decentdb_column_int64(pk, 0);
  }
  for (int i = 0; i < lookups; ++i) {
    int64_t id = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(rows));
    lat.push_back(TimeNs([&] {
      decentdb_reset(pk);
      decentdb_bind_int64(pk, 1, id);
      if (decentdb_step(pk) == DECENTDB_ROW) {
        int len = 0;
        checksum += decentdb_column_int64(pk, 0) + decentdb_column_int64(pk, 1) + decentdb_column_int64(pk, 3);
        checksum += decentdb_column_text(pk, 2, &len)[0] + len;
        checksum += static_cast<int64_t>(decentdb_column_float64(pk, 4));
      }
    }));
  }
  if (lookups > 0) {
    std::printf("%-44s %9.0f ns median, %9.0f ns p99\n", "PK lookup (bind+step+read 5 columns)",
                Median(&lat), Percentile(&lat, 0.99));
  }

  // The same through query_batch: one call binds, executes and returns the row.
  std::vector<uint8_t> out(64 * 1024);
  lat.clear();
  for (int i = 0; i < lookups; ++i) {
    int64_t id = 1 + static_cast<int64_t>(rng() % static_cast<uint64_t>(rows));
    uint8_t params[13];
    uint32_t one = 1;
    std::memcpy(params, &one, 4);
    params[4] = DECENTDB_TYPE_INT64;
    std::memcpy(params + 5, &id, 8);
    lat.push_back(TimeNs([&] {
      int got = 0;
      size_t used = 0;
      decentdb_query_batch(pk, params, sizeof params, out.data(), out.size(), 64, &got, &used);
      checksum += got;
    }));
  }
  if (lookups > 0) {
    std::printf("%-44s %9.0f ns median, %9.0f ns p99\n", "PK lookup via query_batch (one call)",
                Median(&lat), Percentile(&lat, 0.99));
  }
  decentdb_finalize(pk);

  // COUNT(*) over an indexed range of about 1,000 rows.
  decentdb_stmt* cnt = nullptr;
  Check(db, decentdb_prepare(db, "SELECT COUNT(*) FROM track WHERE album_id BETWEEN $1 AND $2", &cnt),
        "prepare count");
  lat.clear();
  int64_t span = std::max<int64_t>(1, 1000 / 12);
  for (int i = 0; i < (run("count") ? 2000 : 0); ++i) {
    int64_t lo = static_cast<int64_t>(rng() % static_cast<uint64_t>(rows / 12 + 1));
    lat.push_back(TimeNs([&] {
      decentdb_reset(cnt);
      decentdb_bind_int64(cnt, 1, lo);
      decentdb_bind_int64(cnt, 2, lo + span);
      if (decentdb_step(cnt) == DECENTDB_ROW) checksum += decentdb_column_int64(cnt, 0);
    }));
  }
  if (!lat.empty()) {
    std::printf("%-44s %9.0f ns median, %9.0f ns p99\n", "COUNT(*) indexed BETWEEN (~1,000 rows)",
                Median(&lat), Percentile(&lat, 0.99));
  }
  decentdb_finalize(cnt);

  // ORDER BY an indexed column with LIMIT 20 OFFSET 1000.
  decentdb_stmt* page = nullptr;
  Check(db, decentdb_prepare(db, "SELECT id, name FROM track ORDER BY album_id LIMIT 20 OFFSET 1000", &page),
        "prepare page");
  lat.clear();
  for (int i = 0; i < (run("page") ? 2000 : 0); ++i) {
    lat.push_back(TimeNs([&] {
      decentdb_reset(page);
      while (decentdb_step(page) == DECENTDB_ROW) checksum += decentdb_column_int64(page, 0);
    }));
  }
  if (!lat.empty()) {
    std::printf("%-44s %9.0f ns median, %9.0f ns p99\n", "ORDER BY indexed LIMIT 20 OFFSET 1000",
                Median(&lat), Percentile(&lat, 0.99));
  }
  decentdb_finalize(page);

  // Batch fetch of 100,000 rows.
  decentdb_stmt* scan = nullptr;
  Check(db, decentdb_prepare(db, "SELECT id, album_id, name, ms, price FROM track WHERE id <= $1", &scan),
        "prepare scan");
  const int64_t want = std::min<int64_t>(100000, rows);
  std::vector<double> runs;
  std::vector<uint8_t> big(1 << 20);
  for (int r = 0; r < (run("batch") ? 10 : 0); ++r) {
    runs.push_back(TimeNs([&] {
      decentdb_reset(scan);
      decentdb_bind_int64(scan, 1, want);
      int64_t fetched = 0;
      int rc;
      do {
        int got = 0;
        size_t used = 0;
        rc = decentdb_step_batch(scan, big.data(), big.size(), 4096, &got, &used);
        fetched += got;
      } while (rc == 1);
      checksum += fetched;
    }));
  }
  if (!runs.empty()) {
    double ns = Median(&runs);
    std::printf("%-44s %12.0f rows/s (%.0f ns/row)\n", "step_batch fetch of 100,000 rows",
                want / (ns / 1e9), ns / want);
  }
  decentdb_finalize(scan);

  decentdb_close(db);
  std::remove(path.c_str());
  std::remove((path + ".wal").c_str());
  std::printf("(checksum %lld)\n", static_cast<long long>(checksum));
  return 0;
}
