// Tests for exec/value_ops.h: the §8.4 comparison matrix (mixed classes, exact INT64 vs
// FLOAT64, NaN and -0.0), the ORDER BY order with NULL placement, GROUP BY equality and
// hash consistency, arithmetic edge cases (INT64_MIN, overflow, division by zero), DECIMAL
// arithmetic, and canonical text rendering / strict parsing.
#include "exec/value_ops.h"

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "harness/test.h"

using namespace decentdb;
using namespace decentdb::exec;

namespace {

const int64_t kMin = std::numeric_limits<int64_t>::min();
const int64_t kMax = std::numeric_limits<int64_t>::max();
const double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = std::numeric_limits<double>::infinity();

ValueRef I(int64_t v) { return ValueRef::Int64(v); }
ValueRef F(double v) { return ValueRef::Float64(v); }
ValueRef T(const char* s) { return ValueRef::Text(s); }
ValueRef B(bool v) { return ValueRef::Bool(v); }
ValueRef X(const char* s) { return ValueRef::Blob(s); }

std::string Render(ValueRef v, LogicalType l = LogicalType::kNone) {
  ScratchArena a;
  std::string_view s;
  Status st = RenderText(v, l, &a, &s);
  if (!st.ok()) return "ERR " + std::string(st.sqlstate());
  return std::string(s);
}

std::string State(const Status& s) { return s.sqlstate(); }

}  // namespace

TEST(Compare, SameClassNaturalOrder) {
  EXPECT_LT(CompareValues(I(1), I(2)), 0);
  EXPECT_EQ(CompareValues(I(kMin), I(kMin)), 0);
  EXPECT_GT(CompareValues(I(kMax), I(kMin)), 0);
  EXPECT_LT(CompareValues(T("a"), T("b")), 0);
  EXPECT_LT(CompareValues(T("ab"), T("abc")), 0);  // prefix first
  EXPECT_LT(CompareValues(T("Z"), T("a")), 0);     // bytes, not case-insensitive
  EXPECT_LT(CompareValues(T("z"), T("\xC3\xA9")), 0);  // code-point order
  EXPECT_LT(CompareValues(X(""), X("\x01")), 0);
  EXPECT_LT(CompareValues(B(false), B(true)), 0);
  EXPECT_EQ(CompareValues(B(true), B(true)), 0);
}

TEST(Compare, Float64TotalOrder) {
  EXPECT_EQ(CompareValues(F(-0.0), F(0.0)), 0);
  EXPECT_EQ(CompareValues(F(kNaN), F(kNaN)), 0);
  EXPECT_GT(CompareValues(F(kNaN), F(kInf)), 0);
  EXPECT_LT(CompareValues(F(-kInf), F(-1e308)), 0);
  EXPECT_GT(CompareValues(F(kNaN), I(kMax)), 0);
  EXPECT_LT(CompareValues(I(kMin), F(kNaN)), 0);
}

TEST(Compare, Int64VersusFloat64IsExact) {
  // 2^53 + 1 is not representable as a double; a naive conversion would call them equal.
  int64_t big = (int64_t{1} << 53) + 1;
  EXPECT_GT(CompareValues(I(big), F(9007199254740992.0)), 0);
  EXPECT_LT(CompareValues(F(9007199254740992.0), I(big)), 0);
  EXPECT_EQ(CompareValues(I(3), F(3.0)), 0);
  EXPECT_LT(CompareValues(I(3), F(3.5)), 0);
  EXPECT_GT(CompareValues(I(-3), F(-3.5)), 0);
  EXPECT_LT(CompareValues(I(kMax), F(9223372036854775808.0)), 0);
  EXPECT_EQ(CompareValues(I(kMin), F(-9223372036854775808.0)), 0);
  EXPECT_GT(CompareValues(I(kMin), F(-1e19)), 0);
  EXPECT_LT(CompareValues(I(0), F(kInf)), 0);
  EXPECT_GT(CompareValues(I(0), F(-kInf)), 0);
  EXPECT_EQ(CompareValues(I(0), F(-0.0)), 0);
}

