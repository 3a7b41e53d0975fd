// Tests for util/datetime.h: civil-date conversion over a wide range, ISO-8601 parsing with
// offsets and fractions, canonical output, rejection of malformed or impossible dates, UUIDs.
#include "harness/test.h"
#include "util/datetime.h"

using namespace decentdb;

TEST(DateTime, CivilConversionRoundTripsAndKnownDays) {
  EXPECT_EQ(DaysFromCivil(1970, 1, 1), 0);
  EXPECT_EQ(DaysFromCivil(2000, 3, 1), 11017);
  EXPECT_EQ(DaysFromCivil(1969, 12, 31), -1);
  for (int64_t d = -800000; d <= 800000; d += 7) {
    int64_t y;
    int m, day;
    CivilFromDays(d, &y, &m, &day);
    ASSERT_EQ(DaysFromCivil(y, m, day), d);
  }
}

TEST(DateTime, ParsesIsoTimestampsToUtcMillis) {
  int64_t ms = 0;
  ASSERT_OK(ParseTimestamp("1970-01-01", &ms));
  EXPECT_EQ(ms, 0);
  ASSERT_OK(ParseTimestamp("2024-02-29 12:34:56.789", &ms));
  EXPECT_EQ(ms, 1709210096789);
  ASSERT_OK(ParseTimestamp("2024-02-29T12:34:56.789123Z", &ms));
  EXPECT_EQ(ms, 1709210096789);  // sub-millisecond digits truncated
  ASSERT_OK(ParseTimestamp("2024-02-29T14:34:56.789+02:00", &ms));
  EXPECT_EQ(ms, 1709210096789);
  ASSERT_OK(ParseTimestamp("2024-02-29 07:04:56.789-0530", &ms));
  EXPECT_EQ(ms, 1709210096789);
  ASSERT_OK(ParseTimestamp("1969-12-31 23:59:59.999", &ms));
  EXPECT_EQ(ms, -1);
  ASSERT_OK(ParseTimestamp("2024-01-01 10:00", &ms));
  EXPECT_EQ(FormatTimestamp(ms), "2024-01-01 10:00:00");
}

TEST(DateTime, RejectsMalformedAndImpossibleValues) {
  int64_t v;
  const char* bad[] = {"", "2024", "2024-13-01", "2023-02-29", "2024-04-31", "2024-01-01 24:00",
                       "2024-01-01 10:60", "2024-01-01x", "2024-01-01 10:00:00.", "01/02/2024",
                       "2024-01-01 10:00+25"};
  for (const char* t : bad) {
    Status s = ParseTimestamp(t, &v);
    EXPECT_FALSE(s.ok());
    EXPECT_EQ(std::string(s.sqlstate()), "22007");
  }
  EXPECT_FALSE(ParseDate("2024-01-01 10:00", &v).ok());
  EXPECT_FALSE(ParseTime("25:00", &v).ok());
}

TEST(DateTime, FormatsCanonically) {
  EXPECT_EQ(FormatTimestamp(1709210096789), "2024-02-29 12:34:56.789");
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31 23:59:59.999");
  EXPECT_EQ(FormatDate(19782), "2024-02-29");
  EXPECT_EQ(FormatTime(45296789), "12:34:56.789");
  EXPECT_EQ(FormatTime(0), "00:00:00");
  int64_t d = 0, t = 0;
  ASSERT_OK(ParseDate("2024-02-29", &d));
  EXPECT_EQ(d, 19782);
  ASSERT_OK(ParseTime("12:34:56.789", &t));
  EXPECT_EQ(t, 45296789);
  EXPECT_EQ(FloorDiv(-1, kMillisPerDay), -1);
  EXPECT_EQ(FloorDiv(kMillisPerDay, kMillisPerDay), 1);
}

TEST(Uuid, ParsesBothFormsAndFormatsLowerCase) {
  uint8_t b[16];
  ASSERT_OK(ParseUuid("123E4567-E89B-12D3-A456-426614174000", b));
  EXPECT_EQ(FormatUuid(b), "123e4567-e89b-12d3-a456-426614174000");
  ASSERT_OK(ParseUuid("123e4567e89b12d3a456426614174000", b));
  EXPECT_EQ(b[0], 0x12);
  EXPECT_EQ(b[15], 0x00);
  EXPECT_EQ(std::string(ParseUuid("123e4567-e89b-12d3-a456-42661417400", b).sqlstate()), "22P02");
  EXPECT_FALSE(ParseUuid("123e4567+e89b-12d3-a456-426614174000", b).ok());
  EXPECT_FALSE(ParseUuid("g23e4567e89b12d3a456426614174000", b).ok());
}
