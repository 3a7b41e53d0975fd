// Tests for exec/value_cast.h: the CAST matrix of ENGINE.md §8.4 and the assignment
// coercion table of §8.3, one row per accepted and per rejected cell, with the SQLSTATE
// of each failure, including logical types (TIMESTAMP, DATE, TIME, DECIMAL, UUID).
#include "exec/value_cast.h"

#include <limits>
#include <string>

#include "exec/value_ops.h"
#include "harness/test.h"

using namespace decentdb;
using namespace decentdb::exec;

namespace {

ValueRef I(int64_t v) { return ValueRef::Int64(v); }
ValueRef F(double v) { return ValueRef::Float64(v); }
ValueRef T(const char* s) { return ValueRef::Text(s); }
ValueRef B(bool v) { return ValueRef::Bool(v); }
ValueRef X(const char* s) { return ValueRef::Blob(s); }

SqlType Ty(const char* decl) {
  Result<ColumnType> r = ResolveDeclaredType(decl);
  if (!r.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, std::string("bad type ") + decl);
    throw ddbtest::AssertionFailed();
  }
  return r.value().type;
}

SqlType Src(ValueRef v) { return SqlType::Of(v.type()); }

// "CLASS:text" of the result, or "ERR sqlstate".
std::string Conv(ValueRef v, SqlType from, const char* to, ConvertMode mode,
                 std::string_view float_text = {}) {
  ScratchArena a;
  ValueRef out;
  Status s = ConvertValue(v, from, Ty(to), mode, &a, &out, float_text);
  if (!s.ok()) return "ERR " + std::string(s.sqlstate());
  if (out.is_null()) return "NULL";
  std::string_view text;
  if (out.type() == ValueType::kBlob) {
    std::string hex;
    static const char kHex[] = "0123456789abcdef";
    for (size_t i = 0; i < out.size(); ++i) {
      hex.push_back(kHex[out.data()[i] >> 4]);
      hex.push_back(kHex[out.data()[i] & 15]);
    }
    return "BLOB:" + hex;
  }
  EXPECT_OK(RenderText(out, LogicalType::kNone, &a, &text));
  return std::string(ValueTypeName(out.type())) + ":" + std::string(text);
}

std::string Cast(ValueRef v, const char* to) { return Conv(v, Src(v), to, ConvertMode::kCast); }
std::string CastFrom(ValueRef v, const char* from, const char* to) {
  return Conv(v, Ty(from), to, ConvertMode::kCast);
}
std::string Assign(ValueRef v, const char* to) { return Conv(v, Src(v), to, ConvertMode::kAssign); }
std::string AssignFrom(ValueRef v, const char* from, const char* to) {
  return Conv(v, Ty(from), to, ConvertMode::kAssign);
}

const char kUuidText[] = "00112233-4455-6677-8899-aabbccddeeff";
const char kUuidHex[] = "00112233445566778899aabbccddeeff";

}  // namespace

TEST(Cast, NullStaysNull) {
  const char* targets[] = {"INT", "REAL", "TEXT", "BLOB", "BOOL", "TIMESTAMP", "DATE", "TIME",
                           "DECIMAL(5,2)", "UUID"};
  for (const char* t : targets) {
    EXPECT_EQ(Cast(ValueRef::Null(), t), "NULL");
    EXPECT_EQ(Assign(ValueRef::Null(), t), "NULL");
  }
}

TEST(Cast, ToInt64) {
  EXPECT_EQ(Cast(I(5), "BIGINT"), "INT64:5");
  EXPECT_EQ(Cast(F(2.9), "INT"), "INT64:2");      // truncates toward zero
  EXPECT_EQ(Cast(F(-2.9), "INT"), "INT64:-2");
  EXPECT_EQ(Cast(F(9.3e18), "INT"), "ERR 22003");
  EXPECT_EQ(Cast(F(-9223372036854775808.0), "INT"), "INT64:-9223372036854775808");
  EXPECT_EQ(Cast(F(9223372036854775808.0), "INT"), "ERR 22003");
  EXPECT_EQ(Cast(F(std::numeric_limits<double>::quiet_NaN()), "INT"), "ERR 22003");
  EXPECT_EQ(Cast(T(" 42 "), "INT"), "INT64:42");
  EXPECT_EQ(Cast(T("4.2"), "INT"), "ERR 22P02");
  EXPECT_EQ(Cast(T("abc"), "INT"), "ERR 22P02");
  EXPECT_EQ(Cast(T("99999999999999999999"), "INT"), "ERR 22003");
  EXPECT_EQ(Cast(B(true), "INT"), "INT64:1");
  EXPECT_EQ(Cast(X("a"), "INT"), "ERR 42804");
  EXPECT_EQ(CastFrom(T("12.75"), "DECIMAL", "INT"), "INT64:12");
  EXPECT_EQ(CastFrom(I(86400000), "TIMESTAMP", "BIGINT"), "INT64:86400000");
}

