// Tests for exec/evaluator.h through the real parser and binder: three-valued logic truth
// tables, comparisons (mixed classes and logical types), arithmetic errors, IN/BETWEEN/
// LIKE/IS/CASE/CAST/COALESCE/NULLIF, parameters, and the folding-equals-evaluation check
// that evaltest::Eval performs on every expression.
#include <string>
#include <vector>

#include "exec/eval_test_util.h"
#include "harness/test.h"

using namespace decentdb;
using evaltest::Eval;

namespace {

// "TRUE"/"FALSE"/"NULL" literals and the expected result of the truth tables.
const char* kTri[] = {"TRUE", "FALSE", "NULL"};
std::string B(int t) { return t == 0 ? "BOOL:true" : t == 1 ? "BOOL:false" : "NULL"; }

}  // namespace

TEST(ThreeValuedLogic, AndOrNotTruthTables) {
  // index 0 TRUE, 1 FALSE, 2 NULL
  const int kAnd[3][3] = {{0, 1, 2}, {1, 1, 1}, {2, 1, 2}};
  const int kOr[3][3] = {{0, 0, 0}, {0, 1, 2}, {0, 2, 2}};
  const int kNot[3] = {1, 0, 2};
  for (int a = 0; a < 3; ++a) {
    // Literals are folded; going through a column-free CASE keeps one side unfolded too.
    EXPECT_EQ(Eval(std::string("NOT ") + kTri[a]), B(kNot[a]));
    for (int b = 0; b < 3; ++b) {
      std::string l = kTri[a], r = kTri[b];
      EXPECT_EQ(Eval(l + " AND " + r), B(kAnd[a][b]));
      EXPECT_EQ(Eval(l + " OR " + r), B(kOr[a][b]));
      // Same with a non-constant operand (b is TRUE in the test row; n is NULL).
      std::string lc = a == 0 ? "b" : a == 1 ? "NOT b" : "(n = 1)";
      EXPECT_EQ(Eval(lc + " AND " + r), B(kAnd[a][b]));
      EXPECT_EQ(Eval(lc + " OR " + r), B(kOr[a][b]));
    }
  }
  EXPECT_EQ(Eval("TRUE AND TRUE AND NULL AND FALSE"), "BOOL:false");
  EXPECT_EQ(Eval("FALSE OR NULL OR FALSE"), "NULL");
}

TEST(ThreeValuedLogic, IsTests) {
  for (int a = 0; a < 3; ++a) {
    std::string v = kTri[a];
    EXPECT_EQ(Eval(v + " IS TRUE"), a == 0 ? "BOOL:true" : "BOOL:false");
    EXPECT_EQ(Eval(v + " IS NOT TRUE"), a == 0 ? "BOOL:false" : "BOOL:true");
    EXPECT_EQ(Eval(v + " IS FALSE"), a == 1 ? "BOOL:true" : "BOOL:false");
    EXPECT_EQ(Eval(v + " IS NOT FALSE"), a == 1 ? "BOOL:false" : "BOOL:true");
    EXPECT_EQ(Eval(v + " IS NULL"), a == 2 ? "BOOL:true" : "BOOL:false");
    EXPECT_EQ(Eval(v + " IS NOT NULL"), a == 2 ? "BOOL:false" : "BOOL:true");
  }
  EXPECT_EQ(Eval("n IS NULL"), "BOOL:true");
  EXPECT_EQ(Eval("i IS NOT NULL"), "BOOL:true");
  EXPECT_EQ(Eval("(n > 1) IS UNKNOWN") .substr(0, 3), "ERR");  // not in the grammar
}

