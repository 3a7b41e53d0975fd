// Tests for record/key_codec.h: the property sign(memcmp(enc(a), enc(b))) ==
// sign(compare(a, b)) on random single values and composites (NaN, -0.0, INT64 limits,
// empty strings, embedded NULs, DESC), component and rowid round trips, DECIMAL order
// against an exact integer oracle, and total decoding of damaged keys.
#include <cmath>
#include <cstring>
#include <limits>
#include <random>
#include <string>
#include <vector>

#include "harness/test.h"
#include "record/key_codec.h"

using namespace decentdb;

namespace {

int Sign(int x) { return (x > 0) - (x < 0); }

int MemCompare(const std::string& a, const std::string& b) {
  size_t n = std::min(a.size(), b.size());
  int c = std::memcmp(a.data(), b.data(), n);
  if (c != 0) return Sign(c);
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

Value RandomValue(std::mt19937_64& rng) {
  static const double kDoubles[] = {0.0, -0.0, 1.0, -1.0, 0.5, -0.5,
                                    std::numeric_limits<double>::infinity(),
                                    -std::numeric_limits<double>::infinity(),
                                    std::numeric_limits<double>::quiet_NaN(),
                                    -std::numeric_limits<double>::quiet_NaN(),
                                    std::numeric_limits<double>::denorm_min(),
                                    -std::numeric_limits<double>::denorm_min(),
                                    std::numeric_limits<double>::max(),
                                    std::numeric_limits<double>::lowest()};
  static const int64_t kInts[] = {0, 1, -1, std::numeric_limits<int64_t>::max(),
                                  std::numeric_limits<int64_t>::min(),
                                  std::numeric_limits<int64_t>::max() - 1,
                                  std::numeric_limits<int64_t>::min() + 1, 255, 256, -256};
  auto small_string = [&]() {
    // A small alphabet including 0x00 and 0xFF makes prefixes and escapes collide often.
    static const char kAlpha[] = {'\0', '\x01', 'a', 'b', '\xff', '\xfe'};
    std::string s;
    size_t len = rng() % 5;
    for (size_t i = 0; i < len; ++i) s.push_back(kAlpha[rng() % sizeof kAlpha]);
    return s;
  };
  switch (rng() % 6) {
    case 0: return Value::Null();
    case 1: return Value::Bool(rng() & 1);
    case 2:
      return Value::Int64(rng() % 2 ? kInts[rng() % (sizeof kInts / sizeof kInts[0])]
                                    : static_cast<int64_t>(rng()) >> (rng() % 64));
    case 3: {
      if (rng() % 2) return Value::Float64(kDoubles[rng() % (sizeof kDoubles / sizeof kDoubles[0])]);
      uint64_t bits = rng();
      double d;
      std::memcpy(&d, &bits, 8);
      return Value::Float64(d);  // includes NaN payloads and denormals
    }
    case 4: return Value::Text(small_string());
    default: return Value::Blob(small_string());
  }
}

}  // namespace

TEST(KeyCodec, MemcmpOrderMatchesValueOrderForSingleValues) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int iter = 0; iter < 200000; ++iter) {
    Value a = RandomValue(rng), b = RandomValue(rng);
    bool desc = rng() & 1;
    std::string ea, eb;
    AppendKeyComponent(a.ref(), desc, &ea);
    AppendKeyComponent(b.ref(), desc, &eb);
    int expect = Sign(CompareKeyValues(a.ref(), b.ref()));
    if (desc) expect = -expect;
    ASSERT_EQ(MemCompare(ea, eb), expect);
  }
}

TEST(KeyCodec, MemcmpOrderMatchesValueOrderForCompositesWithRowid) {
  std::mt19937_64 rng(ddbtest::TestSeed() + 1);
  for (int iter = 0; iter < 100000; ++iter) {
    int n = 1 + static_cast<int>(rng() % 3);
    bool desc[3];
    for (bool& d : desc) d = rng() & 1;
    std::vector<Value> a, b;
    for (int i = 0; i < n; ++i) {
      a.push_back(RandomValue(rng));
      // Share prefixes often so later components and the rowid decide.
      b.push_back(rng() % 2 ? a.back() : RandomValue(rng));
    }
    int64_t ra = static_cast<int64_t>(rng() % 3) - 1, rb = static_cast<int64_t>(rng() % 3) - 1;
    std::string ea, eb;
    int expect = 0;
    for (int i = 0; i < n; ++i) {
      AppendKeyComponent(a[i].ref(), desc[i], &ea);
      AppendKeyComponent(b[i].ref(), desc[i], &eb);
      if (expect == 0) {
        expect = Sign(CompareKeyValues(a[i].ref(), b[i].ref()));
        if (desc[i]) expect = -expect;
      }
    }
    AppendRowidSuffix(ra, &ea);
    AppendRowidSuffix(rb, &eb);
    if (expect == 0) expect = ra < rb ? -1 : (ra > rb ? 1 : 0);
    ASSERT_EQ(MemCompare(ea, eb), expect);

    // The decoder gives back every component and the rowid.
    KeyReader r(reinterpret_cast<const uint8_t*>(ea.data()), ea.size() - kRowidSuffixSize);
    for (int i = 0; i < n; ++i) {
      KeyComponent c;
      ASSERT_OK(r.Next(desc[i], &c));
      ASSERT_EQ(CompareKeyValues(c.value.ref(), a[i].ref()), 0);
    }
    EXPECT_TRUE(r.AtEnd());
    int64_t rowid = 0;
    ASSERT_OK(DecodeRowidSuffix(reinterpret_cast<const uint8_t*>(ea.data()), ea.size(), &rowid));
    EXPECT_EQ(rowid, ra);
  }
}

