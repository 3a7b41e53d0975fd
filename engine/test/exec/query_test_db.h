// Test fixture for the query side: a ":memory:" engine whose tables are created through
// the Catalog API and filled through BTree + Catalog::EncodeRow (with every index
// maintained), plus helpers that parse a SELECT with the real parser, run it through
// exec::QueryPlan and render rows and EXPLAIN lines as strings.
#pragma once

#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "catalog/catalog.h"
#include "exec/expr_folder.h"
#include "exec/query.h"
#include "harness/test.h"
#include "sql/parser.h"

namespace qtest {

using namespace decentdb;

inline ColumnType Type(const char* text) {
  Result<ColumnType> t = ResolveDeclaredType(text);
  if (!t.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, t.status().ToString());
    throw ddbtest::AssertionFailed();
  }
  return t.value();
}

inline TableSpec::Column Col(const char* name, const char* type, bool not_null = false) {
  TableSpec::Column c;
  c.name = name;
  c.type = Type(type);
  c.not_null = not_null;
  return c;
}

inline TableSpec::Unique Key(std::vector<std::string> cols, bool primary) {
  TableSpec::Unique u;
  u.columns = std::move(cols);
  u.primary = primary;
  return u;
}

inline TableSpec::ForeignKey Fk(std::vector<std::string> child, const char* parent) {
  TableSpec::ForeignKey f;
  f.child_columns = std::move(child);
  f.parent_table = parent;
  return f;
}

inline void Check(const Status& s, const char* what) {
  if (!s.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, std::string(what) + ": " + s.ToString());
    throw ddbtest::AssertionFailed();
  }
}

inline std::string Render(ValueRef v) {
  char buf[64];
  switch (v.type()) {
    case ValueType::kNull: return "NULL";
    case ValueType::kInt64: return std::to_string(v.int64());
    case ValueType::kFloat64: std::snprintf(buf, sizeof buf, "%g", v.float64()); return buf;
    case ValueType::kBool: return v.boolean() ? "true" : "false";
    case ValueType::kText: return std::string(v.bytes());
    case ValueType::kBlob: return "blob:" + std::to_string(v.size());
  }
  return "?";
}

struct QueryResult {
  Status status;
  std::vector<std::string> names;
  std::vector<std::string> rows;  // "a|b|c"
};

class Db {
 public:
  Db() {
    EngineOptions o;
    o.sync = SyncMode::kOff;
    Check(Engine::Acquire(":memory:", o, true, false, &engine_), "acquire");
    catalog_ = Catalog::For(engine_.get());
  }

  void CreateTable(const TableSpec& spec) {
    std::unique_ptr<WriteTxn> w = Write();
    bool created = false;
    Check(catalog_->CreateTable(w.get(), spec, &created), "create table");
    Check(w->Commit(), "commit");
  }

  void CreateIndex(const char* name, const char* table, std::vector<std::pair<const char*, bool>> cols,
                   bool unique = false) {
    IndexSpec spec;
    spec.name = name;
    spec.table = table;
    spec.unique = unique;
    for (auto& c : cols) spec.columns.push_back({c.first, c.second});
    std::unique_ptr<WriteTxn> w = Write();
    bool created = false;
    Check(catalog_->CreateIndex(w.get(), spec, &created), "create index");
    Check(w->Commit(), "commit");
  }

  // Inserts rows (values in column order). The rowid is the rowid alias's value or, for
  // hidden-rowid tables, the next counter value.
  void Insert(const char* table, const std::vector<std::vector<Value>>& rows) {
    std::unique_ptr<WriteTxn> w = Write();
    std::shared_ptr<const Schema> schema;
    Check(catalog_->SchemaFor(w.get(), w->header(), false, &schema), "schema");
    const TableDef* t = schema->FindTable(table);
    if (t == nullptr) Check(Status::Sql("no table"), table);
    const TableOptionsHolder opts;
    BTree tree(w.get(), t->root, TreeKind::kTable, opts.records);
    std::string rec, key;
    for (const std::vector<Value>& r : rows) {
      std::vector<ValueRef> refs;
      for (const Value& v : r) refs.push_back(v.ref());
      int64_t rowid = t->rowid_alias >= 0 ? refs[t->rowid_alias].int64() : ++hidden_rowid_;
      Check(Catalog::EncodeRow(w.get(), *t, refs.data(), &rec), "encode");
      Check(tree.Insert(TreeKey::Rowid(rowid), rec), "insert row");
      for (const IndexDef* i : schema->IndexesOf(t->id)) {
        Check(Catalog::BuildIndexKey(*t, *i, refs.data(), rowid, w->page_size(), &key), "index key");
        BTree itree(w.get(), i->root, TreeKind::kIndex);
        Check(itree.Insert(TreeKey::Bytes(key), std::string_view()), "insert key");
      }
    }
    Check(w->Commit(), "commit");
  }