TEST(ThreeValuedLogic, ComparisonsPropagateNull) {
  const char* ops[] = {"=", "<>", "!=", "<", "<=", ">", ">="};
  for (const char* op : ops) {
    EXPECT_EQ(Eval(std::string("n ") + op + " 1"), "NULL");
    EXPECT_EQ(Eval(std::string("1 ") + op + " NULL"), "NULL");
    EXPECT_EQ(Eval(std::string("ns ") + op + " s"), "NULL");
  }
  EXPECT_EQ(Eval("n + 1"), "NULL");
  EXPECT_EQ(Eval("s || ns"), "NULL");
  EXPECT_EQ(Eval("-n"), "NULL");
}

TEST(Comparison, DistinctFromNeverNull) {
  EXPECT_EQ(Eval("NULL IS DISTINCT FROM NULL"), "BOOL:false");
  EXPECT_EQ(Eval("n IS DISTINCT FROM 1"), "BOOL:true");
  EXPECT_EQ(Eval("i IS DISTINCT FROM 7"), "BOOL:false");
  EXPECT_EQ(Eval("i IS NOT DISTINCT FROM 7.0"), "BOOL:true");
  EXPECT_EQ(Eval("n IS NOT DISTINCT FROM ns"), "BOOL:true");
  EXPECT_EQ(Eval("dec IS NOT DISTINCT FROM 12.5"), "BOOL:true");
}

TEST(Comparison, Matrix) {
  EXPECT_EQ(Eval("i = 7"), "BOOL:true");
  EXPECT_EQ(Eval("i < f"), "BOOL:false");
  EXPECT_EQ(Eval("f < 2.50000001"), "BOOL:true");
  EXPECT_EQ(Eval("big > 9223372036854775806.0"), "BOOL:false");  // 2^63 as a double
  EXPECT_EQ(Eval("big < 9223372036854775808"), "BOOL:true");      // literal is FLOAT64
  EXPECT_EQ(Eval("s = 'h\xC3\xA9llo'"), "BOOL:true");
  EXPECT_EQ(Eval("s > 'hz'"), "BOOL:true");   // U+00E9 sorts after 'z' (bytes)
  EXPECT_EQ(Eval("'abc' < 'abd'"), "BOOL:true");
  EXPECT_EQ(Eval("b = TRUE"), "BOOL:true");
  EXPECT_EQ(Eval("FALSE < TRUE"), "BOOL:true");
  EXPECT_EQ(Eval("b = 1"), "BOOL:true");      // BOOL vs INT64 as 0/1
  EXPECT_EQ(Eval("i = '7'"), "BOOL:true");    // number vs numeric text
  EXPECT_EQ(Eval("i < 'abc'"), "BOOL:true");  // non-numeric text is larger
  EXPECT_EQ(Eval("x = X'6162'"), "BOOL:true");
  EXPECT_EQ(Eval("x > 'zzz'"), "BOOL:true");  // TEXT < BLOB
  EXPECT_EQ(Eval("CAST('NaN' AS DOUBLE) > CAST('Infinity' AS DOUBLE)"), "BOOL:true");
  EXPECT_EQ(Eval("CAST('NaN' AS DOUBLE) = CAST('NaN' AS DOUBLE)"), "BOOL:true");
  EXPECT_EQ(Eval("-0.0 = 0.0"), "BOOL:true");
}