TEST(Compare, MixedClasses) {
  EXPECT_EQ(CompareValues(B(true), I(1)), 0);
  EXPECT_LT(CompareValues(B(false), I(1)), 0);
  EXPECT_GT(CompareValues(I(2), B(true)), 0);
  // number vs TEXT: numeric when the text parses, else the number is smaller.
  EXPECT_EQ(CompareValues(I(10), T("10")), 0);
  EXPECT_LT(CompareValues(I(9), T("10")), 0);    // numeric, not textual
  EXPECT_EQ(CompareValues(T(" 1.5 "), F(1.5)), 0);
  EXPECT_LT(CompareValues(I(1000), T("abc")), 0);
  EXPECT_GT(CompareValues(T("abc"), F(1e300)), 0);
  EXPECT_EQ(CompareValues(B(true), T("yes")), 0);
  EXPECT_LT(CompareValues(B(false), T("on")), 0);
  // otherwise the class order BOOL < numbers < TEXT < BLOB
  EXPECT_LT(CompareValues(B(true), T("x")), 0);
  EXPECT_LT(CompareValues(T("zzz"), X("a")), 0);
  EXPECT_LT(CompareValues(I(5), X("a")), 0);
  EXPECT_LT(CompareValues(B(true), X("a")), 0);
  EXPECT_LT(CompareValues(B(true), F(0.5)), 0);
}

TEST(Compare, Decimal) {
  int c = 9;
  EXPECT_OK(CompareDecimal(T("1.50"), T("1.5"), &c));
  EXPECT_EQ(c, 0);
  EXPECT_OK(CompareDecimal(T("-2"), T("1.5"), &c));
  EXPECT_LT(c, 0);
  EXPECT_OK(CompareDecimal(T("10.00"), I(9), &c));
  EXPECT_GT(c, 0);
  EXPECT_OK(CompareDecimal(F(0.1), T("0.1"), &c));
  EXPECT_EQ(c, 0);
  EXPECT_OK(CompareDecimal(T("12345678901234567890.5"), T("12345678901234567890.4"), &c));
  EXPECT_GT(c, 0);
  EXPECT_EQ(State(CompareDecimal(T("abc"), I(1), &c)), "22P02");
}

TEST(SortOrder, NullsLastAscendingFirstDescending) {
  ValueRef n = ValueRef::Null();
  EXPECT_GT(CompareForSort(n, I(1), LogicalType::kNone, false, false), 0);
  EXPECT_LT(CompareForSort(I(1), n, LogicalType::kNone, false, false), 0);
  EXPECT_LT(CompareForSort(n, I(1), LogicalType::kNone, true, true), 0);
  EXPECT_EQ(CompareForSort(n, n, LogicalType::kNone, true, true), 0);
  EXPECT_GT(CompareForSort(I(1), I(2), LogicalType::kNone, true, true), 0);
  EXPECT_LT(CompareForSort(n, I(1), LogicalType::kNone, false, true), 0);  // NULLS FIRST
}

TEST(SortOrder, MixedClassRanks) {
  std::vector<ValueRef> order = {B(false), B(true), I(-5), F(-0.5), I(0), F(2.5), I(3),
                                 F(kNaN),  T(""),   T("1"), T("a"), X(""), X("z")};
  for (size_t i = 0; i < order.size(); ++i) {
    for (size_t j = 0; j < order.size(); ++j) {
      int c = CompareForSort(order[i], order[j], LogicalType::kNone, false, false);
      int want = i < j ? -1 : (i > j ? 1 : 0);
      if ((c < 0 ? -1 : c > 0 ? 1 : 0) != want) {
        ddbtest::ReportFailure(__FILE__, __LINE__,
                               "order mismatch at " + std::to_string(i) + "," + std::to_string(j));
      }
    }
  }
}

TEST(SortOrder, DecimalNumeric) {
  EXPECT_LT(CompareForSort(T("9.5"), T("10.25"), LogicalType::kDecimal, false, false), 0);
  EXPECT_GT(CompareForSort(T("9.5"), T("10.25"), LogicalType::kNone, false, false), 0);
  EXPECT_EQ(CompareForSort(T("1.0"), T("1.000"), LogicalType::kDecimal, false, false), 0);
}

