// The M1 scalar functions of ENGINE.md §7.4 over evaluated arguments: string functions on
// code points (LENGTH, LOWER/UPPER, TRIM family, SUBSTR, REPLACE, STRPOS, LEFT/RIGHT,
// LPAD/RPAD, CONCAT, CONCAT_WS), numeric functions (ABS, ROUND, CEIL, FLOOR, MOD), the
// statement clock and gen_random_uuid(). Results go to the scratch arena (evaluator.h).
#include <cmath>
#include <cstring>
#include <limits>
#include <string>

#include "exec/evaluator.h"
#include "exec/value_ops.h"
#include "util/datetime.h"
#include "util/decimal.h"
#include "util/unicode.h"
#include "util/utf8.h"

namespace decentdb {
namespace exec {

using plan::BoundExpr;
using plan::FuncId;

namespace {

// Longest string a padding function may build, in bytes; longer requests are refused
// rather than exhausting memory.
constexpr int64_t kMaxResultBytes = int64_t{256} << 20;

size_t EncodeUtf8(uint32_t cp, char* p) {
  if (cp < 0x80) {
    p[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    p[0] = static_cast<char>(0xC0 | (cp >> 6));
    p[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    p[0] = static_cast<char>(0xE0 | (cp >> 12));
    p[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    p[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  p[0] = static_cast<char>(0xF0 | (cp >> 18));
  p[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  p[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  p[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// Byte offset of code point `n` (0-based) of s, or s.size() when s is shorter.
size_t OffsetOfCodePoint(std::string_view s, int64_t n) {
  const char* p = s.data();
  const char* end = p + s.size();
  while (n > 0 && p < end) {
    DecodeUtf8(&p, end);
    --n;
  }
  return static_cast<size_t>(p - s.data());
}

int64_t CodePoints(std::string_view s) { return static_cast<int64_t>(CountCodePoints(s.data(), s.size())); }

class Fn {
 public:
  Fn(const BoundExpr& node, const ValueRef* args, uint32_t n, EvalContext* ctx)
      : node_(node), args_(args), n_(n), ctx_(ctx) {}

  // Text form of argument i (any class; logical types rendered per their static type).
  Status Text(uint32_t i, std::string_view* out) {
    ValueRef v = args_[i];
    if (v.type() == ValueType::kText) {
      *out = v.bytes();
      return Status::OK();
    }
    const BoundExpr& a = *node_.args[i];
    return RenderText(v, a.type.cls == v.type() ? a.type.logical : LogicalType::kNone,
                      ctx_->scratch, out);
  }

  // Integer argument i: INT64, an integral FLOAT64 or integer text (parameters).
  Status Int(uint32_t i, int64_t* out) {
    ValueRef v = args_[i];
    switch (v.type()) {
      case ValueType::kInt64: *out = v.int64(); return Status::OK();
      case ValueType::kFloat64: {
        double d = v.float64();
        if (d == std::trunc(d) && d >= -9.2e18 && d <= 9.2e18) {
          *out = static_cast<int64_t>(d);
          return Status::OK();
        }
        break;
      }
      case ValueType::kText:
        if (ParseInt64Text(v.bytes(), out)) return Status::OK();
        break;
      default: break;
    }
    return Status::Sql(std::string("function ") + plan::FuncName(static_cast<FuncId>(node_.sub)) +
                           ": argument " + std::to_string(i + 1) + " must be an integer",
                       "22P02");
  }

  bool AnyNull() const {
    for (uint32_t i = 0; i < n_; ++i) {
      if (args_[i].is_null()) return true;
    }
    return false;
  }

  ValueRef TextResult(const char* p, size_t n) { return ValueRef::Text(p, n); }

  const BoundExpr& node_;
  const ValueRef* args_;
  uint32_t n_;
  EvalContext* ctx_;
};

Status MapCase(Fn& f, bool upper, ValueRef* out) {
  std::string_view s;
  DDB_RETURN_IF_ERROR(f.Text(0, &s));
  // One code point grows by at most one byte per two (2 -> 3 bytes), so 2n + 4 is ample.
  char* buf = f.ctx_->scratch->Allocate(s.size() * 2 + 4);
  size_t n = 0;
  const char* p = s.data();
  const char* end = p + s.size();
  while (p < end) {
    unsigned char c = static_cast<unsigned char>(*p);
    if (c < 0x80) {
      if (upper && c >= 'a' && c <= 'z') c = static_cast<unsigned char>(c - 32);
      if (!upper && c >= 'A' && c <= 'Z') c = static_cast<unsigned char>(c + 32);
      buf[n++] = static_cast<char>(c);
      ++p;
      continue;
    }
    uint32_t cp = DecodeUtf8(&p, end);
    n += EncodeUtf8(upper ? UpperCase(cp) : LowerCase(cp), buf + n);
  }
  *out = ValueRef::Text(buf, n);
  return Status::OK();
}

bool InSet(uint32_t cp, const uint32_t* set, size_t n) {
  for (size_t i = 0; i < n; ++i) {
    if (set[i] == cp) return true;
  }
  return false;
}

Status Trim(Fn& f, bool leading, bool trailing, ValueRef* out) {
  std::string_view s, chars = " ";
  DDB_RETURN_IF_ERROR(f.Text(0, &s));
  if (f.n_ > 1) DDB_RETURN_IF_ERROR(f.Text(1, &chars));
  uint32_t local[16];
  uint32_t* set = local;
  size_t max_set = chars.size();
  if (max_set > 16) set = reinterpret_cast<uint32_t*>(f.ctx_->scratch->Allocate(max_set * 4));
  size_t n_set = 0;
  for (const char* p = chars.data(); p < chars.data() + chars.size();) {
    set[n_set++] = DecodeUtf8(&p, chars.data() + chars.size());
  }
  const char* begin = s.data();
  const char* end = s.data() + s.size();
  if (leading) {
    while (begin < end) {
      const char* q = begin;
      if (!InSet(DecodeUtf8(&q, end), set, n_set)) break;
      begin = q;
    }
  }
  if (trailing) {
    while (end > begin) {
      // Step back to the start of the last code point (continuation bytes are 10xxxxxx).
      const char* q = end - 1;
      while (q > begin && (static_cast<unsigned char>(*q) & 0xC0) == 0x80) --q;
      const char* r = q;
      if (!InSet(DecodeUtf8(&r, end), set, n_set)) break;
      end = q;
    }
  }
  *out = ValueRef::Text(begin, static_cast<size_t>(end - begin));
  return Status::OK();
}

Status Substr(Fn& f, ValueRef* out) {
  std::string_view s;
  DDB_RETURN_IF_ERROR(f.Text(0, &s));
  int64_t start = 0;
  DDB_RETURN_IF_ERROR(f.Int(1, &start));
  // Characters [start, start + len) in 1-based positions, clipped to the string; a start
  // before 1 still counts toward the length (PostgreSQL semantics).
  __int128 first = start;
  __int128 last = std::numeric_limits<int64_t>::max();
  if (f.n_ > 2) {
    int64_t len = 0;
    DDB_RETURN_IF_ERROR(f.Int(2, &len));
    if (len < 0) return Status::Sql("negative substring length not allowed", "22011");
    last = static_cast<__int128>(start) + len;  // exclusive
  }
  if (first < 1) first = 1;
  if (last <= first) {
    *out = ValueRef::Text("", 0);
    return Status::OK();
  }
  int64_t max_cp = static_cast<int64_t>(s.size()) + 1;
  int64_t b = static_cast<int64_t>(first > max_cp ? max_cp : first) - 1;
  int64_t e = static_cast<int64_t>(last > max_cp ? max_cp : last) - 1;
  size_t ob = OffsetOfCodePoint(s, b);
  size_t oe = ob + OffsetOfCodePoint(s.substr(ob), e - b);
  *out = ValueRef::Text(s.data() + ob, oe - ob);
  return Status::OK();
}

Status Replace(Fn& f, ValueRef* out) {
  std::string_view s, from, to;
  DDB_RETURN_IF_ERROR(f.Text(0, &s));
  DDB_RETURN_IF_ERROR(f.Text(1, &from));
  DDB_RETURN_IF_ERROR(f.Text(2, &to));
  if (from.empty()) {
    *out = ValueRef::Text(s);
    return Status::OK();
  }
  size_t count = 0;
  for (size_t pos = s.find(from); pos != std::string_view::npos; pos = s.find(from, pos + from.size())) {
    ++count;
  }
  if (count == 0) {
    *out = ValueRef::Text(s);
    return Status::OK();
  }
  size_t total = s.size() - count * from.size() + count * to.size();
  char* buf = f.ctx_->scratch->Allocate(total);
  size_t n = 0, prev = 0;
  for (size_t pos = s.find(from); pos != std::string_view::npos; pos = s.find(from, pos + from.size())) {
    std::memcpy(buf + n, s.data() + prev, pos - prev);
    n += pos - prev;
    if (!to.empty()) std::memcpy(buf + n, to.data(), to.size());
    n += to.size();
    prev = pos + from.size();
  }
  std::memcpy(buf + n, s.data() + prev, s.size() - prev);
  n += s.size() - prev;
  *out = ValueRef::Text(buf, n);
  return Status::OK();
}

Status Strpos(Fn& f, ValueRef* out) {
  std::string_view s, sub;
  DDB_RETURN_IF_ERROR(f.Text(0, &s));
  DDB_RETURN_IF_ERROR(f.Text(1, &sub));
  // UTF-8 is self-synchronizing, so a byte match of valid text is a code-point match.
  size_t pos = s.find(sub);
  *out = ValueRef::Int64(pos == std::string_view::npos ? 0 : CodePoints(s.substr(0, pos)) + 1);
  return Status::OK();
}

Status LeftRight(Fn& f, bool left, ValueRef* out) {
  std::string_view s;
  int64_t n = 0;
  DDB_RETURN_IF_ERROR(f.Text(0, &s));
  DDB_RETURN_IF_ERROR(f.Int(1, &n));
  int64_t total = CodePoints(s);
  // A negative n means "all but |n|" from the other end.
  int64_t keep = n >= 0 ? (n < total ? n : total) : (total + n > 0 ? total + n : 0);
  if (left) {
    *out = ValueRef::Text(s.data(), OffsetOfCodePoint(s, keep));
  } else {
    size_t off = OffsetOfCodePoint(s, total - keep);
    *out = ValueRef::Text(s.data() + off, s.size() - off);
  }
  return Status::OK();
}

Status Pad(Fn& f, bool left, ValueRef* out) {
  std::string_view s, fill = " ";
  int64_t len = 0;
  DDB_RETURN_IF_ERROR(f.Text(0, &s));
  DDB_RETURN_IF_ERROR(f.Int(1, &len));
  if (f.n_ > 2) DDB_RETURN_IF_ERROR(f.Text(2, &fill));
  if (len <= 0) {
    *out = ValueRef::Text("", 0);
    return Status::OK();
  }
  int64_t have = CodePoints(s);
  if (have >= len || fill.empty()) {
    // Longer strings are truncated to len code points (PostgreSQL semantics).
    *out = ValueRef::Text(s.data(), OffsetOfCodePoint(s, len < have ? len : have));
    return Status::OK();
  }
  // Checked before any arithmetic on len, which may be near INT64_MAX.
  if (len > kMaxResultBytes) return Status::Sql("requested length too large", "54000");
  int64_t need = len - have;
  int64_t fill_cps = CodePoints(fill);
  if (static_cast<int64_t>(s.size()) + need * 4 > kMaxResultBytes) {
    return Status::Sql("requested length too large", "54000");
  }
  char* buf = f.ctx_->scratch->Allocate(static_cast<size_t>(s.size() + (need / fill_cps + 1) * fill.size()));
  size_t n = 0;
  if (!left) {
    std::memcpy(buf, s.data(), s.size());
    n = s.size();
  }
  int64_t whole = need / fill_cps, rest = need % fill_cps;
  for (int64_t i = 0; i < whole; ++i) {
    std::memcpy(buf + n, fill.data(), fill.size());
    n += fill.size();
  }
  size_t part = OffsetOfCodePoint(fill, rest);
  std::memcpy(buf + n, fill.data(), part);
  n += part;
  if (left) {
    std::memcpy(buf + n, s.data(), s.size());
    n += s.size();
  }
  *out = ValueRef::Text(buf, n);
  return Status::OK();
}

// CONCAT(args) when sep is null, CONCAT_WS(sep, args) otherwise; NULL args are skipped.
Status Concat(Fn& f, uint32_t first, const std::string_view* sep, ValueRef* out) {
  std::string_view local[8];
  std::string_view* parts = local;
  uint32_t n = f.n_ - first;
  if (n > 8) {
    parts = reinterpret_cast<std::string_view*>(
        f.ctx_->scratch->Allocate(sizeof(std::string_view) * n));
  }
  size_t total = 0, used = 0;
  for (uint32_t i = 0; i < n; ++i) {
    if (f.args_[first + i].is_null()) continue;
    std::string_view t;
    DDB_RETURN_IF_ERROR(f.Text(first + i, &t));
    parts[used++] = t;
    total += t.size();
  }
  if (sep != nullptr && used > 1) total += sep->size() * (used - 1);
  char* buf = f.ctx_->scratch->Allocate(total);
  size_t k = 0;
  for (size_t i = 0; i < used; ++i) {
    if (sep != nullptr && i > 0 && !sep->empty()) {
      std::memcpy(buf + k, sep->data(), sep->size());
      k += sep->size();
    }
    if (!parts[i].empty()) std::memcpy(buf + k, parts[i].data(), parts[i].size());
    k += parts[i].size();
  }
  *out = ValueRef::Text(buf, k);
  return Status::OK();
}

// The numeric argument as INT64/FLOAT64, text parsed when it comes from a parameter.
Status Numeric(Fn& f, uint32_t i, ValueRef* out) {
  ValueRef v = f.args_[i];
  if (v.type() == ValueType::kInt64 || v.type() == ValueType::kFloat64) {
    *out = v;
    return Status::OK();
  }
  if (v.type() == ValueType::kText && ParseNumberText(v.bytes(), out)) return Status::OK();
  return Status::Sql(std::string("function ") + plan::FuncName(static_cast<FuncId>(f.node_.sub)) +
                         " requires a numeric argument, got " + ValueTypeName(v.type()),
                     "42883");
}

bool IsDecimal(const Fn& f) { return (f.node_.flags & plan::kFlagDecimal) != 0; }

Status TruncDecimal(const Decimal& d, Decimal* out) {
  std::string s = d.ToString();
  size_t dot = s.find('.');
  if (dot != std::string::npos) s.resize(dot);
  if (s == "-0") s = "0";
  return Decimal::Parse(s, out);
}

Status Abs(Fn& f, ValueRef* out) {
  if (IsDecimal(f)) {
    Decimal d;
    DDB_RETURN_IF_ERROR(ToDecimal(f.args_[0], &d));
    if (d.is_negative()) DDB_RETURN_IF_ERROR(Decimal::FromInt64(0).Sub(d, &d));
    *out = DecimalValue(d, f.ctx_->scratch);
    return Status::OK();
  }
  ValueRef v;
  DDB_RETURN_IF_ERROR(Numeric(f, 0, &v));
  if (v.type() == ValueType::kInt64) {
    if (v.int64() == std::numeric_limits<int64_t>::min()) return Status::Sql("bigint out of range", "22003");
    *out = ValueRef::Int64(v.int64() < 0 ? -v.int64() : v.int64());
  } else {
    *out = ValueRef::Float64(std::fabs(v.float64()));
  }
  return Status::OK();
}

Status CeilFloor(Fn& f, bool ceil, ValueRef* out) {
  if (IsDecimal(f)) {
    Decimal d, t;
    DDB_RETURN_IF_ERROR(ToDecimal(f.args_[0], &d));
    DDB_RETURN_IF_ERROR(TruncDecimal(d, &t));
    int c = d.Compare(t);
    if (ceil && c > 0) DDB_RETURN_IF_ERROR(t.Add(Decimal::FromInt64(1), &t));
    if (!ceil && c < 0) DDB_RETURN_IF_ERROR(t.Sub(Decimal::FromInt64(1), &t));
    *out = DecimalValue(t, f.ctx_->scratch);
    return Status::OK();
  }
  ValueRef v;
  DDB_RETURN_IF_ERROR(Numeric(f, 0, &v));
  if (v.type() == ValueType::kInt64) {
    *out = v;
  } else {
    *out = ValueRef::Float64(ceil ? std::ceil(v.float64()) : std::floor(v.float64()));
  }
  return Status::OK();
}

// Rounds d to `digits` fraction digits (negative: to tens, hundreds, ...), half away
// from zero.
Status RoundDecimal(const Decimal& d, int64_t digits, Decimal* out) {
  if (digits >= 0) {
    if (digits >= d.scale()) {
      *out = d;
      return Status::OK();
    }
    return d.Rescale(0, static_cast<int>(digits), out);
  }
  if (digits < -Decimal::kMaxDigits) {
    *out = Decimal::FromInt64(0);
    return Status::OK();
  }
  Decimal unit, q, r;
  DDB_RETURN_IF_ERROR(Decimal::Parse("1e" + std::to_string(-digits), &unit));
  DDB_RETURN_IF_ERROR(d.Div(unit, &q));
  DDB_RETURN_IF_ERROR(q.Rescale(0, 0, &r));
  DDB_RETURN_IF_ERROR(r.Mul(unit, &q));
  return q.Rescale(0, 0, out);
}

Status Round(Fn& f, ValueRef* out) {
  int64_t digits = 0;
  if (f.n_ > 1) DDB_RETURN_IF_ERROR(f.Int(1, &digits));
  if (IsDecimal(f)) {
    Decimal d, r;
    DDB_RETURN_IF_ERROR(ToDecimal(f.args_[0], &d));
    DDB_RETURN_IF_ERROR(RoundDecimal(d, digits, &r));
    *out = DecimalValue(r, f.ctx_->scratch);
    return Status::OK();
  }
  ValueRef v;
  DDB_RETURN_IF_ERROR(Numeric(f, 0, &v));
  if (v.type() == ValueType::kInt64) {
    if (digits >= 0) {
      *out = v;
      return Status::OK();
    }
    Decimal r;
    DDB_RETURN_IF_ERROR(RoundDecimal(Decimal::FromInt64(v.int64()), digits, &r));
    int64_t i;
    DDB_RETURN_IF_ERROR(r.ToInt64(&i));
    *out = ValueRef::Int64(i);
    return Status::OK();
  }
  double x = v.float64();
  if (!std::isfinite(x) || digits == 0) {
    *out = ValueRef::Float64(std::isfinite(x) ? std::round(x) : x);
    return Status::OK();
  }
  // Round the shortest decimal form so ROUND(2.675, 2) is 2.68, as the literal reads;
  // values too large for 38 digits at that scale are already integral there.
  Decimal d, r;
  if (!ToDecimal(v, &d).ok() || !RoundDecimal(d, digits, &r).ok()) {
    *out = v;
    return Status::OK();
  }
  *out = ValueRef::Float64(r.ToDouble());
  return Status::OK();
}

Status GenRandomUuid(EvalContext* ctx, ValueRef* out) {
  uint8_t* p = reinterpret_cast<uint8_t*>(ctx->scratch->Allocate(16));
  uint64_t a = ctx->NextRandom(), b = ctx->NextRandom();
  std::memcpy(p, &a, 8);
  std::memcpy(p + 8, &b, 8);
  p[6] = static_cast<uint8_t>((p[6] & 0x0F) | 0x40);  // version 4
  p[8] = static_cast<uint8_t>((p[8] & 0x3F) | 0x80);  // RFC 4122 variant
  *out = ValueRef::Blob(p, 16);
  return Status::OK();
}

}  // namespace

Status CallScalarFunction(const BoundExpr& node, const ValueRef* args, uint32_t n,
                          EvalContext* ctx, ValueRef* out) {
  Fn f(node, args, n, ctx);
  FuncId id = static_cast<FuncId>(node.sub);
  switch (id) {
    case FuncId::kConcatFn: return Concat(f, 0, nullptr, out);
    case FuncId::kConcatWs: {
      if (args[0].is_null()) {
        *out = ValueRef::Null();
        return Status::OK();
      }
      std::string_view sep;
      DDB_RETURN_IF_ERROR(f.Text(0, &sep));
      return Concat(f, 1, &sep, out);
    }
    case FuncId::kNow: *out = ValueRef::Int64(ctx->statement_time_ms); return Status::OK();
    case FuncId::kCurrentDate:
      *out = ValueRef::Int64(FloorDiv(ctx->statement_time_ms, kMillisPerDay));
      return Status::OK();
    case FuncId::kCurrentTime:
      *out = ValueRef::Int64(ctx->statement_time_ms -
                             FloorDiv(ctx->statement_time_ms, kMillisPerDay) * kMillisPerDay);
      return Status::OK();
    case FuncId::kGenRandomUuid: return GenRandomUuid(ctx, out);
    default: break;
  }
  // Every other function is strict: any NULL argument gives NULL.
  if (f.AnyNull()) {
    *out = ValueRef::Null();
    return Status::OK();
  }
  switch (id) {
    case FuncId::kLength: {
      if (args[0].type() == ValueType::kBlob) {
        *out = ValueRef::Int64(static_cast<int64_t>(args[0].size()));
        return Status::OK();
      }
      std::string_view s;
      DDB_RETURN_IF_ERROR(f.Text(0, &s));
      *out = ValueRef::Int64(CodePoints(s));
      return Status::OK();
    }
    case FuncId::kOctetLength: {
      if (args[0].type() == ValueType::kBlob) {
        *out = ValueRef::Int64(static_cast<int64_t>(args[0].size()));
        return Status::OK();
      }
      std::string_view s;
      DDB_RETURN_IF_ERROR(f.Text(0, &s));
      *out = ValueRef::Int64(static_cast<int64_t>(s.size()));
      return Status::OK();
    }
    case FuncId::kLower: return MapCase(f, false, out);
    case FuncId::kUpper: return MapCase(f, true, out);
    case FuncId::kBtrim: return Trim(f, true, true, out);
    case FuncId::kLtrim: return Trim(f, true, false, out);
    case FuncId::kRtrim: return Trim(f, false, true, out);
    case FuncId::kSubstr: return Substr(f, out);
    case FuncId::kReplace: return Replace(f, out);
    case FuncId::kStrpos: return Strpos(f, out);
    case FuncId::kLeft: return LeftRight(f, true, out);
    case FuncId::kRight: return LeftRight(f, false, out);
    case FuncId::kLpad: return Pad(f, true, out);
    case FuncId::kRpad: return Pad(f, false, out);
    case FuncId::kAbs: return Abs(f, out);
    case FuncId::kRound: return Round(f, out);
    case FuncId::kCeil: return CeilFloor(f, true, out);
    case FuncId::kFloor: return CeilFloor(f, false, out);
    case FuncId::kExtract: return CallExtract(node, args[0], out);
    case FuncId::kMod:
      if (IsDecimal(f)) return ArithDecimal(ArithOp::kMod, args[0], args[1], ctx->scratch, out);
      return Arith(ArithOp::kMod, args[0], args[1], out);
    default: break;
  }
  return Status::Internal("unknown scalar function");
}

}  // namespace exec
}  // namespace decentdb
