// Trigram extraction and the on-disk form of a trigram index (ENGINE.md §7.6): which
// trigrams a TEXT value or a LIKE segment has, how a trigram and a postings chunk are
// keyed in the index B-tree, and the chunk value codec. Everything here is pure (no
// pages); search/postings.h stores and reads chunks with it.
//
// Index tree entries (keys compared with memcmp):
//   trigram(8) ‖ 0x00                  -> varint count        (the count entry)
//   trigram(8) ‖ 0x01 ‖ enc(first)     -> varint n, n-1 varint deltas  (a chunk)
// trigram(8) is three 21-bit code points packed big-endian into 63 bits; enc() is the
// ascending INT64 key component (record/key_codec.h), so chunks of one trigram sort by
// their first rowid.
// Invariants (T1-T4 are checked by VerifyTrigramTree in search/postings.h):
//  (T1) The chunks of a trigram hold disjoint, strictly increasing rowid runs; a chunk's
//       key carries its first rowid, and every rowid of it is below the next chunk's.
//  (T2) A chunk holds 1..kMaxChunkRowids rowids and its value is at most
//       MaxChunkBytes(page size) bytes, so it never spills to an overflow chain.
//  (T3) The count entry of a trigram equals the number of rowids in its chunks; a
//       trigram without rowids has neither chunks nor a count entry.
//  (T4) Rowid r is in the postings of trigram g exactly when the indexed column of row r
//       is non-NULL TEXT and g is a trigram of its folded value.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/status.h"

namespace decentdb {
namespace search {

using Trigram = uint64_t;

constexpr size_t kTrigramBytes = 8;
constexpr uint8_t kCountTag = 0x00;
constexpr uint8_t kChunkTag = 0x01;
constexpr size_t kChunkKeySize = kTrigramBytes + 1 + 9;
constexpr size_t kMaxChunkRowids = 4096;

inline Trigram PackTrigram(uint32_t a, uint32_t b, uint32_t c) {
  return (uint64_t{a & 0x1FFFFF} << 42) | (uint64_t{b & 0x1FFFFF} << 21) | uint64_t{c & 0x1FFFFF};
}

// The distinct trigrams of FoldCase(text), sorted (text: validated UTF-8). A value of
// fewer than 3 code points has none.
void ValueTrigrams(std::string_view text, std::vector<Trigram>* out);
// Appends the trigrams of an already folded literal segment (no folding, no dedup).
void SegmentTrigrams(std::string_view folded, std::vector<Trigram>* out);
// Number of code points of validated UTF-8.
size_t CodePoints(std::string_view text);

// Keys.
void AppendTrigram(Trigram t, std::string* out);
void CountKey(Trigram t, std::string* out);
void ChunkKey(Trigram t, int64_t first_rowid, std::string* out);
// Splits a chunk key; ERR_CORRUPTION when it is not one.
Status ParseChunkKey(std::string_view key, Trigram* t, int64_t* first_rowid);
Trigram TrigramOfKey(std::string_view key);  // REQUIRES: key.size() >= 8

// Largest chunk value for a page size (T2).
uint32_t MaxChunkBytes(uint32_t page_size);

// Chunk values. rowids: strictly increasing, n >= 1.
void EncodeChunk(const int64_t* rowids, size_t n, std::string* out);
// Appends the rowids of a chunk whose key says first_rowid; ERR_CORRUPTION on damage.
Status DecodeChunk(std::string_view value, int64_t first_rowid, std::vector<int64_t>* out);
// Bytes EncodeChunk would write for rowids[0..n).
size_t ChunkBytes(const int64_t* rowids, size_t n);

void EncodeCount(uint64_t count, std::string* out);
Status DecodeCount(std::string_view value, uint64_t* out);

}  // namespace search
}  // namespace decentdb
