// Parser for the decentdb_open options string (ENGINE.md §11.3): splits on ';', trims
// blanks, matches keys case-insensitively and validates each value. Sizes accept the
// suffixes KB, MB and GB (powers of 1024); a bare cache_size counts pages.
#include "db/options.h"

#include <cctype>
#include <cstring>
#include <limits>

namespace decentdb {
namespace {

const char kKnownKeys[] =
    "cache_size, fsync, sync, page_size, checkpoint_threshold, wal_size_limit, "
    "reader_warn_ms, reader_timeout_ms, sort_buffer_size, max_query_memory, temp_dir, "
    "trigram_postings_threshold, trigram_strict, busy_timeout_ms, read_only, create";

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

Status BadValue(const std::string& key, const std::string& value, const char* expected) {
  return Status::Misuse("invalid value '" + value + "' for option " + key + ": expected " +
                        expected);
}

// Parses a decimal integer without sign into *out; false on empty input, stray characters
// or overflow.
bool ParseUnsigned(const std::string& s, uint64_t* out) {
  if (s.empty()) return false;
  uint64_t v = 0;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (std::numeric_limits<uint64_t>::max() - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = v;
  return true;
}

// "<digits>[ ]<suffix>" with suffix "", B, KB, MB or GB. *had_unit tells whether a suffix
// was written (a bare cache_size then means pages).
bool ParseSize(const std::string& value, uint64_t* out, bool* had_unit) {
  size_t i = 0;
  while (i < value.size() && value[i] >= '0' && value[i] <= '9') ++i;
  uint64_t n = 0;
  if (!ParseUnsigned(value.substr(0, i), &n)) return false;
  std::string unit = Lower(Trim(value.substr(i)));
  uint64_t mult = 1;
  if (unit.empty() || unit == "b") {
    mult = 1;
  } else if (unit == "kb") {
    mult = 1ull << 10;
  } else if (unit == "mb") {
    mult = 1ull << 20;
  } else if (unit == "gb") {
    mult = 1ull << 30;
  } else {
    return false;
  }
  if (n > std::numeric_limits<uint64_t>::max() / mult) return false;
  *out = n * mult;
  *had_unit = !unit.empty();
  return true;
}

bool ParseBool(const std::string& value, bool* out) {
  std::string v = Lower(value);
  if (v == "true" || v == "on" || v == "yes" || v == "1") {
    *out = true;
    return true;
  }
  if (v == "false" || v == "off" || v == "no" || v == "0") {
    *out = false;
    return true;
  }
  return false;
}

bool ParseMillis(const std::string& value, int64_t* out) {
  uint64_t v = 0;
  if (!ParseUnsigned(value, &v) || v > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    return false;
  *out = static_cast<int64_t>(v);
  return true;
}

}  // namespace

const char* KnownOptionKeys() { return kKnownKeys; }

Status ParseOptions(const char* options, ConnectionOptions* out) {
  *out = ConnectionOptions();
  if (options == nullptr) return Status::OK();
  const std::string text(options);

  // A bare cache_size is resolved once page_size is known, whatever the order of keys.
  bool cache_in_pages = false;
  uint64_t cache_pages = 0;

  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find(';', pos);
    if (end == std::string::npos) end = text.size();
    const std::string item = Trim(text.substr(pos, end - pos));
    pos = end + 1;
    if (item.empty()) continue;

    const size_t eq = item.find('=');
    if (eq == std::string::npos) {
      return Status::Misuse("malformed option '" + item + "': expected key=value");
    }
    const std::string key = Lower(Trim(item.substr(0, eq)));
    const std::string value = Trim(item.substr(eq + 1));
    if (key.empty()) return Status::Misuse("malformed option '" + item + "': empty key");

    uint64_t size = 0;
    bool had_unit = false;
    if (key == "cache_size") {
      if (!ParseSize(value, &size, &had_unit) || size == 0) {
        return BadValue(key, value, "a positive number of pages, or a size with KB, MB or GB");
      }
      cache_in_pages = !had_unit;
      if (cache_in_pages) {
        cache_pages = size;
      } else {
        out->engine.cache_bytes = size;
      }
    } else if (key == "fsync" || key == "sync") {
      const std::string v = Lower(value);
      if (v == "on" || v == "full" || v == "true") {
        out->engine.sync = SyncMode::kFull;
      } else if (v == "normal") {
        out->engine.sync = SyncMode::kNormal;
      } else if (v == "off" || v == "false") {
        out->engine.sync = SyncMode::kOff;
      } else {
        return BadValue(key, value, "on, full, normal or off");
      }
    } else if (key == "page_size") {
      uint64_t v = 0;
      if (!ParseSize(value, &v, &had_unit) || (v != 4096 && v != 8192 && v != 16384)) {
        return BadValue(key, value, "4096, 8192 or 16384");
      }
      out->engine.page_size = static_cast<uint32_t>(v);
    } else if (key == "checkpoint_threshold" || key == "wal_size_limit" ||
               key == "sort_buffer_size" || key == "max_query_memory") {
      if (!ParseSize(value, &size, &had_unit)) {
        return BadValue(key, value, "a size in bytes, or with KB, MB or GB");
      }
      if (key == "checkpoint_threshold") out->engine.checkpoint_threshold = size;
      if (key == "wal_size_limit") out->engine.wal_size_limit = size;
      if (key == "sort_buffer_size") out->sort_buffer_size = size;
      if (key == "max_query_memory") out->max_query_memory = size;
    } else if (key == "reader_warn_ms" || key == "reader_timeout_ms" ||
               key == "busy_timeout_ms") {
      int64_t ms = 0;
      if (!ParseMillis(value, &ms)) {
        return BadValue(key, value, "a number of milliseconds (0 or more)");
      }
      if (key == "reader_warn_ms") out->engine.reader_warn_ms = ms;
      if (key == "reader_timeout_ms") out->engine.reader_timeout_ms = ms;
      if (key == "busy_timeout_ms") out->busy_timeout_ms = ms;
    } else if (key == "temp_dir") {
      if (value.empty()) return BadValue(key, value, "a directory path");
      out->engine.temp_dir = value;
    } else if (key == "trigram_postings_threshold") {
      if (!ParseUnsigned(value, &out->trigram_postings_threshold)) {
        return BadValue(key, value, "a number (0 or more)");
      }
    } else if (key == "trigram_strict" || key == "read_only" || key == "create") {
      bool b = false;
      if (!ParseBool(value, &b)) return BadValue(key, value, "true or false");
      if (key == "trigram_strict") out->trigram_strict = b;
      if (key == "read_only") out->read_only = b;
      if (key == "create") out->create = b;
    } else {
      return Status::Misuse("unknown option '" + Trim(item.substr(0, eq)) +
                            "'; known options: " + kKnownKeys);
    }
  }

  if (cache_in_pages) {
    const uint64_t page = out->engine.page_size;
    if (cache_pages > std::numeric_limits<uint64_t>::max() / page) {
      return BadValue("cache_size", std::to_string(cache_pages), "a smaller number of pages");
    }
    out->engine.cache_bytes = cache_pages * page;
  }
  return Status::OK();
}

}  // namespace decentdb
