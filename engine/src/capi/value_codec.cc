// Encoder and total decoder of the C API's parameter and row buffers (value_codec.h).
#include "capi/value_codec.h"

#include <cstring>
#include <string>

namespace decentdb {
namespace capi {
namespace {

uint32_t LoadU32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
         static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
}

uint64_t LoadU64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

Status Malformed(size_t offset, const std::string& what) {
  return Status::Misuse("malformed parameter buffer at byte " + std::to_string(offset) + ": " +
                        what);
}

}  // namespace

bool ValidUtf8(const uint8_t* p, size_t n) {
  size_t i = 0;
  while (i < n) {
    const uint8_t c = p[i];
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t len;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      len = 2;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      len = 3;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      len = 4;
      cp = c & 0x07;
    } else {
      return false;
    }
    if (n - i < len) return false;
    for (size_t k = 1; k < len; ++k) {
      if ((p[i + k] & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (p[i + k] & 0x3F);
    }
    if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
        cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      return false;
    }
    i += len;
  }
  return true;
}

Status DecodeParamSet(const uint8_t* buf, size_t len, size_t* pos, int expected_count,
                      Statement* target) {
  size_t at = *pos;
  if (len < at || len - at < 4) return Malformed(at, "missing the u32 parameter count");
  const uint32_t count = LoadU32(buf + at);
  at += 4;
  if (expected_count < 0 || count != static_cast<uint32_t>(expected_count)) {
    return Status::Misuse("parameter buffer holds " + std::to_string(count) +
                          " values but the statement has " + std::to_string(expected_count) +
                          " parameters");
  }
  for (uint32_t i = 0; i < count; ++i) {
    if (at >= len) return Malformed(at, "missing value for $" + std::to_string(i + 1));
    ValueRef v;
    const uint8_t tag = buf[at++];
    const size_t left = len - at;
    switch (tag) {
      case static_cast<uint8_t>(ValueType::kNull):
        break;
      case static_cast<uint8_t>(ValueType::kInt64):
      case static_cast<uint8_t>(ValueType::kFloat64): {
        if (left < 8) return Malformed(at, "truncated 8-byte value");
        const uint64_t bits = LoadU64(buf + at);
        at += 8;
        if (tag == static_cast<uint8_t>(ValueType::kInt64)) {
          v = ValueRef::Int64(static_cast<int64_t>(bits));
        } else {
          double d;
          std::memcpy(&d, &bits, sizeof(d));
          v = ValueRef::Float64(d);
        }
        break;
      }
      case static_cast<uint8_t>(ValueType::kText):
      case static_cast<uint8_t>(ValueType::kBlob): {
        if (left < 4) return Malformed(at, "truncated length");
        const uint32_t n = LoadU32(buf + at);
        at += 4;
        if (len - at < n) return Malformed(at, "length " + std::to_string(n) + " past the end");
        const uint8_t* data = buf + at;
        at += n;
        if (tag == static_cast<uint8_t>(ValueType::kText)) {
          if (!ValidUtf8(data, n)) {
            return Status::Sql("invalid UTF-8 in text parameter $" + std::to_string(i + 1),
                               "22021");
          }
          v = ValueRef::Text(reinterpret_cast<const char*>(data), n);
        } else {
          v = ValueRef::Blob(data, n);
        }
        break;
      }
      case static_cast<uint8_t>(ValueType::kBool):
        if (left < 1) return Malformed(at, "truncated boolean");
        v = ValueRef::Bool(buf[at++] != 0);
        break;
      default:
        return Malformed(at - 1, "unknown type tag " + std::to_string(tag));
    }
    if (target != nullptr) DDB_RETURN_IF_ERROR(target->Bind(static_cast<int>(i) + 1, v));
  }
  *pos = at;
  return Status::OK();
}

}  // namespace capi
}  // namespace decentdb
