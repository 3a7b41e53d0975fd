// The value encoding shared by decentdb_bind_all, decentdb_step_batch and friends:
// u8 type tag + payload, little-endian and unaligned (NULL nothing; INT64 i64; FLOAT64 f64;
// TEXT u32 length + UTF-8; BLOB u32 length + bytes; BOOL u8). Decoding is bounds-checked
// and total: a malformed buffer is ERR_MISUSE, never a read past its end.
// Design: ENGINE.md §11.2.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

#include "db/statement.h"
#include "util/coding.h"
#include "util/status.h"

namespace decentdb {
namespace capi {

// True when [p, p+n) is well-formed UTF-8 (no overlongs, surrogates or code points
// beyond U+10FFFF).
bool ValidUtf8(const uint8_t* p, size_t n);

// Reads one parameter set (u32 count + count values) starting at buf[*pos]; on success
// *pos is just past it. count must equal expected_count. With target != nullptr every
// value is bound to $1..$count of target; with nullptr the set is only validated.
Status DecodeParamSet(const uint8_t* buf, size_t len, size_t* pos, int expected_count,
                      Statement* target);

// Bytes needed to encode v; 0 when v cannot be encoded (text or blob over 4 GiB).
// Inline: step_batch calls this and EncodeValue for every value of every row.
inline size_t EncodedSize(ValueRef v) {
  switch (v.type()) {
    case ValueType::kNull: return 1;
    case ValueType::kInt64:
    case ValueType::kFloat64: return 9;
    case ValueType::kText:
    case ValueType::kBlob: return v.size() > 0xFFFFFFFFull ? 0 : 5 + v.size();
    case ValueType::kBool: return 2;
  }
  return 0;
}

// Writes v at p, which has room for EncodedSize(v) bytes; returns the end.
inline uint8_t* EncodeValue(uint8_t* p, ValueRef v) {
  *p++ = static_cast<uint8_t>(v.type());
  switch (v.type()) {
    case ValueType::kNull:
      break;
    case ValueType::kInt64:
    case ValueType::kFloat64: {
      uint64_t bits;
      if (v.type() == ValueType::kInt64) {
        bits = static_cast<uint64_t>(v.int64());
      } else {
        const double d = v.float64();
        std::memcpy(&bits, &d, sizeof(bits));
      }
      EncodeFixed64(p, bits);
      p += 8;
      break;
    }
    case ValueType::kText:
    case ValueType::kBlob: {
      const uint32_t n = static_cast<uint32_t>(v.size());
      EncodeFixed32(p, n);
      p += 4;
      if (n > 0) std::memcpy(p, v.data(), n);
      p += n;
      break;
    }
    case ValueType::kBool:
      *p++ = v.int64() != 0 ? 1 : 0;
      break;
  }
  return p;
}

}  // namespace capi
}  // namespace decentdb
