// Postings storage of a trigram index: buffered deltas merged into chunks, readers and
// the verifying walk (see postings.h; layout and invariants in trigram.h).
#include "search/postings.h"

#include <algorithm>
#include <limits>

#include "btree/btree.h"

namespace decentdb {
namespace search {

namespace {

bool IsChunkOf(const BTreeCursor& cur, Trigram t) {
  if (!cur.Valid()) return false;
  std::string_view k = cur.key();
  return k.size() == kChunkKeySize && TrigramOfKey(k) == t &&
         static_cast<uint8_t>(k[kTrigramBytes]) == kChunkTag;
}

Status Corrupt(Trigram t, const std::string& what) {
  return Status::Corruption("trigram index: trigram " + std::to_string(t) + ": " + what);
}

// Writes rowids[0..n) as chunks of at most limit bytes (T2). When the first chunk's key
// equals replaced_key it is updated in place.
Status WriteChunks(BTree* tree, Trigram t, const std::vector<int64_t>& rowids, uint32_t limit,
                   const std::string* replaced_key) {
  std::string key, value;
  size_t i = 0;
  bool first = true;
  while (i < rowids.size()) {
    size_t j = i + 1;
    size_t bytes = 1;  // the count varint, one byte below 128 rowids
    while (j < rowids.size() && j - i < kMaxChunkRowids) {
      size_t add = static_cast<size_t>(
          VarintLength(static_cast<uint64_t>(rowids[j]) - static_cast<uint64_t>(rowids[j - 1])));
      size_t count_growth = static_cast<size_t>(VarintLength(j - i + 1) - VarintLength(j - i));
      if (bytes + add + count_growth > limit) break;
      bytes += add + count_growth;
      ++j;
    }
    ChunkKey(t, rowids[i], &key);
    EncodeChunk(rowids.data() + i, j - i, &value);
    if (first && replaced_key != nullptr && key == *replaced_key) {
      bool found = false;
      DDB_RETURN_IF_ERROR(tree->Update(TreeKey::Bytes(key), value, &found));
      if (!found) return Corrupt(t, "chunk vanished");
    } else {
      if (first && replaced_key != nullptr) {
        bool found = false;
        DDB_RETURN_IF_ERROR(tree->Delete(TreeKey::Bytes(*replaced_key), &found));
        if (!found) return Corrupt(t, "chunk vanished");
      }
      Status s = tree->Insert(TreeKey::Bytes(key), value);
      if (s.Is(Code::kConstraint)) return Corrupt(t, "overlapping chunks");
      DDB_RETURN_IF_ERROR(s);
    }
    first = false;
    i = j;
  }
  if (first && replaced_key != nullptr) {  // everything removed
    bool found = false;
    DDB_RETURN_IF_ERROR(tree->Delete(TreeKey::Bytes(*replaced_key), &found));
    if (!found) return Corrupt(t, "chunk vanished");
  }
  return Status::OK();
}

}  // namespace

void TrigramDeltas::Clear() {
  ops_.clear();
  pending_ = 0;
}

void TrigramDeltas::Queue(const std::vector<Trigram>& ts, int64_t rowid, int32_t delta) {
  for (Trigram t : ts) ops_[t].push_back(Op{rowid, delta});
  pending_ += ts.size();
}

void TrigramDeltas::AddValue(std::string_view text, int64_t rowid) {
  ValueTrigrams(text, &a_);
  Queue(a_, rowid, +1);
}

void TrigramDeltas::RemoveValue(std::string_view text, int64_t rowid) {
  ValueTrigrams(text, &a_);
  Queue(a_, rowid, -1);
}

void TrigramDeltas::ChangeValue(const std::string_view* old_text, int64_t old_rowid,
                                const std::string_view* new_text, int64_t new_rowid) {
  if (old_rowid != new_rowid) {
    if (old_text != nullptr) RemoveValue(*old_text, old_rowid);
    if (new_text != nullptr) AddValue(*new_text, new_rowid);
    return;
  }
  a_.clear();
  b_.clear();
  if (old_text != nullptr) ValueTrigrams(*old_text, &a_);
  std::vector<Trigram> added;
  if (new_text != nullptr) ValueTrigrams(*new_text, &b_);
  // Both sorted: queue only the symmetric difference.
  size_t i = 0, j = 0;
  std::vector<Trigram> removed;
  while (i < a_.size() || j < b_.size()) {
    if (j == b_.size() || (i < a_.size() && a_[i] < b_[j])) {
      removed.push_back(a_[i++]);
    } else if (i == a_.size() || b_[j] < a_[i]) {
      added.push_back(b_[j++]);
    } else {
      ++i;
      ++j;
    }
  }
  Queue(removed, old_rowid, -1);
  Queue(added, new_rowid, +1);
}

Status TrigramDeltas::Apply(PageWriter* w, PageId root) {
  if (pending_ == 0) return Status::OK();
  std::vector<Trigram> order;
  order.reserve(ops_.size());
  for (const auto& e : ops_) order.push_back(e.first);
  std::sort(order.begin(), order.end());  // key order: neighbouring writes share pages
  std::vector<int64_t> adds, removes;
  for (Trigram t : order) {
    std::vector<Op>& ops = ops_[t];
    // Net change per rowid, in the order the statement made them.
    std::stable_sort(ops.begin(), ops.end(), [](const Op& x, const Op& y) { return x.rowid < y.rowid; });
    adds.clear();
    removes.clear();
    for (size_t i = 0; i < ops.size();) {
      size_t j = i;
      int32_t net = 0;
      for (; j < ops.size() && ops[j].rowid == ops[i].rowid; ++j) net += ops[j].delta;
      if (net > 1 || net < -1) return Corrupt(t, "row " + std::to_string(ops[i].rowid) + " changed inconsistently");
      if (net == 1) adds.push_back(ops[i].rowid);
      if (net == -1) removes.push_back(ops[i].rowid);
      i = j;
    }
    if (!adds.empty() || !removes.empty()) DDB_RETURN_IF_ERROR(ApplyTrigram(w, root, t, adds, removes));
  }
  Clear();
  return Status::OK();
}

Status TrigramDeltas::ApplyTrigram(PageWriter* w, PageId root, Trigram t, const std::vector<int64_t>& adds,
                                   const std::vector<int64_t>& removes) {
  BTree tree(w, root, TreeKind::kIndex);
  const uint32_t limit = MaxChunkBytes(w->page_size());
  std::string key, old_key;
  std::vector<int64_t> list, merged;
  size_t ai = 0, ri = 0;
  while (ai < adds.size() || ri < removes.size()) {
    int64_t r = ai == adds.size() ? removes[ri]
                : ri == removes.size() ? adds[ai]
                                       : std::min(adds[ai], removes[ri]);
    // The chunk owning r: the last one starting at or below r, else the first one.
    BTreeCursor cur(w, root, TreeKind::kIndex);
    ChunkKey(t, r, &key);
    DDB_RETURN_IF_ERROR(cur.SeekLE(TreeKey::Bytes(key)));
    if (!IsChunkOf(cur, t)) {
      ChunkKey(t, std::numeric_limits<int64_t>::min(), &key);
      DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(key)));
    }
    list.clear();
    bool have = IsChunkOf(cur, t);
    bool bounded = false;
    int64_t next_first = 0;
    if (have) {
      Trigram kt;
      int64_t first;
      old_key.assign(cur.key());
      DDB_RETURN_IF_ERROR(ParseChunkKey(old_key, &kt, &first));
      std::string_view value;
      DDB_RETURN_IF_ERROR(cur.Value(&value));
      DDB_RETURN_IF_ERROR(DecodeChunk(value, first, &list));
      DDB_RETURN_IF_ERROR(cur.Next());
      if (IsChunkOf(cur, t)) {
        Trigram nt;
        DDB_RETURN_IF_ERROR(ParseChunkKey(cur.key(), &nt, &next_first));
        bounded = true;
      }
    }
    cur.Reset();
    // Merge the changes that belong to this chunk (below the next chunk's first rowid).
    merged.clear();
    size_t li = 0;
    auto in_chunk = [&](int64_t x) { return !bounded || x < next_first; };
    while (true) {
      bool more_a = ai < adds.size() && in_chunk(adds[ai]);
      bool more_r = ri < removes.size() && in_chunk(removes[ri]);
      if (!more_a && !more_r) break;
      int64_t x = more_a && (!more_r || adds[ai] < removes[ri]) ? adds[ai] : removes[ri];
      while (li < list.size() && list[li] < x) merged.push_back(list[li++]);
      bool present = li < list.size() && list[li] == x;
      if (more_a && adds[ai] == x) {
        if (present) return Corrupt(t, "row " + std::to_string(x) + " is already indexed");
        merged.push_back(x);
        ++ai;
      } else {
        if (!present) return Corrupt(t, "row " + std::to_string(x) + " is not indexed");
        ++li;
        ++ri;
      }
    }
    while (li < list.size()) merged.push_back(list[li++]);
    DDB_RETURN_IF_ERROR(WriteChunks(&tree, t, merged, limit, have ? &old_key : nullptr));
  }
  // The count entry (T3).
  CountKey(t, &key);
  std::string value;
  bool found = false;
  DDB_RETURN_IF_ERROR(tree.Get(TreeKey::Bytes(key), &value, &found));
  uint64_t count = 0;
  if (found) DDB_RETURN_IF_ERROR(DecodeCount(value, &count));
  if (count + adds.size() < removes.size()) return Corrupt(t, "count below zero");
  uint64_t next = count + adds.size() - removes.size();
  if (next == count) return Status::OK();
  if (next == 0) return tree.Delete(TreeKey::Bytes(key), &found);
  EncodeCount(next, &value);
  if (found) return tree.Update(TreeKey::Bytes(key), value, &found);
  return tree.Insert(TreeKey::Bytes(key), value);
}

