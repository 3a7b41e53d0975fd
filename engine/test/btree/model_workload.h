// The random B+tree workload shared by the model tests over MemPageStore and over the real
// pager: a tree driven in step with a std::map, with batches of weighted operations
// (grow, mixed and shrink phases, periodic full drains) and a full comparison afterwards.
// Values range from empty to several pages; keys include INT64 limits, right-appends and,
// for index trees, key-codec composites up to the maximum key size.
#pragma once

#include <cstdio>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "record/key_codec.h"
#include "util/status.h"

namespace decentdb {
namespace testing {

inline std::string ModelValue(std::mt19937_64& rng) {
  uint64_t r = rng() % 100;
  size_t n;
  if (r < 40) n = rng() % 41;
  else if (r < 75) n = 40 + rng() % 360;
  else if (r < 90) n = 400 + rng() % 700;  // around the 4 KiB max_local of ~1017 bytes
  else if (r < 98) n = 1100 + rng() % 8000;
  else n = 9000 + rng() % 22000;  // several pages
  std::string v(n, '\0');
  uint64_t x = rng() | 1;
  for (size_t i = 0; i < n; ++i) {
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    v[i] = static_cast<char>(x);
  }
  return v;
}

struct TableTraits {
  using Key = int64_t;
  static constexpr TreeKind kKind = TreeKind::kTable;
  static TreeKey Make(const Key& k) { return TreeKey::Rowid(k); }
  static Key FromCursor(const BTreeCursor& c) { return c.rowid(); }
  static std::string Show(const Key& k) { return std::to_string(k); }
  static Key Gen(std::mt19937_64& rng, int64_t* seq, bool /*long_keys*/) {
    static const int64_t kEdges[] = {std::numeric_limits<int64_t>::min(),
                                     std::numeric_limits<int64_t>::min() + 1, -1, 0, 1,
                                     std::numeric_limits<int64_t>::max() - 1,
                                     std::numeric_limits<int64_t>::max()};
    uint64_t r = rng() % 100;
    if (r < 70) return static_cast<int64_t>(rng() % 30000);
    if (r < 85) return (*seq)++;
    if (r < 95) return static_cast<int64_t>(rng());
    return kEdges[rng() % 7];
  }
};

struct IndexTraits {
  using Key = std::string;
  static constexpr TreeKind kKind = TreeKind::kIndex;
  static TreeKey Make(const Key& k) { return TreeKey::Bytes(k); }
  static Key FromCursor(const BTreeCursor& c) { return std::string(c.key()); }
  static std::string Show(const Key& k) { return "<" + std::to_string(k.size()) + " bytes>"; }
  static Key Gen(std::mt19937_64& rng, int64_t* seq, bool long_keys) {
    std::string k;
    uint64_t r = rng() % 100;
    if (r < 15) {
      AppendKeyComponent(ValueRef::Int64((*seq)++), false, &k);  // ascending: right-appends
    } else {
      static const char kAlpha[] = {'\0', 'a', 'b', 'c', '\xff'};
      // Escaping may double a text's bytes, so random texts stay under 450 bytes to keep
      // keys below MaxIndexKeySize (~1000 at 4 KiB).
      size_t len = rng() % 8;
      if (rng() % 50 == 0) len = 200 + rng() % 250;
      std::string text;
      if (long_keys && rng() % 2) {
        // Long shared prefixes defeat separator truncation, so interior pages hold few
        // cells and the tree grows deep.
        text.assign(500 + rng() % 400, 'p');
        len = 2 + rng() % 4;
      }
      for (size_t i = 0; i < len; ++i) text.push_back(kAlpha[rng() % 5]);
      AppendKeyComponent(ValueRef::Text(text), rng() % 4 == 0, &k);
      if (rng() % 2) AppendKeyComponent(ValueRef::Int64(static_cast<int64_t>(rng() % 5)), false, &k);
    }
    AppendRowidSuffix(static_cast<int64_t>(rng() % 40), &k);
    return k;
  }
};

template <typename Traits>
class ModelRun {
 public:
  using Key = typename Traits::Key;

  ModelRun(PageWriter* w, uint64_t seed) : creator_(w), rng_(seed) {}
  void set_long_keys(bool v) { long_keys_ = v; }
  PageId root() const { return root_; }
  size_t max_entries() const { return max_entries_; }
  uint32_t max_depth() const { return max_depth_; }
  size_t tree_pages() const { return tree_pages_; }
  size_t size() const { return model_.size(); }