TEST(Cast, ToFloat64) {
  EXPECT_EQ(Cast(I(3), "DOUBLE PRECISION"), "FLOAT64:3");
  EXPECT_EQ(Cast(F(0.5), "REAL"), "FLOAT64:0.5");
  EXPECT_EQ(Cast(T("1e3"), "FLOAT8"), "FLOAT64:1000");
  EXPECT_EQ(Cast(T("Infinity"), "FLOAT8"), "FLOAT64:Infinity");
  EXPECT_EQ(Cast(T("1.2.3"), "FLOAT8"), "ERR 22P02");
  EXPECT_EQ(Cast(B(true), "FLOAT8"), "ERR 42804");
  EXPECT_EQ(Cast(X("a"), "FLOAT8"), "ERR 42804");
  EXPECT_EQ(CastFrom(T("2.50"), "NUMERIC", "FLOAT8"), "FLOAT64:2.5");
}

TEST(Cast, ToText) {
  EXPECT_EQ(Cast(I(-7), "TEXT"), "TEXT:-7");
  EXPECT_EQ(Cast(F(0.1), "VARCHAR(10)"), "TEXT:0.1");
  EXPECT_EQ(Cast(B(false), "TEXT"), "TEXT:false");
  EXPECT_EQ(Cast(T("x"), "TEXT"), "TEXT:x");
  EXPECT_EQ(Cast(X("ab"), "TEXT"), "TEXT:ab");
  EXPECT_EQ(Cast(ValueRef::Blob("\xC3", 1), "TEXT"), "ERR 22P02");
  EXPECT_EQ(CastFrom(I(0), "TIMESTAMP", "TEXT"), "TEXT:1970-01-01 00:00:00");
  EXPECT_EQ(CastFrom(I(1), "DATE", "TEXT"), "TEXT:1970-01-02");
  EXPECT_EQ(CastFrom(I(1500), "TIME", "TEXT"), "TEXT:00:00:01.500");
  EXPECT_EQ(CastFrom(ValueRef::Blob("\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff", 16),
                     "UUID", "TEXT"),
            std::string("TEXT:") + kUuidText);
}

TEST(Cast, ToBlobAndBool) {
  EXPECT_EQ(Cast(T("hi"), "BLOB"), "BLOB:6869");
  EXPECT_EQ(Cast(X("hi"), "BYTEA"), "BLOB:6869");
  EXPECT_EQ(Cast(I(1), "BLOB"), "ERR 42804");
  EXPECT_EQ(Cast(F(1), "BLOB"), "ERR 42804");
  EXPECT_EQ(Cast(B(true), "BLOB"), "ERR 42804");
  EXPECT_EQ(Cast(I(0), "BOOL"), "BOOL:false");
  EXPECT_EQ(Cast(I(7), "BOOLEAN"), "BOOL:true");
  EXPECT_EQ(Cast(T("off"), "BOOL"), "BOOL:false");
  EXPECT_EQ(Cast(T("maybe"), "BOOL"), "ERR 22P02");
  EXPECT_EQ(Cast(F(1.0), "BOOL"), "ERR 42804");
  EXPECT_EQ(Cast(X("t"), "BOOL"), "ERR 42804");
}

TEST(Cast, ToTemporal) {
  EXPECT_EQ(Cast(T("2024-02-29 12:34:56.789Z"), "TIMESTAMP"), "INT64:1709210096789");
  EXPECT_EQ(Cast(T("2024-02-29T12:34:56+02:00"), "TIMESTAMP"), "INT64:1709202896000");
  EXPECT_EQ(Cast(T("2024-02-29"), "TIMESTAMP"), "INT64:1709164800000");
  EXPECT_EQ(Cast(T("2024-02-30"), "TIMESTAMP"), "ERR 22007");
  EXPECT_EQ(Cast(T("yesterday"), "DATE"), "ERR 22007");
  EXPECT_EQ(Cast(T("1970-01-02"), "DATE"), "INT64:1");
  EXPECT_EQ(Cast(T("1970-01-02 23:00"), "DATE"), "INT64:1");
  EXPECT_EQ(Cast(T("01:00:00"), "TIME"), "INT64:3600000");
  EXPECT_EQ(Cast(T("25:00:00"), "TIME"), "ERR 22007");
  EXPECT_EQ(Cast(I(42), "TIMESTAMP"), "INT64:42");
  EXPECT_EQ(Cast(I(86400000), "TIME"), "ERR 22007");
  EXPECT_EQ(Cast(I(-1), "TIME"), "ERR 22007");
  EXPECT_EQ(CastFrom(I(-1), "TIMESTAMP", "DATE"), "INT64:-1");  // floor, not truncation
  EXPECT_EQ(CastFrom(I(90000000), "TIMESTAMP", "TIME"), "INT64:3600000");
  EXPECT_EQ(CastFrom(I(2), "DATE", "TIMESTAMP"), "INT64:172800000");
  EXPECT_EQ(CastFrom(I(2), "DATE", "TIME"), "ERR 42804");
  EXPECT_EQ(CastFrom(I(2), "TIME", "DATE"), "ERR 42804");
  EXPECT_EQ(CastFrom(I(std::numeric_limits<int64_t>::max()), "DATE", "TIMESTAMP"), "ERR 22007");
  EXPECT_EQ(Cast(F(1.5), "TIMESTAMP"), "ERR 42804");
  EXPECT_EQ(Cast(B(true), "DATE"), "ERR 42804");
  EXPECT_EQ(Cast(X("x"), "TIME"), "ERR 42804");
}