TEST(Group, EqualityAndHashAgree) {
  std::vector<std::pair<ValueRef, ValueRef>> equal = {
      {I(1), F(1.0)}, {F(-0.0), F(0.0)}, {F(kNaN), F(-kNaN)}, {I(0), F(-0.0)},
      {ValueRef::Null(), ValueRef::Null()}, {T("x"), T("x")}, {I(kMin), F(-9223372036854775808.0)}};
  for (auto& p : equal) {
    EXPECT_TRUE(GroupEqual(p.first, p.second, LogicalType::kNone));
    EXPECT_EQ(HashValue(p.first, LogicalType::kNone), HashValue(p.second, LogicalType::kNone));
  }
  EXPECT_TRUE(GroupEqual(T("1.50"), T("1.5"), LogicalType::kDecimal));
  EXPECT_EQ(HashValue(T("1.50"), LogicalType::kDecimal), HashValue(T("1.5"), LogicalType::kDecimal));
  EXPECT_EQ(HashValue(T("-0.00"), LogicalType::kDecimal), HashValue(T("0"), LogicalType::kDecimal));
  EXPECT_FALSE(GroupEqual(T("1"), I(1), LogicalType::kNone));
  EXPECT_FALSE(GroupEqual(B(true), I(1), LogicalType::kNone));
  EXPECT_FALSE(GroupEqual(ValueRef::Null(), I(0), LogicalType::kNone));
  EXPECT_FALSE(GroupEqual(T("1.50"), T("1.5"), LogicalType::kNone));
  EXPECT_FALSE(GroupEqual(I((int64_t{1} << 53) + 1), F(9007199254740992.0), LogicalType::kNone));
  EXPECT_NE(HashValue(I(1), LogicalType::kNone), HashValue(I(2), LogicalType::kNone));
  EXPECT_NE(HashValue(T("ab"), LogicalType::kNone), HashValue(X("ab"), LogicalType::kNone));
}

TEST(Arith, Int64) {
  int64_t r = 0;
  EXPECT_OK(ArithInt(ArithOp::kDiv, 7, -2, &r));
  EXPECT_EQ(r, -3);  // truncates toward zero
  EXPECT_OK(ArithInt(ArithOp::kMod, -7, 2, &r));
  EXPECT_EQ(r, -1);  // dividend's sign
  EXPECT_OK(ArithInt(ArithOp::kMod, 7, -2, &r));
  EXPECT_EQ(r, 1);
  EXPECT_OK(ArithInt(ArithOp::kMod, kMin, -1, &r));
  EXPECT_EQ(r, 0);
  EXPECT_EQ(State(ArithInt(ArithOp::kDiv, kMin, -1, &r)), "22003");
  EXPECT_EQ(State(ArithInt(ArithOp::kAdd, kMax, 1, &r)), "22003");
  EXPECT_EQ(State(ArithInt(ArithOp::kSub, kMin, 1, &r)), "22003");
  EXPECT_EQ(State(ArithInt(ArithOp::kMul, kMax / 2 + 1, 2, &r)), "22003");
  EXPECT_EQ(State(ArithInt(ArithOp::kMul, kMin, -1, &r)), "22003");
  EXPECT_EQ(State(ArithInt(ArithOp::kDiv, 1, 0, &r)), "22012");
  EXPECT_EQ(State(ArithInt(ArithOp::kMod, 1, 0, &r)), "22012");
  EXPECT_OK(ArithInt(ArithOp::kAdd, kMax, kMin, &r));
  EXPECT_EQ(r, -1);
}