  Status Create() { return BTree::Create(creator_, Traits::kKind, &root_); }
  // For a run resumed over a reopened database.
  void set_root(PageId root) { root_ = root; }

  // Runs `steps` random operations inside the writer's transaction.
  Status Batch(int batch, int steps, PageWriter* w) {
    BTree t(w, root_, Traits::kKind);
    int phase = (batch / 8) % 3;
    static const int kWeights[3][5] = {{55, 15, 10, 10, 10}, {30, 20, 30, 10, 10}, {10, 15, 55, 10, 10}};
    for (int i = 0; i < steps; ++i) {
      int r = static_cast<int>(rng_() % 100);
      int op = 0;
      while (op < 4 && r >= kWeights[phase][op]) r -= kWeights[phase][op++];
      DDB_RETURN_IF_ERROR(Step(&t, op));
      if (model_.size() > max_entries_) max_entries_ = model_.size();
    }
    if (batch % 24 == 23) {  // drain to empty: collapses every level down to the root
      while (!model_.empty()) {
        auto it = PickExisting();
        bool found;
        DDB_RETURN_IF_ERROR(t.Delete(Traits::Make(it->first), &found));
        if (!found) return Mismatch("drain delete", it->first);
        model_.erase(it);
      }
    }
    return Status::OK();
  }

  // Full forward and backward scans, random seeks, and the structural walk.
  Status CheckAll(PageReader* r, int seeks) {
    BTreeCursor c(r, root_, Traits::kKind);
    std::string_view v;
    DDB_RETURN_IF_ERROR(c.First());
    for (auto it = model_.begin(); it != model_.end(); ++it) {
      if (!c.Valid()) return Mismatch("forward scan ended early at", it->first);
      if (!(Traits::FromCursor(c) == it->first)) return Mismatch("forward scan key", it->first);
      DDB_RETURN_IF_ERROR(c.Value(&v));
      if (v != it->second) return Mismatch("forward scan value", it->first);
      DDB_RETURN_IF_ERROR(c.Next());
    }
    if (c.Valid()) return Status::Internal("forward scan has extra entries");
    DDB_RETURN_IF_ERROR(c.Last());
    for (auto it = model_.rbegin(); it != model_.rend(); ++it) {
      if (!c.Valid()) return Mismatch("backward scan ended early at", it->first);
      if (!(Traits::FromCursor(c) == it->first)) return Mismatch("backward scan key", it->first);
      DDB_RETURN_IF_ERROR(c.Value(&v));
      if (v != it->second) return Mismatch("backward scan value", it->first);
      DDB_RETURN_IF_ERROR(c.Prev());
    }
    if (c.Valid()) return Status::Internal("backward scan has extra entries");
    for (int i = 0; i < seeks; ++i) DDB_RETURN_IF_ERROR(CheckSeek(r, Traits::Gen(rng_, &seq_probe_, long_keys_)));
    BTree t(r, root_, Traits::kKind);
    TreeStats stats;
    DDB_RETURN_IF_ERROR(t.Verify(&stats));
    if (stats.entries != model_.size()) return Status::Internal("Verify counted the wrong number of entries");
    tree_pages_ = stats.pages.size();
    if (stats.depth > max_depth_) max_depth_ = stats.depth;
    return Status::OK();
  }
  Status CheckAll(int seeks) { return CheckAll(creator_, seeks); }

  Status DropAndCheckEmpty(PageWriter* w) {
    BTree t(w, root_, Traits::kKind);
    return t.Drop();
  }

 private:
  Status Mismatch(const char* what, const Key& k) {
    return Status::Internal(std::string("model mismatch: ") + what + " key " + Traits::Show(k));
  }

  typename std::map<Key, std::string>::iterator PickExisting() {
    Key probe = Traits::Gen(rng_, &seq_probe_, long_keys_);
    auto it = model_.lower_bound(probe);
    if (it == model_.end()) it = model_.begin();
    return it;
  }

  // A key that exists with probability p (when the model is non-empty).
  Key PickKey(int percent_existing) {
    if (!model_.empty() && static_cast<int>(rng_() % 100) < percent_existing) return PickExisting()->first;
    return Traits::Gen(rng_, &seq_, long_keys_);
  }

