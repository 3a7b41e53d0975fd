// Order-preserving index keys (ENGINE.md §5.2): each component is a class tag plus a body
// whose memcmp order equals the value order, NULL after every value, DESC components with
// every byte inverted, and an INT64-encoded rowid as the final suffix. Owns the encoder,
// the component decoder, and CompareKeyValues, the reference order the encoding must
// reproduce (used by tests and by executor code that compares decoded keys).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "record/value.h"
#include "util/status.h"

namespace decentdb {

// Component class tags; the order of the tags is the order of the classes.
enum KeyTag : uint8_t {
  kKeyBool = 0x10,
  kKeyInt64 = 0x20,
  kKeyFloat64 = 0x30,
  kKeyDecimal = 0x38,
  kKeyText = 0x40,
  kKeyBlob = 0x50,
  kKeyNull = 0xF0,
};

// Bytes of the rowid suffix: kKeyInt64 plus 8 bytes.
constexpr size_t kRowidSuffixSize = 9;

// Appends the component for v. FLOAT64 is canonicalized first: -0.0 becomes +0.0 and every
// NaN the one NaN, which sorts above +infinity.
void AppendKeyComponent(ValueRef v, bool desc, std::string* out);

// Appends a DECIMAL component from decimal text (optional '-', digits, optional '.'
// fraction; no exponent). Values equal as numbers (1.5, 1.50) encode identically.
// Malformed text is ERR_SQL 22P02.
Status AppendDecimalKeyComponent(std::string_view text, bool desc, std::string* out);

// Appends the rowid suffix (ascending INT64 component).
void AppendRowidSuffix(int64_t rowid, std::string* out);

// Reads the rowid from the last kRowidSuffixSize bytes of a key. ERR_CORRUPTION if the
// key is too short or the suffix is not an INT64 component.
Status DecodeRowidSuffix(const uint8_t* key, size_t n, int64_t* out);

// One decoded component. DECIMAL comes back as TEXT holding the numeric value without
// trailing fraction zeros (the scale is not part of the key); is_decimal tells it apart.
struct KeyComponent {
  Value value;
  bool is_decimal = false;
};

// Reads components front to back. The caller supplies each component's direction, which
// the index definition knows; the key itself does not record it.
class KeyReader {
 public:
  KeyReader(const uint8_t* key, size_t n) : p_(key), end_(key + n) {}
  bool AtEnd() const { return p_ == end_; }
  size_t remaining() const { return static_cast<size_t>(end_ - p_); }
  // ERR_CORRUPTION on a malformed component; *out is then unspecified.
  Status Next(bool desc, KeyComponent* out);

 private:
  const uint8_t* p_;
  const uint8_t* end_;
};

// The order the encoding reproduces: by class (BOOL < INT64 < FLOAT64 < TEXT < BLOB <
// NULL), then by value: FALSE < TRUE; integers numerically; doubles by the total order
// with -0.0 == +0.0 and every NaN equal and above +infinity; TEXT and BLOB bytewise, a
// prefix first. Returns <0, 0 or >0. DESC is the caller's negation.
int CompareKeyValues(ValueRef a, ValueRef b);

}  // namespace decentdb
