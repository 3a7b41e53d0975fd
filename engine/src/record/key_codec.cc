// Index key encoder/decoder (ENGINE.md §5.2). Every component is prefix-free (fixed width
// or terminated), which is what lets components be concatenated and DESC components be
// byte-inverted without breaking the order.
#include "record/key_codec.h"

#include <cmath>
#include <cstring>

#include "util/coding.h"

namespace decentdb {
namespace {

constexpr uint64_t kSignBit = 1ull << 63;
constexpr uint64_t kCanonicalNaN = 0x7FF8000000000000ull;

// Byte transform of one component: identity for ASC, inversion for DESC.
inline uint8_t Dir(uint8_t b, bool desc) { return desc ? static_cast<uint8_t>(~b) : b; }

void Put(std::string* out, uint8_t b, bool desc) { out->push_back(static_cast<char>(Dir(b, desc))); }

void PutBigEndian64(std::string* out, uint64_t v, bool desc) {
  uint8_t buf[8];
  EncodeBigEndian64(buf, v);
  for (uint8_t b : buf) Put(out, b, desc);
}

uint64_t FloatKeyBits(double d) {
  uint64_t bits;
  if (std::isnan(d)) {
    bits = kCanonicalNaN;
  } else {
    if (d == 0.0) d = 0.0;  // folds -0.0 into +0.0
    std::memcpy(&bits, &d, 8);
  }
  return (bits & kSignBit) ? ~bits : (bits ^ kSignBit);
}

double FloatFromKeyBits(uint64_t k) {
  uint64_t bits = (k & kSignBit) ? (k ^ kSignBit) : ~k;
  double d;
  std::memcpy(&d, &bits, 8);
  return d;
}

// Escaped byte string: 00 -> 00 FF, terminated by 00 00.
void PutEscaped(std::string* out, const uint8_t* p, size_t n, bool desc) {
  for (size_t i = 0; i < n; ++i) {
    Put(out, p[i], desc);
    if (p[i] == 0) Put(out, 0xFF, desc);
  }
  Put(out, 0, desc);
  Put(out, 0, desc);
}

}  // namespace

void AppendKeyComponent(ValueRef v, bool desc, std::string* out) {
  switch (v.type()) {
    case ValueType::kNull: Put(out, kKeyNull, desc); break;
    case ValueType::kBool:
      Put(out, kKeyBool, desc);
      Put(out, v.boolean() ? 1 : 0, desc);
      break;
    case ValueType::kInt64:
      Put(out, kKeyInt64, desc);
      PutBigEndian64(out, static_cast<uint64_t>(v.int64()) ^ kSignBit, desc);
      break;
    case ValueType::kFloat64:
      Put(out, kKeyFloat64, desc);
      PutBigEndian64(out, FloatKeyBits(v.float64()), desc);
      break;
    case ValueType::kText:
      Put(out, kKeyText, desc);
      PutEscaped(out, v.data(), v.size(), desc);
      break;
    case ValueType::kBlob:
      Put(out, kKeyBlob, desc);
      PutEscaped(out, v.data(), v.size(), desc);
      break;
  }
}

// DECIMAL: sign byte (0 negative, 1 zero, 2 positive); for non-zero values the value is
// 0.d1d2...dn x 10^E with d1 != 0 and dn != 0, stored as u16 big-endian E + 0x8000, then
// digits as nibbles d+1 closed by a 0 nibble (padded to a byte). The 0 terminator makes the
// body prefix-free, so inverting exponent and body orders negatives by falling magnitude.
Status AppendDecimalKeyComponent(std::string_view text, bool desc, std::string* out) {
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '-' || text[i] == '+')) negative = text[i++] == '-';
  std::string digits;
  int64_t int_digits = 0;
  bool seen_dot = false, seen_digit = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      digits.push_back(c);
      if (!seen_dot) ++int_digits;
      seen_digit = true;
    } else if (c == '.' && !seen_dot) {
      seen_dot = true;
    } else {
      return Status::Sql("invalid DECIMAL key text", "22P02");
    }
  }
  if (!seen_digit || digits.size() > 4000) return Status::Sql("invalid DECIMAL key text", "22P02");
  size_t first = digits.find_first_not_of('0');
  Put(out, kKeyDecimal, desc);
  if (first == std::string::npos) {
    Put(out, 1, desc);
    return Status::OK();
  }
  size_t last = digits.find_last_not_of('0');
  int64_t exponent = int_digits - static_cast<int64_t>(first);
  bool inv = desc != negative;  // negative bodies are inverted, DESC inverts once more
  Put(out, negative ? 0 : 2, desc);
  uint16_t biased = static_cast<uint16_t>(exponent + 0x8000);
  Put(out, static_cast<uint8_t>(biased >> 8), inv);
  Put(out, static_cast<uint8_t>(biased), inv);
  uint8_t pending = 0;
  bool half = false;
  for (size_t k = first; k <= last; ++k) {
    uint8_t nib = static_cast<uint8_t>(digits[k] - '0' + 1);
    if (!half) {
      pending = static_cast<uint8_t>(nib << 4);
      half = true;
    } else {
      Put(out, static_cast<uint8_t>(pending | nib), inv);
      half = false;
    }
  }
  Put(out, half ? pending : 0, inv);  // the terminator nibble (and padding)
  return Status::OK();
}

void AppendRowidSuffix(int64_t rowid, std::string* out) {
  AppendKeyComponent(ValueRef::Int64(rowid), false, out);
}

Status DecodeRowidSuffix(const uint8_t* key, size_t n, int64_t* out) {
  if (n < kRowidSuffixSize || key[n - kRowidSuffixSize] != kKeyInt64) {
    return Status::Corruption("index key: missing rowid suffix");
  }
  *out = static_cast<int64_t>(DecodeBigEndian64(key + n - 8) ^ kSignBit);
  return Status::OK();
}

