// Value semantics: comparison, sort order, grouping equality and hashing, arithmetic and
// canonical text (see value_ops.h; rules in ENGINE.md §5.2, §7.3, §8.2, §8.4).
#include "exec/value_ops.h"

#include <charconv>
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "util/datetime.h"
#include "util/utf8.h"

namespace decentdb {
namespace exec {

namespace {

constexpr double kTwo63 = 9223372036854775808.0;

bool IsNumber(ValueType t) { return t == ValueType::kInt64 || t == ValueType::kFloat64; }

// Class rank of the mixed-class order (§8.4): BOOL < numbers < TEXT < BLOB.
int Rank(ValueType t) {
  switch (t) {
    case ValueType::kBool: return 0;
    case ValueType::kInt64:
    case ValueType::kFloat64: return 1;
    case ValueType::kText: return 2;
    case ValueType::kBlob: return 3;
    case ValueType::kNull: return 4;
  }
  return 4;
}

int Sign(int64_t a, int64_t b) { return a < b ? -1 : (a > b ? 1 : 0); }

int CompareBytes(std::string_view a, std::string_view b) {
  size_t n = a.size() < b.size() ? a.size() : b.size();
  int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
  if (c != 0) return c < 0 ? -1 : 1;
  return a.size() < b.size() ? -1 : (a.size() > b.size() ? 1 : 0);
}

// REQUIRES: both are INT64 or FLOAT64.
int CompareNumbers(ValueRef a, ValueRef b) {
  if (a.type() == ValueType::kInt64) {
    if (b.type() == ValueType::kInt64) return Sign(a.int64(), b.int64());
    return CompareIntDouble(a.int64(), b.float64());
  }
  if (b.type() == ValueType::kInt64) return -CompareIntDouble(b.int64(), a.float64());
  return CompareDoubles(a.float64(), b.float64());
}

std::string_view TrimSpace(std::string_view s) {
  size_t i = 0, n = s.size();
  while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' || s[i] == '\r')) ++i;
  while (n > i && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\n' || s[n - 1] == '\r')) --n;
  return s.substr(i, n - i);
}

bool EqualsIgnoreCase(std::string_view a, const char* b) {
  size_t n = std::strlen(b);
  if (a.size() != n) return false;
  for (size_t i = 0; i < n; ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

// 64-bit mixing (a variant of the splitmix64 finalizer).
uint64_t Mix(uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  x ^= x >> 31;
  return x;
}

uint64_t HashBytes(const void* data, size_t n, uint64_t seed) {
  const unsigned char* p = static_cast<const unsigned char*>(data);
  uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ULL);
  while (n >= 8) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    h = Mix(h ^ w) + 0x9e3779b97f4a7c15ULL;
    p += 8;
    n -= 8;
  }
  uint64_t tail = 0;
  for (size_t i = 0; i < n; ++i) tail |= static_cast<uint64_t>(p[i]) << (8 * i);
  return Mix(h ^ tail ^ 0x5bd1e995ULL);
}

Status NotANumber(ValueRef v) {
  return Status::Sql("invalid input syntax for a number: \"" + std::string(v.bytes()) + "\"",
                     "22P02");
}

Status NoOperator(ValueRef v) {
  return Status::Sql(std::string("operator does not exist for operand of type ") +
                         ValueTypeName(v.type()),
                     "42883");
}

// Turns an arithmetic operand into INT64 or FLOAT64.
Status NumericOperand(ValueRef v, ValueRef* out) {
  switch (v.type()) {
    case ValueType::kInt64:
    case ValueType::kFloat64: *out = v; return Status::OK();
    case ValueType::kText:
      if (!ParseNumberText(v.bytes(), out)) return NotANumber(v);
      return Status::OK();
    default: return NoOperator(v);
  }
}

size_t Put2(char* p, int v) {
  p[0] = static_cast<char>('0' + v / 10);
  p[1] = static_cast<char>('0' + v % 10);
  return 2;
}

// "HH:MM:SS[.fff]". REQUIRES: 0 <= ms < kMillisPerDay.
size_t FormatTimeOfDay(int64_t ms, char* p) {
  int64_t s = ms / 1000, f = ms % 1000;
  size_t n = 0;
  n += Put2(p + n, static_cast<int>(s / 3600));
  p[n++] = ':';
  n += Put2(p + n, static_cast<int>(s / 60 % 60));
  p[n++] = ':';
  n += Put2(p + n, static_cast<int>(s % 60));
  if (f != 0) {
    p[n++] = '.';
    p[n++] = static_cast<char>('0' + f / 100);
    p[n++] = static_cast<char>('0' + f / 10 % 10);
    p[n++] = static_cast<char>('0' + f % 10);
  }
  return n;
}

// "YYYY-MM-DD" for years 0..9999; returns 0 for other years (callers fall back to the
// util formatter, which handles them).
size_t FormatDays(int64_t days, char* p) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  if (y < 0 || y > 9999) return 0;
  int yy = static_cast<int>(y);
  p[0] = static_cast<char>('0' + yy / 1000);
  p[1] = static_cast<char>('0' + yy / 100 % 10);
  p[2] = static_cast<char>('0' + yy / 10 % 10);
  p[3] = static_cast<char>('0' + yy % 10);
  p[4] = '-';
  Put2(p + 5, m);
  p[7] = '-';
  Put2(p + 8, d);
  return 10;
}

}  // namespace

// ---------------------------------------------------------------- comparison

int CompareDoubles(double a, double b) {
  bool na = std::isnan(a), nb = std::isnan(b);
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

int CompareIntDouble(int64_t i, double d) {
  if (std::isnan(d) || d >= kTwo63) return -1;
  if (d < -kTwo63) return 1;
  // d is in [-2^63, 2^63), so truncation is exact and so is the fractional remainder.
  int64_t t = static_cast<int64_t>(d);
  if (i != t) return i < t ? -1 : 1;
  double frac = d - static_cast<double>(t);
  return frac > 0 ? -1 : (frac < 0 ? 1 : 0);
}

int CompareValues(ValueRef a, ValueRef b) {
  ValueType ta = a.type(), tb = b.type();
  if (ta == tb) {
    switch (ta) {
      case ValueType::kInt64: return Sign(a.int64(), b.int64());
      case ValueType::kFloat64: return CompareDoubles(a.float64(), b.float64());
      case ValueType::kBool: return Sign(a.int64(), b.int64());
      case ValueType::kText:
      case ValueType::kBlob: return CompareBytes(a.bytes(), b.bytes());
      case ValueType::kNull: return 0;
    }
  }
  if (IsNumber(ta) && IsNumber(tb)) return CompareNumbers(a, b);
  if (ta == ValueType::kBool && tb == ValueType::kInt64) return Sign(a.int64(), b.int64());
  if (ta == ValueType::kInt64 && tb == ValueType::kBool) return Sign(a.int64(), b.int64());
  if (IsNumber(ta) && tb == ValueType::kText) {
    ValueRef n;
    if (ParseNumberText(b.bytes(), &n)) return CompareNumbers(a, n);
    return -1;  // the number is smaller (ADR-0099)
  }
  if (ta == ValueType::kText && IsNumber(tb)) return -CompareValues(b, a);
  if (ta == ValueType::kBool && tb == ValueType::kText) {
    bool v;
    if (ParseBoolText(b.bytes(), &v)) return Sign(a.int64(), v ? 1 : 0);
  }
  if (ta == ValueType::kText && tb == ValueType::kBool) {
    bool v;
    if (ParseBoolText(a.bytes(), &v)) return Sign(v ? 1 : 0, b.int64());
  }
  return Sign(Rank(ta), Rank(tb));
}

Status CompareDecimal(ValueRef a, ValueRef b, int* out) {
  Decimal x, y;
  DDB_RETURN_IF_ERROR(ToDecimal(a, &x));
  DDB_RETURN_IF_ERROR(ToDecimal(b, &y));
  *out = x.Compare(y);
  return Status::OK();
}

// ---------------------------------------------------------------- ORDER BY / GROUP BY

namespace {

int SortCompareNonNull(ValueRef a, ValueRef b, LogicalType logical) {
  int ra = Rank(a.type()), rb = Rank(b.type());
  if (ra != rb) return ra < rb ? -1 : 1;
  switch (a.type()) {
    case ValueType::kBool: return Sign(a.int64(), b.int64());
    case ValueType::kInt64:
    case ValueType::kFloat64: return CompareNumbers(a, b);
    case ValueType::kText:
      if (logical == LogicalType::kDecimal) {
        Decimal x, y;
        bool okx = Decimal::Parse(a.bytes(), &x).ok();
        bool oky = Decimal::Parse(b.bytes(), &y).ok();
        if (okx && oky) return x.Compare(y);
        if (okx != oky) return okx ? -1 : 1;  // numbers before junk keeps the order total
      }
      return CompareBytes(a.bytes(), b.bytes());
    case ValueType::kBlob: return CompareBytes(a.bytes(), b.bytes());
    case ValueType::kNull: return 0;
  }
  return 0;
}

}  // namespace

int CompareForSort(ValueRef a, ValueRef b, LogicalType logical, bool desc, bool nulls_first) {
  bool na = a.is_null(), nb = b.is_null();
  if (na || nb) {
    if (na && nb) return 0;
    return na == nulls_first ? -1 : 1;
  }
  int c = SortCompareNonNull(a, b, logical);
  return desc ? -c : c;
}

bool GroupEqual(ValueRef a, ValueRef b, LogicalType logical) {
  return CompareForSort(a, b, logical, false, false) == 0;
}

uint64_t HashValue(ValueRef v, LogicalType logical) {
  switch (v.type()) {
    case ValueType::kNull: return 0x6e756c6cULL;
    case ValueType::kBool: return Mix(0x100 + static_cast<uint64_t>(v.int64()));
    case ValueType::kInt64: return Mix(static_cast<uint64_t>(v.int64()) ^ 0x2545F4914F6CDD1DULL);
    case ValueType::kFloat64: {
      double d = v.float64();
      if (std::isnan(d)) return 0x7ff8000000000000ULL;
      // Integral doubles hash like the equal INT64 so that 1 and 1.0 meet (GroupEqual).
      if (d >= -kTwo63 && d < kTwo63 && d == std::trunc(d)) {
        return Mix(static_cast<uint64_t>(static_cast<int64_t>(d)) ^ 0x2545F4914F6CDD1DULL);
      }
      uint64_t bits;
      std::memcpy(&bits, &d, sizeof bits);
      return Mix(bits);
    }
    case ValueType::kText:
      if (logical == LogicalType::kDecimal) {
        Decimal x;
        if (Decimal::Parse(v.bytes(), &x).ok()) {
          // Scale-independent form: digits without trailing zeros plus the exponent.
          std::string digits;
          int exponent = 0;
          x.Digits(&digits, &exponent);
          uint64_t h = HashBytes(digits.data(), digits.size(), 0xdec);
          return Mix(h ^ (static_cast<uint64_t>(exponent) << 1) ^ (x.is_negative() ? 1 : 0));
        }
      }
      return HashBytes(v.data(), v.size(), 0x7e47);
    case ValueType::kBlob: return HashBytes(v.data(), v.size(), 0xb10b);
  }
  return 0;
}

// ---------------------------------------------------------------- arithmetic

Status ArithInt(ArithOp op, int64_t a, int64_t b, int64_t* out) {
  bool overflow = false;
  switch (op) {
    case ArithOp::kAdd: overflow = __builtin_add_overflow(a, b, out); break;
    case ArithOp::kSub: overflow = __builtin_sub_overflow(a, b, out); break;
    case ArithOp::kMul: overflow = __builtin_mul_overflow(a, b, out); break;
    case ArithOp::kDiv:
      if (b == 0) return Status::Sql("division by zero", "22012");
      if (a == std::numeric_limits<int64_t>::min() && b == -1) {
        overflow = true;
        break;
      }
      *out = a / b;
      break;
    case ArithOp::kMod:
      if (b == 0) return Status::Sql("division by zero", "22012");
      *out = b == -1 ? 0 : a % b;  // INT64_MIN % -1 would trap
      break;
  }
  if (overflow) return Status::Sql("bigint out of range", "22003");
  return Status::OK();
}

Status ArithDouble(ArithOp op, double a, double b, double* out) {
  double r = 0;
  switch (op) {
    case ArithOp::kAdd: r = a + b; break;
    case ArithOp::kSub: r = a - b; break;
    case ArithOp::kMul: r = a * b; break;
    case ArithOp::kDiv:
      if (b == 0) return Status::Sql("division by zero", "22012");
      r = a / b;
      break;
    case ArithOp::kMod:
      if (b == 0) return Status::Sql("division by zero", "22012");
      r = std::fmod(a, b);
      break;
  }
  if (std::isinf(r) && std::isfinite(a) && std::isfinite(b)) {
    return Status::Sql("value out of range: overflow", "22003");
  }
  *out = r;
  return Status::OK();
}

Status Arith(ArithOp op, ValueRef a, ValueRef b, ValueRef* out) {
  ValueRef x, y;
  DDB_RETURN_IF_ERROR(NumericOperand(a, &x));
  DDB_RETURN_IF_ERROR(NumericOperand(b, &y));
  if (x.type() == ValueType::kInt64 && y.type() == ValueType::kInt64) {
    int64_t r;
    DDB_RETURN_IF_ERROR(ArithInt(op, x.int64(), y.int64(), &r));
    *out = ValueRef::Int64(r);
    return Status::OK();
  }
  double dx = x.type() == ValueType::kInt64 ? static_cast<double>(x.int64()) : x.float64();
  double dy = y.type() == ValueType::kInt64 ? static_cast<double>(y.int64()) : y.float64();
  double r;
  DDB_RETURN_IF_ERROR(ArithDouble(op, dx, dy, &r));
  *out = ValueRef::Float64(r);
  return Status::OK();
}

Status ToDecimal(ValueRef v, Decimal* out) {
  switch (v.type()) {
    case ValueType::kInt64: *out = Decimal::FromInt64(v.int64()); return Status::OK();
    case ValueType::kFloat64: {
      double d = v.float64();
      if (!std::isfinite(d)) return Status::Sql("cannot convert infinity or NaN to numeric", "22003");
      char buf[32];
      size_t n = FormatFloat64(d, buf);
      return Decimal::Parse(std::string_view(buf, n), out);
    }
    case ValueType::kText: return Decimal::Parse(v.bytes(), out);
    default: return NoOperator(v);
  }
}

ValueRef DecimalValue(const Decimal& d, ScratchArena* scratch) {
  std::string s = d.ToString();
  return ValueRef::Text(scratch->Copy(s));
}

namespace {

// Truncates a decimal toward zero to an integer value.
Status TruncDecimal(const Decimal& d, Decimal* out) {
  std::string s = d.ToString();
  size_t dot = s.find('.');
  if (dot != std::string::npos) s.resize(dot);
  if (s == "-0" || s == "-") s = "0";
  return Decimal::Parse(s, out);
}

Status DecimalMod(const Decimal& a, const Decimal& b, Decimal* out) {
  if (b.is_zero()) return Status::Sql("division by zero", "22012");
  Decimal q, qi, prod, r;
  DDB_RETURN_IF_ERROR(a.Div(b, &q));
  DDB_RETURN_IF_ERROR(TruncDecimal(q, &qi));
  DDB_RETURN_IF_ERROR(qi.Mul(b, &prod));
  DDB_RETURN_IF_ERROR(a.Sub(prod, &r));
  // The rounded quotient can overshoot by one unit; then the remainder's sign flips.
  if (!r.is_zero() && r.is_negative() != a.is_negative()) {
    Decimal one = Decimal::FromInt64((q.is_negative()) ? -1 : 1), fixed;
    DDB_RETURN_IF_ERROR(qi.Sub(one, &fixed));
    DDB_RETURN_IF_ERROR(fixed.Mul(b, &prod));
    DDB_RETURN_IF_ERROR(a.Sub(prod, &r));
  }
  *out = r;
  return Status::OK();
}

}  // namespace

Status ArithDecimal(ArithOp op, ValueRef a, ValueRef b, ScratchArena* scratch, ValueRef* out) {
  Decimal x, y, r;
  DDB_RETURN_IF_ERROR(ToDecimal(a, &x));
  DDB_RETURN_IF_ERROR(ToDecimal(b, &y));
  switch (op) {
    case ArithOp::kAdd: DDB_RETURN_IF_ERROR(x.Add(y, &r)); break;
    case ArithOp::kSub: DDB_RETURN_IF_ERROR(x.Sub(y, &r)); break;
    case ArithOp::kMul: DDB_RETURN_IF_ERROR(x.Mul(y, &r)); break;
    case ArithOp::kDiv: DDB_RETURN_IF_ERROR(x.Div(y, &r)); break;
    case ArithOp::kMod: DDB_RETURN_IF_ERROR(DecimalMod(x, y, &r)); break;
  }
  *out = DecimalValue(r, scratch);
  return Status::OK();
}

Status Negate(ValueRef a, bool decimal, ScratchArena* scratch, ValueRef* out) {
  if (decimal) {
    Decimal x, r;
    DDB_RETURN_IF_ERROR(ToDecimal(a, &x));
    DDB_RETURN_IF_ERROR(Decimal::FromInt64(0).Sub(x, &r));
    *out = DecimalValue(r, scratch);
    return Status::OK();
  }
  ValueRef x;
  DDB_RETURN_IF_ERROR(NumericOperand(a, &x));
  if (x.type() == ValueType::kInt64) {
    if (x.int64() == std::numeric_limits<int64_t>::min()) {
      return Status::Sql("bigint out of range", "22003");
    }
    *out = ValueRef::Int64(-x.int64());
  } else {
    *out = ValueRef::Float64(-x.float64());
  }
  return Status::OK();
}

// ---------------------------------------------------------------- text

size_t FormatFloat64(double d, char* buf) {
  if (std::isnan(d)) {
    std::memcpy(buf, "NaN", 3);
    return 3;
  }
  if (std::isinf(d)) {
    const char* s = d < 0 ? "-Infinity" : "Infinity";
    size_t n = std::strlen(s);
    std::memcpy(buf, s, n);
    return n;
  }
  // Shortest round-trip digits; PostgreSQL's layout: scientific notation when the decimal
  // exponent is below -4 or at least 15, fixed notation otherwise.
  char tmp[40];
  auto sci = std::to_chars(tmp, tmp + sizeof tmp, d, std::chars_format::scientific);
  int exp10 = 0;
  for (char* p = tmp; p < sci.ptr; ++p) {
    if (*p == 'e') {
      std::from_chars(p + (p[1] == '+' ? 2 : 1), sci.ptr, exp10);
      break;
    }
  }
  if (exp10 < -4 || exp10 >= 15) {
    size_t n = static_cast<size_t>(sci.ptr - tmp);
    std::memcpy(buf, tmp, n);
    return n;
  }
  auto r = std::to_chars(buf, buf + 32, d, std::chars_format::fixed);
  return static_cast<size_t>(r.ptr - buf);
}

size_t FormatInt64(int64_t v, char* buf) {
  auto r = std::to_chars(buf, buf + 21, v);
  return static_cast<size_t>(r.ptr - buf);
}

Status RenderText(ValueRef v, LogicalType logical, ScratchArena* scratch, std::string_view* out) {
  switch (v.type()) {
    case ValueType::kNull: *out = std::string_view(); return Status::OK();
    case ValueType::kText: *out = v.bytes(); return Status::OK();
    case ValueType::kBool: *out = v.boolean() ? "true" : "false"; return Status::OK();
    case ValueType::kFloat64: {
      char* p = scratch->Allocate(32);
      *out = std::string_view(p, FormatFloat64(v.float64(), p));
      return Status::OK();
    }
    case ValueType::kInt64: {
      int64_t x = v.int64();
      char* p = scratch->Allocate(40);
      size_t n = 0;
      switch (logical) {
        case LogicalType::kTimestamp: {
          int64_t days = FloorDiv(x, kMillisPerDay);
          n = FormatDays(days, p);
          if (n == 0) {
            *out = scratch->Copy(FormatTimestamp(x));
            return Status::OK();
          }
          p[n++] = ' ';
          n += FormatTimeOfDay(x - days * kMillisPerDay, p + n);
          break;
        }
        case LogicalType::kDate:
          n = FormatDays(x, p);
          if (n == 0) {
            *out = scratch->Copy(FormatDate(x));
            return Status::OK();
          }
          break;
        case LogicalType::kTime:
          n = FormatTimeOfDay(((x % kMillisPerDay) + kMillisPerDay) % kMillisPerDay, p);
          break;
        default: n = FormatInt64(x, p); break;
      }
      *out = std::string_view(p, n);
      return Status::OK();
    }
    case ValueType::kBlob:
      if (logical == LogicalType::kUuid && v.size() == 16) {
        static const char kHex[] = "0123456789abcdef";
        char* p = scratch->Allocate(36);
        size_t n = 0;
        for (int i = 0; i < 16; ++i) {
          if (i == 4 || i == 6 || i == 8 || i == 10) p[n++] = '-';
          p[n++] = kHex[v.data()[i] >> 4];
          p[n++] = kHex[v.data()[i] & 15];
        }
        *out = std::string_view(p, n);
        return Status::OK();
      }
      if (!IsValidUtf8(reinterpret_cast<const char*>(v.data()), v.size())) {
        return Status::Sql("invalid byte sequence for encoding UTF8 in BLOB converted to TEXT",
                           "22P02");
      }
      *out = v.bytes();
      return Status::OK();
  }
  return Status::OK();
}

bool ParseInt64Text(std::string_view s, int64_t* out) {
  s = TrimSpace(s);
  if (s.empty()) return false;
  bool neg = false;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') {
    neg = s[0] == '-';
    i = 1;
  }
  if (i >= s.size()) return false;
  uint64_t v = 0;
  const uint64_t limit = neg ? (uint64_t{1} << 63) : (uint64_t{1} << 63) - 1;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c < '0' || c > '9') return false;
    uint64_t d = static_cast<uint64_t>(c - '0');
    if (v > (limit - d) / 10) return false;
    v = v * 10 + d;
  }
  *out = neg ? static_cast<int64_t>(0 - v) : static_cast<int64_t>(v);
  return true;
}