  Status CheckSeek(PageReader* r, const Key& probe) {
    BTreeCursor c(r, root_, Traits::kKind);
    DDB_RETURN_IF_ERROR(c.SeekGE(Traits::Make(probe)));
    auto it = model_.lower_bound(probe);
    if (it == model_.end()) {
      if (c.Valid()) return Mismatch("SeekGE found an entry past the end for", probe);
    } else {
      if (!c.Valid() || !(Traits::FromCursor(c) == it->first)) return Mismatch("SeekGE", probe);
    }
    DDB_RETURN_IF_ERROR(c.SeekLE(Traits::Make(probe)));
    auto ub = model_.upper_bound(probe);
    if (ub == model_.begin()) {
      if (c.Valid()) return Mismatch("SeekLE found an entry before the start for", probe);
    } else {
      --ub;
      if (!c.Valid() || !(Traits::FromCursor(c) == ub->first)) return Mismatch("SeekLE", probe);
      std::string_view v;
      DDB_RETURN_IF_ERROR(c.Value(&v));
      if (v != ub->second) return Mismatch("SeekLE value", probe);
    }
    return Status::OK();
  }

  Status Step(BTree* t, int op) {
    switch (op) {
      case 0: {  // insert
        Key k = Traits::Gen(rng_, &seq_, long_keys_);
        std::string v = ModelValue(rng_);
        Status s = t->Insert(Traits::Make(k), v);
        if (model_.count(k)) {
          if (!s.Is(Code::kConstraint)) return Mismatch("duplicate insert not refused", k);
        } else {
          DDB_RETURN_IF_ERROR(s);
          model_[k] = std::move(v);
        }
        return Status::OK();
      }
      case 1: {  // update
        Key k = PickKey(80);
        std::string v = ModelValue(rng_);
        bool found;
        DDB_RETURN_IF_ERROR(t->Update(Traits::Make(k), v, &found));
        auto it = model_.find(k);
        if (found != (it != model_.end())) return Mismatch("update found", k);
        if (found) it->second = std::move(v);
        return Status::OK();
      }
      case 2: {  // delete
        Key k = PickKey(85);
        bool found;
        DDB_RETURN_IF_ERROR(t->Delete(Traits::Make(k), &found));
        auto it = model_.find(k);
        if (found != (it != model_.end())) return Mismatch("delete found", k);
        if (found) model_.erase(it);
        return Status::OK();
      }
      case 3: {  // point read
        Key k = PickKey(70);
        bool found;
        DDB_RETURN_IF_ERROR(t->Get(Traits::Make(k), &get_buf_, &found));
        auto it = model_.find(k);
        if (found != (it != model_.end())) return Mismatch("get found", k);
        if (found && get_buf_ != it->second) return Mismatch("get value", k);
        return Status::OK();
      }
      default: {  // short range scan, either direction
        Key probe = Traits::Gen(rng_, &seq_probe_, long_keys_);
        BTreeCursor c(t->reader(), root_, Traits::kKind);
        bool forward = rng_() & 1;
        int n = static_cast<int>(rng_() % 30);
        if (forward) {
          DDB_RETURN_IF_ERROR(c.SeekGE(Traits::Make(probe)));
          auto it = model_.lower_bound(probe);
          for (int i = 0; i < n && it != model_.end(); ++i, ++it) {
            if (!c.Valid() || !(Traits::FromCursor(c) == it->first)) return Mismatch("range scan", probe);
            DDB_RETURN_IF_ERROR(c.Next());
          }
        } else {
          DDB_RETURN_IF_ERROR(c.SeekLE(Traits::Make(probe)));
          auto it = model_.upper_bound(probe);
          for (int i = 0; i < n && it != model_.begin(); ++i) {
            --it;
            if (!c.Valid() || !(Traits::FromCursor(c) == it->first)) return Mismatch("reverse range scan", probe);
            DDB_RETURN_IF_ERROR(c.Prev());
          }
        }
        return Status::OK();
      }
    }
  }

  PageWriter* creator_;
  std::mt19937_64 rng_;
  std::map<Key, std::string> model_;
  PageId root_ = kNoPage;
  int64_t seq_ = 1000000000;
  int64_t seq_probe_ = 1000000000;
  bool long_keys_ = false;
  size_t max_entries_ = 0;
  uint32_t max_depth_ = 0;
  size_t tree_pages_ = 0;
  std::string get_buf_;
};

}  // namespace testing
}  // namespace decentdb
