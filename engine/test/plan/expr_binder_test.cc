// Tests for plan/expr_binder.h: static result types, the errors a statement binder can
// rely on (SQLSTATE and the line/column of the offending construct), parameters,
// aggregate placement, GROUP BY key matching, conversions inserted around logical types,
// and constant LIKE patterns compiled at bind time. No folding here (plan/ cannot run
// the evaluator); folding is covered by the exec tests.
#include "plan/expr_binder.h"

#include <string>

#include "harness/test.h"
#include "plan/bind_test_util.h"

using namespace decentdb;
using bindtest::BindState;
using bindtest::BindText;
using bindtest::TestResolver;

namespace {

std::string TypeOf(const std::string& expr) {
  TestResolver r;
  auto b = BindText(expr, &r, nullptr);
  if (!b->status.ok()) return "ERR " + std::string(b->status.sqlstate());
  return SqlTypeName(b->expr->type);
}

// The error's byte offset within "SELECT <expr>", minus the "SELECT " prefix.
int ErrorColumn(const std::string& expr, TestResolver* r = nullptr) {
  TestResolver local;
  auto b = BindText(expr, r != nullptr ? r : &local, nullptr);
  if (b->status.ok()) return -1;
  return static_cast<int>(b->error_pos) - 7;
}

}  // namespace

TEST(BindTypes, StaticResultTypes) {
  EXPECT_EQ(TypeOf("1"), "INT64");
  EXPECT_EQ(TypeOf("1.5"), "FLOAT64");
  EXPECT_EQ(TypeOf("'a'"), "TEXT");
  EXPECT_EQ(TypeOf("X'00'"), "BLOB");
  EXPECT_EQ(TypeOf("NULL"), "unknown");
  EXPECT_EQ(TypeOf("$1"), "unknown");
  EXPECT_EQ(TypeOf("i + 1"), "INT64");
  EXPECT_EQ(TypeOf("i + f"), "FLOAT64");
  EXPECT_EQ(TypeOf("i / 2"), "INT64");
  EXPECT_EQ(TypeOf("dec * 2"), "DECIMAL");
  EXPECT_EQ(TypeOf("i + $1"), "unknown");
  EXPECT_EQ(TypeOf("i = 1"), "BOOL");
  EXPECT_EQ(TypeOf("s || i"), "TEXT");
  EXPECT_EQ(TypeOf("ts"), "TIMESTAMP");
  EXPECT_EQ(TypeOf("DATE '2024-01-01'"), "DATE");
  EXPECT_EQ(TypeOf("TIME '10:00'"), "TIME");
  EXPECT_EQ(TypeOf("TIMESTAMP '2024-01-01 10:00'"), "TIMESTAMP");
  EXPECT_EQ(TypeOf("CAST(i AS DECIMAL(8,3))"), "DECIMAL(8,3)");
  EXPECT_EQ(TypeOf("s::uuid"), "UUID");
  EXPECT_EQ(TypeOf("CASE WHEN b THEN 1 ELSE 2.5 END"), "FLOAT64");
  EXPECT_EQ(TypeOf("CASE WHEN b THEN d ELSE ts END"), "TIMESTAMP");
  EXPECT_EQ(TypeOf("CASE WHEN b THEN dec ELSE 1 END"), "DECIMAL");
  EXPECT_EQ(TypeOf("CASE WHEN b THEN NULL ELSE 's' END"), "TEXT");
  EXPECT_EQ(TypeOf("COALESCE(n, i, 0)"), "INT64");
  EXPECT_EQ(TypeOf("NULLIF(s, 'x')"), "TEXT");
  EXPECT_EQ(TypeOf("LENGTH(s)"), "INT64");
  EXPECT_EQ(TypeOf("ABS(dec)"), "DECIMAL");
  EXPECT_EQ(TypeOf("ROUND(f, 1)"), "FLOAT64");
  EXPECT_EQ(TypeOf("MOD(i, 2)"), "INT64");
  EXPECT_EQ(TypeOf("NOW()"), "TIMESTAMP");
  EXPECT_EQ(TypeOf("CURRENT_DATE"), "DATE");
  EXPECT_EQ(TypeOf("gen_random_uuid()"), "UUID");
  EXPECT_EQ(TypeOf("s LIKE 'a%'"), "BOOL");
  EXPECT_EQ(TypeOf("i IN (1, 2)"), "BOOL");
  EXPECT_EQ(TypeOf("i BETWEEN 1 AND 2"), "BOOL");
}

