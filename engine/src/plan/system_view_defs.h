// Definitions of the read-only system views (ENGINE.md §6.3): their names and column
// lists as synthetic TableDefs, so the binder and planner treat them like tables. Their
// rows are generated from the statement's Schema by exec/system_views.h.
#pragma once

#include <memory>
#include <string_view>

#include "catalog/schema.h"

namespace decentdb {
namespace plan {

enum SystemViewId : int {
  kSysTables = 0,
  kSysColumns,
  kSysIndexes,
  kSysIndexColumns,
  kSysForeignKeys,
  kSysViews,
  kSysViewCount,
};

// The view named `name` (case-insensitive), or -1.
int FindSystemView(std::string_view name);
// A TableDef describing the view's columns (id and root are 0; no rowid alias).
// REQUIRES: 0 <= id < kSysViewCount.
std::unique_ptr<TableDef> SystemViewTableDef(int id);

}  // namespace plan
}  // namespace decentdb
