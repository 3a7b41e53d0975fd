// ISO-8601 and UUID parsing and formatting (see datetime.h). Civil-date conversion uses the
// 400-year Gregorian cycle (146,097 days) counted from 0000-03-01, so leap days fall at the
// end of each shifted year and need no special case.
#include "util/datetime.h"

#include <cstdio>

namespace decentdb {

int64_t DaysFromCivil(int64_t year, int month, int day) {
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = FloorDiv(y, 400);
  int64_t year_of_era = y - era * 400;                                      // [0, 399]
  int64_t month_from_march = month > 2 ? month - 3 : month + 9;             // [0, 11]
  int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;         // [0, 365]
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
  return era * 146097 + day_of_era - 719468;  // 719468 = days from 0000-03-01 to 1970-01-01
}

void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  int64_t era = FloorDiv(days, 146097);
  int64_t day_of_era = days - era * 146097;  // [0, 146096]
  int64_t year_of_era =
      (day_of_era - day_of_era / 1460 + day_of_era / 36524 - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
  int64_t mp = (5 * day_of_year + 2) / 153;
  *day = static_cast<int>(day_of_year - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = year_of_era + era * 400 + (*month <= 2 ? 1 : 0);
}

namespace {

Status Bad(const char* what, std::string_view text) {
  return Status::Sql(std::string("invalid input syntax for type ") + what + ": \"" +
                         std::string(text.substr(0, 64)) + "\"",
                     "22007");
}

// Reads exactly n digits at text[*pos].
bool Digits(std::string_view text, size_t* pos, int n, int64_t* out) {
  if (*pos + n > text.size()) return false;
  int64_t v = 0;
  for (int i = 0; i < n; ++i) {
    char c = text[*pos + i];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool ParseDatePart(std::string_view t, size_t* pos, int64_t* days) {
  int64_t y, m, d;
  bool neg = false;
  if (*pos < t.size() && t[*pos] == '-') { neg = true; ++*pos; }
  if (!Digits(t, pos, 4, &y)) return false;
  if (*pos >= t.size() || t[*pos] != '-') return false;
  ++*pos;
  if (!Digits(t, pos, 2, &m) || m < 1 || m > 12) return false;
  if (*pos >= t.size() || t[*pos] != '-') return false;
  ++*pos;
  if (!Digits(t, pos, 2, &d) || d < 1) return false;
  if (neg) y = -y;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  int max_day = kDays[m - 1] + ((m == 2 && leap) ? 1 : 0);
  if (d > max_day) return false;
  *days = DaysFromCivil(y, static_cast<int>(m), static_cast<int>(d));
  return true;
}

// HH:MM[:SS[.fraction]] -> ms of day.
bool ParseTimePart(std::string_view t, size_t* pos, int64_t* ms) {
  int64_t h, mi, s = 0, frac_ms = 0;
  if (!Digits(t, pos, 2, &h) || h > 23) return false;
  if (*pos >= t.size() || t[*pos] != ':') return false;
  ++*pos;
  if (!Digits(t, pos, 2, &mi) || mi > 59) return false;
  if (*pos < t.size() && t[*pos] == ':') {
    ++*pos;
    if (!Digits(t, pos, 2, &s) || s > 59) return false;
    if (*pos < t.size() && t[*pos] == '.') {
      ++*pos;
      int n = 0;
      while (*pos < t.size() && t[*pos] >= '0' && t[*pos] <= '9') {
        if (n < 3) frac_ms = frac_ms * 10 + (t[*pos] - '0');
        ++n;
        ++*pos;
      }
      if (n == 0) return false;
      for (int k = n; k < 3; ++k) frac_ms *= 10;
    }
  }
  *ms = ((h * 60 + mi) * 60 + s) * 1000 + frac_ms;
  return true;
}

// Optional "Z" or "+-HH[:MM]"; returns the offset in ms to subtract.
bool ParseOffset(std::string_view t, size_t* pos, int64_t* offset_ms) {
  *offset_ms = 0;
  if (*pos >= t.size()) return true;
  if (t[*pos] == 'Z' || t[*pos] == 'z') { ++*pos; return true; }
  if (t[*pos] != '+' && t[*pos] != '-') return false;
  int sign = t[*pos] == '-' ? -1 : 1;
  ++*pos;
  int64_t h, m = 0;
  if (!Digits(t, pos, 2, &h) || h > 18) return false;
  if (*pos < t.size() && t[*pos] == ':') ++*pos;
  if (*pos < t.size() && !Digits(t, pos, 2, &m)) return false;
  if (m > 59) return false;
  *offset_ms = sign * (h * 60 + m) * 60000;
  return true;
}

std::string_view Trim(std::string_view t) {
  while (!t.empty() && t.front() == ' ') t.remove_prefix(1);
  while (!t.empty() && t.back() == ' ') t.remove_suffix(1);
  return t;
}

void AppendTime(std::string* out, int64_t ms) {
  char buf[32];
  int64_t s = ms / 1000, f = ms % 1000;
  std::snprintf(buf, sizeof buf, "%02d:%02d:%02d", static_cast<int>(s / 3600),
                static_cast<int>(s / 60 % 60), static_cast<int>(s % 60));
  out->append(buf);
  if (f != 0) {
    std::snprintf(buf, sizeof buf, ".%03d", static_cast<int>(f));
    out->append(buf);
  }
}

}  // namespace

Status ParseTimestamp(std::string_view text, int64_t* out) {
  std::string_view t = Trim(text);
  size_t pos = 0;
  int64_t days, ms = 0, offset = 0;
  if (!ParseDatePart(t, &pos, &days)) return Bad("timestamp", text);
  if (pos < t.size() && (t[pos] == ' ' || t[pos] == 'T' || t[pos] == 't')) {
    ++pos;
    if (!ParseTimePart(t, &pos, &ms)) return Bad("timestamp", text);
    if (!ParseOffset(t, &pos, &offset)) return Bad("timestamp", text);
  }
  if (pos != t.size()) return Bad("timestamp", text);
  *out = days * kMillisPerDay + ms - offset;
  return Status::OK();
}

Status ParseDate(std::string_view text, int64_t* out) {
  std::string_view t = Trim(text);
  size_t pos = 0;
  int64_t days;
  if (!ParseDatePart(t, &pos, &days) || pos != t.size()) return Bad("date", text);
  *out = days;
  return Status::OK();
}

Status ParseTime(std::string_view text, int64_t* out) {
  std::string_view t = Trim(text);
  size_t pos = 0;
  int64_t ms;
  if (!ParseTimePart(t, &pos, &ms) || pos != t.size()) return Bad("time", text);
  *out = ms;
  return Status::OK();
}

std::string FormatDate(int64_t days) {
  int64_t y;
  int m, d;
  CivilFromDays(days, &y, &m, &d);
  char buf[40];
  if (y < 0) {
    std::snprintf(buf, sizeof buf, "-%04lld-%02d-%02d", static_cast<long long>(-y), m, d);
  } else {
    std::snprintf(buf, sizeof buf, "%04lld-%02d-%02d", static_cast<long long>(y), m, d);
  }
  return buf;
}

std::string FormatTimestamp(int64_t epoch_ms) {
  int64_t days = FloorDiv(epoch_ms, kMillisPerDay);
  std::string out = FormatDate(days);
  out.push_back(' ');
  AppendTime(&out, epoch_ms - days * kMillisPerDay);
  return out;
}

std::string FormatTime(int64_t ms_of_day) {
  std::string out;
  AppendTime(&out, ((ms_of_day % kMillisPerDay) + kMillisPerDay) % kMillisPerDay);
  return out;
}

Status ParseUuid(std::string_view text, uint8_t out[16]) {
  std::string_view t = Trim(text);
  int n = 0;
  size_t i = 0;
  bool dashed = t.size() == 36;
  if (t.size() != 32 && !dashed) goto bad;
  for (; i < t.size(); ++i) {
    char c = t[i];
    if (dashed && (i == 8 || i == 13 || i == 18 || i == 23)) {
      if (c != '-') goto bad;
      continue;
    }
    int v;
    if (c >= '0' && c <= '9') v = c - '0';
    else if (c >= 'a' && c <= 'f') v = c - 'a' + 10;
    else if (c >= 'A' && c <= 'F') v = c - 'A' + 10;
    else goto bad;
    if (n % 2 == 0) out[n / 2] = static_cast<uint8_t>(v << 4);
    else out[n / 2] |= static_cast<uint8_t>(v);
    ++n;
  }
  if (n == 32) return Status::OK();
bad:
  return Status::Sql("invalid input syntax for type uuid: \"" + std::string(text.substr(0, 64)) + "\"",
                     "22P02");
}

std::string FormatUuid(const uint8_t b[16]) {
  static const char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out.push_back('-');
    out.push_back(kHex[b[i] >> 4]);
    out.push_back(kHex[b[i] & 15]);
  }
  return out;
}

}  // namespace decentdb