TEST(Comparison, LogicalTypesConvertTheOtherSide) {
  EXPECT_EQ(Eval("ts = '2023-11-14 22:13:20.123'"), "BOOL:true");
  EXPECT_EQ(Eval("ts = '2023-11-14T23:13:20.123+01:00'"), "BOOL:true");
  EXPECT_EQ(Eval("ts > TIMESTAMP '2023-01-01 00:00:00'"), "BOOL:true");
  EXPECT_EQ(Eval("ts = 'garbage'"), "ERR 22007");  // never a silent FALSE
  EXPECT_EQ(Eval("d = '2022-01-08'"), "BOOL:true");
  EXPECT_EQ(Eval("d < ts"), "BOOL:true");          // DATE promoted to TIMESTAMP
  EXPECT_EQ(Eval("d = DATE '2022-01-08'"), "BOOL:true");
  EXPECT_EQ(Eval("tm = '01:02:03.004'"), "BOOL:true");
  EXPECT_EQ(Eval("dec = 12.5"), "BOOL:true");
  EXPECT_EQ(Eval("dec = '12.500'"), "BOOL:true");
  EXPECT_EQ(Eval("dec > 9"), "BOOL:true");         // numeric, not textual
  EXPECT_EQ(Eval("dec < '100'"), "BOOL:true");
  EXPECT_EQ(Eval("dec = 'x'"), "ERR 22P02");
  EXPECT_EQ(Eval("u = '00112233-4455-6677-8899-aabbccddeeff'"), "BOOL:true");
  EXPECT_EQ(Eval("u = '00112233445566778899AABBCCDDEEFF'"), "BOOL:true");
  EXPECT_EQ(Eval("u = 'nope'"), "ERR 22P02");
  EXPECT_EQ(Eval("ts = $1", {ValueRef::Text("2023-11-14 22:13:20.123")}), "BOOL:true");
  EXPECT_EQ(Eval("ts = $1", {ValueRef::Int64(1700000000123)}), "BOOL:true");
  EXPECT_EQ(Eval("ts = $1", {ValueRef::Bool(true)}), "ERR 42804");
  EXPECT_EQ(Eval("dec = $1", {ValueRef::Float64(12.5)}), "BOOL:true");
  EXPECT_EQ(Eval("ts = u"), "ERR 42883");
  EXPECT_EQ(Eval("ts = b"), "ERR 42883");
}

TEST(Arithmetic, OperatorsAndErrors) {
  EXPECT_EQ(Eval("1 + 2 * 3"), "INT64:7");
  EXPECT_EQ(Eval("(1 + 2) * 3"), "INT64:9");
  EXPECT_EQ(Eval("7 / 2"), "INT64:3");
  EXPECT_EQ(Eval("-7 / 2"), "INT64:-3");
  EXPECT_EQ(Eval("-7 % 3"), "INT64:-1");
  EXPECT_EQ(Eval("7 % -3"), "INT64:1");
  EXPECT_EQ(Eval("i / 2.0"), "FLOAT64:3.5");
  EXPECT_EQ(Eval("f * 2"), "FLOAT64:5");
  EXPECT_EQ(Eval("big + 1"), "ERR 22003");
  EXPECT_EQ(Eval("-9223372036854775808"), "INT64:-9223372036854775808");
  EXPECT_EQ(Eval("-(-9223372036854775808)"), "ERR 22003");
  EXPECT_EQ(Eval("-9223372036854775808 / -1"), "ERR 22003");
  EXPECT_EQ(Eval("-9223372036854775808 % -1"), "INT64:0");
  EXPECT_EQ(Eval("-9223372036854775807 - 2"), "ERR 22003");
  EXPECT_EQ(Eval("big * 2"), "ERR 22003");
  EXPECT_EQ(Eval("i / 0"), "ERR 22012");
  EXPECT_EQ(Eval("i % 0"), "ERR 22012");
  EXPECT_EQ(Eval("f / 0"), "ERR 22012");
  EXPECT_EQ(Eval("f / 0.0"), "ERR 22012");
  EXPECT_EQ(Eval("1e308 * 10"), "ERR 22003");
  EXPECT_EQ(Eval("dec + 1"), "TEXT:13.50");
  EXPECT_EQ(Eval("dec * dec"), "TEXT:156.2500");
  EXPECT_EQ(Eval("dec / 3"), "TEXT:4.16666667");
  EXPECT_EQ(Eval("dec - 0.25"), "TEXT:12.25");
  EXPECT_EQ(Eval("-dec"), "TEXT:-12.50");
  EXPECT_EQ(Eval("dec / 0"), "ERR 22012");
  EXPECT_EQ(Eval("'40' + 2"), "INT64:42");
  EXPECT_EQ(Eval("$1 + 1", {ValueRef::Int64(41)}), "INT64:42");
  EXPECT_EQ(Eval("$1 * 2", {ValueRef::Text("1.25")}), "FLOAT64:2.5");
  EXPECT_EQ(Eval("$1 + 1", {ValueRef::Text("one")}), "ERR 22P02");
  EXPECT_EQ(Eval("$1 + 1", {ValueRef::Bool(true)}), "ERR 42883");
  EXPECT_EQ(Eval("+i"), "INT64:7");
  EXPECT_EQ(Eval("- - i"), "INT64:7");
  // A failing constant is not folded away into a bind error: it fails only when evaluated.
  EXPECT_EQ(Eval("CASE WHEN FALSE THEN 1 / 0 ELSE 5 END"), "INT64:5");
  EXPECT_EQ(Eval("CASE WHEN i = 7 THEN 5 ELSE 1 / 0 END"), "INT64:5");
}