TEST(Cast, ToDecimal) {
  EXPECT_EQ(Cast(I(5), "DECIMAL(5,2)"), "TEXT:5.00");
  EXPECT_EQ(Cast(I(-5), "NUMERIC"), "TEXT:-5");
  EXPECT_EQ(Cast(F(0.125), "DECIMAL(10,2)"), "TEXT:0.13");     // half away from zero
  EXPECT_EQ(Cast(F(-0.125), "DECIMAL(10,2)"), "TEXT:-0.13");
  EXPECT_EQ(Cast(F(1e20), "NUMERIC"), "TEXT:100000000000000000000");
  EXPECT_EQ(Cast(T("0012.340"), "NUMERIC"), "TEXT:12.340");    // unconstrained keeps scale
  EXPECT_EQ(Cast(T("-0.00"), "NUMERIC"), "TEXT:0.00");
  EXPECT_EQ(Cast(T("-0.001"), "DECIMAL(3,2)"), "TEXT:0.00");
  EXPECT_EQ(Cast(T("123.4"), "DECIMAL(4,2)"), "ERR 22003");
  EXPECT_EQ(Cast(T("12.345"), "DECIMAL(4,2)"), "TEXT:12.35");
  EXPECT_EQ(Cast(T("1,5"), "DECIMAL"), "ERR 22P02");
  EXPECT_EQ(Cast(F(std::numeric_limits<double>::infinity()), "DECIMAL"), "ERR 22003");
  EXPECT_EQ(Cast(B(true), "DECIMAL"), "ERR 42804");
  EXPECT_EQ(Cast(X("1"), "DECIMAL"), "ERR 42804");
  EXPECT_EQ(CastFrom(I(5), "TIMESTAMP", "DECIMAL"), "ERR 42804");
  // A FLOAT64 literal's source text is used exactly.
  EXPECT_EQ(Conv(F(12345678901234567890.123), Src(F(0)), "NUMERIC", ConvertMode::kAssign,
                 "12345678901234567890.123"),
            "TEXT:12345678901234567890.123");
}

TEST(Cast, ToUuid) {
  EXPECT_EQ(Cast(T(kUuidText), "UUID"), std::string("BLOB:") + kUuidHex);
  EXPECT_EQ(Cast(T(kUuidHex), "UUID"), std::string("BLOB:") + kUuidHex);
  EXPECT_EQ(Cast(T("0011"), "UUID"), "ERR 22P02");
  EXPECT_EQ(Cast(ValueRef::Blob("0123456789abcdef", 16), "UUID"),
            "BLOB:30313233343536373839616263646566");
  EXPECT_EQ(Cast(X("short"), "UUID"), "ERR 22P02");
  EXPECT_EQ(Cast(I(1), "UUID"), "ERR 42804");
}

TEST(Assign, Int64Column) {
  EXPECT_EQ(Assign(I(1), "INTEGER"), "INT64:1");
  EXPECT_EQ(Assign(F(3.0), "INTEGER"), "INT64:3");
  EXPECT_EQ(Assign(F(3.5), "INTEGER"), "ERR 22P02");    // not integral
  EXPECT_EQ(Assign(F(1e19), "INTEGER"), "ERR 22003");
  EXPECT_EQ(Assign(T("-12"), "INTEGER"), "INT64:-12");
  EXPECT_EQ(Assign(T("12.0"), "INTEGER"), "ERR 22P02");  // strictly integer text
  EXPECT_EQ(Assign(B(true), "INTEGER"), "INT64:1");
  EXPECT_EQ(Assign(X("1"), "INTEGER"), "ERR 42804");
  EXPECT_EQ(AssignFrom(T("12.00"), "DECIMAL(5,2)", "INT"), "INT64:12");
  EXPECT_EQ(AssignFrom(T("12.50"), "DECIMAL(5,2)", "INT"), "ERR 22P02");
}

