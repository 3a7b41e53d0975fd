// Shared by the benchmark programs that drive the public C API: exit with the engine's
// error when a call fails (a benchmark has no way to go on).
#pragma once

#include <cstdio>
#include <cstdlib>

#include "decentdb.h"

namespace benchutil {

inline void Check(decentdb_db* db, int rc, const char* what) {
  if (rc >= 0) return;
  std::fprintf(stderr, "%s failed: %d %s %s\n", what, rc, decentdb_last_error_sqlstate(db),
               decentdb_last_error_message(db));
  std::exit(1);
}

}  // namespace benchutil
