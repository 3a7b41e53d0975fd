// Tests for exec/aggregate.h: every aggregate over empty, NULL-only and mixed input, the
// INT64 SUM overflow rule, AVG's result types, exact DECIMAL sums and averages, DISTINCT,
// and MIN/MAX over text, decimals and mixed classes.
#include "exec/aggregate.h"

#include <limits>
#include <string>
#include <vector>

#include "exec/value_ops.h"
#include "harness/test.h"

using namespace decentdb;
using namespace decentdb::exec;
using plan::AggKind;

namespace {

SqlType T(const char* decl) { return ResolveDeclaredType(decl).value().type; }

std::string Run(AggKind kind, bool distinct, SqlType arg, const std::vector<ValueRef>& in) {
  Accumulator acc(kind, distinct, arg);
  for (ValueRef v : in) {
    Status s = acc.Add(v);
    if (!s.ok()) return "ERR " + std::string(s.sqlstate());
  }
  ScratchArena scratch;
  ValueRef out;
  Status s = acc.Finish(&scratch, &out);
  if (!s.ok()) return "ERR " + std::string(s.sqlstate());
  if (out.is_null()) return "NULL";
  std::string_view text;
  EXPECT_OK(RenderText(out, LogicalType::kNone, &scratch, &text));
  return std::string(ValueTypeName(out.type())) + ":" + std::string(text);
}

const ValueRef kNull = ValueRef::Null();
ValueRef I(int64_t v) { return ValueRef::Int64(v); }
ValueRef F(double v) { return ValueRef::Float64(v); }
ValueRef S(const char* s) { return ValueRef::Text(s); }

}  // namespace

TEST(Aggregate, EmptyInput) {
  SqlType i = T("INT");
  EXPECT_EQ(Run(AggKind::kCountStar, false, SqlType::Unknown(), {}), "INT64:0");
  EXPECT_EQ(Run(AggKind::kCount, false, i, {}), "INT64:0");
  EXPECT_EQ(Run(AggKind::kCount, true, i, {}), "INT64:0");
  EXPECT_EQ(Run(AggKind::kSum, false, i, {}), "NULL");
  EXPECT_EQ(Run(AggKind::kAvg, false, i, {}), "NULL");
  EXPECT_EQ(Run(AggKind::kMin, false, i, {}), "NULL");
  EXPECT_EQ(Run(AggKind::kMax, false, i, {}), "NULL");
  EXPECT_EQ(Run(AggKind::kSum, false, T("DECIMAL(10,2)"), {}), "NULL");
}

TEST(Aggregate, NullOnlyInput) {
  SqlType i = T("INT");
  std::vector<ValueRef> nulls = {kNull, kNull, kNull};
  EXPECT_EQ(Run(AggKind::kCountStar, false, SqlType::Unknown(), nulls), "INT64:3");
  EXPECT_EQ(Run(AggKind::kCount, false, i, nulls), "INT64:0");
  EXPECT_EQ(Run(AggKind::kCount, true, i, nulls), "INT64:0");
  EXPECT_EQ(Run(AggKind::kSum, false, i, nulls), "NULL");
  EXPECT_EQ(Run(AggKind::kAvg, false, i, nulls), "NULL");
  EXPECT_EQ(Run(AggKind::kMin, false, i, nulls), "NULL");
  EXPECT_EQ(Run(AggKind::kMax, false, i, nulls), "NULL");
}

TEST(Aggregate, SkipsNulls) {
  SqlType i = T("INT");
  std::vector<ValueRef> in = {I(3), kNull, I(1), I(2), kNull};
  EXPECT_EQ(Run(AggKind::kCountStar, false, SqlType::Unknown(), in), "INT64:5");
  EXPECT_EQ(Run(AggKind::kCount, false, i, in), "INT64:3");
  EXPECT_EQ(Run(AggKind::kSum, false, i, in), "INT64:6");
  EXPECT_EQ(Run(AggKind::kAvg, false, i, in), "FLOAT64:2");
  EXPECT_EQ(Run(AggKind::kMin, false, i, in), "INT64:1");
  EXPECT_EQ(Run(AggKind::kMax, false, i, in), "INT64:3");
}