TEST(Assign, Float64Column) {
  EXPECT_EQ(Assign(F(1.5), "REAL"), "FLOAT64:1.5");
  EXPECT_EQ(Assign(I(2), "REAL"), "FLOAT64:2");
  EXPECT_EQ(Assign(T("2.5e1"), "REAL"), "FLOAT64:25");
  EXPECT_EQ(Assign(T("x"), "REAL"), "ERR 22P02");
  EXPECT_EQ(Assign(B(true), "REAL"), "ERR 42804");
  EXPECT_EQ(Assign(X("1"), "REAL"), "ERR 42804");
}

TEST(Assign, TextBlobBoolColumns) {
  EXPECT_EQ(Assign(T("h\xC3\xA9"), "TEXT"), "TEXT:h\xC3\xA9");
  EXPECT_EQ(Assign(I(10), "TEXT"), "TEXT:10");
  EXPECT_EQ(Assign(F(0.1), "TEXT"), "TEXT:0.1");
  EXPECT_EQ(Assign(B(true), "TEXT"), "TEXT:true");
  EXPECT_EQ(Assign(X("a"), "TEXT"), "ERR 42804");
  EXPECT_EQ(AssignFrom(I(0), "DATE", "TEXT"), "TEXT:1970-01-01");
  EXPECT_EQ(Assign(X("a"), "BLOB"), "BLOB:61");
  EXPECT_EQ(Assign(T("a"), "BLOB"), "ERR 42804");
  EXPECT_EQ(Assign(I(1), "BLOB"), "ERR 42804");
  EXPECT_EQ(Assign(B(false), "BOOL"), "BOOL:false");
  EXPECT_EQ(Assign(I(1), "BOOL"), "BOOL:true");
  EXPECT_EQ(Assign(I(0), "BOOL"), "BOOL:false");
  EXPECT_EQ(Assign(I(2), "BOOL"), "ERR 22P02");
  const char* words[] = {"true", "FALSE", "t", "f", "yes", "no", "on", "off", "1", "0"};
  for (const char* w : words) EXPECT_TRUE(Assign(T(w), "BOOL").rfind("BOOL:", 0) == 0);
  EXPECT_EQ(Assign(T("nope"), "BOOL"), "ERR 22P02");
  EXPECT_EQ(Assign(F(1.0), "BOOL"), "ERR 42804");
}

TEST(Assign, LogicalColumns) {
  EXPECT_EQ(Assign(I(5), "TIMESTAMP"), "INT64:5");
  EXPECT_EQ(Assign(T("1970-01-01 00:00:01"), "TIMESTAMP"), "INT64:1000");
  EXPECT_EQ(AssignFrom(I(86400001), "TIMESTAMP", "DATE"), "INT64:1");
  EXPECT_EQ(AssignFrom(I(1), "DATE", "TIMESTAMP"), "INT64:86400000");
  EXPECT_EQ(Assign(F(1.0), "DATE"), "ERR 42804");
  EXPECT_EQ(Assign(I(5), "DECIMAL(4,1)"), "TEXT:5.0");
  EXPECT_EQ(Assign(F(2.675), "DECIMAL(4,2)"), "TEXT:2.68");  // via shortest text "2.675"
  EXPECT_EQ(Assign(T("99.99"), "DECIMAL(3,1)"), "ERR 22003");
  EXPECT_EQ(Assign(T("abc"), "DECIMAL"), "ERR 22P02");
  EXPECT_EQ(Assign(T(kUuidText), "UUID"), std::string("BLOB:") + kUuidHex);
  EXPECT_EQ(Assign(ValueRef::Blob("0123456789abcdef", 16), "UUID"),
            "BLOB:30313233343536373839616263646566");
  EXPECT_EQ(Assign(T("not-a-uuid"), "UUID"), "ERR 22P02");
  EXPECT_EQ(Assign(I(1), "UUID"), "ERR 42804");
}

TEST(Assign, UnknownSourceUsesRuntimeClass) {
  // Parameters have an unknown static type: the bound value's class decides.
  EXPECT_EQ(Conv(T("7"), SqlType::Unknown(), "INT", ConvertMode::kAssign), "INT64:7");
  EXPECT_EQ(Conv(I(7), Ty("TIMESTAMP"), "TEXT", ConvertMode::kAssign), "TEXT:1970-01-01 00:00:00.007");
  // A static type that disagrees with the runtime class carries no logical meaning.
  EXPECT_EQ(Conv(T("7"), Ty("TIMESTAMP"), "INT", ConvertMode::kAssign), "INT64:7");
}
