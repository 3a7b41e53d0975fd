// Trigram index benchmark through the public C API (a program, not a test): N synthetic
// track names (words drawn from a Zipf-like vocabulary), then `name LIKE '%term%' LIMIT 50`
// for selective terms without the index (a scan) and with it (TrigramCandidates), the
// index size (database file growth after a truncating checkpoint) and build time, and
// the insert slowdown the index costs (execute_many rows into a table with and without
// it). Target: ENGINE.md §7.6 / issue 8, under 1 ms median for selective terms.
//
// Usage: trigram_bench [rows=1000000] [dir=/tmp]
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <string>
#include <sys/stat.h>
#include <vector>

#include "bench_util.h"
#include "decentdb.h"

namespace {

using Clock = std::chrono::steady_clock;

using benchutil::Check;

double Percentile(std::vector<double> v, double p) {
  std::sort(v.begin(), v.end());
  return v[static_cast<size_t>(p * static_cast<double>(v.size() - 1) + 0.5)];
}

int64_t FileBytes(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

// A vocabulary of pronounceable words and a Zipf(1.0) sampler over it.
struct Words {
  std::vector<std::string> vocab;
  std::vector<double> cdf;
  explicit Words(std::mt19937_64& rng, size_t n) {
    static const char* kOnset[] = {"b", "c", "d", "f", "g", "h", "j", "k", "l", "m", "n", "p", "r", "s",
                                   "t", "v", "w", "z", "br", "ch", "cl", "dr", "gr", "sh", "st", "tr"};
    static const char* kVowel[] = {"a", "e", "i", "o", "u", "ai", "ea", "ou", "y"};
    for (size_t i = 0; i < n; ++i) {
      std::string w;
      int syl = 1 + static_cast<int>(rng() % 3);
      for (int s = 0; s < syl; ++s) {
        w += kOnset[rng() % 26];
        w += kVowel[rng() % 9];
      }
      if (rng() % 2) w += kOnset[rng() % 18];
      w[0] = static_cast<char>(w[0] - 32);  // Capitalized, as titles are
      vocab.push_back(w);
    }
    double sum = 0;
    for (size_t i = 0; i < n; ++i) {
      sum += 1.0 / static_cast<double>(i + 1);
      cdf.push_back(sum);
    }
    for (double& c : cdf) c /= sum;
  }
  size_t Pick(std::mt19937_64& rng) const {
    double u = std::uniform_real_distribution<double>(0, 1)(rng);
    return static_cast<size_t>(std::lower_bound(cdf.begin(), cdf.end(), u) - cdf.begin());
  }
};

void PutText(std::vector<uint8_t>* buf, const std::string& s) {
  buf->push_back(DECENTDB_TYPE_TEXT);
  uint32_t l = static_cast<uint32_t>(s.size());
  const uint8_t* p = reinterpret_cast<const uint8_t*>(&l);
  buf->insert(buf->end(), p, p + 4);
  buf->insert(buf->end(), s.begin(), s.end());
}

// Loads names[from, to) into table with execute_many in one transaction; returns rows/s.
double Load(decentdb_db* db, const char* table, const std::vector<std::string>& names, size_t from, size_t to) {
  decentdb_stmt* ins = nullptr;
  std::string sql = std::string("INSERT INTO ") + table + " (name) VALUES ($1)";
  Check(db, decentdb_prepare(db, sql.c_str(), &ins), "prepare insert");
  auto start = Clock::now();
  Check(db, decentdb_exec(db, "BEGIN"), "begin");
  std::vector<uint8_t> buf;
  const size_t chunk = 10000;
  for (size_t base = from; base < to; base += chunk) {
    buf.clear();
    size_t n = std::min(chunk, to - base);
    for (size_t k = 0; k < n; ++k) {
      uint32_t count = 1;
      const uint8_t* p = reinterpret_cast<const uint8_t*>(&count);
      buf.insert(buf.end(), p, p + 4);
      PutText(&buf, names[base + k]);
    }
    int64_t affected = 0;
    int failed = -1;
    Check(db, decentdb_execute_many(ins, buf.data(), buf.size(), static_cast<int>(n), &affected, &failed, nullptr),
          "insert");
  }
  Check(db, decentdb_exec(db, "COMMIT"), "commit");
  double s = std::chrono::duration<double>(Clock::now() - start).count();
  decentdb_finalize(ins);
  return static_cast<double>(to - from) / s;
}

// Runs the prepared LIKE query for pattern; returns µs and the row count.
double RunQuery(decentdb_db* db, decentdb_stmt* q, const std::string& pattern, int* rows) {
  auto a = Clock::now();
  Check(db, decentdb_reset(q), "reset");
  Check(db, decentdb_bind_text(q, 1, pattern.c_str(), -1), "bind");
  int rc, n = 0;
  while ((rc = decentdb_step(q)) == DECENTDB_ROW) {
    int len = 0;
    (void)decentdb_column_int64(q, 0);
    (void)decentdb_column_text(q, 1, &len);
    ++n;
  }
  Check(db, rc, "step");
  *rows = n;
  return std::chrono::duration<double, std::micro>(Clock::now() - a).count();
}

}  // namespace

int main(int argc, char** argv) {
  const size_t rows = argc > 1 ? static_cast<size_t>(std::atoll(argv[1])) : 1000000;
  const std::string dir = argc > 2 ? argv[2] : "/tmp";
  const std::string path = dir + "/decentdb_trigram_bench.ddb";
  std::remove(path.c_str());
  std::remove((path + ".wal").c_str());
  decentdb_db* db = decentdb_open(path.c_str(), "cache_size=512MB;fsync=off");
  if (db == nullptr) {
    std::fprintf(stderr, "open failed\n");
    return 1;
  }
  std::printf("DecentDB %s, %zu track names\n", decentdb_version(), rows);

  // Names of 2-5 words; remember how many names contain each word.
  std::mt19937_64 rng(42);
  Words words(rng, 30000);
  std::vector<std::string> names;
  std::vector<uint32_t> freq(words.vocab.size(), 0);
  names.reserve(rows);
  for (size_t i = 0; i < rows; ++i) {
    std::string n;
    int k = 2 + static_cast<int>(rng() % 4);
    for (int j = 0; j < k; ++j) {
      size_t w = words.Pick(rng);
      if (j > 0) n += ' ';
      n += words.vocab[w];
      ++freq[w];
    }
    if (rng() % 8 == 0) n += " (Live)";
    names.push_back(std::move(n));
  }
  Check(db, decentdb_exec(db, "CREATE TABLE track (id INTEGER PRIMARY KEY, name TEXT NOT NULL)"), "create");
  double load_rate = Load(db, "track", names, 0, rows);
  std::printf("%-52s %12.0f rows/s\n", "load without index (execute_many, one txn)", load_rate);

  // Selective terms: words of 5+ characters in 20..200 names, lower-cased in the pattern
  // so matching is by substring of the capitalized word's tail as well.
  std::vector<std::string> terms;
  for (size_t w = 0; w < words.vocab.size() && terms.size() < 50; ++w) {
    const std::string& t = words.vocab[w];
    if (t.size() >= 6 && freq[w] >= 20 && freq[w] <= 200) terms.push_back(t.substr(1));
  }
  std::printf("%-52s %12zu terms (e.g. '%%%s%%')\n", "selective terms (word in 20-200 names)", terms.size(),
              terms.empty() ? "" : terms[0].c_str());

  decentdb_stmt* q = nullptr;
  Check(db, decentdb_prepare(db, "SELECT id, name FROM track WHERE name LIKE $1 LIMIT 50", &q), "prepare");
  std::vector<double> scan;
  long total_rows = 0;
  for (size_t i = 0; i < std::min<size_t>(terms.size(), 15); ++i) {
    int n = 0;
    scan.push_back(RunQuery(db, q, "%" + terms[i] + "%", &n));
    total_rows += n;
  }
  std::printf("%-52s %9.0f us median, %9.0f us p99 (%zu queries, %.1f rows avg)\n",
              "LIKE '%term%' LIMIT 50 without index (scan)", Percentile(scan, 0.5), Percentile(scan, 0.99),
              scan.size(), static_cast<double>(total_rows) / static_cast<double>(scan.size()));
  decentdb_finalize(q);

  int64_t left = 0;
  Check(db, decentdb_checkpoint(db, DECENTDB_CHECKPOINT_TRUNCATE, &left), "checkpoint");
  int64_t before = FileBytes(path);
  auto build = Clock::now();
  Check(db, decentdb_exec(db, "CREATE INDEX track_name_trgm ON track USING trigram (name)"), "create index");
  double build_s = std::chrono::duration<double>(Clock::now() - build).count();
  Check(db, decentdb_checkpoint(db, DECENTDB_CHECKPOINT_TRUNCATE, &left), "checkpoint");
  int64_t after = FileBytes(path);
  std::printf("%-52s %12.2f s\n", "CREATE INDEX ... USING trigram (existing rows)", build_s);
  std::printf("%-52s %12lld bytes = %lld pages of 4 KiB (table file before: %lld bytes)\n",
              "index size (file growth)", static_cast<long long>(after - before),
              static_cast<long long>((after - before) / 4096), static_cast<long long>(before));

  Check(db, decentdb_prepare(db, "SELECT id, name FROM track WHERE name LIKE $1 LIMIT 50", &q), "prepare");
  std::vector<double> lat;
  total_rows = 0;
  for (int rep = 0; rep < 21; ++rep)
    for (const std::string& t : terms) {
      int n = 0;
      double us = RunQuery(db, q, "%" + t + "%", &n);
      if (rep > 0) {  // the first pass warms the cache
        lat.push_back(us);
        total_rows += n;
      }
    }
  std::printf("%-52s %9.1f us median, %9.1f us p99 (%zu queries, %.1f rows avg)\n",
              "LIKE '%term%' LIMIT 50 with trigram index", Percentile(lat, 0.5), Percentile(lat, 0.99), lat.size(),
              static_cast<double>(total_rows) / static_cast<double>(lat.size()));
  decentdb_finalize(q);
  decentdb_stmt* ex = nullptr;
  Check(db, decentdb_prepare(db, "EXPLAIN SELECT id, name FROM track WHERE name LIKE $1 LIMIT 50", &ex), "explain");
  while (decentdb_step(ex) == DECENTDB_ROW) std::printf("    %s\n", decentdb_column_text(ex, 0, nullptr));
  decentdb_finalize(ex);

  // Insert slowdown: the same names into a table without and with the index.
  const size_t n_ins = std::min<size_t>(rows, 100000);
  Check(db, decentdb_exec(db, "CREATE TABLE plain (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                              "CREATE TABLE indexed (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"
                              "CREATE INDEX indexed_trgm ON indexed USING trigram (name)"),
        "create insert tables");
  double plain = Load(db, "plain", names, 0, n_ins);
  double indexed = Load(db, "indexed", names, 0, n_ins);
  std::printf("%-52s %12.0f rows/s\n", "insert without index (100k, execute_many)", plain);
  std::printf("%-52s %12.0f rows/s (%.1fx slower)\n", "insert with trigram index (100k, execute_many)", indexed,
              plain / indexed);
  decentdb_close(db);
  std::remove(path.c_str());
  std::remove((path + ".wal").c_str());
  return 0;
}