TEST(Concat, StringifiesOperands) {
  EXPECT_EQ(Eval("'a' || 'b'"), "TEXT:ab");
  EXPECT_EQ(Eval("s || '!'"), "TEXT:h\xC3\xA9llo!");
  EXPECT_EQ(Eval("i || '-' || f || '-' || b"), "TEXT:7-2.5-true");
  EXPECT_EQ(Eval("'d=' || d"), "TEXT:d=2022-01-08");
  EXPECT_EQ(Eval("ts || ''"), "TEXT:2023-11-14 22:13:20.123");
  EXPECT_EQ(Eval("'' || tm"), "TEXT:01:02:03.004");
  EXPECT_EQ(Eval("dec || ''"), "TEXT:12.50");
  EXPECT_EQ(Eval("u || ''"), "TEXT:00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(Eval("0.1 || ''"), "TEXT:0.1");
  EXPECT_EQ(Eval("NULL || 'a'"), "NULL");
  EXPECT_EQ(Eval("'a' || $1", {ValueRef::Int64(5)}), "TEXT:a5");
}

TEST(InList, NullRules) {
  EXPECT_EQ(Eval("i IN (1, 7, 9)"), "BOOL:true");
  EXPECT_EQ(Eval("i IN (1, 2)"), "BOOL:false");
  EXPECT_EQ(Eval("i IN (1, NULL)"), "NULL");
  EXPECT_EQ(Eval("i IN (7, NULL)"), "BOOL:true");
  EXPECT_EQ(Eval("n IN (1, 2)"), "NULL");
  EXPECT_EQ(Eval("n IN (NULL)"), "NULL");
  EXPECT_EQ(Eval("i NOT IN (1, 2)"), "BOOL:true");
  EXPECT_EQ(Eval("i NOT IN (1, NULL)"), "NULL");   // never TRUE with a NULL in the list
  EXPECT_EQ(Eval("i NOT IN (7, NULL)"), "BOOL:false");
  EXPECT_EQ(Eval("i IN ($1, $2)", {ValueRef::Int64(3), ValueRef::Int64(7)}), "BOOL:true");
  EXPECT_EQ(Eval("i IN ($1, $2)", {ValueRef::Null(), ValueRef::Int64(8)}), "NULL");
  EXPECT_EQ(Eval("i IN (7.0, 8)"), "BOOL:true");
  EXPECT_EQ(Eval("dec IN (1, 12.5)"), "BOOL:true");
  EXPECT_EQ(Eval("d IN ('2022-01-08', '2022-01-09')"), "BOOL:true");
  EXPECT_EQ(Eval("s IN ('a', 'h\xC3\xA9llo')"), "BOOL:true");
}

TEST(Between, IsInclusiveAndThreeValued) {
  EXPECT_EQ(Eval("i BETWEEN 7 AND 7"), "BOOL:true");
  EXPECT_EQ(Eval("i BETWEEN 1 AND 6"), "BOOL:false");
  EXPECT_EQ(Eval("i NOT BETWEEN 1 AND 6"), "BOOL:true");
  EXPECT_EQ(Eval("i BETWEEN 8 AND 1"), "BOOL:false");   // not symmetric
  EXPECT_EQ(Eval("i BETWEEN NULL AND 5"), "BOOL:false"); // FALSE AND NULL
  EXPECT_EQ(Eval("i BETWEEN NULL AND 10"), "NULL");
  EXPECT_EQ(Eval("n BETWEEN 1 AND 10"), "NULL");
  EXPECT_EQ(Eval("f BETWEEN 2 AND 3"), "BOOL:true");
  EXPECT_EQ(Eval("ts BETWEEN '2023-01-01' AND '2024-01-01'"), "BOOL:true");
  EXPECT_EQ(Eval("dec BETWEEN 12.5 AND 12.50"), "BOOL:true");
  EXPECT_EQ(Eval("'b' BETWEEN 'a' AND 'c'"), "BOOL:true");
}

TEST(Like, PatternsEscapesAndNulls) {
  EXPECT_EQ(Eval("s LIKE 'h%'"), "BOOL:true");
  EXPECT_EQ(Eval("s LIKE 'h_llo'"), "BOOL:true");          // '_' is one code point
  EXPECT_EQ(Eval("s LIKE 'H%'"), "BOOL:false");
  EXPECT_EQ(Eval("s ILIKE 'H\xC3\x89LLO'"), "BOOL:true");  // folded non-ASCII
  EXPECT_EQ(Eval("s NOT LIKE '%x%'"), "BOOL:true");
  EXPECT_EQ(Eval("'a%b' LIKE 'a\\%b'"), "BOOL:true");       // default escape is backslash
  EXPECT_EQ(Eval("'axb' LIKE 'a\\%b'"), "BOOL:false");
  EXPECT_EQ(Eval("'a%b' LIKE 'a!%b' ESCAPE '!'"), "BOOL:true");
  EXPECT_EQ(Eval("'a\\b' LIKE 'a\\b' ESCAPE ''"), "BOOL:true");  // ESCAPE '' disables it
  EXPECT_EQ(Eval("'ab' LIKE 'ab\\'"), "ERR 22025");        // lone trailing escape
  EXPECT_EQ(Eval("'ab' LIKE 'a' ESCAPE 'xy'"), "ERR 22019");
  EXPECT_EQ(Eval("ns LIKE 'a'"), "NULL");
  EXPECT_EQ(Eval("s LIKE NULL"), "NULL");
  EXPECT_EQ(Eval("s LIKE 'h%' ESCAPE NULL"), "NULL");
  EXPECT_EQ(Eval("s LIKE $1", {ValueRef::Text("%llo")}), "BOOL:true");
  EXPECT_EQ(Eval("s LIKE $1", {ValueRef::Null()}), "NULL");
  EXPECT_EQ(Eval("s LIKE $1 ESCAPE $2", {ValueRef::Text("h#%"), ValueRef::Text("#")}), "BOOL:false");
  EXPECT_EQ(Eval("'h%' LIKE $1 ESCAPE $2", {ValueRef::Text("h#%"), ValueRef::Text("#")}), "BOOL:true");
  EXPECT_EQ(Eval("s LIKE s"), "BOOL:true");
  EXPECT_EQ(Eval("s ILIKE ns"), "NULL");
}

TEST(Like, ParameterPatternCompiledOncePerPatternText) {
  bindtest::TestResolver resolver;
  resolver.params = 1;
  auto b = bindtest::BindText("s LIKE $1", &resolver, exec::DefaultConstantFolder());
  ASSERT_OK(b->status);
  exec::ScratchArena scratch;
  exec::EvalContext ctx;
  ctx.scratch = &scratch;
  ctx.Prepare(*b->pool);
  ASSERT_EQ(ctx.like_cache.size(), size_t{1});
  std::vector<ValueRef> row = evaltest::TestRow();
  ValueRef params[1] = {ValueRef::Text("h%")};
  ctx.params = params;
  ctx.param_count = 1;
  ValueRef out;
  ASSERT_OK(exec::Evaluate(*b->expr, row.data(), &ctx, &out));
  EXPECT_TRUE(out.boolean());
  const LikePattern* compiled = &ctx.like_cache[0].compiled;
  std::string cached = ctx.like_cache[0].pattern;
  ASSERT_OK(exec::Evaluate(*b->expr, row.data(), &ctx, &out));
  EXPECT_EQ(cached, std::string("h%"));
  EXPECT_TRUE(compiled == &ctx.like_cache[0].compiled);
  // A new execution with another parameter recompiles.
  params[0] = ValueRef::Text("x%");
  ASSERT_OK(exec::Evaluate(*b->expr, row.data(), &ctx, &out));
  EXPECT_FALSE(out.boolean());
  EXPECT_EQ(ctx.like_cache[0].pattern, std::string("x%"));
}

TEST(Case, SimpleAndSearched) {
  EXPECT_EQ(Eval("CASE WHEN i > 5 THEN 'big' ELSE 'small' END"), "TEXT:big");
  EXPECT_EQ(Eval("CASE WHEN n > 5 THEN 'big' ELSE 'other' END"), "TEXT:other");  // NULL is not TRUE
  EXPECT_EQ(Eval("CASE WHEN i < 5 THEN 'small' END"), "NULL");
  EXPECT_EQ(Eval("CASE i WHEN 1 THEN 'one' WHEN 7 THEN 'seven' END"), "TEXT:seven");
  EXPECT_EQ(Eval("CASE n WHEN NULL THEN 'null' ELSE 'no match' END"), "TEXT:no match");
  EXPECT_EQ(Eval("CASE i WHEN 1 THEN 1 ELSE 2.5 END"), "FLOAT64:2.5");
  EXPECT_EQ(Eval("CASE i WHEN 7 THEN 1 ELSE 2.5 END"), "FLOAT64:1");  // unified to FLOAT64
  EXPECT_EQ(Eval("CASE dec WHEN 12.5 THEN 'yes' END"), "TEXT:yes");
  EXPECT_EQ(Eval("CASE WHEN $1 THEN 1 ELSE 0 END", {ValueRef::Bool(true)}), "INT64:1");
  EXPECT_EQ(Eval("CASE WHEN $1 THEN 1 ELSE 0 END", {ValueRef::Null()}), "INT64:0");
  EXPECT_EQ(Eval("CASE WHEN $1 THEN 1 ELSE 0 END", {ValueRef::Int64(3)}), "ERR 42804");
}

TEST(Cast, ThroughSql) {
  EXPECT_EQ(Eval("CAST('12' AS INTEGER) + 1"), "INT64:13");
  EXPECT_EQ(Eval("'12'::int"), "INT64:12");
  EXPECT_EQ(Eval("CAST(2.7 AS INT)"), "INT64:2");
  EXPECT_EQ(Eval("CAST(f AS TEXT)"), "TEXT:2.5");
  EXPECT_EQ(Eval("CAST(ts AS DATE)"), "INT64:19675");
  EXPECT_EQ(Eval("CAST(ts AS TEXT)"), "TEXT:2023-11-14 22:13:20.123");
  EXPECT_EQ(Eval("CAST(CAST(ts AS DATE) AS TEXT)"), "TEXT:2023-11-14");
  EXPECT_EQ(Eval("CAST('2024-01-01' AS TIMESTAMP)"), "INT64:1704067200000");
  EXPECT_EQ(Eval("CAST(0.125 AS DECIMAL(10,2))"), "TEXT:0.13");
  EXPECT_EQ(Eval("CAST(12345678901234567890.5 AS NUMERIC)"), "TEXT:12345678901234567890.5");
  EXPECT_EQ(Eval("CAST(dec AS DOUBLE)"), "FLOAT64:12.5");
  EXPECT_EQ(Eval("CAST(u AS TEXT)"), "TEXT:00112233-4455-6677-8899-aabbccddeeff");
  EXPECT_EQ(Eval("CAST('abc' AS INT)"), "ERR 22P02");
  EXPECT_EQ(Eval("CAST(1e30 AS BIGINT)"), "ERR 22003");
  EXPECT_EQ(Eval("CAST(NULL AS INT)"), "NULL");
  EXPECT_EQ(Eval("CAST(x AS INT)"), "ERR 42846");     // known statically
  EXPECT_EQ(Eval("CAST($1 AS INT)", {ValueRef::Blob("a")}), "ERR 42804");  // at run time
  EXPECT_EQ(Eval("CAST(i AS STRING)"), "ERR 42704");
  EXPECT_EQ(Eval("CAST('t' AS BOOLEAN)"), "BOOL:true");
  EXPECT_EQ(Eval("CAST(s AS BLOB)"), "BLOB:68c3a96c6c6f");
}

TEST(CoalesceNullif, Semantics) {
  EXPECT_EQ(Eval("COALESCE(ns, NULL, 'x')"), "TEXT:x");
  EXPECT_EQ(Eval("COALESCE(n, 3)"), "INT64:3");
  EXPECT_EQ(Eval("COALESCE(n, 3, 1 / 0)"), "INT64:3");  // later arguments not evaluated
  EXPECT_EQ(Eval("COALESCE(n, 1.5)"), "FLOAT64:1.5");
  EXPECT_EQ(Eval("COALESCE(NULL, NULL)"), "NULL");
  EXPECT_EQ(Eval("COALESCE(n, 'x')"), "ERR 42804");     // INT64 and TEXT cannot be matched
  EXPECT_EQ(Eval("NULLIF(i, 7)"), "NULL");
  EXPECT_EQ(Eval("NULLIF(i, 8)"), "INT64:7");
  EXPECT_EQ(Eval("NULLIF(n, 8)"), "NULL");
  EXPECT_EQ(Eval("NULLIF(i, NULL)"), "INT64:7");
  EXPECT_EQ(Eval("NULLIF(dec, 12.5)"), "NULL");
  EXPECT_EQ(Eval("NULLIF(12.5, dec)"), "NULL");
  EXPECT_EQ(Eval("NULLIF('a', 'b')"), "TEXT:a");
  EXPECT_EQ(Eval("NULLIF(1)"), "ERR 42883");
}

TEST(Params, MissingParameterAndTypes) {
  EXPECT_EQ(Eval("$1", {ValueRef::Text("v")}), "TEXT:v");
  EXPECT_EQ(Eval("$2", {ValueRef::Int64(1), ValueRef::Int64(2)}), "INT64:2");
  // Binding declares two parameters; running with fewer is "missing parameter".
  bindtest::TestResolver resolver;
  auto b = bindtest::BindText("$2 + 1", &resolver, nullptr);
  ASSERT_OK(b->status);
  exec::ScratchArena scratch;
  exec::EvalContext ctx;
  ctx.scratch = &scratch;
  ValueRef p[1] = {ValueRef::Int64(1)};
  ctx.params = p;
  ctx.param_count = 1;
  ValueRef out;
  Status s = exec::Evaluate(*b->expr, nullptr, &ctx, &out);
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.message().find("missing parameter $2") != std::string::npos);
}