TEST(Arith, Float64AndMixed) {
  ValueRef out;
  EXPECT_OK(Arith(ArithOp::kAdd, I(1), F(0.5), &out));
  EXPECT_EQ(static_cast<int>(out.type()), static_cast<int>(ValueType::kFloat64));
  EXPECT_EQ(out.float64(), 1.5);
  EXPECT_EQ(State(Arith(ArithOp::kDiv, F(1.0), F(0.0), &out)), "22012");
  EXPECT_EQ(State(Arith(ArithOp::kDiv, F(1.0), I(0), &out)), "22012");
  EXPECT_EQ(State(Arith(ArithOp::kMod, F(1.0), F(-0.0), &out)), "22012");
  EXPECT_EQ(State(Arith(ArithOp::kMul, F(1e308), F(10), &out)), "22003");
  EXPECT_OK(Arith(ArithOp::kMod, F(-7.5), F(2), &out));
  EXPECT_EQ(out.float64(), -1.5);
  EXPECT_OK(Arith(ArithOp::kAdd, F(kInf), F(1), &out));  // infinite input stays infinite
  EXPECT_TRUE(std::isinf(out.float64()));
  // TEXT operands (parameters, literals) are read as numbers.
  EXPECT_OK(Arith(ArithOp::kAdd, T("41"), I(1), &out));
  EXPECT_EQ(out.int64(), 42);
  EXPECT_OK(Arith(ArithOp::kMul, T("1.5"), I(2), &out));
  EXPECT_EQ(out.float64(), 3.0);
  EXPECT_EQ(State(Arith(ArithOp::kAdd, T("x1"), I(1), &out)), "22P02");
  EXPECT_EQ(State(Arith(ArithOp::kAdd, B(true), I(1), &out)), "42883");
  EXPECT_EQ(State(Arith(ArithOp::kAdd, X("a"), I(1), &out)), "42883");
}

TEST(Arith, NegateAndDecimal) {
  ScratchArena a;
  ValueRef out;
  EXPECT_EQ(State(Negate(I(kMin), false, &a, &out)), "22003");
  EXPECT_OK(Negate(I(kMax), false, &a, &out));
  EXPECT_EQ(out.int64(), -kMax);
  EXPECT_OK(Negate(T("1.50"), true, &a, &out));
  EXPECT_EQ(std::string(out.bytes()), "-1.50");
  EXPECT_OK(ArithDecimal(ArithOp::kAdd, T("0.1"), T("0.2"), &a, &out));
  EXPECT_EQ(std::string(out.bytes()), "0.3");
  EXPECT_OK(ArithDecimal(ArithOp::kMul, T("1.25"), I(3), &a, &out));
  EXPECT_EQ(std::string(out.bytes()), "3.75");
  EXPECT_OK(ArithDecimal(ArithOp::kDiv, T("1"), T("3"), &a, &out));
  EXPECT_EQ(std::string(out.bytes()), "0.333333");
  EXPECT_OK(ArithDecimal(ArithOp::kMod, T("7.5"), T("2"), &a, &out));
  EXPECT_EQ(std::string(out.bytes()), "1.5");
  EXPECT_OK(ArithDecimal(ArithOp::kMod, T("-7.5"), T("2"), &a, &out));
  EXPECT_EQ(std::string(out.bytes()), "-1.5");
  EXPECT_OK(ArithDecimal(ArithOp::kSub, T("1.00"), F(0.25), &a, &out));
  EXPECT_EQ(std::string(out.bytes()), "0.75");
  EXPECT_EQ(State(ArithDecimal(ArithOp::kDiv, T("1"), T("0.00"), &a, &out)), "22012");
  EXPECT_EQ(State(ArithDecimal(ArithOp::kMod, T("1"), I(0), &a, &out)), "22012");
  EXPECT_EQ(State(ArithDecimal(ArithOp::kMul, T("99999999999999999999999999999999999999"),
                               I(10), &a, &out)),
            "22003");
}