TEST(BindErrors, UnknownNames) {
  EXPECT_EQ(BindState("nope"), "42703");
  EXPECT_EQ(BindState("t.nope"), "42703");
  EXPECT_EQ(BindState("u2.i"), "42P01");
  EXPECT_EQ(BindState("t.i + T.I"), "ok");
  EXPECT_EQ(BindState("no_such_function(1)"), "42883");
  EXPECT_EQ(BindState("position('a', 'b')"), "42883");
  EXPECT_EQ(BindState("CAST(i AS VARCHAR2)"), "42704");
  EXPECT_EQ(BindState("CAST(i AS DECIMAL(50))"), "22023");
}

TEST(BindErrors, OperandClasses) {
  EXPECT_EQ(BindState("s + 1"), "42883");
  EXPECT_EQ(BindState("b * 2"), "42883");
  EXPECT_EQ(BindState("x - 1"), "42883");
  EXPECT_EQ(BindState("ts + 1"), "42883");
  EXPECT_EQ(BindState("d - d"), "42883");
  EXPECT_EQ(BindState("u + 1"), "42883");
  EXPECT_EQ(BindState("-s"), "42883");
  EXPECT_EQ(BindState("-b"), "42883");
  EXPECT_EQ(BindState("'5' + 1"), "ok");        // literal text is parsed at run time
  EXPECT_EQ(BindState("NOT i"), "42804");
  EXPECT_EQ(BindState("i AND b"), "42804");
  EXPECT_EQ(BindState("b OR s"), "42804");
  EXPECT_EQ(BindState("i IS TRUE"), "42804");
  EXPECT_EQ(BindState("NOT $1"), "ok");
  EXPECT_EQ(BindState("CASE WHEN i THEN 1 END"), "42804");
  EXPECT_EQ(BindState("CASE WHEN b THEN 1 ELSE 'x' END"), "42804");
  EXPECT_EQ(BindState("COALESCE(i, s)"), "42804");
  EXPECT_EQ(BindState("i LIKE 'a'"), "42883");
  EXPECT_EQ(BindState("s LIKE 1"), "42883");
  EXPECT_EQ(BindState("s LIKE 'a' ESCAPE 1"), "42883");
  EXPECT_EQ(BindState("ts = u"), "42883");
  EXPECT_EQ(BindState("ts = b"), "42883");
  EXPECT_EQ(BindState("u = 1"), "42883");
  EXPECT_EQ(BindState("d = f"), "42883");
  EXPECT_EQ(BindState("d = ts"), "ok");
  EXPECT_EQ(BindState("dec = f"), "ok");
  EXPECT_EQ(BindState("CAST(x AS INT)"), "42846");
  EXPECT_EQ(BindState("CAST(b AS DOUBLE)"), "42846");
  EXPECT_EQ(BindState("CAST(f AS DATE)"), "42846");
  EXPECT_EQ(BindState("CAST(tm AS DATE)"), "42846");
  EXPECT_EQ(BindState("CAST(i AS UUID)"), "42846");
  EXPECT_EQ(BindState("CAST($1 AS UUID)"), "ok");
  EXPECT_EQ(BindState("LOWER(i)"), "42883");
  EXPECT_EQ(BindState("LENGTH(ts)"), "42883");
  EXPECT_EQ(BindState("ABS(s)"), "42883");
  EXPECT_EQ(BindState("LEFT(s, 1.5)"), "42883");
  EXPECT_EQ(BindState("LEFT(s)"), "42883");
  EXPECT_EQ(BindState("SUBSTR(s, 1, 2, 3)"), "42883");
  EXPECT_EQ(BindState("DATE '2024-02-30'"), "22007");
}

