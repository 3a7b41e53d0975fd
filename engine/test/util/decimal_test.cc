// Tests for util/decimal.h: canonical text, rounding half away from zero, precision checks,
// scale-independent comparison, exact arithmetic against 128-bit integer references, and the
// 38-digit limits.
#include <random>

#include "harness/test.h"
#include "util/decimal.h"

using namespace decentdb;

namespace {

std::string Canon(const std::string& text) {
  Decimal d;
  Status s = Decimal::Parse(text, &d);
  return s.ok() ? d.ToString() : std::string("error ") + s.sqlstate();
}

std::string Scaled(const std::string& text, int p, int s) {
  Decimal d, r;
  if (!Decimal::Parse(text, &d).ok()) return "parse error";
  Status st = d.Rescale(p, s, &r);
  return st.ok() ? r.ToString() : std::string("error ") + st.sqlstate();
}

Decimal D(const std::string& text) {
  Decimal d;
  Status s = Decimal::Parse(text, &d);
  if (!s.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, "bad literal " + text);
  return d;
}

}  // namespace

TEST(Decimal, ParsesToCanonicalText) {
  EXPECT_EQ(Canon("0"), "0");
  EXPECT_EQ(Canon("-0"), "0");
  EXPECT_EQ(Canon("007.50"), "7.50");
  EXPECT_EQ(Canon("+.5"), "0.5");
  EXPECT_EQ(Canon("-12.345"), "-12.345");
  EXPECT_EQ(Canon("1e3"), "1000");
  EXPECT_EQ(Canon("1.5E-3"), "0.0015");
  EXPECT_EQ(Canon(" 42 "), "42");
  EXPECT_EQ(Canon("12345678901234567890123456789012345678"), "12345678901234567890123456789012345678");
  EXPECT_EQ(Canon("123456789012345678901234567890123456789"), "error 22003");
  EXPECT_EQ(Canon("abc"), "error 22P02");
  EXPECT_EQ(Canon("1.2.3"), "error 22P02");
  EXPECT_EQ(Canon(""), "error 22P02");
  EXPECT_EQ(Canon("1e"), "error 22P02");
  EXPECT_EQ(Canon("-"), "error 22P02");
}

TEST(Decimal, RescaleRoundsHalfAwayFromZeroAndChecksPrecision) {
  EXPECT_EQ(Scaled("2.345", 10, 2), "2.35");
  EXPECT_EQ(Scaled("-2.345", 10, 2), "-2.35");
  EXPECT_EQ(Scaled("2.344", 10, 2), "2.34");
  EXPECT_EQ(Scaled("2.5", 10, 0), "3");
  EXPECT_EQ(Scaled("-2.5", 10, 0), "-3");
  EXPECT_EQ(Scaled("1", 10, 2), "1.00");
  EXPECT_EQ(Scaled("999.995", 5, 2), "error 22003");
  EXPECT_EQ(Scaled("999.994", 5, 2), "999.99");
  EXPECT_EQ(Scaled("0.001", 3, 2), "0.00");
}

TEST(Decimal, ComparesNumericallyAcrossScales) {
  EXPECT_EQ(D("1.50").Compare(D("1.5")), 0);
  EXPECT_EQ(D("-1").Compare(D("0.5")), -1);
  EXPECT_EQ(D("10").Compare(D("9.999999")), 1);
  EXPECT_EQ(D("-10").Compare(D("-9.999")), -1);
  EXPECT_EQ(D("12345678901234567890123456789012345678").Compare(D("0.00000000000000000000000000000000000001")), 1);
}

