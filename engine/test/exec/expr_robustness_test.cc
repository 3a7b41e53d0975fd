// Seeded robustness test: every operator and function evaluated over parameters of every
// class, including extreme integers, NaN, empty and non-ASCII text and arbitrary blobs.
// Evaluation must never crash and must fail only with ERR_SQL; text results must be
// valid UTF-8. Run under the sanitizer build to catch undefined behavior.
#include <string>
#include <vector>

#include "exec/eval_test_util.h"
#include "harness/test.h"
#include "util/utf8.h"

using namespace decentdb;

namespace {

std::vector<ValueRef> Pool() {
  return {ValueRef::Null(),
          ValueRef::Int64(0),
          ValueRef::Int64(1),
          ValueRef::Int64(-1),
          ValueRef::Int64(3),
          ValueRef::Int64(9223372036854775807LL),
          ValueRef::Int64(-9223372036854775807LL - 1),
          ValueRef::Float64(0.5),
          ValueRef::Float64(-0.0),
          ValueRef::Float64(1e300),
          ValueRef::Float64(__builtin_nan("")),
          ValueRef::Float64(-__builtin_inf()),
          ValueRef::Bool(true),
          ValueRef::Text(""),
          ValueRef::Text("a"),
          ValueRef::Text("h\xC3\xA9llo w\xC3\xB6rld"),
          ValueRef::Text("\xF0\x9F\x98\x80\xE2\x82\xAC"),
          ValueRef::Text("12.5"),
          ValueRef::Text("%_\\"),
          ValueRef::Text("2024-02-29 12:00:00"),
          ValueRef::Blob("\xFF\x00\x01", 3),
          ValueRef::Blob("0123456789abcdef", 16)};
}

const char* kTemplates[] = {
    "$1 + $2", "$1 - $2", "$1 * $2", "$1 / $2", "$1 % $2", "-$1", "$1 || $2", "$1 = $2",
    "$1 < $2", "$1 IS DISTINCT FROM $2", "$1 IN ($2, $3)", "$1 NOT IN ($2, $3)",
    "$1 BETWEEN $2 AND $3", "$1 LIKE $2", "$1 ILIKE $2 ESCAPE $3", "NOT $1", "$1 AND $2",
    "$1 OR $2", "$1 IS TRUE", "CASE $1 WHEN $2 THEN $3 END", "CASE WHEN $1 THEN $2 ELSE $3 END",
    "COALESCE($1, $2, $3)", "NULLIF($1, $2)", "CAST($1 AS INT)", "CAST($1 AS DOUBLE)",
    "CAST($1 AS TEXT)", "CAST($1 AS BLOB)", "CAST($1 AS BOOLEAN)", "CAST($1 AS TIMESTAMP)",
    "CAST($1 AS DATE)", "CAST($1 AS TIME)", "CAST($1 AS DECIMAL(10,2))", "CAST($1 AS NUMERIC)",
    "CAST($1 AS UUID)", "LENGTH($1)", "OCTET_LENGTH($1)", "LOWER($1)", "UPPER($1)",
    "TRIM($1)", "TRIM(LEADING $2 FROM $1)", "LTRIM($1, $2)", "RTRIM($1, $2)",
    "SUBSTR($1, $2, $3)", "SUBSTRING($1 FROM $2)", "REPLACE($1, $2, $3)", "STRPOS($1, $2)",
    "POSITION($2 IN $1)", "LEFT($1, $2)", "RIGHT($1, $2)", "LPAD($1, $2, $3)", "RPAD($1, $2)",
    "CONCAT($1, $2, $3)", "CONCAT_WS($1, $2, $3)", "ABS($1)", "ROUND($1)", "ROUND($1, $2)",
    "CEIL($1)", "FLOOR($1)", "MOD($1, $2)", "dec + $1", "ts = $1", "u = $1", "d BETWEEN $1 AND $2",
    "ROUND(dec, $1)", "s LIKE $1 ESCAPE $2",
};

}  // namespace

TEST(ExprRobustness, EveryOperatorOverEveryClass) {
  std::vector<ValueRef> pool = Pool();
  uint64_t seed = ddbtest::TestSeed();
  auto next = [&seed]() {
    seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<size_t>(seed >> 33);
  };
  for (const char* tmpl : kTemplates) {
    bindtest::TestResolver resolver;
    resolver.params = 3;
    auto b = bindtest::BindText(tmpl, &resolver, exec::DefaultConstantFolder());
    if (!b->status.ok()) {
      ddbtest::ReportFailure(__FILE__, __LINE__, std::string("bind failed: ") + tmpl + ": " +
                                                     b->status.ToString());
      continue;
    }
    exec::ScratchArena scratch;
    exec::EvalContext ctx;
    ctx.scratch = &scratch;
    ctx.Prepare(*b->pool);
    std::vector<ValueRef> row = evaltest::TestRow();
    for (int k = 0; k < 400; ++k) {
      ValueRef params[3] = {pool[next() % pool.size()], pool[next() % pool.size()],
                            pool[next() % pool.size()]};
      ctx.params = params;
      ctx.param_count = 3;
      ValueRef out;
      Status s = exec::Evaluate(*b->expr, row.data(), &ctx, &out);
      if (!s.ok() && !s.Is(Code::kSql)) {
        ddbtest::ReportFailure(__FILE__, __LINE__, std::string(tmpl) + ": " + s.ToString());
      }
      if (s.ok() && out.type() == ValueType::kText &&
          !IsValidUtf8(reinterpret_cast<const char*>(out.data()), out.size())) {
        ddbtest::ReportFailure(__FILE__, __LINE__, std::string("invalid UTF-8 from ") + tmpl);
      }
      scratch.Reset();
    }
  }
}