TEST(BindErrors, LikePatternsCheckedAtBind) {
  EXPECT_EQ(BindState("s LIKE 'a\\'"), "22025");
  EXPECT_EQ(BindState("s LIKE 'a' ESCAPE 'ab'"), "22019");
  EXPECT_EQ(BindState("s LIKE $1"), "ok");
  TestResolver r;
  auto b = BindText("s LIKE 'a%'", &r, nullptr);
  ASSERT_OK(b->status);
  EXPECT_TRUE(b->expr->like != nullptr);
  EXPECT_EQ(b->pool->like_cache_slots(), 0);
  auto p = BindText("s LIKE $1 OR s ILIKE s", &r, nullptr);
  ASSERT_OK(p->status);
  EXPECT_EQ(p->pool->like_cache_slots(), 2);
}

TEST(BindErrors, PositionsPointAtTheConstruct) {
  // Offsets are relative to the expression text.
  EXPECT_EQ(ErrorColumn("1 + nope"), 4);
  EXPECT_EQ(ErrorColumn("i + (s * 2)"), 7);
  EXPECT_EQ(ErrorColumn("lower(1) || x"), 0);
  EXPECT_EQ(ErrorColumn("CAST(i AS bogus)"), 10);
  EXPECT_EQ(ErrorColumn("i = 1 AND NOT i"), 14);
  TestResolver r;
  auto b = BindText("1 +\n  nope", &r, nullptr);
  ASSERT_FALSE(b->status.ok());
  EXPECT_TRUE(b->status.message().find("line 2, column 3") != std::string::npos);
}

TEST(BindParams, NumberedAndCounted) {
  TestResolver r;
  auto b = BindText("$1 + $3", &r, nullptr);
  ASSERT_OK(b->status);
  EXPECT_EQ(b->expr->args[0]->index, 0);
  EXPECT_EQ(b->expr->args[1]->index, 2);
  TestResolver strict;
  strict.params = 0;
  EXPECT_EQ(BindState("$1", &strict), "ok");  // BindText raises the count to the parse's
}

TEST(BindAggregates, PlacementAndNesting) {
  EXPECT_EQ(BindState("COUNT(*)"), "42803");  // not allowed in this scope
  TestResolver r;
  r.aggregates = true;
  EXPECT_EQ(BindState("COUNT(*) + SUM(i)", &r), "ok");
  ASSERT_EQ(r.calls.size(), size_t{2});
  EXPECT_EQ(static_cast<int>(r.calls[0].kind), static_cast<int>(plan::AggKind::kCountStar));
  EXPECT_TRUE(r.calls[0].arg == nullptr);
  EXPECT_EQ(static_cast<int>(r.calls[1].kind), static_cast<int>(plan::AggKind::kSum));
  EXPECT_EQ(SqlTypeName(r.calls[1].result_type), std::string("INT64"));
  EXPECT_EQ(BindState("SUM(COUNT(i))", &r), "42803");
  EXPECT_EQ(BindState("SUM(s)", &r), "42883");
  EXPECT_EQ(BindState("AVG(b)", &r), "42883");
  EXPECT_EQ(BindState("SUM(ts)", &r), "42883");
  EXPECT_EQ(BindState("MAX(ts)", &r), "ok");
  EXPECT_EQ(BindState("SUM(*)", &r), "42883");
  EXPECT_EQ(BindState("COUNT(i, f)", &r), "42883");
  EXPECT_EQ(BindState("COUNT()", &r), "42883");
  r.calls.clear();
  auto b = BindText("COUNT(DISTINCT s)", &r, nullptr);
  ASSERT_OK(b->status);
  ASSERT_EQ(r.calls.size(), size_t{1});
  EXPECT_TRUE(r.calls[0].distinct);
  EXPECT_TRUE(b->expr->op == plan::BoundOp::kColumn);
  EXPECT_EQ(b->expr->index, 100);
  r.calls.clear();
  auto avg = BindText("AVG(i)", &r, nullptr);
  ASSERT_OK(avg->status);
  EXPECT_EQ(SqlTypeName(avg->expr->type), std::string("FLOAT64"));
  // A window function is only valid as a whole select-list item (select_binder.cc).
  EXPECT_EQ(BindState("ROW_NUMBER() OVER (ORDER BY i)", &r), "42P20");
}

