// Byte coding primitives shared by every on-disk and buffer format: little-endian fixed
// integers, unsigned LEB128 varints (at most 10 bytes), zigzag for signed values, and
// big-endian fixed integers for memcmp-ordered keys. Decoders are total: they take the
// end of the buffer and report failure instead of reading past it. Format: ENGINE.md §2.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

namespace decentdb {

inline void EncodeFixed16(uint8_t* p, uint16_t v) { std::memcpy(p, &v, 2); }
inline void EncodeFixed32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }
inline void EncodeFixed64(uint8_t* p, uint64_t v) { std::memcpy(p, &v, 8); }
inline uint16_t DecodeFixed16(const uint8_t* p) { uint16_t v; std::memcpy(&v, p, 2); return v; }
inline uint32_t DecodeFixed32(const uint8_t* p) { uint32_t v; std::memcpy(&v, p, 4); return v; }
inline uint64_t DecodeFixed64(const uint8_t* p) { uint64_t v; std::memcpy(&v, p, 8); return v; }
static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "on-disk format assumes a little-endian host");

inline void EncodeBigEndian64(uint8_t* p, uint64_t v) {
  for (int i = 7; i >= 0; --i) { p[i] = static_cast<uint8_t>(v); v >>= 8; }
}
inline uint64_t DecodeBigEndian64(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 0; i < 8; ++i) v = (v << 8) | p[i];
  return v;
}

inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t ZigZagDecode(uint64_t v) {
  return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1);
}

constexpr int kMaxVarintLen = 10;

inline int VarintLength(uint64_t v) {
  int n = 1;
  while (v >= 0x80) { v >>= 7; ++n; }
  return n;
}

// Writes v at p (room for kMaxVarintLen bytes required); returns the byte after it.
inline uint8_t* EncodeVarint(uint8_t* p, uint64_t v) {
  while (v >= 0x80) { *p++ = static_cast<uint8_t>(v | 0x80); v >>= 7; }
  *p++ = static_cast<uint8_t>(v);
  return p;
}

inline void PutVarint(std::string* dst, uint64_t v) {
  uint8_t buf[kMaxVarintLen];
  uint8_t* end = EncodeVarint(buf, v);
  dst->append(reinterpret_cast<char*>(buf), static_cast<size_t>(end - buf));
}

// Decodes a varint from [p, limit). Returns the byte after it, or nullptr when the
// input is truncated, longer than 10 bytes, or overflows 64 bits.
inline const uint8_t* DecodeVarint(const uint8_t* p, const uint8_t* limit, uint64_t* out) {
  // Values under 2^21 (one to three bytes: rowids, lengths, counts) decode without the
  // loop; they are most of what the B-tree search and record decoding read.
  if (limit - p >= 3) {
    uint64_t b0 = p[0];
    if (b0 < 0x80) {
      *out = b0;
      return p + 1;
    }
    uint64_t b1 = p[1];
    if (b1 < 0x80) {
      *out = (b0 & 0x7f) | (b1 << 7);
      return p + 2;
    }
    uint64_t b2 = p[2];
    if (b2 < 0x80) {
      *out = (b0 & 0x7f) | ((b1 & 0x7f) << 7) | (b2 << 14);
      return p + 3;
    }
  }
  uint64_t result = 0;
  for (int shift = 0; shift < 70 && p < limit; shift += 7) {
    uint64_t byte = *p++;
    if (shift == 63 && byte > 1) return nullptr;
    result |= (byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) { *out = result; return p; }
  }
  return nullptr;
}

}  // namespace decentdb
