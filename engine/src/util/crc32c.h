// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78): the checksum of page trailers,
// the file header and the WAL frame chain (ENGINE.md §2.2, §2.3, §3.1-3.2). Uses the
// SSE4.2 crc32 instruction when the CPU has it (checked once at run time, so the build
// needs no -msse4.2) and a portable slicing-by-8 table walk otherwise.
#pragma once

#include <cstddef>
#include <cstdint>

namespace decentdb {

// CRC-32C of n bytes at data (standard init and final xor: Crc32c("123456789") == 0xE3069283).
uint32_t Crc32c(const void* data, size_t n);

// Continues a checksum: Crc32cExtend(Crc32c(a), b) == Crc32c(a ‖ b), and
// Crc32cExtend(0, b) == Crc32c(b). This is what the WAL frame chain is built on.
uint32_t Crc32cExtend(uint32_t crc, const void* data, size_t n);

namespace internal {
// Both paths are exposed so tests can check they agree; engine code calls Crc32cExtend.
uint32_t Crc32cExtendSoftware(uint32_t crc, const void* data, size_t n);
// REQUIRES: Crc32cHardwareAvailable().
uint32_t Crc32cExtendHardware(uint32_t crc, const void* data, size_t n);
bool Crc32cHardwareAvailable();
}  // namespace internal

}  // namespace decentdb
