// Randomized, seeded property tests for exec/value_ops.h: the ORDER BY comparison is a
// total order (antisymmetric, transitive) over mixed classes; GroupEqual is its equality
// and HashValue agrees with it; the exact INT64/FLOAT64 comparison matches a 128-bit
// reference; INT64 arithmetic matches 128-bit arithmetic or reports 22003/22012.
// Replay a failure with DDB_SEED=<seed printed with it>.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "exec/value_ops.h"
#include "harness/test.h"

using namespace decentdb;
using namespace decentdb::exec;

namespace {

struct Rng {
  uint64_t s;
  uint64_t Next() {
    s += 0x9E3779B97F4A7C15ULL;
    uint64_t z = s;
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
  }
  int Below(int n) { return static_cast<int>(Next() % static_cast<uint64_t>(n)); }
};

const char* kTexts[] = {"", "a", "ab", "b", "1", "1.0", "-2", "\xC3\xA9", "z", "10"};

// Values drawn from small pools so that equal values occur often.
ValueRef RandomValue(Rng* r) {
  static const int64_t kInts[] = {0, 1, -1, 2, 7, (int64_t{1} << 53) + 1,
                                  std::numeric_limits<int64_t>::max(),
                                  std::numeric_limits<int64_t>::min()};
  static const double kDoubles[] = {0.0, -0.0, 1.0, 0.5, -1.0, 2.0, 9007199254740992.0,
                                    9223372036854775808.0, -9223372036854775808.0, 1e300,
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    std::numeric_limits<double>::quiet_NaN()};
  switch (r->Below(6)) {
    case 0: return ValueRef::Null();
    case 1: return ValueRef::Bool(r->Below(2) == 1);
    case 2: return ValueRef::Int64(kInts[r->Below(8)]);
    case 3: return ValueRef::Float64(kDoubles[r->Below(13)]);
    case 4: return ValueRef::Text(kTexts[r->Below(10)]);
    default: return ValueRef::Blob(kTexts[r->Below(10)]);
  }
}

int Sgn(int c) { return c < 0 ? -1 : (c > 0 ? 1 : 0); }

}  // namespace

TEST(OrderProperty, TotalOrderAndHashConsistency) {
  Rng r{ddbtest::TestSeed()};
  for (int iter = 0; iter < 20000; ++iter) {
    ValueRef a = RandomValue(&r), b = RandomValue(&r), c = RandomValue(&r);
    bool desc = r.Below(2) == 1, nf = r.Below(2) == 1;
    int ab = Sgn(CompareForSort(a, b, LogicalType::kNone, desc, nf));
    int ba = Sgn(CompareForSort(b, a, LogicalType::kNone, desc, nf));
    int bc = Sgn(CompareForSort(b, c, LogicalType::kNone, desc, nf));
    int ac = Sgn(CompareForSort(a, c, LogicalType::kNone, desc, nf));
    EXPECT_EQ(ab, -ba);
    if (ab <= 0 && bc <= 0) EXPECT_LE(ac, 0);
    if (ab == 0 && bc == 0) EXPECT_EQ(ac, 0);
    if (GroupEqual(a, b, LogicalType::kNone)) {
      EXPECT_EQ(HashValue(a, LogicalType::kNone), HashValue(b, LogicalType::kNone));
    }
    EXPECT_EQ(GroupEqual(a, b, LogicalType::kNone), ab == 0);
    if (ddbtest::CurrentTestFailed()) return;
  }
}

TEST(OrderProperty, IntDoubleComparisonMatchesReference) {
  Rng r{ddbtest::TestSeed() ^ 0x55};
  for (int iter = 0; iter < 200000; ++iter) {
    int64_t i = static_cast<int64_t>(r.Next());
    if (r.Below(2)) i >>= r.Below(63);
    double d;
    switch (r.Below(3)) {
      case 0: d = static_cast<double>(i) + (r.Below(3) - 1); break;     // near i
      case 1: d = static_cast<double>(i) + (r.Below(2) ? 0.5 : -0.25); break;
      default: {
        uint64_t bits = r.Next();
        std::memcpy(&d, &bits, 8);
        if (std::isnan(d)) d = 1.0;
      }
    }
    // Reference: compare exactly in long double when d is in INT64 range (64-bit mantissa
    // on x86 holds every int64 exactly), else by the sign of d.
    int want;
    if (d >= 9223372036854775808.0) want = -1;
    else if (d < -9223372036854775808.0) want = 1;
    else {
      long double li = static_cast<long double>(i), ld = static_cast<long double>(d);
      want = li < ld ? -1 : (li > ld ? 1 : 0);
    }
    if (Sgn(CompareIntDouble(i, d)) != want) {
      ddbtest::ReportFailure(__FILE__, __LINE__,
                             "CompareIntDouble(" + std::to_string(i) + ", " + std::to_string(d) + ")");
      return;
    }
  }
}

TEST(OrderProperty, Int64ArithmeticMatches128Bit) {
  Rng r{ddbtest::TestSeed() ^ 0xA5};
  const __int128 kMax = std::numeric_limits<int64_t>::max();
  const __int128 kMin = std::numeric_limits<int64_t>::min();
  for (int iter = 0; iter < 200000; ++iter) {
    int64_t a = static_cast<int64_t>(r.Next()) >> r.Below(64);
    int64_t b = static_cast<int64_t>(r.Next()) >> r.Below(64);
    if (r.Below(8) == 0) b = r.Below(3) - 1;
    if (r.Below(16) == 0) a = std::numeric_limits<int64_t>::min();
    ArithOp op = static_cast<ArithOp>(r.Below(5));
    int64_t got = 0;
    Status s = ArithInt(op, a, b, &got);
    __int128 want = 0;
    bool div0 = false;
    switch (op) {
      case ArithOp::kAdd: want = static_cast<__int128>(a) + b; break;
      case ArithOp::kSub: want = static_cast<__int128>(a) - b; break;
      case ArithOp::kMul: want = static_cast<__int128>(a) * b; break;
      case ArithOp::kDiv: div0 = b == 0; if (!div0) want = static_cast<__int128>(a) / b; break;
      case ArithOp::kMod: div0 = b == 0; if (!div0) want = static_cast<__int128>(a) % b; break;
    }
    if (div0) {
      EXPECT_EQ(std::string(s.sqlstate()), std::string("22012"));
    } else if (want > kMax || want < kMin) {
      EXPECT_EQ(std::string(s.sqlstate()), std::string("22003"));
    } else {
      EXPECT_OK(s);
      EXPECT_TRUE(static_cast<__int128>(got) == want);
    }
    if (ddbtest::CurrentTestFailed()) return;
  }
}