bool ParseFloat64Text(std::string_view s, double* out) {
  s = TrimSpace(s);
  if (s.empty()) return false;
  bool neg = false;
  std::string_view body = s;
  if (body[0] == '+' || body[0] == '-') {
    neg = body[0] == '-';
    body.remove_prefix(1);
  }
  if (EqualsIgnoreCase(body, "infinity") || EqualsIgnoreCase(body, "inf")) {
    *out = neg ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (EqualsIgnoreCase(body, "nan")) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  // from_chars alone would accept "nan(...)" and hex-free forms only; reject anything
  // that is not digits, one point and an exponent, so "1e" or "." fail.
  if (body.empty() || !((body[0] >= '0' && body[0] <= '9') || body[0] == '.')) return false;
  double d = 0;
  auto r = std::from_chars(body.data(), body.data() + body.size(), d);
  if (r.ec == std::errc::result_out_of_range) {
    return false;
  }
  if (r.ec != std::errc() || r.ptr != body.data() + body.size()) return false;
  *out = neg ? -d : d;
  return true;
}

bool ParseBoolText(std::string_view s, bool* out) {
  s = TrimSpace(s);
  static const char* const kTrue[] = {"true", "t", "yes", "on", "1"};
  static const char* const kFalse[] = {"false", "f", "no", "off", "0"};
  for (const char* w : kTrue) {
    if (EqualsIgnoreCase(s, w)) {
      *out = true;
      return true;
    }
  }
  for (const char* w : kFalse) {
    if (EqualsIgnoreCase(s, w)) {
      *out = false;
      return true;
    }
  }
  return false;
}

bool ParseNumberText(std::string_view s, ValueRef* out) {
  int64_t i;
  if (ParseInt64Text(s, &i)) {
    *out = ValueRef::Int64(i);
    return true;
  }
  double d;
  if (ParseFloat64Text(s, &d)) {
    *out = ValueRef::Float64(d);
    return true;
  }
  return false;
}

}  // namespace exec
}  // namespace decentdb
