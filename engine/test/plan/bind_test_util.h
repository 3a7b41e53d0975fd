// Test support for expression binding: parses "SELECT <expr>" with the real parser and
// binds the select item against a fixed test table (one column per storage class and
// logical type) through a small ExprResolver. Shared by test/plan and test/exec.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "catalog/column_type.h"
#include "harness/test.h"
#include "plan/expr_binder.h"
#include "sql/lexer.h"
#include "sql/parser.h"

namespace bindtest {

using namespace decentdb;

struct TestColumn {
  std::string name;
  ColumnType type;
};

// Columns of the test table "t", slot = position:
//   0 i INT, 1 f DOUBLE, 2 s TEXT, 3 b BOOLEAN, 4 x BLOB, 5 ts TIMESTAMP, 6 d DATE,
//   7 tm TIME, 8 dec DECIMAL(10,2), 9 u UUID, 10 n INT, 11 ns TEXT, 12 big BIGINT.
inline std::vector<TestColumn> DefaultColumns() {
  const char* spec[][2] = {{"i", "INT"},        {"f", "DOUBLE"},    {"s", "TEXT"},
                           {"b", "BOOLEAN"},    {"x", "BLOB"},      {"ts", "TIMESTAMP"},
                           {"d", "DATE"},       {"tm", "TIME"},     {"dec", "DECIMAL(10,2)"},
                           {"u", "UUID"},       {"n", "INT"},       {"ns", "TEXT"},
                           {"big", "BIGINT"}};
  std::vector<TestColumn> cols;
  for (auto& c : spec) cols.push_back({c[0], ResolveDeclaredType(c[1]).value()});
  return cols;
}

class TestResolver : public plan::ExprResolver {
 public:
  TestResolver() : cols_(DefaultColumns()) {}

  Status ResolveColumn(const sql::Ident* table, const sql::Ident& column, bool in_aggregate,
                       plan::ColumnBinding* out) override {
    if (table != nullptr && !sql::IdentEquals(table->name, "t")) {
      return Status::Sql("missing FROM-clause entry for table \"" + std::string(table->name) + "\"",
                         "42P01");
    }
    if (grouped && !in_aggregate && !sql::IdentEquals(column.name, "i")) {
      return Status::Sql("column \"" + std::string(column.name) +
                             "\" must appear in the GROUP BY clause or be used in an aggregate function",
                         "42803");
    }
    for (size_t k = 0; k < cols_.size(); ++k) {
      if (sql::IdentEquals(cols_[k].name, column.name)) {
        out->slot = static_cast<int>(k);
        out->type = cols_[k].type.type;
        out->column_type = &cols_[k].type;
        return Status::OK();
      }
    }
    return Status::Sql("column \"" + std::string(column.name) + "\" does not exist", "42703");
  }
  int ParamCount() const override { return params; }
  bool AggregatesAllowed() const override { return aggregates; }
  Status AddAggregate(const plan::AggregateCall& call, plan::ColumnBinding* out) override {
    calls.push_back(call);
    out->slot = 100 + static_cast<int>(calls.size()) - 1;
    out->type = call.result_type;
    return Status::OK();
  }

  int params = 0;
  bool aggregates = false;
  bool grouped = false;
  std::vector<plan::AggregateCall> calls;

 private:
  std::vector<TestColumn> cols_;
};

// One parsed and bound expression.
struct Bound {
  std::string text;  // "SELECT <expr>"
  sql::ParsedStatement parsed;
  std::unique_ptr<plan::ExprPool> pool;
  plan::BoundExpr* expr = nullptr;
  Status status;
  uint32_t error_pos = 0;
};

// Parses and binds `expr`; the status says whether parsing or binding failed.
inline std::unique_ptr<Bound> BindText(const std::string& expr, TestResolver* resolver,
                                       const plan::ConstantFolder* folder,
                                       const ColumnType* assign_to = nullptr) {
  auto b = std::make_unique<Bound>();
  b->text = "SELECT " + expr;
  b->pool = std::make_unique<plan::ExprPool>();
  Result<sql::ParsedStatement> r = sql::ParseStatement(b->text);
  if (!r.ok()) {
    b->status = r.status();
    return b;
  }
  b->parsed = std::move(r.value());
  resolver->params = resolver->params > b->parsed.param_count ? resolver->params
                                                              : b->parsed.param_count;
  const sql::Expr* e = b->parsed.stmt->select->body->core->items[0].expr;
  plan::BindOptions options;
  options.sql_text = b->text;
  options.folder = folder;
  plan::ExprBinder binder(b->pool.get(), resolver, options);
  b->status = assign_to != nullptr ? binder.BindAssignment(e, *assign_to, &b->expr)
                                   : binder.Bind(e, &b->expr);
  b->error_pos = binder.error_pos();
  return b;
}

// The SQLSTATE of a failed bind, "ok" when it succeeded.
inline std::string BindState(const std::string& expr, TestResolver* resolver = nullptr) {
  TestResolver local;
  auto b = BindText(expr, resolver != nullptr ? resolver : &local, nullptr);
  return b->status.ok() ? "ok" : b->status.sqlstate();
}

}  // namespace bindtest