TEST(Text, RendersCanonically) {
  EXPECT_EQ(Render(I(kMin)), "-9223372036854775808");
  EXPECT_EQ(Render(F(0.1)), "0.1");
  EXPECT_EQ(Render(F(1.0)), "1");
  EXPECT_EQ(Render(F(-0.0)), "-0");
  EXPECT_EQ(Render(F(1e20)), "1e+20");
  EXPECT_EQ(Render(F(123.456)), "123.456");
  EXPECT_EQ(Render(F(1.0 / 3)), "0.3333333333333333");
  EXPECT_EQ(Render(F(kNaN)), "NaN");
  EXPECT_EQ(Render(F(-kInf)), "-Infinity");
  EXPECT_EQ(Render(B(true)), "true");
  EXPECT_EQ(Render(T("h\xC3\xA9")), "h\xC3\xA9");
  EXPECT_EQ(Render(X("ok")), "ok");
  EXPECT_EQ(Render(ValueRef::Blob("\xFF", 1)), "ERR 22P02");
  EXPECT_EQ(Render(I(0), LogicalType::kTimestamp), "1970-01-01 00:00:00");
  EXPECT_EQ(Render(I(1700000000123), LogicalType::kTimestamp), "2023-11-14 22:13:20.123");
  EXPECT_EQ(Render(I(-1), LogicalType::kTimestamp), "1969-12-31 23:59:59.999");
  EXPECT_EQ(Render(I(19000), LogicalType::kDate), "2022-01-08");
  EXPECT_EQ(Render(I(3723004), LogicalType::kTime), "01:02:03.004");
  EXPECT_EQ(Render(ValueRef::Blob("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16),
                   LogicalType::kUuid),
            "00112233-4455-6677-8899-aabbccddeeff");
  // Every double renders to text that parses back to the same bits.
  uint64_t seed = ddbtest::TestSeed();
  for (int i = 0; i < 20000; ++i) {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    uint64_t bits = seed ^ (seed >> 29);
    double d;
    std::memcpy(&d, &bits, 8);
    if (std::isnan(d)) continue;
    char buf[32];
    size_t n = FormatFloat64(d, buf);
    double back = 0;
    EXPECT_TRUE(ParseFloat64Text(std::string_view(buf, n), &back));
    EXPECT_TRUE(std::memcmp(&back, &d, 8) == 0);
  }
}

TEST(Text, StrictParsers) {
  int64_t i = 0;
  EXPECT_TRUE(ParseInt64Text(" -9223372036854775808 ", &i));
  EXPECT_EQ(i, kMin);
  EXPECT_TRUE(ParseInt64Text("+42", &i));
  EXPECT_EQ(i, 42);
  EXPECT_FALSE(ParseInt64Text("9223372036854775808", &i));
  EXPECT_FALSE(ParseInt64Text("1.0", &i));
  EXPECT_FALSE(ParseInt64Text("", &i));
  EXPECT_FALSE(ParseInt64Text("-", &i));
  EXPECT_FALSE(ParseInt64Text("1 2", &i));
  double d = 0;
  EXPECT_TRUE(ParseFloat64Text("1e-3", &d));
  EXPECT_EQ(d, 0.001);
  EXPECT_TRUE(ParseFloat64Text(".5", &d));
  EXPECT_TRUE(ParseFloat64Text("-Infinity", &d));
  EXPECT_TRUE(std::isinf(d) && d < 0);
  EXPECT_TRUE(ParseFloat64Text("nan", &d));
  EXPECT_FALSE(ParseFloat64Text("1e", &d));
  EXPECT_FALSE(ParseFloat64Text("0x10", &d));
  EXPECT_FALSE(ParseFloat64Text("abc", &d));
  EXPECT_FALSE(ParseFloat64Text("1e999", &d));
  bool b = false;
  const char* yes[] = {"true", "T", "Yes", "ON", "1", " true "};
  for (const char* s : yes) {
    EXPECT_TRUE(ParseBoolText(s, &b));
    EXPECT_TRUE(b);
  }
  const char* no[] = {"false", "f", "NO", "off", "0"};
  for (const char* s : no) {
    EXPECT_TRUE(ParseBoolText(s, &b));
    EXPECT_FALSE(b);
  }
  EXPECT_FALSE(ParseBoolText("2", &b));
  EXPECT_FALSE(ParseBoolText("tru", &b));
}

TEST(Scratch, ResetKeepsOneBlockForThePeak) {
  ScratchArena a;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 100; ++i) a.Allocate(1000);
    EXPECT_EQ(a.bytes_used(), size_t{100000});
    a.Reset();
    EXPECT_EQ(a.bytes_used(), size_t{0});
  }
  std::string_view s = a.Copy("hello");
  EXPECT_EQ(std::string(s), "hello");
}
