// Column lists of the system views (ENGINE.md §6.3) as synthetic TableDefs. The column
// order here is the row layout exec/system_views.cc produces; keep the two in step.
#include "plan/system_view_defs.h"

#include <initializer_list>

namespace decentdb {
namespace plan {
namespace {

struct ViewSpec {
  const char* name;
  std::initializer_list<std::pair<const char*, const char*>> columns;  // name, type
};

const ViewSpec kViews[kSysViewCount] = {
    {"decentdb_tables",
     {{"table_name", "TEXT"}, {"kind", "TEXT"}, {"has_rowid_alias", "BOOLEAN"}, {"sql", "TEXT"}}},
    {"decentdb_columns",
     {{"table_name", "TEXT"},
      {"column_name", "TEXT"},
      {"ordinal", "INTEGER"},
      {"declared_type", "TEXT"},
      {"storage_class", "TEXT"},
      {"logical_type", "TEXT"},
      {"char_length", "INTEGER"},
      {"numeric_precision", "INTEGER"},
      {"numeric_scale", "INTEGER"},
      {"not_null", "BOOLEAN"},
      {"default_sql", "TEXT"},
      {"pk_ordinal", "INTEGER"},
      {"is_auto_increment", "BOOLEAN"}}},
    {"decentdb_indexes",
     {{"index_name", "TEXT"},
      {"table_name", "TEXT"},
      {"kind", "TEXT"},
      {"is_unique", "BOOLEAN"},
      {"is_primary", "BOOLEAN"},
      {"origin", "TEXT"},
      {"column_count", "INTEGER"}}},
    {"decentdb_index_columns",
     {{"index_name", "TEXT"},
      {"table_name", "TEXT"},
      {"ordinal", "INTEGER"},
      {"column_name", "TEXT"},
      {"is_descending", "BOOLEAN"}}},
    {"decentdb_foreign_keys",
     {{"constraint_name", "TEXT"},
      {"child_table", "TEXT"},
      {"child_column", "TEXT"},
      {"ordinal", "INTEGER"},
      {"parent_table", "TEXT"},
      {"parent_column", "TEXT"},
      {"on_delete", "TEXT"},
      {"on_update", "TEXT"}}},
    {"decentdb_views", {{"view_name", "TEXT"}, {"sql", "TEXT"}, {"column_names", "TEXT"}}},
};

}  // namespace

int FindSystemView(std::string_view name) {
  for (int i = 0; i < kSysViewCount; ++i)
    if (IdentEqual(name, kViews[i].name)) return i;
  return -1;
}

std::unique_ptr<TableDef> SystemViewTableDef(int id) {
  std::unique_ptr<TableDef> t(new TableDef());
  const ViewSpec& v = kViews[id];
  t->name = v.name;
  for (const auto& c : v.columns) {
    ColumnDef cd;
    cd.name = c.first;
    Result<ColumnType> ct = ResolveDeclaredType(c.second);
    if (ct.ok()) cd.type = ct.value();  // the literals above always resolve
    t->columns.push_back(std::move(cd));
  }
  return t;
}

}  // namespace plan
}  // namespace decentdb
