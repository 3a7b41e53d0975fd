// Tests of the WAL header and frame codecs and of the frame checksum chain (W1)-(W2) in
// wal/wal_format.h. Format: ENGINE.md §3.1.
#include <cstring>
#include <random>
#include <vector>

#include "harness/test.h"
#include "util/coding.h"
#include "wal/wal_format.h"

using namespace decentdb;

TEST(WalFormat, HeaderRoundTrips) {
  WalHeader h;
  h.page_size = 8192;
  h.salt1 = 0x11223344;
  h.salt2 = 0x55667788;
  h.base_lsn = 0x0102030405060708ull;
  uint8_t buf[kWalHeaderSize];
  EncodeWalHeader(&h, buf);
  WalHeader d;
  ASSERT_TRUE(DecodeWalHeader(buf, &d));
  EXPECT_EQ(d.page_size, 8192u);
  EXPECT_EQ(d.salt1, h.salt1);
  EXPECT_EQ(d.salt2, h.salt2);
  EXPECT_EQ(d.base_lsn, h.base_lsn);
  EXPECT_EQ(d.crc, h.crc);
  EXPECT_EQ(DecodeFixed32(buf + 36), h.crc);
}

TEST(WalFormat, EveryHeaderBitFlipIsRejected) {
  WalHeader h;
  h.page_size = 4096;
  h.salt1 = 7;
  h.salt2 = 9;
  h.base_lsn = 42;
  uint8_t buf[kWalHeaderSize];
  EncodeWalHeader(&h, buf);
  for (uint32_t bit = 0; bit < kWalHeaderSize * 8; ++bit) {
    uint8_t copy[kWalHeaderSize];
    std::memcpy(copy, buf, sizeof copy);
    copy[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    WalHeader d;
    EXPECT_FALSE(DecodeWalHeader(copy, &d));
  }
}

TEST(WalFormat, FrameChecksumChainsOverHeaderAndPayload) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::vector<uint8_t> page(4096);
  for (auto& b : page) b = static_cast<uint8_t>(rng());
  FrameHeader f;
  f.type = kFramePage;
  f.page_id = 17;
  f.salt1 = 1;
  f.salt2 = 2;
  uint8_t out[kWalFrameHeaderSize];
  const uint32_t c1 = EncodeFrame(&f, 0xABCDEF01u, page.data(), page.size(), out);
  FrameHeader d;
  DecodeFrameHeader(out, &d);
  EXPECT_EQ(d.type, kFramePage);
  EXPECT_EQ(d.page_id, 17u);
  EXPECT_EQ(d.checksum, c1);
  EXPECT_EQ(FrameChecksum(0xABCDEF01u, out, page.data(), page.size()), c1);
  // A different predecessor gives a different value (W2): leftovers of another chain
  // cannot be mistaken for a continuation.
  EXPECT_NE(FrameChecksum(0xABCDEF02u, out, page.data(), page.size()), c1);
  // Any flipped payload or header bit changes it.
  for (int i = 0; i < 64; ++i) {
    size_t pos = rng() % page.size();
    page[pos] ^= 0x10;
    EXPECT_NE(FrameChecksum(0xABCDEF01u, out, page.data(), page.size()), c1);
    page[pos] ^= 0x10;
  }
  for (uint32_t byte = 0; byte < 28; ++byte) {
    out[byte] ^= 0x01;
    EXPECT_NE(FrameChecksum(0xABCDEF01u, out, page.data(), page.size()), c1);
    out[byte] ^= 0x01;
  }
  // COMMIT frames carry lsn and page count and no payload.
  FrameHeader c;
  c.type = kFrameCommit;
  c.lsn = 99;
  c.page_count = 1234;
  const uint32_t c2 = EncodeFrame(&c, c1, nullptr, 0, out);
  DecodeFrameHeader(out, &d);
  EXPECT_EQ(d.lsn, 99u);
  EXPECT_EQ(d.page_count, 1234u);
  EXPECT_EQ(FrameChecksum(c1, out, nullptr, 0), c2);
  EXPECT_EQ(FrameSize(kFrameCommit, 4096), 32u);
  EXPECT_EQ(FrameSize(kFramePage, 4096), 32u + 4096u);
}
