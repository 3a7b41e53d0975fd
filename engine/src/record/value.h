// Runtime values of the six storage classes (ENGINE.md §8.1): ValueRef, a borrowed view
// that costs no heap allocation (text and blob point into a page, a record or a caller
// buffer), and Value, its owning counterpart for when a value must outlive its source.
// Logical types (TIMESTAMP, DECIMAL, UUID, ...) ride on these classes; the catalog knows
// which is which. Design: ENGINE.md §2.4 (record tags), §8 (types).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

namespace decentdb {

enum class ValueType : uint8_t { kNull = 0, kInt64, kFloat64, kText, kBlob, kBool };

// A value that borrows its bytes. Trivially copyable; the referenced bytes (text, blob)
// must outlive the ValueRef, which is the caller's business.
class ValueRef {
 public:
  constexpr ValueRef() : type_(ValueType::kNull), len_(0), i_(0) {}

  static ValueRef Null() { return ValueRef(); }
  static ValueRef Int64(int64_t v) { ValueRef r(ValueType::kInt64); r.i_ = v; return r; }
  static ValueRef Float64(double v) { ValueRef r(ValueType::kFloat64); r.f_ = v; return r; }
  static ValueRef Bool(bool v) { ValueRef r(ValueType::kBool); r.i_ = v ? 1 : 0; return r; }
  static ValueRef Text(const char* p, size_t n) { return Bytes(ValueType::kText, p, n); }
  static ValueRef Text(std::string_view s) { return Bytes(ValueType::kText, s.data(), s.size()); }
  static ValueRef Blob(const void* p, size_t n) { return Bytes(ValueType::kBlob, p, n); }
  static ValueRef Blob(std::string_view s) { return Bytes(ValueType::kBlob, s.data(), s.size()); }

  ValueType type() const { return type_; }
  bool is_null() const { return type_ == ValueType::kNull; }
  // REQUIRES: type() is the accessor's class.
  int64_t int64() const { return i_; }
  double float64() const { return f_; }
  bool boolean() const { return i_ != 0; }
  // REQUIRES: type() is kText or kBlob.
  const uint8_t* data() const { return p_; }
  size_t size() const { return len_; }
  std::string_view bytes() const {
    return std::string_view(reinterpret_cast<const char*>(p_), len_);
  }

 private:
  explicit ValueRef(ValueType t) : type_(t), len_(0), i_(0) {}
  static ValueRef Bytes(ValueType t, const void* p, size_t n) {
    ValueRef r(t);
    r.p_ = static_cast<const uint8_t*>(p);
    r.len_ = n;
    return r;
  }

  ValueType type_;
  size_t len_;  // text/blob byte length
  union {
    int64_t i_;  // INT64, BOOL (0/1)
    double f_;
    const uint8_t* p_;  // TEXT/BLOB bytes, not NUL-terminated
  };
};

// An owning value. Text and blob bytes live in an internal string, so copying copies them.
class Value {
 public:
  Value() = default;
  explicit Value(ValueRef r) { Assign(r); }

  static Value Null() { return Value(); }
  static Value Int64(int64_t v) { return Value(ValueRef::Int64(v)); }
  static Value Float64(double v) { return Value(ValueRef::Float64(v)); }
  static Value Bool(bool v) { return Value(ValueRef::Bool(v)); }
  static Value Text(std::string_view s) { return Value(ValueRef::Text(s)); }
  static Value Blob(std::string_view s) { return Value(ValueRef::Blob(s)); }

  // Copies r's bytes; reuses this value's buffer capacity.
  void Assign(ValueRef r) {
    type_ = r.type();
    if (type_ == ValueType::kText || type_ == ValueType::kBlob) {
      bytes_.assign(reinterpret_cast<const char*>(r.data()), r.size());
      i_ = 0;
    } else if (type_ == ValueType::kFloat64) {
      f_ = r.float64();
    } else {
      i_ = r.int64();
    }
  }

  ValueType type() const { return type_; }
  bool is_null() const { return type_ == ValueType::kNull; }
  int64_t int64() const { return i_; }
  double float64() const { return f_; }
  bool boolean() const { return i_ != 0; }
  const std::string& bytes() const { return bytes_; }
  // Valid until this Value is modified or destroyed.
  ValueRef ref() const {
    switch (type_) {
      case ValueType::kNull: return ValueRef::Null();
      case ValueType::kInt64: return ValueRef::Int64(i_);
      case ValueType::kFloat64: return ValueRef::Float64(f_);
      case ValueType::kBool: return ValueRef::Bool(i_ != 0);
      case ValueType::kText: return ValueRef::Text(bytes_);
      case ValueType::kBlob: return ValueRef::Blob(bytes_);
    }
    return ValueRef::Null();
  }

 private:
  ValueType type_ = ValueType::kNull;
  union {
    int64_t i_ = 0;
    double f_;
  };
  std::string bytes_;
};

// Same class and same bits (FLOAT64 compared bitwise, so NaN equals an identical NaN).
// Meant for round-trip checks, not for SQL equality, which lives in the executor.
inline bool IdenticalValues(ValueRef a, ValueRef b) {
  if (a.type() != b.type()) return false;
  switch (a.type()) {
    case ValueType::kNull: return true;
    case ValueType::kInt64:
    case ValueType::kBool: return a.int64() == b.int64();
    case ValueType::kFloat64: {
      double x = a.float64(), y = b.float64();
      return std::memcmp(&x, &y, sizeof x) == 0;
    }
    case ValueType::kText:
    case ValueType::kBlob: return a.bytes() == b.bytes();
  }
  return false;
}

inline const char* ValueTypeName(ValueType t) {
  switch (t) {
    case ValueType::kNull: return "NULL";
    case ValueType::kInt64: return "INT64";
    case ValueType::kFloat64: return "FLOAT64";
    case ValueType::kText: return "TEXT";
    case ValueType::kBlob: return "BLOB";
    case ValueType::kBool: return "BOOL";
  }
  return "?";
}

}  // namespace decentdb