  std::shared_ptr<const Schema> SchemaNow() {
    std::unique_ptr<ReadTxn> r;
    std::shared_ptr<const Schema> schema;
    Check(engine_->BeginRead(&r), "begin read");
    Check(catalog_->SchemaFor(r.get(), r->header(), true, &schema), "schema");
    return schema;
  }

  // Prepares sql (a SELECT); returns the status.
  Status Prepare(const std::string& sql, std::unique_ptr<exec::QueryPlan>* out, bool force_scan = false) {
    Result<sql::ParsedStatement> parsed = sql::ParseStatement(sql);
    if (!parsed.ok()) return parsed.status();
    parsed_ = std::move(parsed.value());
    if (parsed_.stmt->kind != sql::StmtKind::kSelect) return Status::Sql("not a SELECT");
    exec::PrepareOptions po;
    po.sql_text = sql;
    po.param_count = parsed_.param_count;
    po.folder = exec::DefaultConstantFolder();
    po.force_table_scan = force_scan;
    return exec::QueryPlan::Prepare(parsed_.stmt->select, SchemaNow(), po, out);
  }

  QueryResult Query(const std::string& sql, const std::vector<Value>& params = {}, bool force_scan = false) {
    QueryResult res;
    std::unique_ptr<exec::QueryPlan> plan;
    res.status = Prepare(sql, &plan, force_scan);
    if (!res.status.ok()) return res;
    for (int i = 0; i < plan->column_count(); ++i) res.names.push_back(plan->column_name(i));
    res.status = Run(plan.get(), params, &res.rows);
    return res;
  }

  Status Run(const exec::QueryPlan* plan, const std::vector<Value>& params, std::vector<std::string>* rows,
             std::atomic<bool>* interrupt = nullptr) {
    std::unique_ptr<ReadTxn> r;
    Status s = engine_->BeginRead(&r);
    if (!s.ok()) return s;
    std::unique_ptr<exec::QueryCursor> c = plan->NewCursor();
    return RunCursor(c.get(), r.get(), params, rows, interrupt);
  }

  static Status RunCursor(exec::QueryCursor* c, PageReader* reader, const std::vector<Value>& params,
                          std::vector<std::string>* rows, std::atomic<bool>* interrupt = nullptr) {
    std::vector<ValueRef> refs;
    for (const Value& v : params) refs.push_back(v.ref());
    exec::ExecContext ctx;
    ctx.interrupt = interrupt;
    rows->clear();
    Status s = c->Open(reader, refs.data(), static_cast<int>(refs.size()), ctx);
    if (!s.ok()) return s;
    for (;;) {
      bool has = false;
      s = c->Next(&has);
      if (!s.ok()) return s;
      if (!has) break;
      std::string line;
      for (int i = 0; i < c->column_count(); ++i) {
        if (i > 0) line += "|";
        line += Render(c->Column(i));
      }
      rows->push_back(line);
    }
    return Status::OK();
  }

  std::vector<std::string> Explain(const std::string& sql) {
    std::unique_ptr<exec::QueryPlan> plan;
    Status s = Prepare(sql, &plan);
    if (!s.ok()) return {"error: " + s.ToString()};
    return plan->Explain();
  }

  std::unique_ptr<WriteTxn> Write() {
    std::unique_ptr<WriteTxn> w;
    Check(engine_->BeginWrite(1000, UINT64_MAX, &w), "begin write");
    return w;
  }

  Engine* engine() { return engine_.get(); }

 private:
  struct TableOptionsHolder {
    TreeOptions records{true};
  };
  std::shared_ptr<Engine> engine_;
  std::shared_ptr<Catalog> catalog_;
  sql::ParsedStatement parsed_;
  int64_t hidden_rowid_ = 0;
};

inline std::string Join(const std::vector<std::string>& v, const char* sep = "\n") {
  std::string s;
  for (size_t i = 0; i < v.size(); ++i) {
    if (i > 0) s += sep;
    s += v[i];
  }
  return s;
}

}  // namespace qtest
