// Test runner for test.h: runs every registered test (or those whose "Suite.Name"
// contains the first command-line argument), prints one line per test and a closing
// "N passed, N failed" line, and exits non-zero when any test failed.
#include "harness/test.h"

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <filesystem>
#include <vector>

namespace ddbtest {
namespace {

std::vector<TestCase>& Registry() {
  static std::vector<TestCase> tests;
  return tests;
}

bool g_failed = false;
std::vector<std::string> g_temp_dirs;

}  // namespace

int Register(const char* suite, const char* name, std::function<void()> body) {
  Registry().push_back(TestCase{suite, name, std::move(body)});
  return 0;
}

void ReportFailure(const char* file, int line, const std::string& what) {
  g_failed = true;
  std::fprintf(stderr, "  FAILED %s:%d: %s [seed=%llu]\n", file, line, what.c_str(),
               static_cast<unsigned long long>(TestSeed()));
}

bool CurrentTestFailed() { return g_failed; }

uint64_t TestSeed() {
  static uint64_t seed = [] {
    const char* env = std::getenv("DDB_SEED");
    return env ? std::strtoull(env, nullptr, 10) : 20261127ull;
  }();
  return seed;
}

std::string TempDir() {
  const char* base = std::getenv("TMPDIR");
  std::string tmpl = std::string(base ? base : "/tmp") + "/ddbtest-XXXXXX";
  std::vector<char> buf(tmpl.begin(), tmpl.end());
  buf.push_back('\0');
  if (mkdtemp(buf.data()) == nullptr) {
    ReportFailure(__FILE__, __LINE__, "mkdtemp failed");
    throw AssertionFailed();
  }
  g_temp_dirs.emplace_back(buf.data());
  return g_temp_dirs.back();
}

}  // namespace ddbtest

int main(int argc, char** argv) {
  using namespace ddbtest;
  const char* filter = argc > 1 ? argv[1] : nullptr;
  int passed = 0, failed = 0;
  for (const TestCase& tc : Registry()) {
    std::string full = std::string(tc.suite) + "." + tc.name;
    if (filter && full.find(filter) == std::string::npos) continue;
    g_failed = false;
    auto start = std::chrono::steady_clock::now();
    try {
      tc.body();
    } catch (const AssertionFailed&) {
      g_failed = true;
    } catch (const std::exception& e) {
      ReportFailure(__FILE__, __LINE__, std::string("uncaught exception: ") + e.what());
    }
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                  std::chrono::steady_clock::now() - start).count();
    std::printf("[%s] %s (%lld ms)\n", g_failed ? "FAIL" : " OK ", full.c_str(),
                static_cast<long long>(ms));
    std::fflush(stdout);
    (g_failed ? failed : passed)++;
  }
  std::printf("%d passed, %d failed\n", passed, failed);
  if (failed == 0) {
    std::error_code ec;
    for (const std::string& d : g_temp_dirs) std::filesystem::remove_all(d, ec);
  }
  return failed == 0 ? 0 : 1;
}
