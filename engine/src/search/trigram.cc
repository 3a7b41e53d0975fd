// Trigram extraction, keys and the chunk codec (see trigram.h; ENGINE.md §7.6).
#include "search/trigram.h"

#include <algorithm>

#include "btree/node.h"
#include "record/key_codec.h"
#include "util/coding.h"
#include "util/unicode.h"
#include "util/utf8.h"

namespace decentdb {
namespace search {

namespace {

template <typename Map>
void Trigrams(std::string_view text, Map map, std::vector<Trigram>* out) {
  const char* p = text.data();
  const char* end = p + text.size();
  uint32_t a = 0, b = 0;
  int have = 0;
  while (p < end) {
    uint32_t c = map(DecodeUtf8(&p, end));
    if (have >= 2) out->push_back(PackTrigram(a, b, c));
    else ++have;
    a = b;
    b = c;
  }
}

}  // namespace

void ValueTrigrams(std::string_view text, std::vector<Trigram>* out) {
  out->clear();
  Trigrams(text, [](uint32_t cp) { return FoldCase(cp); }, out);
  std::sort(out->begin(), out->end());
  out->erase(std::unique(out->begin(), out->end()), out->end());
}

void SegmentTrigrams(std::string_view folded, std::vector<Trigram>* out) {
  Trigrams(folded, [](uint32_t cp) { return cp; }, out);
}

size_t CodePoints(std::string_view text) { return CountCodePoints(text.data(), text.size()); }

void AppendTrigram(Trigram t, std::string* out) {
  uint8_t buf[8];
  EncodeBigEndian64(buf, t);
  out->append(reinterpret_cast<const char*>(buf), 8);
}

void CountKey(Trigram t, std::string* out) {
  out->clear();
  AppendTrigram(t, out);
  out->push_back(static_cast<char>(kCountTag));
}

void ChunkKey(Trigram t, int64_t first_rowid, std::string* out) {
  out->clear();
  AppendTrigram(t, out);
  out->push_back(static_cast<char>(kChunkTag));
  AppendRowidSuffix(first_rowid, out);
}

Trigram TrigramOfKey(std::string_view key) {
  return DecodeBigEndian64(reinterpret_cast<const uint8_t*>(key.data()));
}

Status ParseChunkKey(std::string_view key, Trigram* t, int64_t* first_rowid) {
  if (key.size() != kChunkKeySize || static_cast<uint8_t>(key[kTrigramBytes]) != kChunkTag)
    return Status::Corruption("trigram index: malformed postings key");
  *t = TrigramOfKey(key);
  return DecodeRowidSuffix(reinterpret_cast<const uint8_t*>(key.data()), key.size(), first_rowid);
}

uint32_t MaxChunkBytes(uint32_t page_size) {
  // Cell: varint key length (1) + key + varint control (<= 3) + value, within a cell.
  return btree_internal::MaxCellSize(page_size - kPageTrailerSize) - 1 -
         static_cast<uint32_t>(kChunkKeySize) - 3 - 2;
}

size_t ChunkBytes(const int64_t* rowids, size_t n) {
  size_t bytes = static_cast<size_t>(VarintLength(n));
  for (size_t i = 1; i < n; ++i)
    bytes += static_cast<size_t>(
        VarintLength(static_cast<uint64_t>(rowids[i]) - static_cast<uint64_t>(rowids[i - 1])));
  return bytes;
}

void EncodeChunk(const int64_t* rowids, size_t n, std::string* out) {
  out->clear();
  PutVarint(out, n);
  for (size_t i = 1; i < n; ++i)
    PutVarint(out, static_cast<uint64_t>(rowids[i]) - static_cast<uint64_t>(rowids[i - 1]));
}

Status DecodeChunk(std::string_view value, int64_t first_rowid, std::vector<int64_t>* out) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(value.data());
  const uint8_t* end = p + value.size();
  uint64_t n = 0;
  p = DecodeVarint(p, end, &n);
  if (p == nullptr || n == 0 || n > kMaxChunkRowids)
    return Status::Corruption("trigram index: malformed postings chunk");
  uint64_t cur = static_cast<uint64_t>(first_rowid);
  out->push_back(first_rowid);
  for (uint64_t i = 1; i < n; ++i) {
    uint64_t d = 0;
    p = DecodeVarint(p, end, &d);
    if (p == nullptr || d == 0 || static_cast<int64_t>(cur + d) <= static_cast<int64_t>(cur))
      return Status::Corruption("trigram index: malformed postings chunk");
    cur += d;
    out->push_back(static_cast<int64_t>(cur));
  }
  if (p != end) return Status::Corruption("trigram index: malformed postings chunk");
  return Status::OK();
}

void EncodeCount(uint64_t count, std::string* out) {
  out->clear();
  PutVarint(out, count);
}

Status DecodeCount(std::string_view value, uint64_t* out) {
  const uint8_t* p = reinterpret_cast<const uint8_t*>(value.data());
  const uint8_t* end = p + value.size();
  p = DecodeVarint(p, end, out);
  if (p == nullptr || p != end || *out == 0)
    return Status::Corruption("trigram index: malformed count entry");
  return Status::OK();
}

}  // namespace search
}  // namespace decentdb