TEST(BindAggregates, GroupedColumnsAndKeyMatching) {
  // The resolver rejects ungrouped columns outside aggregates; inside, any column goes.
  struct Grouped : TestResolver {
    Status MatchGroupKey(const sql::Expr& e, bool* matched, plan::ColumnBinding* out) override {
      // "i + 1" is GROUP BY key 0, delivered in slot 50.
      *matched = e.kind == sql::ExprKind::kBinary && e.binary.op == sql::BinaryOp::kAdd &&
                 e.binary.left->kind == sql::ExprKind::kColumn &&
                 e.binary.right->kind == sql::ExprKind::kLiteral;
      if (*matched) {
        out->slot = 50;
        out->type = SqlType::Of(ValueType::kInt64);
      }
      return Status::OK();
    }
  } r;
  r.aggregates = true;
  r.grouped = true;
  EXPECT_EQ(BindState("i + 1", &r), "ok");
  EXPECT_EQ(BindState("f", &r), "42803");
  EXPECT_EQ(BindState("SUM(f) / COUNT(*)", &r), "ok");
  auto b = BindText("(i + 1) * 2", &r, nullptr);
  ASSERT_OK(b->status);
  EXPECT_TRUE(b->expr->args[0]->op == plan::BoundOp::kColumn);
  EXPECT_EQ(b->expr->args[0]->index, 50);
}

TEST(BindConversions, LogicalTypesGetConverted) {
  TestResolver r;
  auto b = BindText("ts = '2024-01-01'", &r, nullptr);
  ASSERT_OK(b->status);
  EXPECT_TRUE(b->expr->op == plan::BoundOp::kCompare);
  EXPECT_TRUE(b->expr->args[1]->op == plan::BoundOp::kConvert);
  EXPECT_EQ(SqlTypeName(b->expr->args[1]->target), std::string("TIMESTAMP"));
  auto d = BindText("dec > i", &r, nullptr);
  ASSERT_OK(d->status);
  EXPECT_TRUE((d->expr->flags & plan::kFlagDecimal) != 0);
  EXPECT_TRUE(d->expr->args[1]->op == plan::BoundOp::kConvert);
  auto same = BindText("i = f", &r, nullptr);
  ASSERT_OK(same->status);
  EXPECT_TRUE(same->expr->args[1]->op == plan::BoundOp::kColumn);  // exact compare, no convert
  auto dt = BindText("d < ts", &r, nullptr);
  ASSERT_OK(dt->status);
  EXPECT_TRUE(dt->expr->args[0]->op == plan::BoundOp::kConvert);
}

TEST(BindAssignment, StaticMismatchIsAnError) {
  TestResolver r;
  ColumnType i = ResolveDeclaredType("INT").value();
  ColumnType u = ResolveDeclaredType("UUID").value();
  ColumnType t = ResolveDeclaredType("TEXT").value();
  EXPECT_TRUE(BindText("x", &r, nullptr, &i)->status.sqlstate() == std::string("42804"));
  EXPECT_TRUE(BindText("i", &r, nullptr, &u)->status.sqlstate() == std::string("42804"));
  EXPECT_TRUE(BindText("x", &r, nullptr, &t)->status.sqlstate() == std::string("42804"));
  EXPECT_TRUE(BindText("s", &r, nullptr, &i)->status.ok());  // text may hold digits
  auto b = BindText("1.5", &r, nullptr, &i);
  ASSERT_OK(b->status);
  EXPECT_TRUE(b->expr->op == plan::BoundOp::kConvert);
  EXPECT_TRUE((b->expr->flags & plan::kFlagAssign) != 0);
  EXPECT_EQ(std::string(b->expr->args[0]->text), std::string("1.5"));
}

TEST(BindShape, AndOrChainsAreFlat) {
  TestResolver r;
  std::string e = "b";
  for (int k = 0; k < 500; ++k) e += " AND b";
  auto b = BindText(e, &r, nullptr);
  ASSERT_OK(b->status);
  EXPECT_TRUE(b->expr->op == plan::BoundOp::kAnd);
  EXPECT_EQ(b->expr->arg_count, 501u);
  EXPECT_EQ(BindState("EXISTS (SELECT 1)"), "0A000");
  EXPECT_EQ(BindState("i IN (SELECT 1)"), "0A000");
  EXPECT_EQ(BindState("(SELECT 1)"), "0A000");
}
