// INSERT ... ON CONFLICT: target resolution, binding of DO UPDATE over the existing and
// EXCLUDED rows, and conflict lookup. Design: ENGINE.md §7.5; contract in db/upsert.h.
#include "db/upsert.h"

#include <algorithm>
#include <string>

#include "btree/btree.h"
#include "catalog/catalog.h"
#include "exec/expr_folder.h"
#include "plan/expr_binder.h"
#include "record/key_codec.h"

namespace decentdb {

namespace {

std::string Quote(std::string_view s) { return "\"" + std::string(s) + "\""; }

// Resolves names in DO UPDATE SET/WHERE (U2): unqualified names and names qualified by
// the table mean the existing row; EXCLUDED.c means the row proposed for insertion.
class UpsertResolver : public plan::ExprResolver {
 public:
  UpsertResolver(const TableDef& table, int param_count) : table_(table), param_count_(param_count) {}
  Status ResolveColumn(const sql::Ident* qualifier, const sql::Ident& column, bool,
                       plan::ColumnBinding* out) override {
    int base = 0;
    if (qualifier != nullptr) {
      if (IdentEqual(qualifier->name, "excluded")) {
        base = static_cast<int>(table_.columns.size());
      } else if (!IdentEqual(qualifier->name, table_.name)) {
        return Status::Sql("missing FROM-clause entry for table " + Quote(qualifier->name), "42P01");
      }
    }
    const int c = table_.FindColumn(column.name);
    if (c < 0) return Status::Sql("column " + Quote(column.name) + " does not exist", "42703");
    out->slot = base + c;
    out->type = table_.columns[c].type.type;
    out->column_type = &table_.columns[c].type;
    return Status::OK();
  }
  int ParamCount() const override { return param_count_; }

 private:
  const TableDef& table_;
  int param_count_;
};

bool SameColumns(std::vector<int> a, std::vector<int> b) {
  std::sort(a.begin(), a.end());
  std::sort(b.begin(), b.end());
  return a == b;
}

Status NoMatchingKey() {
  return Status::Sql("there is no unique or exclusion constraint matching the ON CONFLICT specification",
                     "42P10");
}

Status ResolveTarget(const sql::OnConflict& st, const TableDef& table, const Schema& schema, UpsertPlan* out) {
  if (!st.constraint.name.empty()) {
    const std::string pk_name = "pk_" + IdentKey(table.name);
    if (table.rowid_alias >= 0 && IdentEqual(st.constraint.name, pk_name)) {
      out->rowid_target = true;
      return Status::OK();
    }
    for (const UniqueDef& u : table.uniques) {
      if (IdentEqual(u.name, st.constraint.name)) {
        out->index = schema.IndexById(u.index_id);
        return out->index != nullptr ? Status::OK() : Status::Internal("unique constraint without its index");
      }
    }
    for (const IndexDef* i : schema.IndexesOf(table.id)) {
      if (i->unique && IdentEqual(i->name, st.constraint.name)) {
        out->index = i;
        return Status::OK();
      }
    }
    return Status::Sql("constraint " + Quote(st.constraint.name) + " for table " + Quote(table.name) +
                           " does not exist",
                       "42704");
  }
  if (st.target_columns.empty()) {
    if (st.do_update) return Status::Sql("ON CONFLICT DO UPDATE requires a conflict target column list", "42601");
    out->any_key = true;
    return Status::OK();
  }
  std::vector<int> cols;
  for (const sql::Ident& id : st.target_columns) {
    const int c = table.FindColumn(id.name);
    if (c < 0)
      return Status::Sql("column " + Quote(id.name) + " of relation " + Quote(table.name) + " does not exist",
                         "42703");
    if (std::find(cols.begin(), cols.end(), c) == cols.end()) cols.push_back(c);
  }
  if (cols.size() == 1 && cols[0] == table.rowid_alias) {
    out->rowid_target = true;
    return Status::OK();
  }
  for (const IndexDef* i : schema.IndexesOf(table.id)) {
    if (!i->unique || i->kind != IndexKind::kBtree) continue;
    std::vector<int> have;
    for (const IndexColumn& c : i->columns) have.push_back(c.column);
    if (SameColumns(have, cols)) {
      out->index = i;
      return Status::OK();
    }
  }
  return NoMatchingKey();
}

bool HasPrefix(std::string_view key, const std::string& prefix) {
  return key.size() >= prefix.size() && key.compare(0, prefix.size(), prefix) == 0;
}

Status LookupRowid(PageReader* r, const TableDef& table, const std::vector<Value>& row, bool* found,
                   int64_t* out_rowid) {
  const Value& v = row[table.rowid_alias];
  if (v.type() != ValueType::kInt64) return Status::OK();  // NULL: a fresh rowid (U3)
  BTree tree(r, table.root, TreeKind::kTable, TreeOptions{true});
  std::string payload;
  DDB_RETURN_IF_ERROR(tree.Get(TreeKey::Rowid(v.int64()), &payload, found));
  if (*found) *out_rowid = v.int64();
  return Status::OK();
}

Status LookupIndex(PageReader* r, const TableDef& table, const IndexDef& index, const std::vector<Value>& row,
                   bool* found, int64_t* out_rowid) {
  std::vector<ValueRef> refs(row.size());
  for (size_t i = 0; i < row.size(); ++i) refs[i] = row[i].ref();
  for (const IndexColumn& c : index.columns)
    if (refs[c.column].is_null()) return Status::OK();  // (U3)
  std::string prefix;
  DDB_RETURN_IF_ERROR(Catalog::BuildIndexPrefix(table, index, refs.data(), &prefix));
  BTreeCursor cur(r, index.root, TreeKind::kIndex);
  DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(prefix)));
  if (!cur.Valid() || !HasPrefix(cur.key(), prefix)) return Status::OK();
  std::string_view k = cur.key();
  DDB_RETURN_IF_ERROR(DecodeRowidSuffix(reinterpret_cast<const uint8_t*>(k.data()), k.size(), out_rowid));
  *found = true;
  return Status::OK();
}

}  // namespace

