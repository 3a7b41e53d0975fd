// Exact decimal numbers for DECIMAL/NUMERIC columns (ENGINE.md §8.2): a 128-bit unscaled
// integer and a scale, at most 38 significant digits. Parsing accepts "[+-]digits[.digits]"
// with an optional exponent; the canonical text has no exponent, no extra leading zeros, and
// "-0" becomes "0". Rounding is half away from zero. Overflow is ERR_SQL 22003, malformed
// text 22P02, division by zero 22012.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace decentdb {

class Decimal {
 public:
  static constexpr int kMaxDigits = 38;
  static constexpr int kMaxDivisionScale = 18;

  Decimal() = default;
  static Decimal FromInt64(int64_t v) { return Decimal(v, 0); }

  static Status Parse(std::string_view text, Decimal* out);
  // Rounds to scale digits after the point (half away from zero); with precision > 0, more
  // than precision - scale integer digits is 22003.
  Status Rescale(int precision, int scale, Decimal* out) const;

  std::string ToString() const;
  // -1, 0, 1; numeric comparison independent of scale (1.50 == 1.5).
  int Compare(const Decimal& other) const;

  Status Add(const Decimal& b, Decimal* out) const;
  Status Sub(const Decimal& b, Decimal* out) const;
  Status Mul(const Decimal& b, Decimal* out) const;
  // Quotient with max(scale, b.scale) + 6 fraction digits, at most 18.
  Status Div(const Decimal& b, Decimal* out) const;

  // Converts to INT64 truncating toward zero; out of range is 22003.
  Status ToInt64(int64_t* out) const;
  double ToDouble() const;

  int scale() const { return scale_; }
  bool is_negative() const { return unscaled_ < 0; }
  bool is_zero() const { return unscaled_ == 0; }
  // The significant digits without sign or point, and the position of the decimal point
  // counted from the left of those digits (for order-preserving key encodings).
  void Digits(std::string* digits, int* exponent) const;

 private:
  using Int = __int128;
  Decimal(Int unscaled, int scale) : unscaled_(unscaled), scale_(scale) {}
  static bool FitsDigits(Int v);

  Int unscaled_ = 0;
  int scale_ = 0;
};

}  // namespace decentdb
