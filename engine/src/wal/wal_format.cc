// WAL header and frame codecs and the frame checksum chain. Format: ENGINE.md §3.1.
#include "wal/wal_format.h"

#include <cstring>

#include "util/coding.h"
#include "util/crc32c.h"

namespace decentdb {

void EncodeWalHeader(WalHeader* h, uint8_t* out) {
  std::memset(out, 0, kWalHeaderSize);
  std::memcpy(out, kWalMagic, 8);
  EncodeFixed32(out + 8, h->version);
  EncodeFixed32(out + 12, h->page_size);
  EncodeFixed32(out + 16, h->salt1);
  EncodeFixed32(out + 20, h->salt2);
  EncodeFixed64(out + 24, h->base_lsn);
  EncodeFixed32(out + 32, 0);  // reserved
  h->crc = Crc32c(out, 36);
  EncodeFixed32(out + 36, h->crc);
}

bool DecodeWalHeader(const uint8_t* in, WalHeader* out) {
  if (std::memcmp(in, kWalMagic, 8) != 0) return false;
  uint32_t crc = DecodeFixed32(in + 36);
  if (Crc32c(in, 36) != crc) return false;
  out->version = DecodeFixed32(in + 8);
  if (out->version != kWalVersion) return false;
  out->page_size = DecodeFixed32(in + 12);
  out->salt1 = DecodeFixed32(in + 16);
  out->salt2 = DecodeFixed32(in + 20);
  out->base_lsn = DecodeFixed64(in + 24);
  out->crc = crc;
  return true;
}

uint32_t FrameChecksum(uint32_t prev_checksum, const uint8_t* header_bytes,
                       const uint8_t* payload, size_t payload_len) {
  uint32_t c = Crc32cExtend(prev_checksum, header_bytes, 28);
  if (payload_len > 0) c = Crc32cExtend(c, payload, payload_len);
  return c;
}

uint32_t EncodeFrame(FrameHeader* h, uint32_t prev_checksum, const uint8_t* payload,
                     size_t payload_len, uint8_t* out) {
  std::memset(out, 0, kWalFrameHeaderSize);
  out[0] = h->type;
  EncodeFixed32(out + 4, h->page_id);
  EncodeFixed32(out + 8, h->salt1);
  EncodeFixed32(out + 12, h->salt2);
  EncodeFixed64(out + 16, h->lsn);
  EncodeFixed32(out + 24, h->page_count);
  h->checksum = FrameChecksum(prev_checksum, out, payload, payload_len);
  EncodeFixed32(out + 28, h->checksum);
  return h->checksum;
}

void DecodeFrameHeader(const uint8_t* in, FrameHeader* out) {
  out->type = in[0];
  out->page_id = DecodeFixed32(in + 4);
  out->salt1 = DecodeFixed32(in + 8);
  out->salt2 = DecodeFixed32(in + 12);
  out->lsn = DecodeFixed64(in + 16);
  out->page_count = DecodeFixed32(in + 24);
  out->checksum = DecodeFixed32(in + 28);
}

}  // namespace decentdb
