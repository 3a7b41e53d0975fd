// Open options of a connection: parses the "key=value;key=value" string of decentdb_open
// into engine-scope options (fixed by the first open of a file) and connection-scope ones.
// Keys are case-insensitive; unknown keys and malformed values are ERR_MISUSE naming the
// key and, for an unknown key, listing the known ones. Design: ENGINE.md §11.3.
#pragma once

#include <cstdint>
#include <string>

#include "pager/engine.h"
#include "util/status.h"

namespace decentdb {

struct ConnectionOptions {
  EngineOptions engine;
  // Engine scope, consumed by the SQL layer (ENGINE.md §7.6, §9.3, §9.8).
  uint64_t sort_buffer_size = 16ull << 20;
  uint64_t max_query_memory = 64ull << 20;
  uint64_t trigram_postings_threshold = 100000;
  bool trigram_strict = false;
  // Connection scope.
  int64_t busy_timeout_ms = 5000;
  bool read_only = false;
  bool create = true;
};

// Parses options (NULL or empty means all defaults) into *out, which is reset to the
// defaults first. A bare cache_size is a number of pages of the page_size in effect
// (the page_size option when given, else 4096).
Status ParseOptions(const char* options, ConnectionOptions* out);

// The accepted keys, comma separated, for messages and documentation.
const char* KnownOptionKeys();

}  // namespace decentdb
