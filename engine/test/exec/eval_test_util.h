// Test support for expression evaluation: binds "SELECT <expr>" against the test table of
// test/plan/bind_test_util.h, evaluates it over a fixed row, and renders the result as
// "CLASS:text", "NULL" or "ERR <sqlstate>". Every expression is evaluated twice, once
// with constant folding and once without, and the two results must agree.
#pragma once

#include <string>
#include <vector>

#include "exec/evaluator.h"
#include "exec/expr_folder.h"
#include "exec/value_ops.h"
#include "plan/bind_test_util.h"

namespace evaltest {

using namespace decentdb;

// The row of the test table: i=7, f=2.5, s='héllo', b=TRUE, x=X'6162', ts=2023-11-14
// 22:13:20.123, d=2022-01-08, tm=01:02:03.004, dec=12.50, u=00112233-..., n=NULL,
// ns=NULL, big=9223372036854775807.
inline std::vector<ValueRef> TestRow() {
  static const char kUuid[] = "\x00\x11\x22\x33\x44\x55\x66\x77\x88\x99\xaa\xbb\xcc\xdd\xee\xff";
  return {ValueRef::Int64(7),
          ValueRef::Float64(2.5),
          ValueRef::Text("h\xC3\xA9llo"),
          ValueRef::Bool(true),
          ValueRef::Blob("ab"),
          ValueRef::Int64(1700000000123),
          ValueRef::Int64(19000),
          ValueRef::Int64(3723004),
          ValueRef::Text("12.50"),
          ValueRef::Blob(kUuid, 16),
          ValueRef::Null(),
          ValueRef::Null(),
          ValueRef::Int64(9223372036854775807LL)};
}

inline std::string Show(ValueRef v, exec::ScratchArena* a) {
  if (v.is_null()) return "NULL";
  if (v.type() == ValueType::kBlob) {
    static const char kHex[] = "0123456789abcdef";
    std::string hex = "BLOB:";
    for (size_t i = 0; i < v.size(); ++i) {
      hex.push_back(kHex[v.data()[i] >> 4]);
      hex.push_back(kHex[v.data()[i] & 15]);
    }
    return hex;
  }
  std::string_view s;
  Status st = exec::RenderText(v, LogicalType::kNone, a, &s);
  return std::string(ValueTypeName(v.type())) + ":" + std::string(s);
}

inline std::string EvalOnce(const std::string& expr, const std::vector<ValueRef>& params,
                            bool fold, const ColumnType* assign_to) {
  bindtest::TestResolver resolver;
  resolver.params = static_cast<int>(params.size());
  auto b = bindtest::BindText(expr, &resolver, fold ? exec::DefaultConstantFolder() : nullptr,
                              assign_to);
  if (!b->status.ok()) return "ERR " + std::string(b->status.sqlstate());
  exec::ScratchArena scratch;
  exec::EvalContext ctx;
  ctx.scratch = &scratch;
  ctx.params = params.data();
  ctx.param_count = static_cast<int>(params.size());
  ctx.statement_time_ms = 1700000000123;  // 2023-11-14 22:13:20.123 UTC
  ctx.SeedRandom(42);
  ctx.Prepare(*b->pool);
  std::vector<ValueRef> row = TestRow();
  ValueRef v;
  Status s = exec::Evaluate(*b->expr, row.data(), &ctx, &v);
  if (!s.ok()) return "ERR " + std::string(s.sqlstate());
  return Show(v, &scratch);
}

// Evaluates with and without folding; reports a failure when they disagree.
inline std::string Eval(const std::string& expr, const std::vector<ValueRef>& params = {},
                        const ColumnType* assign_to = nullptr) {
  std::string folded = EvalOnce(expr, params, true, assign_to);
  std::string plain = EvalOnce(expr, params, false, assign_to);
  if (folded != plain) {
    ddbtest::ReportFailure(__FILE__, __LINE__,
                           "folding changed the result of " + expr + ": " + folded + " vs " + plain);
  }
  return plain;
}

}  // namespace evaltest
