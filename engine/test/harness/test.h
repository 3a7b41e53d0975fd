// Minimal test harness for the engine's C++ tests (no external framework to install).
// TEST(Suite, Name) registers a test; EXPECT_* records a failure and continues,
// ASSERT_* records it and leaves the test. Randomized tests take their seed from
// TestSeed(), which is DDB_SEED from the environment or a fixed default, and is printed
// with every failure so that a run can be replayed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>

#include "util/status.h"

namespace ddbtest {

struct TestCase {
  const char* suite;
  const char* name;
  std::function<void()> body;
};

int Register(const char* suite, const char* name, std::function<void()> body);
void ReportFailure(const char* file, int line, const std::string& what);
bool CurrentTestFailed();
uint64_t TestSeed();
// A fresh, empty directory for this test (removed when the process exits successfully).
std::string TempDir();

template <typename A, typename B>
std::string Describe(const char* op, const char* ea, const char* eb, const A& a, const B& b) {
  std::ostringstream os;
  os << ea << " " << op << " " << eb << "  (" << a << " vs " << b << ")";
  return os.str();
}

struct AssertionFailed {};

}  // namespace ddbtest

#define DDB_TEST_CONCAT2(a, b) a##b
#define DDB_TEST_CONCAT(a, b) DDB_TEST_CONCAT2(a, b)

#define TEST(suite, name)                                                        \
  static void DDB_TEST_CONCAT(test_##suite##_, name)();                          \
  static int DDB_TEST_CONCAT(reg_##suite##_, name) =                             \
      ::ddbtest::Register(#suite, #name, DDB_TEST_CONCAT(test_##suite##_, name)); \
  static void DDB_TEST_CONCAT(test_##suite##_, name)()

#define DDB_CHECK_IMPL(cond, text, fatal)                          \
  do {                                                             \
    if (!(cond)) {                                                 \
      ::ddbtest::ReportFailure(__FILE__, __LINE__, (text));         \
      if (fatal) throw ::ddbtest::AssertionFailed();               \
    }                                                              \
  } while (0)

#define DDB_CMP_IMPL(a, b, op, fatal)                                                   \
  do {                                                                                  \
    const auto& ddb_a_ = (a);                                                           \
    const auto& ddb_b_ = (b);                                                           \
    if (!(ddb_a_ op ddb_b_)) {                                                          \
      ::ddbtest::ReportFailure(__FILE__, __LINE__,                                      \
                               ::ddbtest::Describe(#op, #a, #b, ddb_a_, ddb_b_));       \
      if (fatal) throw ::ddbtest::AssertionFailed();                                    \
    }                                                                                   \
  } while (0)

#define EXPECT_TRUE(c) DDB_CHECK_IMPL((c), "expected true: " #c, false)
#define EXPECT_FALSE(c) DDB_CHECK_IMPL(!(c), "expected false: " #c, false)
#define ASSERT_TRUE(c) DDB_CHECK_IMPL((c), "expected true: " #c, true)
#define ASSERT_FALSE(c) DDB_CHECK_IMPL(!(c), "expected false: " #c, true)
#define EXPECT_EQ(a, b) DDB_CMP_IMPL(a, b, ==, false)
#define EXPECT_NE(a, b) DDB_CMP_IMPL(a, b, !=, false)
#define EXPECT_LT(a, b) DDB_CMP_IMPL(a, b, <, false)
#define EXPECT_LE(a, b) DDB_CMP_IMPL(a, b, <=, false)
#define EXPECT_GT(a, b) DDB_CMP_IMPL(a, b, >, false)
#define EXPECT_GE(a, b) DDB_CMP_IMPL(a, b, >=, false)
#define ASSERT_EQ(a, b) DDB_CMP_IMPL(a, b, ==, true)
#define ASSERT_NE(a, b) DDB_CMP_IMPL(a, b, !=, true)
#define ASSERT_LT(a, b) DDB_CMP_IMPL(a, b, <, true)
#define ASSERT_LE(a, b) DDB_CMP_IMPL(a, b, <=, true)
#define ASSERT_GT(a, b) DDB_CMP_IMPL(a, b, >, true)
#define ASSERT_GE(a, b) DDB_CMP_IMPL(a, b, >=, true)

// Status checks print the status message on failure.
#define EXPECT_OK(expr)                                                                   \
  do {                                                                                    \
    ::decentdb::Status ddb_s_ = (expr);                                                   \
    if (!ddb_s_.ok())                                                                     \
      ::ddbtest::ReportFailure(__FILE__, __LINE__, "not ok: " #expr ": " + ddb_s_.ToString()); \
  } while (0)
#define ASSERT_OK(expr)                                                                   \
  do {                                                                                    \
    ::decentdb::Status ddb_s_ = (expr);                                                   \
    if (!ddb_s_.ok()) {                                                                   \
      ::ddbtest::ReportFailure(__FILE__, __LINE__, "not ok: " #expr ": " + ddb_s_.ToString()); \
      throw ::ddbtest::AssertionFailed();                                                 \
    }                                                                                     \
  } while (0)