TEST(Predicate, OnlyTrueQualifies) {
  bindtest::TestResolver resolver;
  std::vector<ValueRef> row = evaltest::TestRow();
  struct Case {
    const char* expr;
    bool want;
  } cases[] = {{"i = 7", true}, {"i = 8", false}, {"n = 1", false}, {"NOT (n = 1)", false},
               {"(n = 1) IS NULL", true}};
  for (const Case& c : cases) {
    auto b = bindtest::BindText(c.expr, &resolver, exec::DefaultConstantFolder());
    ASSERT_OK(b->status);
    exec::ScratchArena scratch;
    exec::EvalContext ctx;
    ctx.scratch = &scratch;
    bool out = !c.want;
    ASSERT_OK(exec::EvaluatePredicate(*b->expr, row.data(), &ctx, &out));
    EXPECT_EQ(out, c.want);
  }
}

TEST(Assignment, BindAssignmentCoercesToTheColumn) {
  ColumnType dec = ResolveDeclaredType("DECIMAL(10,2)").value();
  ColumnType ts = ResolveDeclaredType("TIMESTAMP").value();
  ColumnType i = ResolveDeclaredType("INTEGER").value();
  ColumnType txt = ResolveDeclaredType("VARCHAR(10)").value();
  EXPECT_EQ(Eval("1.005", {}, &dec), "TEXT:1.01");  // the literal's text, rounded half away
  EXPECT_EQ(Eval("12345678.125", {}, &dec), "TEXT:12345678.13");
  EXPECT_EQ(Eval("123456789012.5", {}, &dec), "ERR 22003");
  EXPECT_EQ(Eval("'2024-01-01 10:00'", {}, &ts), "INT64:1704103200000");
  EXPECT_EQ(Eval("d", {}, &ts), "INT64:1641600000000");
  EXPECT_EQ(Eval("3.0", {}, &i), "INT64:3");
  EXPECT_EQ(Eval("3.5", {}, &i), "ERR 22P02");
  EXPECT_EQ(Eval("$1", {ValueRef::Text("42")}, &i), "INT64:42");
  EXPECT_EQ(Eval("x", {}, &i), "ERR 42804");    // statically impossible: bind error
  EXPECT_EQ(Eval("ts", {}, &txt), "TEXT:2023-11-14 22:13:20.123");
  EXPECT_EQ(Eval("NULL", {}, &i), "NULL");
  EXPECT_EQ(Eval("NOW()", {}, &ts), "INT64:1700000000123");
}