Status KeyReader::Next(bool desc, KeyComponent* out) {
  if (p_ >= end_) return Status::Corruption("index key: truncated component");
  out->is_decimal = false;
  uint8_t tag = Dir(*p_++, desc);
  auto get64 = [&](uint64_t* v) {
    if (end_ - p_ < 8) return false;
    uint8_t buf[8];
    for (int k = 0; k < 8; ++k) buf[k] = Dir(p_[k], desc);
    p_ += 8;
    *v = DecodeBigEndian64(buf);
    return true;
  };
  switch (tag) {
    case kKeyNull: out->value = Value::Null(); return Status::OK();
    case kKeyBool: {
      if (p_ >= end_) return Status::Corruption("index key: truncated BOOL");
      uint8_t b = Dir(*p_++, desc);
      if (b > 1) return Status::Corruption("index key: bad BOOL byte");
      out->value = Value::Bool(b == 1);
      return Status::OK();
    }
    case kKeyInt64: {
      uint64_t v;
      if (!get64(&v)) return Status::Corruption("index key: truncated INT64");
      out->value = Value::Int64(static_cast<int64_t>(v ^ kSignBit));
      return Status::OK();
    }
    case kKeyFloat64: {
      uint64_t v;
      if (!get64(&v)) return Status::Corruption("index key: truncated FLOAT64");
      out->value = Value::Float64(FloatFromKeyBits(v));
      return Status::OK();
    }
    case kKeyText:
    case kKeyBlob: {
      std::string bytes;
      for (;;) {
        if (p_ >= end_) return Status::Corruption("index key: unterminated string");
        uint8_t b = Dir(*p_++, desc);
        if (b != 0) {
          bytes.push_back(static_cast<char>(b));
          continue;
        }
        if (p_ >= end_) return Status::Corruption("index key: unterminated string");
        uint8_t e = Dir(*p_++, desc);
        if (e == 0) break;
        if (e != 0xFF) return Status::Corruption("index key: bad string escape");
        bytes.push_back('\0');
      }
      out->value = tag == kKeyText ? Value::Text(bytes) : Value::Blob(bytes);
      return Status::OK();
    }
    case kKeyDecimal: {
      if (p_ >= end_) return Status::Corruption("index key: truncated DECIMAL");
      uint8_t sign = Dir(*p_++, desc);
      out->is_decimal = true;
      if (sign == 1) {
        out->value = Value::Text("0");
        return Status::OK();
      }
      if (sign != 0 && sign != 2) return Status::Corruption("index key: bad DECIMAL sign");
      bool negative = sign == 0;
      bool inv = desc != negative;
      if (end_ - p_ < 2) return Status::Corruption("index key: truncated DECIMAL");
      int64_t exponent =
          static_cast<int64_t>((Dir(p_[0], inv) << 8) | Dir(p_[1], inv)) - 0x8000;
      p_ += 2;
      std::string digits;
      for (bool done = false; !done;) {
        if (p_ >= end_) return Status::Corruption("index key: unterminated DECIMAL");
        uint8_t b = Dir(*p_++, inv);
        uint8_t nibs[2] = {static_cast<uint8_t>(b >> 4), static_cast<uint8_t>(b & 15)};
        for (uint8_t nib : nibs) {
          if (nib == 0) { done = true; break; }
          if (nib > 10) return Status::Corruption("index key: bad DECIMAL digit");
          digits.push_back(static_cast<char>('0' + nib - 1));
        }
      }
      if (digits.empty() || digits.back() == '0' || digits.front() == '0') {
        return Status::Corruption("index key: DECIMAL not normalized");
      }
      std::string text = negative ? "-" : "";
      int64_t nd = static_cast<int64_t>(digits.size());
      if (exponent <= 0) {
        text += "0." + std::string(static_cast<size_t>(-exponent), '0') + digits;
      } else if (exponent >= nd) {
        text += digits + std::string(static_cast<size_t>(exponent - nd), '0');
      } else {
        text += digits.substr(0, static_cast<size_t>(exponent)) + "." +
                digits.substr(static_cast<size_t>(exponent));
      }
      out->value = Value::Text(text);
      return Status::OK();
    }
    default:
      return Status::Corruption("index key: unknown component tag");
  }
}

namespace {
int ClassRank(ValueType t) {
  switch (t) {
    case ValueType::kBool: return 0;
    case ValueType::kInt64: return 1;
    case ValueType::kFloat64: return 2;
    case ValueType::kText: return 3;
    case ValueType::kBlob: return 4;
    case ValueType::kNull: return 5;
  }
  return 6;
}
}  // namespace

int CompareKeyValues(ValueRef a, ValueRef b) {
  int ra = ClassRank(a.type()), rb = ClassRank(b.type());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case ValueType::kNull: return 0;
    case ValueType::kBool:
    case ValueType::kInt64:
      return a.int64() < b.int64() ? -1 : (a.int64() > b.int64() ? 1 : 0);
    case ValueType::kFloat64: {
      double x = a.float64(), y = b.float64();
      bool nx = std::isnan(x), ny = std::isnan(y);
      if (nx || ny) return nx == ny ? 0 : (nx ? 1 : -1);
      return x < y ? -1 : (x > y ? 1 : 0);
    }
    case ValueType::kText:
    case ValueType::kBlob: {
      size_t n = a.size() < b.size() ? a.size() : b.size();
      int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
      if (c != 0) return c < 0 ? -1 : 1;
      return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
    }
  }
  return 0;
}

}  // namespace decentdb