TEST(Aggregate, Int64SumOverflowOnlyAtTheEnd) {
  SqlType i = T("BIGINT");
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  EXPECT_EQ(Run(AggKind::kSum, false, i, {I(kMax), I(1)}), "ERR 22003");
  EXPECT_EQ(Run(AggKind::kSum, false, i, {I(kMin), I(-1)}), "ERR 22003");
  EXPECT_EQ(Run(AggKind::kSum, false, i, {I(kMax), I(1), I(-1)}), "INT64:9223372036854775807");
  EXPECT_EQ(Run(AggKind::kSum, false, i, {I(kMin), I(kMax)}), "INT64:-1");
  // AVG divides the exact sum once, so it does not overflow either.
  EXPECT_EQ(Run(AggKind::kAvg, false, i, {I(kMax), I(kMax)}), "FLOAT64:9.223372036854776e+18");
  EXPECT_EQ(Run(AggKind::kAvg, false, i, {I(1), I(2)}), "FLOAT64:1.5");
}

TEST(Aggregate, Float64) {
  SqlType f = T("DOUBLE");
  EXPECT_EQ(Run(AggKind::kSum, false, f, {F(0.5), F(0.25)}), "FLOAT64:0.75");
  EXPECT_EQ(Run(AggKind::kAvg, false, f, {F(1), F(2), kNull}), "FLOAT64:1.5");
  EXPECT_EQ(Run(AggKind::kSum, false, f, {F(1.7e308), F(1.7e308)}), "ERR 22003");
  EXPECT_EQ(Run(AggKind::kMin, false, f, {F(2), F(-0.5), F(1)}), "FLOAT64:-0.5");
  // Parameters of unknown type: an INT64 sum continues as FLOAT64.
  EXPECT_EQ(Run(AggKind::kSum, false, SqlType::Unknown(), {I(1), F(0.5), S("2")}), "FLOAT64:3.5");
  EXPECT_EQ(Run(AggKind::kSum, false, SqlType::Unknown(), {I(1), S("x")}), "ERR 22P02");
  EXPECT_EQ(Run(AggKind::kSum, false, SqlType::Unknown(), {ValueRef::Bool(true)}), "ERR 42883");
}

TEST(Aggregate, DecimalIsExact) {
  SqlType d = T("DECIMAL(10,2)");
  EXPECT_EQ(Run(AggKind::kSum, false, d, {S("0.10"), S("0.20"), S("0.30")}), "TEXT:0.60");
  EXPECT_EQ(Run(AggKind::kAvg, false, d, {S("1.00"), S("2.00"), S("2.00")}), "TEXT:1.666667");
  EXPECT_EQ(Run(AggKind::kAvg, false, d, {S("1.00"), S("2.00")}), "TEXT:1.500000");
  EXPECT_EQ(Run(AggKind::kMax, false, d, {S("9.50"), S("10.25"), S("-3.00")}), "TEXT:10.25");
  EXPECT_EQ(Run(AggKind::kMin, false, d, {S("9.50"), S("10.25"), S("-3.00")}), "TEXT:-3.00");
  EXPECT_EQ(Run(AggKind::kSum, false, d,
                {S("99999999999999999999999999999999999999"), S("1")}),
            "ERR 22003");
}