TEST(Case, ParameterBranchesTakeTheSiblingsType) {
  EXPECT_EQ(Eval("CASE WHEN b THEN $1 ELSE 0 END", {ValueRef::Text("42")}), "INT64:42");
  EXPECT_EQ(Eval("CASE WHEN b THEN $1 ELSE 0 END", {ValueRef::Text("x")}), "ERR 22P02");
  EXPECT_EQ(Eval("COALESCE($1, ts)", {ValueRef::Text("2024-01-01")}), "INT64:1704067200000");
  EXPECT_EQ(Eval("COALESCE($1, 'a')", {ValueRef::Int64(5)}), "TEXT:5");
  EXPECT_EQ(Eval("COALESCE($1, 'a')", {ValueRef::Null()}), "TEXT:a");
}

TEST(Comparison, BadLiteralForALogicalTypeFailsAtBind) {
  bindtest::TestResolver resolver;
  auto b = bindtest::BindText("i = 1 OR ts = 'garbage'", &resolver, exec::DefaultConstantFolder());
  ASSERT_FALSE(b->status.ok());
  EXPECT_EQ(std::string(b->status.sqlstate()), std::string("22007"));
  EXPECT_EQ(b->error_pos, 7u + 14u);  // the literal
  EXPECT_TRUE(b->status.message().find("column 22") != std::string::npos);
  // A computed value is checked only when it is evaluated.
  auto c = bindtest::BindText("CASE WHEN FALSE THEN ts = 'x' || 'y' END", &resolver,
                              exec::DefaultConstantFolder());
  EXPECT_OK(c->status);
  ColumnType i = ResolveDeclaredType("INT").value();
  auto a = bindtest::BindText("'abc'", &resolver, exec::DefaultConstantFolder(), &i);
  EXPECT_EQ(std::string(a->status.sqlstate()), std::string("22P02"));
}