TEST(Decimal, ArithmeticMatchesIntegerReference) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int i = 0; i < 50000; ++i) {
    int64_t a = static_cast<int64_t>(rng() % 2000000001) - 1000000000;
    int64_t b = static_cast<int64_t>(rng() % 2000000001) - 1000000000;
    int sa = static_cast<int>(rng() % 5), sb = static_cast<int>(rng() % 5);
    Decimal da, db, r;
    // a * 10^-sa, built through text to exercise the exponent parser too.
    std::string ta = std::to_string(a) + "e-" + std::to_string(sa);
    std::string tb = std::to_string(b) + "e-" + std::to_string(sb);
    ASSERT_OK(Decimal::Parse(ta, &da));
    ASSERT_OK(Decimal::Parse(tb, &db));
    int s = std::max(sa, sb);
    __int128 xa = a, xb = b;
    for (int k = sa; k < s; ++k) xa *= 10;
    for (int k = sb; k < s; ++k) xb *= 10;
    ASSERT_OK(da.Add(db, &r));
    Decimal expect;
    auto from128 = [](__int128 v, int scale) {
      std::string digits;
      bool neg = v < 0;
      if (neg) v = -v;
      do { digits.insert(digits.begin(), char('0' + int(v % 10))); v /= 10; } while (v);
      return (neg ? "-" : "") + digits + "e-" + std::to_string(scale);
    };
    ASSERT_OK(Decimal::Parse(from128(xa + xb, s), &expect));
    ASSERT_EQ(r.Compare(expect), 0);
    ASSERT_OK(da.Sub(db, &r));
    ASSERT_OK(Decimal::Parse(from128(xa - xb, s), &expect));
    ASSERT_EQ(r.Compare(expect), 0);
    ASSERT_OK(da.Mul(db, &r));
    ASSERT_OK(Decimal::Parse(from128(static_cast<__int128>(a) * b, sa + sb), &expect));
    ASSERT_EQ(r.Compare(expect), 0);
    if (b != 0) {
      ASSERT_OK(da.Div(db, &r));
      int qs = std::max(sa, sb) + 6;
      ASSERT_EQ(r.scale(), qs);
      // exact: a/10^sa / (b/10^sb) * 10^qs = a * 10^(sb - sa + qs) / b
      __int128 num = a, den = b;
      for (int k = 0; k < sb - sa + qs; ++k) num *= 10;
      bool neg = (num < 0) != (den < 0);
      __int128 un = num < 0 ? -num : num, ud = den < 0 ? -den : den;
      __int128 q = un / ud;
      if ((un % ud) * 2 >= ud) ++q;
      ASSERT_OK(Decimal::Parse(from128(neg ? -q : q, qs), &expect));
      ASSERT_EQ(r.Compare(expect), 0);
    }
  }
}

TEST(Decimal, OverflowAndDivisionByZeroAreErrors) {
  Decimal big = D("99999999999999999999999999999999999999"), r;
  Status s = big.Add(D("1"), &r);
  EXPECT_EQ(std::string(s.sqlstate()), "22003");
  s = big.Mul(D("10"), &r);
  EXPECT_EQ(std::string(s.sqlstate()), "22003");
  s = D("1").Div(D("0.000"), &r);
  EXPECT_EQ(std::string(s.sqlstate()), "22012");
  ASSERT_OK(D("1").Div(D("3"), &r));
  EXPECT_EQ(r.ToString(), "0.333333");
  ASSERT_OK(D("2").Div(D("3"), &r));
  EXPECT_EQ(r.ToString(), "0.666667");
  ASSERT_OK(D("10000000000000000000000000000000").Div(D("3000000000000000000000000000000"), &r));
  EXPECT_EQ(r.ToString(), "3.333333");
  int64_t v = 0;
  ASSERT_OK(D("-12.99").ToInt64(&v));
  EXPECT_EQ(v, -12);
  EXPECT_FALSE(D("99999999999999999999").ToInt64(&v).ok());
}

TEST(Decimal, DigitsAndExponentForKeys) {
  std::string digits;
  int exp = 0;
  D("123.4500").Digits(&digits, &exp);
  EXPECT_EQ(digits, "12345");
  EXPECT_EQ(exp, 3);
  D("0.0012").Digits(&digits, &exp);
  EXPECT_EQ(digits, "12");
  EXPECT_EQ(exp, -2);
  D("0").Digits(&digits, &exp);
  EXPECT_EQ(digits, "");
}
