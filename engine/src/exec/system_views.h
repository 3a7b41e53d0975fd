// Row generation for the system views (ENGINE.md §6.3): one row per table, column,
// index, index column, foreign-key column and view of a Schema, in the column order of
// plan/system_view_defs.h. Rows are produced when a statement opens, from the schema the
// statement was bound against (the snapshot's).
#pragma once

#include <vector>

#include "catalog/schema.h"
#include "plan/system_view_defs.h"
#include "record/value.h"
#include "util/status.h"

namespace decentdb {
namespace exec {

// REQUIRES: 0 <= id < plan::kSysViewCount.
Status GenerateSystemViewRows(int id, const Schema& schema, std::vector<std::vector<Value>>* rows);

}  // namespace exec
}  // namespace decentdb
