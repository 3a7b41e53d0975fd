// Decimal arithmetic on 128-bit scaled integers (see decimal.h).
#include "util/decimal.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

namespace decentdb {
namespace {

using Int = __int128;

// 10^i for i in [0, 38].
Int Pow10(int i) {
  Int v = 1;
  while (i-- > 0) v *= 10;
  return v;
}

const Int kLimit = Pow10(Decimal::kMaxDigits);  // values must stay below this in magnitude

Int Abs(Int v) { return v < 0 ? -v : v; }

Status Overflow() { return Status::Sql("numeric value out of range", "22003"); }

// Divides v by 10^k rounding half away from zero.
Int DivRound(Int v, int k) {
  if (k <= 0) return v;
  Int d = Pow10(k);
  Int q = v / d, r = v % d;
  if (Abs(r) * 2 >= d) q += (v < 0 ? -1 : 1);
  return q;
}

// Multiplies v by 10^k; false on overflow past 38 digits.
bool ScaleUp(Int v, int k, Int* out) {
  for (int i = 0; i < k; ++i) {
    if (Abs(v) >= kLimit / 10) return false;
    v *= 10;
  }
  *out = v;
  return true;
}

}  // namespace

bool Decimal::FitsDigits(Int v) { return Abs(v) < kLimit; }

Status Decimal::Parse(std::string_view text, Decimal* out) {
  size_t i = 0, n = text.size();
  while (i < n && (text[i] == ' ' || text[i] == '\t')) ++i;
  while (n > i && (text[n - 1] == ' ' || text[n - 1] == '\t')) --n;
  bool neg = false;
  if (i < n && (text[i] == '+' || text[i] == '-')) neg = text[i++] == '-';
  Int v = 0;
  int digits = 0, scale = 0;
  bool any = false, point = false;
  for (; i < n; ++i) {
    char c = text[i];
    if (c >= '0' && c <= '9') {
      any = true;
      if (v == 0 && c == '0') {
        if (point) ++scale;
        continue;  // leading zeros carry no digits
      }
      if (++digits > kMaxDigits) return Overflow();
      v = v * 10 + (c - '0');
      if (point) ++scale;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!any) return Status::Sql("invalid input syntax for type numeric: \"" + std::string(text) + "\"", "22P02");
  if (i < n && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool eneg = false;
    if (i < n && (text[i] == '+' || text[i] == '-')) eneg = text[i++] == '-';
    long e = 0;
    bool edigits = false;
    for (; i < n && text[i] >= '0' && text[i] <= '9'; ++i) {
      edigits = true;
      if (e < 1000) e = e * 10 + (text[i] - '0');
    }
    if (!edigits) return Status::Sql("invalid input syntax for type numeric: \"" + std::string(text) + "\"", "22P02");
    long new_scale = scale + (eneg ? e : -e);
    if (new_scale < 0) {
      if (!ScaleUp(v, static_cast<int>(-new_scale), &v)) return Overflow();
      new_scale = 0;
    }
    if (new_scale > kMaxDigits) {
      v = DivRound(v, static_cast<int>(new_scale - kMaxDigits));
      new_scale = kMaxDigits;
    }
    scale = static_cast<int>(new_scale);
  }
  if (i != n) return Status::Sql("invalid input syntax for type numeric: \"" + std::string(text) + "\"", "22P02");
  if (scale > kMaxDigits) {
    v = DivRound(v, scale - kMaxDigits);
    scale = kMaxDigits;
  }
  *out = Decimal(neg ? -v : v, scale);
  return Status::OK();
}

Status Decimal::Rescale(int precision, int scale, Decimal* out) const {
  Int v;
  if (scale >= scale_) {
    if (!ScaleUp(unscaled_, scale - scale_, &v)) return Overflow();
  } else {
    v = DivRound(unscaled_, scale_ - scale);
  }
  if (precision > 0 && Abs(v) >= Pow10(precision)) {
    return Status::Sql("numeric field overflow: a field with precision " + std::to_string(precision) +
                           ", scale " + std::to_string(scale) + " must round to an absolute value less than 10^" +
                           std::to_string(precision - scale),
                       "22003");
  }
  *out = Decimal(v, scale);
  return Status::OK();
}

std::string Decimal::ToString() const {
  Int a = Abs(unscaled_);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(a % 10)));
    a /= 10;
  } while (a != 0);
  if (scale_ > 0) {
    if (static_cast<int>(digits.size()) <= scale_) digits.insert(0, scale_ - digits.size() + 1, '0');
    digits.insert(digits.size() - scale_, ".");
  }
  return unscaled_ < 0 ? "-" + digits : digits;
}

