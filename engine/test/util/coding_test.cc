// Tests for util/coding.h and util/status.h: varint/zigzag round trips at boundary
// values, total decoding of truncated and over-long varints, Status formatting.
#include <cstring>
#include <limits>
#include <random>

#include "harness/test.h"
#include "util/coding.h"
#include "util/status.h"

using namespace decentdb;

TEST(Coding, VarintRoundTripsBoundaryValues) {
  const uint64_t values[] = {0, 1, 127, 128, 16383, 16384, (1ull << 21) - 1, 1ull << 21,
                             (1ull << 28) - 1, (1ull << 32) - 1, 1ull << 32,
                             (1ull << 63) - 1, 1ull << 63, std::numeric_limits<uint64_t>::max()};
  for (uint64_t v : values) {
    uint8_t buf[kMaxVarintLen];
    uint8_t* end = EncodeVarint(buf, v);
    EXPECT_EQ(end - buf, VarintLength(v));
    uint64_t out = 0;
    const uint8_t* p = DecodeVarint(buf, end, &out);
    EXPECT_TRUE(p == end);
    EXPECT_EQ(out, v);
    // Every proper prefix is truncated and must be rejected.
    for (uint8_t* cut = buf; cut < end; ++cut) EXPECT_TRUE(DecodeVarint(buf, cut, &out) == nullptr);
    // Followed by more bytes (as inside a page or record): ends at its own last byte.
    uint8_t padded[kMaxVarintLen + 8];
    std::memset(padded, 0xff, sizeof padded);
    uint8_t* pend = EncodeVarint(padded, v);
    out = 0;
    EXPECT_TRUE(DecodeVarint(padded, padded + sizeof padded, &out) == pend);
    EXPECT_EQ(out, v);
  }
}

TEST(Coding, VarintRejectsOverlongAndOverflowingInput) {
  uint8_t eleven[11];
  for (auto& b : eleven) b = 0x80;
  eleven[10] = 0x01;
  uint64_t out;
  EXPECT_TRUE(DecodeVarint(eleven, eleven + 11, &out) == nullptr);
  uint8_t overflow[10];
  for (int i = 0; i < 9; ++i) overflow[i] = 0xff;
  overflow[9] = 0x02;  // bit 64 set
  EXPECT_TRUE(DecodeVarint(overflow, overflow + 10, &out) == nullptr);
}

TEST(Coding, ZigZagIsABijectionOnRandomAndExtremeValues) {
  EXPECT_EQ(ZigZagEncode(0), 0u);
  EXPECT_EQ(ZigZagEncode(-1), 1u);
  EXPECT_EQ(ZigZagEncode(1), 2u);
  EXPECT_EQ(ZigZagDecode(ZigZagEncode(std::numeric_limits<int64_t>::min())),
            std::numeric_limits<int64_t>::min());
  EXPECT_EQ(ZigZagDecode(ZigZagEncode(std::numeric_limits<int64_t>::max())),
            std::numeric_limits<int64_t>::max());
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int i = 0; i < 100000; ++i) {
    int64_t v = static_cast<int64_t>(rng());
    ASSERT_EQ(ZigZagDecode(ZigZagEncode(v)), v);
  }
}

TEST(Coding, BigEndianPreservesUnsignedOrder) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int i = 0; i < 10000; ++i) {
    uint64_t a = rng(), b = rng() >> (rng() % 64);
    uint8_t ea[8], eb[8];
    EncodeBigEndian64(ea, a);
    EncodeBigEndian64(eb, b);
    int c = std::memcmp(ea, eb, 8);
    ASSERT_EQ(c < 0, a < b);
    ASSERT_EQ(DecodeBigEndian64(ea), a);
  }
}

TEST(Status, CarriesCodeSqlStateAndMessage) {
  Status ok;
  EXPECT_TRUE(ok.ok());
  EXPECT_EQ(std::string(ok.sqlstate()), "00000");
  Status s = Status::Constraint("duplicate key", "23505");
  EXPECT_FALSE(s.ok());
  EXPECT_TRUE(s.Is(Code::kConstraint));
  EXPECT_EQ(std::string(s.sqlstate()), "23505");
  EXPECT_EQ(s.ToString(), "ERR_CONSTRAINT 23505: duplicate key");
  Status copy = s;
  EXPECT_EQ(copy.message(), "duplicate key");
  EXPECT_EQ(std::string(Status::Io("x").sqlstate()), "58030");
  Result<int> r = Status::Busy("locked");
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(static_cast<int>(r.status().code()), -7);
}