Status ReadCount(PageReader* r, PageId root, Trigram t, uint64_t* out) {
  *out = 0;
  std::string key;
  CountKey(t, &key);
  BTreeCursor cur(r, root, TreeKind::kIndex);
  DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(key)));
  if (!cur.Valid() || cur.key() != key) return Status::OK();
  std::string_view value;
  DDB_RETURN_IF_ERROR(cur.Value(&value));
  return DecodeCount(value, out);
}

Status ReadPostings(PageReader* r, PageId root, Trigram t, std::vector<int64_t>* out) {
  std::string key;
  ChunkKey(t, std::numeric_limits<int64_t>::min(), &key);
  BTreeCursor cur(r, root, TreeKind::kIndex);
  DDB_RETURN_IF_ERROR(cur.SeekGE(TreeKey::Bytes(key)));
  while (IsChunkOf(cur, t)) {
    Trigram kt;
    int64_t first;
    DDB_RETURN_IF_ERROR(ParseChunkKey(cur.key(), &kt, &first));
    std::string_view value;
    DDB_RETURN_IF_ERROR(cur.Value(&value));
    DDB_RETURN_IF_ERROR(DecodeChunk(value, first, out));
    DDB_RETURN_IF_ERROR(cur.Next());
  }
  return Status::OK();
}

