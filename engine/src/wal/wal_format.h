// WAL on-disk format: the 40-byte WAL header and the 32-byte frame header, their
// encoders and total (bounds-checked) decoders, and the chained frame checksum.
// Owns no state. Format: ENGINE.md §3.1-3.2.
//
// Invariants of a valid log (checked by the recovery scan, wal.cc):
//  (W1) Every frame carries the salts of the header it follows; a frame with other salts
//       belongs to an older generation and ends the log.
//  (W2) checksum(frame i) = Crc32cExtend(checksum(frame i-1), hdr[0..27] ‖ payload), with
//       checksum(frame -1) = the header CRC. The log ends where the chain first breaks.
//  (W3) COMMIT lsns are consecutive: the k-th COMMIT of a generation has lsn base_lsn + k.
#pragma once

#include <cstddef>
#include <cstdint>

#include "util/status.h"

namespace decentdb {

constexpr uint32_t kWalHeaderSize = 40;
constexpr uint32_t kWalFrameHeaderSize = 32;
constexpr uint32_t kWalVersion = 1;
constexpr char kWalMagic[8] = {'D', 'D', 'B', 'W', 'A', 'L', 'C', '1'};

enum WalFrameType : uint8_t { kFramePage = 1, kFrameCommit = 2 };

struct WalHeader {
  uint32_t version = kWalVersion;
  uint32_t page_size = 0;
  uint32_t salt1 = 0;
  uint32_t salt2 = 0;
  uint64_t base_lsn = 0;
  uint32_t crc = 0;  // filled by Encode; read back by Decode
};

// Writes the header into out[0..40) and sets h->crc.
void EncodeWalHeader(WalHeader* h, uint8_t* out);
// Decodes 40 bytes; returns false (never crashes) on bad magic, version or CRC.
bool DecodeWalHeader(const uint8_t* in, WalHeader* out);

struct FrameHeader {
  uint8_t type = 0;
  uint32_t page_id = 0;
  uint32_t salt1 = 0;
  uint32_t salt2 = 0;
  uint64_t lsn = 0;         // COMMIT only
  uint32_t page_count = 0;  // COMMIT only
  uint32_t checksum = 0;
};

// Encodes h into out[0..32), computing the chained checksum over the header bytes and
// payload (payload_len is 0 for COMMIT). Returns the new chain value (also in h->checksum).
uint32_t EncodeFrame(FrameHeader* h, uint32_t prev_checksum, const uint8_t* payload,
                     size_t payload_len, uint8_t* out);
void DecodeFrameHeader(const uint8_t* in, FrameHeader* out);
// The checksum a frame with these header bytes and payload must carry (W2).
uint32_t FrameChecksum(uint32_t prev_checksum, const uint8_t* header_bytes,
                       const uint8_t* payload, size_t payload_len);

// Bytes a frame of this type occupies in the log.
inline uint64_t FrameSize(uint8_t type, uint32_t page_size) {
  return kWalFrameHeaderSize + (type == kFramePage ? page_size : 0);
}

}  // namespace decentdb