TEST(KeyCodec, CanonicalizesNegativeZeroAndNaN) {
  std::string pz, nz, nan1, nan2, inf;
  AppendKeyComponent(ValueRef::Float64(0.0), false, &pz);
  AppendKeyComponent(ValueRef::Float64(-0.0), false, &nz);
  AppendKeyComponent(ValueRef::Float64(std::nan("1")), false, &nan1);
  AppendKeyComponent(ValueRef::Float64(-std::nan("7")), false, &nan2);
  AppendKeyComponent(ValueRef::Float64(std::numeric_limits<double>::infinity()), false, &inf);
  EXPECT_TRUE(pz == nz);
  EXPECT_TRUE(nan1 == nan2);
  EXPECT_GT(MemCompare(nan1, inf), 0);
  // NULL after every class ascending, before every class descending.
  std::string null_asc, null_desc, blob_asc, bool_desc;
  AppendKeyComponent(ValueRef::Null(), false, &null_asc);
  AppendKeyComponent(ValueRef::Blob("\xff\xff", 2), false, &blob_asc);
  AppendKeyComponent(ValueRef::Null(), true, &null_desc);
  AppendKeyComponent(ValueRef::Bool(false), true, &bool_desc);
  EXPECT_GT(MemCompare(null_asc, blob_asc), 0);
  EXPECT_LT(MemCompare(null_desc, bool_desc), 0);
}

TEST(KeyCodec, DecimalOrderMatchesExactArithmetic) {
  std::mt19937_64 rng(ddbtest::TestSeed() + 2);
  auto text_of = [](int64_t mantissa, int scale) {
    bool neg = mantissa < 0;
    unsigned long long mag = neg ? 0ull - static_cast<unsigned long long>(mantissa)
                                 : static_cast<unsigned long long>(mantissa);
    std::string digits = std::to_string(mag);
    while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
    if (scale > 0) digits.insert(digits.end() - scale, '.');
    return (neg ? "-" : "") + digits;
  };
  for (int iter = 0; iter < 100000; ++iter) {
    int64_t ma = static_cast<int64_t>(rng() % 2000001) - 1000000;
    int64_t mb = rng() % 3 == 0 ? ma * 10 : static_cast<int64_t>(rng() % 2000001) - 1000000;
    if (rng() % 5 == 0) ma = static_cast<int64_t>(rng() >> 8) * (rng() % 2 ? 1 : -1);
    int sa = static_cast<int>(rng() % 7), sb = static_cast<int>(rng() % 7);
    if (rng() % 3 == 0) sb = sa + 1;
    bool desc = rng() & 1;
    std::string ta = text_of(ma, sa), tb = text_of(mb, sb);
    std::string ea, eb;
    ASSERT_OK(AppendDecimalKeyComponent(ta, desc, &ea));
    ASSERT_OK(AppendDecimalKeyComponent(tb, desc, &eb));
    // Exact oracle: scale both mantissas to 8 fraction digits in 128-bit integers.
    __int128 xa = ma, xb = mb;
    for (int k = sa; k < 8; ++k) xa *= 10;
    for (int k = sb; k < 8; ++k) xb *= 10;
    int expect = xa < xb ? -1 : (xa > xb ? 1 : 0);
    if (desc) expect = -expect;
    ASSERT_EQ(MemCompare(ea, eb), expect);
    // Round trip: the decoded text encodes to the same key.
    KeyReader r(reinterpret_cast<const uint8_t*>(ea.data()), ea.size());
    KeyComponent c;
    ASSERT_OK(r.Next(desc, &c));
    EXPECT_TRUE(c.is_decimal);
    std::string again;
    ASSERT_OK(AppendDecimalKeyComponent(c.value.bytes(), desc, &again));
    ASSERT_TRUE(again == ea);
  }
  std::string junk;
  EXPECT_TRUE(AppendDecimalKeyComponent("1e5", false, &junk).Is(Code::kSql));
  EXPECT_TRUE(AppendDecimalKeyComponent("-", false, &junk).Is(Code::kSql));
  EXPECT_TRUE(AppendDecimalKeyComponent("1.2.3", false, &junk).Is(Code::kSql));
}

TEST(KeyCodec, DamagedKeysDecodeToCorruptionOnly) {
  std::mt19937_64 rng(ddbtest::TestSeed() + 3);
  for (int iter = 0; iter < 50000; ++iter) {
    std::string k;
    int n = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) AppendKeyComponent(RandomValue(rng).ref(), false, &k);
    if (rng() % 2) ASSERT_OK(AppendDecimalKeyComponent("-12.5", false, &k));
    std::vector<uint8_t> b(k.begin(), k.end());
    b[rng() % b.size()] = static_cast<uint8_t>(rng());
    if (rng() % 3 == 0) b.resize(rng() % b.size());
    KeyReader r(b.data(), b.size());
    while (!r.AtEnd()) {
      KeyComponent c;
      Status s = r.Next(rng() % 4 == 0, &c);
      if (!s.ok()) {
        ASSERT_TRUE(s.Is(Code::kCorruption));
        break;
      }
    }
    int64_t rowid;
    Status s = DecodeRowidSuffix(b.data(), b.size(), &rowid);
    EXPECT_TRUE(s.ok() || s.Is(Code::kCorruption));
  }
}
