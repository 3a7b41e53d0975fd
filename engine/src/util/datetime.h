// Temporal and UUID text forms (ENGINE.md §8.1-8.2): TIMESTAMP is INT64 milliseconds since the
// Unix epoch (UTC), DATE is INT64 days since 1970-01-01, TIME is INT64 milliseconds since
// midnight. Parsing accepts ISO-8601 ("YYYY-MM-DD", "YYYY-MM-DD[ T]HH:MM[:SS[.f]]" with an
// optional "Z" or "+-HH[:MM]" offset converted to UTC); sub-millisecond digits are truncated;
// anything else is ERR_SQL 22007. UUID text is 8-4-4-4-12 or 32 hex digits (else 22P02).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "util/status.h"

namespace decentdb {

constexpr int64_t kMillisPerDay = 86400000;

// Days since 1970-01-01 of a proleptic Gregorian date (REQUIRES: month 1..12, day 1..31).
int64_t DaysFromCivil(int64_t year, int month, int day);
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day);

Status ParseTimestamp(std::string_view text, int64_t* out_epoch_ms);
Status ParseDate(std::string_view text, int64_t* out_days);
Status ParseTime(std::string_view text, int64_t* out_ms_of_day);

// "YYYY-MM-DD HH:MM:SS[.fff]" (UTC), "YYYY-MM-DD", "HH:MM:SS[.fff]".
std::string FormatTimestamp(int64_t epoch_ms);
std::string FormatDate(int64_t days);
std::string FormatTime(int64_t ms_of_day);

// Floor division for converting TIMESTAMP to DATE.
inline int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

Status ParseUuid(std::string_view text, uint8_t out[16]);
std::string FormatUuid(const uint8_t bytes[16]);

}  // namespace decentdb
