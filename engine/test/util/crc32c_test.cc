// Tests for util/crc32c.h: published CRC-32C check values, the Extend composition law
// the WAL checksum chain relies on, and agreement of the hardware and software paths on
// random buffers of random lengths and alignments.
#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "harness/test.h"
#include "util/crc32c.h"

using namespace decentdb;

namespace {

std::vector<uint8_t> RandomBytes(std::mt19937_64& rng, size_t n) {
  std::vector<uint8_t> v(n);
  for (auto& b : v) b = static_cast<uint8_t>(rng());
  return v;
}

// Bit-at-a-time definition of CRC-32C: slow, but obviously the specification.
uint32_t ReferenceCrc32c(const uint8_t* p, size_t n) {
  uint32_t c = 0xFFFFFFFFu;
  for (size_t i = 0; i < n; ++i) {
    c ^= p[i];
    for (int bit = 0; bit < 8; ++bit) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
  }
  return ~c;
}

}  // namespace

TEST(Crc32c, MatchesKnownVectors) {
  EXPECT_EQ(Crc32c("123456789", 9), 0xE3069283u);
  EXPECT_EQ(Crc32c("", 0), 0u);

  // RFC 3720 (iSCSI) B.4 test vectors.
  uint8_t buf[48];
  std::memset(buf, 0, 32);
  EXPECT_EQ(Crc32c(buf, 32), 0x8A9136AAu);
  std::memset(buf, 0xFF, 32);
  EXPECT_EQ(Crc32c(buf, 32), 0x62A8AB43u);
  for (int i = 0; i < 32; ++i) buf[i] = static_cast<uint8_t>(i);
  EXPECT_EQ(Crc32c(buf, 32), 0x46DD794Eu);
  for (int i = 0; i < 32; ++i) buf[i] = static_cast<uint8_t>(31 - i);
  EXPECT_EQ(Crc32c(buf, 32), 0x113FDB5Cu);
  const uint8_t iscsi_read[48] = {
      0x01, 0xc0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
      0x14, 0x00, 0x00, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0x00, 0x14, 0x00, 0x00, 0x00, 0x18,
      0x28, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00};
  EXPECT_EQ(Crc32c(iscsi_read, 48), 0xD9963A56u);
}

TEST(Crc32c, SoftwarePathMatchesKnownVectors) {
  // The fallback must be right even on machines where the hardware path hides it.
  EXPECT_EQ(internal::Crc32cExtendSoftware(0, "123456789", 9), 0xE3069283u);
  uint8_t zeros[32] = {};
  EXPECT_EQ(internal::Crc32cExtendSoftware(0, zeros, 32), 0x8A9136AAu);
}

TEST(Crc32c, SoftwarePathMatchesBitwiseDefinition) {
  // Covers the fallback on every length and alignment class even where SSE4.2 exists.
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::vector<uint8_t> backing = RandomBytes(rng, 4200);
  for (int iter = 0; iter < 500; ++iter) {
    size_t align = rng() % 16;
    size_t len = (iter % 10 == 0) ? rng() % 4096 : rng() % 40;
    const uint8_t* p = backing.data() + align;
    EXPECT_EQ(internal::Crc32cExtendSoftware(0, p, len), ReferenceCrc32c(p, len));
    if (ddbtest::CurrentTestFailed()) return;
  }
}

TEST(Crc32c, ExtendComposesLikeConcatenation) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int iter = 0; iter < 200; ++iter) {
    std::vector<uint8_t> data = RandomBytes(rng, rng() % 300);
    size_t cut = data.empty() ? 0 : rng() % (data.size() + 1);
    uint32_t whole = Crc32c(data.data(), data.size());
    uint32_t split = Crc32cExtend(Crc32c(data.data(), cut), data.data() + cut, data.size() - cut);
    EXPECT_EQ(whole, split);
    EXPECT_EQ(Crc32cExtend(0, data.data(), data.size()), whole);
  }
}

TEST(Crc32c, HardwareAgreesWithSoftwareOnRandomBuffers) {
  if (!internal::Crc32cHardwareAvailable()) {
    std::fprintf(stderr, "  (no SSE4.2 on this CPU; hardware path not compared)\n");
    return;
  }
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::vector<uint8_t> backing = RandomBytes(rng, 70000);
  for (int iter = 0; iter < 2000; ++iter) {
    size_t align = rng() % 16;
    size_t len = (iter % 4 == 0) ? rng() % 65536 : rng() % 64;
    const uint8_t* p = backing.data() + align;
    uint32_t seed = (iter % 2) ? static_cast<uint32_t>(rng()) : 0;
    uint32_t sw = internal::Crc32cExtendSoftware(seed, p, len);
    uint32_t hw = internal::Crc32cExtendHardware(seed, p, len);
    if (sw != hw) {
      EXPECT_EQ(sw, hw);
      std::fprintf(stderr, "  mismatch at align=%zu len=%zu seed=%08x\n", align, len, seed);
      return;
    }
  }
}

TEST(Crc32c, DetectsSingleBitFlips) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::vector<uint8_t> page = RandomBytes(rng, 4096);
  uint32_t base = Crc32c(page.data(), page.size());
  for (int i = 0; i < 256; ++i) {
    size_t bit = rng() % (page.size() * 8);
    page[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
    EXPECT_NE(Crc32c(page.data(), page.size()), base);
    page[bit / 8] ^= static_cast<uint8_t>(1u << (bit % 8));
  }
}