Status VerifyTrigramTree(PageReader* r, PageId root, TrigramTreeStats* out) {
  *out = TrigramTreeStats();
  const uint32_t limit = MaxChunkBytes(r->page_size());
  BTreeCursor cur(r, root, TreeKind::kIndex);
  DDB_RETURN_IF_ERROR(cur.First());
  std::vector<int64_t> list;
  while (cur.Valid()) {
    std::string_view k = cur.key();
    if (k.size() != kTrigramBytes + 1 || static_cast<uint8_t>(k[kTrigramBytes]) != kCountTag)
      return Status::Corruption("trigram index: postings without a count entry");
    Trigram t = TrigramOfKey(k);
    std::string_view value;
    DDB_RETURN_IF_ERROR(cur.Value(&value));
    uint64_t count = 0;
    DDB_RETURN_IF_ERROR(DecodeCount(value, &count));
    ++out->trigrams;
    out->postings += count;
    DDB_RETURN_IF_ERROR(cur.Next());
    uint64_t seen = 0;
    bool any = false;
    int64_t last = 0;
    while (IsChunkOf(cur, t)) {
      Trigram kt;
      int64_t first;
      DDB_RETURN_IF_ERROR(ParseChunkKey(cur.key(), &kt, &first));
      DDB_RETURN_IF_ERROR(cur.Value(&value));
      if (value.size() > limit || cur.value_overflows()) return Corrupt(t, "chunk too large");
      list.clear();
      DDB_RETURN_IF_ERROR(DecodeChunk(value, first, &list));
      if (any && first <= last) return Corrupt(t, "chunks overlap");
      any = true;
      last = list.back();
      seen += list.size();
      ++out->chunks;
      DDB_RETURN_IF_ERROR(cur.Next());
    }
    if (seen != count) return Corrupt(t, "count entry says " + std::to_string(count) + ", chunks hold " +
                                             std::to_string(seen));
  }
  return Status::OK();
}

}  // namespace search
}  // namespace decentdb
