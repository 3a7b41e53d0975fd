// Rows of the system views (ENGINE.md §6.3), generated from one Schema. Column order
// matches plan/system_view_defs.cc. Objects come in creation order (tables, then each
// table's indexes and foreign keys), so results are deterministic without ORDER BY.
#include "exec/system_views.h"

namespace decentdb {
namespace exec {
namespace {

Value TextOrNull(const std::string& s) { return s.empty() ? Value::Null() : Value::Text(s); }
Value IntOrNull(int64_t v) { return v < 0 ? Value::Null() : Value::Int64(v); }

const char* OriginName(IndexOrigin o) {
  switch (o) {
    case IndexOrigin::kExplicit: return "explicit";
    case IndexOrigin::kPrimaryKey: return "pk";
    case IndexOrigin::kUnique: return "unique";
    case IndexOrigin::kForeignKey: return "fk";
  }
  return "explicit";
}

const char* ActionName(FkAction a) {
  switch (a) {
    case FkAction::kNoAction: return "NO ACTION";
    case FkAction::kRestrict: return "RESTRICT";
    case FkAction::kCascade: return "CASCADE";
    case FkAction::kSetNull: return "SET NULL";
  }
  return "NO ACTION";
}

std::string DeclaredText(const ColumnType& t) { return t.normalized.empty() ? t.declared : t.normalized; }

}  // namespace

Status GenerateSystemViewRows(int id, const Schema& schema, std::vector<std::vector<Value>>* rows) {
  rows->clear();
  switch (id) {
    case plan::kSysTables:
      for (const TableDef* t : schema.tables())
        rows->push_back({Value::Text(t->name), Value::Text("table"), Value::Bool(t->rowid_alias >= 0),
                         TextOrNull(t->sql)});
      for (const ViewDef* v : schema.views())
        rows->push_back({Value::Text(v->name), Value::Text("view"), Value::Bool(false), TextOrNull(v->sql)});
      return Status::OK();
    case plan::kSysColumns:
      for (const TableDef* t : schema.tables()) {
        for (size_t i = 0; i < t->columns.size(); ++i) {
          const ColumnDef& c = t->columns[i];
          const ColumnType& ct = c.type;
          bool sized = ct.storage() == ValueType::kText || ct.storage() == ValueType::kBlob;
          bool alias = static_cast<int>(i) == t->rowid_alias;
          rows->push_back({Value::Text(t->name), Value::Text(c.name), Value::Int64(static_cast<int64_t>(i) + 1),
                           Value::Text(DeclaredText(ct)), Value::Text(ValueTypeName(ct.storage())),
                           TextOrNull(LogicalTypeName(ct.logical())),
                           sized && !ct.type.is_decimal() ? IntOrNull(ct.length) : Value::Null(),
                           IntOrNull(ct.precision()), IntOrNull(ct.scale()), Value::Bool(c.not_null || alias),
                           TextOrNull(c.default_sql), Value::Int64(c.pk_ordinal), Value::Bool(c.auto_increment)});
        }
      }
      return Status::OK();
    case plan::kSysIndexes:
      for (const TableDef* t : schema.tables())
        for (const IndexDef* i : schema.IndexesOf(t->id))
          rows->push_back({Value::Text(i->name), Value::Text(t->name),
                           Value::Text(i->kind == IndexKind::kTrigram ? "trigram" : "btree"),
                           Value::Bool(i->unique), Value::Bool(i->origin == IndexOrigin::kPrimaryKey),
                           Value::Text(OriginName(i->origin)),
                           Value::Int64(static_cast<int64_t>(i->columns.size()))});
      return Status::OK();
    case plan::kSysIndexColumns:
      for (const TableDef* t : schema.tables())
        for (const IndexDef* i : schema.IndexesOf(t->id))
          for (size_t k = 0; k < i->columns.size(); ++k) {
            int col = i->columns[k].column;
            std::string name = col >= 0 && static_cast<size_t>(col) < t->columns.size() ? t->columns[col].name : "";
            rows->push_back({Value::Text(i->name), Value::Text(t->name), Value::Int64(static_cast<int64_t>(k) + 1),
                             Value::Text(name), Value::Bool(i->columns[k].descending)});
          }
      return Status::OK();
    case plan::kSysForeignKeys:
      for (const TableDef* t : schema.tables())
        for (const ForeignKeyDef& fk : t->foreign_keys) {
          const TableDef* parent = schema.TableById(fk.parent_table_id);
          for (size_t k = 0; k < fk.child_columns.size(); ++k) {
            int cc = fk.child_columns[k];
            int pc = k < fk.parent_columns.size() ? fk.parent_columns[k] : -1;
            std::string child_col = cc >= 0 && static_cast<size_t>(cc) < t->columns.size() ? t->columns[cc].name : "";
            std::string parent_col;
            if (parent != nullptr && pc >= 0 && static_cast<size_t>(pc) < parent->columns.size())
              parent_col = parent->columns[pc].name;
            rows->push_back({Value::Text(fk.name), Value::Text(t->name), Value::Text(child_col),
                             Value::Int64(static_cast<int64_t>(k) + 1),
                             parent ? Value::Text(parent->name) : Value::Null(), TextOrNull(parent_col),
                             Value::Text(ActionName(fk.on_delete)), Value::Text(ActionName(fk.on_update))});
          }
        }
      return Status::OK();
    case plan::kSysViews:
      for (const ViewDef* v : schema.views()) {
        std::string cols;
        for (size_t k = 0; k < v->column_names.size(); ++k) {
          if (k > 0) cols += ",";
          cols += v->column_names[k];
        }
        rows->push_back({Value::Text(v->name), TextOrNull(v->sql), Value::Text(cols)});
      }
      return Status::OK();
    default: return Status::Internal("unknown system view");
  }
}

}  // namespace exec
}  // namespace decentdb