Status CompileUpsert(const sql::OnConflict& st, const TableDef& table, const Schema& schema,
                     plan::ExprPool* pool, int param_count, std::string_view sql_text, UpsertPlan* out) {
  *out = UpsertPlan();
  out->do_update = st.do_update;
  DDB_RETURN_IF_ERROR(ResolveTarget(st, table, schema, out));
  if (!st.do_update) return Status::OK();
  UpsertResolver resolver(table, param_count);
  plan::BindOptions bo;
  bo.sql_text = sql_text;
  bo.folder = exec::DefaultConstantFolder();
  plan::ExprBinder binder(pool, &resolver, bo);
  out->set.assign(table.columns.size(), nullptr);
  for (const sql::Assignment& a : st.set) {
    const int col = table.FindColumn(a.column.name);
    if (col < 0)
      return Status::Sql("column " + Quote(a.column.name) + " of relation " + Quote(table.name) +
                             " does not exist",
                         "42703");
    if (out->set[col] != nullptr)
      return Status::Sql("multiple assignments to same column " + Quote(table.columns[col].name), "42601");
    if (a.value->kind == sql::ExprKind::kDefault)
      return Status::NotSupported("not supported: DEFAULT in ON CONFLICT DO UPDATE SET");
    plan::BoundExpr* e = nullptr;
    DDB_RETURN_IF_ERROR(binder.BindAssignment(a.value, table.columns[col].type, &e));
    out->set[col] = e;
  }
  if (st.where != nullptr) {
    plan::BoundExpr* w = nullptr;
    DDB_RETURN_IF_ERROR(binder.BindPredicate(st.where, &w));
    out->where = w;
  }
  return Status::OK();
}

Status FindConflict(PageReader* r, const TableDef& table, const Schema& schema, const UpsertPlan& plan,
                    const std::vector<Value>& row, bool* found, int64_t* out_rowid) {
  *found = false;
  if (plan.rowid_target) return LookupRowid(r, table, row, found, out_rowid);
  if (plan.index != nullptr) return LookupIndex(r, table, *plan.index, row, found, out_rowid);
  // (U1) any key
  if (table.rowid_alias >= 0) {
    DDB_RETURN_IF_ERROR(LookupRowid(r, table, row, found, out_rowid));
    if (*found) return Status::OK();
  }
  for (const IndexDef* i : schema.IndexesOf(table.id)) {
    if (!i->unique || i->kind != IndexKind::kBtree) continue;
    DDB_RETURN_IF_ERROR(LookupIndex(r, table, *i, row, found, out_rowid));
    if (*found) return Status::OK();
  }
  return Status::OK();
}

}  // namespace decentdb