int Decimal::Compare(const Decimal& other) const {
  Int a = unscaled_, b = other.unscaled_;
  int sa = scale_, sb = other.scale_;
  // Bring both to the larger scale; if that overflows, the one being scaled up is the larger
  // in magnitude, so its sign decides.
  while (sa < sb) {
    if (Abs(a) >= kLimit) return a < 0 ? -1 : 1;
    a *= 10;
    ++sa;
  }
  while (sb < sa) {
    if (Abs(b) >= kLimit) return b < 0 ? 1 : -1;
    b *= 10;
    ++sb;
  }
  return a < b ? -1 : (a > b ? 1 : 0);
}

Status Decimal::Add(const Decimal& b, Decimal* out) const {
  int s = std::max(scale_, b.scale_);
  Int x, y;
  if (!ScaleUp(unscaled_, s - scale_, &x) || !ScaleUp(b.unscaled_, s - b.scale_, &y)) return Overflow();
  Int r = x + y;
  if (!FitsDigits(r)) return Overflow();
  *out = Decimal(r, s);
  return Status::OK();
}

Status Decimal::Sub(const Decimal& b, Decimal* out) const {
  return Add(Decimal(-b.unscaled_, b.scale_), out);
}

Status Decimal::Mul(const Decimal& b, Decimal* out) const {
  Int x = unscaled_, y = b.unscaled_;
  int s = scale_ + b.scale_;
  if (x != 0 && y != 0) {
    // |x*y| < 10^38 check without overflowing 128 bits.
    if (Abs(x) >= kLimit / Abs(y) + 1) return Overflow();
  }
  Int r = x * y;
  if (!FitsDigits(r)) return Overflow();
  if (s > kMaxDigits) {
    r = DivRound(r, s - kMaxDigits);
    s = kMaxDigits;
  }
  *out = Decimal(r, s);
  return Status::OK();
}

Status Decimal::Div(const Decimal& b, Decimal* out) const {
  if (b.unscaled_ == 0) return Status::Sql("division by zero", "22012");
  const int s = std::min(std::max(scale_, b.scale_) + 6, kMaxDivisionScale);
  // unscaled result = x * 10^shift / y, rounded half away from zero.
  int shift = b.scale_ - scale_ + s;
  using U = unsigned __int128;
  U ux = static_cast<U>(Abs(unscaled_)), uy = static_cast<U>(Abs(b.unscaled_));
  const bool negative = (unscaled_ < 0) != (b.unscaled_ < 0);
  if (shift < 0) {
    // Divisor scaled up instead; if that leaves 38 digits, the quotient rounds to zero.
    for (int i = 0; i < -shift; ++i) {
      if (uy >= static_cast<U>(kLimit)) { *out = Decimal(0, s); return Status::OK(); }
      uy *= 10;
    }
    shift = 0;
  }
  // Long division, one decimal digit at a time, so the dividend never has to be widened.
  // rem < uy < 10^38 * 10 would overflow only for divisors of 38 digits; drop a digit first.
  while (uy >= static_cast<U>(kLimit) / 10 * 3) {
    ux = (ux + 5) / 10;
    uy = (uy + 5) / 10;
  }
  U q = ux / uy, rem = ux % uy;
  if (q >= static_cast<U>(kLimit)) return Overflow();
  for (int i = 0; i < shift; ++i) {
    if (q >= static_cast<U>(kLimit) / 10) return Overflow();
    rem *= 10;
    q = q * 10 + rem / uy;
    rem %= uy;
    if (q >= static_cast<U>(kLimit)) return Overflow();
  }
  if (rem * 2 >= uy) ++q;
  if (q >= static_cast<U>(kLimit)) return Overflow();
  Int r = static_cast<Int>(q);
  *out = Decimal(negative ? -r : r, s);
  return Status::OK();
}

Status Decimal::ToInt64(int64_t* out) const {
  Int v = unscaled_;
  if (scale_ > 0) v /= Pow10(scale_);
  if (v > INT64_MAX || v < INT64_MIN) return Overflow();
  *out = static_cast<int64_t>(v);
  return Status::OK();
}

double Decimal::ToDouble() const { return std::strtod(ToString().c_str(), nullptr); }

void Decimal::Digits(std::string* digits, int* exponent) const {
  std::string s;
  Int a = Abs(unscaled_);
  while (a != 0) {
    s.insert(s.begin(), static_cast<char>('0' + static_cast<int>(a % 10)));
    a /= 10;
  }
  int exp = static_cast<int>(s.size()) - scale_;
  while (!s.empty() && s.back() == '0') s.pop_back();
  *digits = s;
  *exponent = s.empty() ? 0 : exp;
}

}  // namespace decentdb
