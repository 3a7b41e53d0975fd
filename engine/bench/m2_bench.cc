// Cost of the M2 write features through the public C API (a program, not a test): plain
// INSERT vs INSERT ... ON CONFLICT DO UPDATE that always conflicts, INSERT into a table
// with two CHECK constraints vs none, and one DELETE whose ON DELETE CASCADE removes
// every child row. Each timed part runs in one transaction of prepared statements.
//
// Usage: m2_bench [rows=100000] [dir=/tmp]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "bench_util.h"
#include "decentdb.h"

namespace {

using Clock = std::chrono::steady_clock;

using benchutil::Check;

// Runs `sql` once per i in [0, n) with $1 = i, $2 = i * 7, inside one transaction.
double TimeRows(decentdb_db* db, const char* sql, int n) {
  decentdb_stmt* st = nullptr;
  Check(db, decentdb_prepare(db, sql, &st), sql);
  Check(db, decentdb_exec(db, "BEGIN"), "BEGIN");
  auto t0 = Clock::now();
  for (int i = 0; i < n; ++i) {
    decentdb_reset(st);
    decentdb_bind_int64(st, 1, i);
    decentdb_bind_int64(st, 2, static_cast<int64_t>(i) * 7);
    Check(db, decentdb_step(st), sql);
  }
  Check(db, decentdb_exec(db, "COMMIT"), "COMMIT");
  auto t1 = Clock::now();
  decentdb_finalize(st);
  return std::chrono::duration<double, std::micro>(t1 - t0).count() / n;
}

}  // namespace

int main(int argc, char** argv) {
  const int n = argc > 1 ? std::atoi(argv[1]) : 100000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const std::string path = dir + "/m2_bench.ddb";
  std::remove(path.c_str());
  std::remove((path + "-wal").c_str());
  decentdb_db* db = decentdb_open(path.c_str(), "fsync=off");
  if (db == nullptr) return 1;
  Check(db, decentdb_exec(db,
                          "CREATE TABLE plain (id INTEGER PRIMARY KEY, v INT);"
                          "CREATE TABLE checked (id INTEGER PRIMARY KEY, v INT CHECK (v >= 0), CHECK (v % 7 = 0));"
                          "CREATE TABLE parent (id INTEGER PRIMARY KEY);"
                          "CREATE TABLE child (id INTEGER PRIMARY KEY, p INT REFERENCES parent ON DELETE CASCADE);"),
        "schema");
  double insert_us = TimeRows(db, "INSERT INTO plain VALUES ($1, $2)", n);
  double upsert_us =
      TimeRows(db, "INSERT INTO plain VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET v = excluded.v + 1", n);
  double check_us = TimeRows(db, "INSERT INTO checked VALUES ($1, $2)", n);
  double parents_us = TimeRows(db, "INSERT INTO parent VALUES ($1)", 1);
  (void)parents_us;
  double child_us = TimeRows(db, "INSERT INTO child VALUES ($1, 0)", n);
  auto t0 = Clock::now();
  Check(db, decentdb_exec(db, "DELETE FROM parent WHERE id = 0"), "cascade");
  double cascade_ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
  std::printf("rows=%d\n", n);
  std::printf("insert            %.2f us/row\n", insert_us);
  std::printf("upsert (conflict) %.2f us/row\n", upsert_us);
  std::printf("insert + 2 CHECK  %.2f us/row\n", check_us);
  std::printf("insert child (FK) %.2f us/row\n", child_us);
  std::printf("DELETE cascading to %d children: %.1f ms (%.2f us/child)\n", n, cascade_ms, cascade_ms * 1000 / n);
  decentdb_close(db);
  std::remove(path.c_str());
  return 0;
}