TEST(Aggregate, Distinct) {
  SqlType i = T("INT");
  EXPECT_EQ(Run(AggKind::kCount, true, i, {I(1), I(1), I(2), kNull, I(2)}), "INT64:2");
  EXPECT_EQ(Run(AggKind::kSum, true, i, {I(1), I(1), I(2)}), "INT64:3");
  EXPECT_EQ(Run(AggKind::kAvg, true, i, {I(1), I(1), I(3)}), "FLOAT64:2");
  EXPECT_EQ(Run(AggKind::kCount, true, SqlType::Unknown(), {I(1), F(1.0), S("1")}), "INT64:2");
  EXPECT_EQ(Run(AggKind::kCount, true, T("DECIMAL"), {S("1.5"), S("1.50"), S("2")}), "INT64:2");
  EXPECT_EQ(Run(AggKind::kCount, true, T("TEXT"), {S("\xC3\xA9"), S("e"), S("\xC3\xA9")}), "INT64:2");
}

TEST(Aggregate, MinMaxText) {
  SqlType t = T("TEXT");
  std::vector<ValueRef> in = {S("pear"), S("apple"), S("\xC3\xA9t\xC3\xA9"), kNull, S("zoo")};
  EXPECT_EQ(Run(AggKind::kMin, false, t, in), "TEXT:apple");
  EXPECT_EQ(Run(AggKind::kMax, false, t, in), "TEXT:\xC3\xA9t\xC3\xA9");
  // Mixed classes follow the ORDER BY ranks: BOOL < numbers < TEXT.
  EXPECT_EQ(Run(AggKind::kMax, false, SqlType::Unknown(), {I(5), S("a"), ValueRef::Bool(true)}), "TEXT:a");
  EXPECT_EQ(Run(AggKind::kMin, false, SqlType::Unknown(), {I(5), S("a"), ValueRef::Bool(true)}), "BOOL:true");
}

TEST(Aggregate, ResetStartsANewGroup) {
  Accumulator acc(AggKind::kSum, true, T("INT"));
  EXPECT_OK(acc.Add(I(5)));
  EXPECT_OK(acc.Add(I(5)));
  ScratchArena scratch;
  ValueRef out;
  EXPECT_OK(acc.Finish(&scratch, &out));
  EXPECT_EQ(out.int64(), 5);
  acc.Reset();
  EXPECT_OK(acc.Finish(&scratch, &out));
  EXPECT_TRUE(out.is_null());
  EXPECT_OK(acc.Add(I(5)));
  EXPECT_OK(acc.Finish(&scratch, &out));
  EXPECT_EQ(out.int64(), 5);
  Accumulator moved = std::move(acc);
  EXPECT_EQ(moved.count(), 1);
}

TEST(Aggregate, ResultTypes) {
  SqlType out;
  EXPECT_TRUE(plan::AggregateResultType(AggKind::kSum, T("INT"), &out));
  EXPECT_EQ(SqlTypeName(out), std::string("INT64"));
  EXPECT_TRUE(plan::AggregateResultType(AggKind::kAvg, T("INT"), &out));
  EXPECT_EQ(SqlTypeName(out), std::string("FLOAT64"));
  EXPECT_TRUE(plan::AggregateResultType(AggKind::kAvg, T("NUMERIC(5,2)"), &out));
  EXPECT_EQ(SqlTypeName(out), std::string("DECIMAL"));
  EXPECT_TRUE(plan::AggregateResultType(AggKind::kMax, T("TIMESTAMP"), &out));
  EXPECT_EQ(SqlTypeName(out), std::string("TIMESTAMP"));
  EXPECT_TRUE(plan::AggregateResultType(AggKind::kCount, T("BLOB"), &out));
  EXPECT_EQ(SqlTypeName(out), std::string("INT64"));
  EXPECT_FALSE(plan::AggregateResultType(AggKind::kSum, T("TEXT"), &out));
  EXPECT_FALSE(plan::AggregateResultType(AggKind::kAvg, T("BOOLEAN"), &out));
  EXPECT_FALSE(plan::AggregateResultType(AggKind::kSum, T("TIMESTAMP"), &out));
  EXPECT_FALSE(plan::AggregateResultType(AggKind::kSum, T("UUID"), &out));
}
