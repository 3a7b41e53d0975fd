// B+tree operations (ENGINE.md §5.1-5.3): descent, insert with splits, update, delete with
// unlinking of emptied pages, drop, verification and cursors. Page contents are decoded
// only through btree/node.h's checked readers; any damage is ERR_CORRUPTION naming the page.
//
// Tree invariants (on top of node.h's N1-N4):
//  (T1) the root page id never changes: a root split moves its contents to a new child, a
//       root left with a single child absorbs it;
//  (T2) every key in child i of an interior page is in (sep[i-1], sep[i]]; keys in the
//       rightmost child are > sep[count-1]; a separator is the left half's maximum at
//       split time (for index trees, the shortest prefix of the right half's minimum that
//       is above it, when shorter), so later deletes may leave it above the actual maximum;
//  (T3) all leaves are at the same depth;
//  (T4) every leaf other than the root holds at least one cell (emptied leaves are freed);
//       an interior page other than the root has at least one child, possibly only its
//       rightmost one (zero cells); an interior page that loses its last child is freed.
#include "btree/btree.h"

#include <algorithm>
#include <cstring>

#include "btree/overflow.h"
#include "record/record.h"

namespace decentdb {

using namespace btree_internal;

namespace {

int CompareBytes(const uint8_t* a, size_t an, const uint8_t* b, size_t bn) {
  size_t n = an < bn ? an : bn;
  int c = n == 0 ? 0 : std::memcmp(a, b, n);
  if (c != 0) return c;
  return an < bn ? -1 : (an > bn ? 1 : 0);
}

// Appends the key part of a cell (zigzag rowid, or varint length + bytes).
void PutKeyPart(bool index, const TreeKey& k, std::string* out) {
  if (index) {
    PutVarint(out, k.size);
    out->append(reinterpret_cast<const char*>(k.data), k.size);
  } else {
    PutVarint(out, ZigZagEncode(k.rowid));
  }
}

TreeKey CellKey(bool index, const Cell& c) {
  return index ? TreeKey::Bytes(c.key, c.key_len) : TreeKey::Rowid(c.rowid);
}

}  // namespace

// ---------------------------------------------------------------------------------------
// Shared helpers

Status BTree::Create(PageWriter* w, TreeKind kind, PageId* out_root) {
  uint8_t* p;
  DDB_RETURN_IF_ERROR(w->Allocate(out_root, &p));
  InitNode(p, w->usable_size(), LeafType(kind == TreeKind::kIndex));
  return Status::OK();
}

BTree::BTree(PageReader* r, PageId root, TreeKind kind, TreeOptions options)
    : reader_(r), writer_(nullptr), root_(root), kind_(kind), options_(options),
      usable_(r->usable_size()), max_cell_(MaxCellSize(r->usable_size())) {}

BTree::BTree(PageWriter* w, PageId root, TreeKind kind, TreeOptions options)
    : reader_(w), writer_(w), root_(root), kind_(kind), options_(options),
      usable_(w->usable_size()), max_cell_(MaxCellSize(w->usable_size())) {}

Status BTree::Corrupt(PageId id, const std::string& what) const {
  return Status::Corruption("btree page " + std::to_string(id) + " (tree root " +
                            std::to_string(root_) + "): " + what);
}

int BTree::CompareCell(const TreeKey& k, const Cell& c) const {
  if (!is_index()) return k.rowid < c.rowid ? -1 : (k.rowid > c.rowid ? 1 : 0);
  return CompareBytes(k.data, k.size, c.key, c.key_len);
}

Status BTree::ChildAt(const uint8_t* page, PageId id, uint32_t index, PageId* child) const {
  if (index < CellCount(page)) {
    Cell c;
    if (!CellAt(page, usable_, is_index(), index, &c)) return Corrupt(id, "malformed cell");
    *child = c.child;
  } else {
    *child = Rightmost(page);
  }
  if (*child == kNoPage) return Corrupt(id, "null child pointer");
  return Status::OK();
}

Status BTree::Descend(const TreeKey& key, bool* found) {
  PageId id = root_;
  depth_ = 0;
  // While the path stays on the rightmost spine, probe the last cell first: appends (rising
  // rowids, bulk loads) then cost one probe per level instead of a binary search; other
  // keys pay one extra probe, at the root only.
  bool spine = true;
  for (;;) {
    if (depth_ >= kMaxTreeDepth) return Corrupt(id, "tree deeper than the limit (cycle?)");
    PageRef ref;
    DDB_RETURN_IF_ERROR(reader_->Read(id, &ref));
    const uint8_t* p = ref.data();
    if (!CheckNode(p, usable_, is_index())) return Corrupt(id, "bad page header or type");
    uint32_t pos;
    bool eq;
    const uint32_t n = CellCount(p);
    if (!SearchNode(p, usable_, is_index(), key.rowid, key.data, key.size,
                    spine && n > 0 ? n - 1 : kNoGuess, &pos, &eq)) {
      return Corrupt(id, "malformed cell");
    }
    spine = spine && pos == n;
    path_[depth_++] = PathEntry{id, static_cast<uint16_t>(pos), static_cast<uint16_t>(n)};
    if (IsLeafType(NodeType(p))) {
      *found = eq;
      return Status::OK();
    }
    DDB_RETURN_IF_ERROR(ChildAt(p, id, pos, &id));
  }
}

// ---------------------------------------------------------------------------------------
// Chains owned by leaf cells

Status BTree::FreeCellChains(PageId page, const Cell& c) {
  if (options_.records) {
    const uint8_t* rec = c.payload;
    size_t n = c.payload_len;
    if (c.overflow) {
      DDB_RETURN_IF_ERROR(ReadOverflowChain(reader_, c.overflow_page, c.payload_len, &record_buf_));
      rec = reinterpret_cast<const uint8_t*>(record_buf_.data());
    }
    Status s = ForEachOverflowField(rec, n, [&](uint64_t len, uint32_t first) {
      return FreeOverflowChain(writer_, first, len);
    });
    if (s.Is(Code::kCorruption) && s.message().rfind("record:", 0) == 0) {
      return Corrupt(page, s.message());
    }
    DDB_RETURN_IF_ERROR(s);
  }
  if (c.overflow) DDB_RETURN_IF_ERROR(FreeOverflowChain(writer_, c.overflow_page, c.payload_len));
  return Status::OK();
}

Status BTree::CollectCellChains(const Cell& c, TreeStats* out) {
  size_t before = out->pages.size();
  if (c.overflow) {
    DDB_RETURN_IF_ERROR(CollectOverflowChain(reader_, c.overflow_page, c.payload_len, &out->pages));
  }
  if (options_.records) {
    const uint8_t* rec = c.payload;
    if (c.overflow) {
      DDB_RETURN_IF_ERROR(ReadOverflowChain(reader_, c.overflow_page, c.payload_len, &record_buf_));
      rec = reinterpret_cast<const uint8_t*>(record_buf_.data());
    }
    Status s = ForEachOverflowField(rec, c.payload_len, [&](uint64_t len, uint32_t first) {
      return CollectOverflowChain(reader_, first, len, &out->pages);
    });
    if (!s.ok()) return Status::Corruption("record in tree " + std::to_string(root_) + ": " + s.message());
  }
  out->overflow_pages += out->pages.size() - before;
  return Status::OK();
}

// ---------------------------------------------------------------------------------------
// Insert and update

Status BTree::BuildLeafCell(const TreeKey& key, std::string_view payload) {
  if (payload.size() > kMaxValueBytes) return Status::Sql("value too large (over 1 GiB)", "54000");
  if (is_index() && key.size > MaxIndexKeySize(usable_ + kPageTrailerSize)) {
    return Status::Sql("index row too large (key of " + std::to_string(key.size) + " bytes)",
                       "54000");
  }
  leaf_cell_.clear();
  PutKeyPart(is_index(), key, &leaf_cell_);
  uint64_t len = payload.size();
  size_t inline_size = leaf_cell_.size() + VarintLength(len << 1) + len;
  if (inline_size <= max_cell_) {
    PutVarint(&leaf_cell_, len << 1);
    leaf_cell_.append(payload.data(), payload.size());
    return Status::OK();
  }
  PageId first;
  DDB_RETURN_IF_ERROR(WriteOverflowChain(writer_, reinterpret_cast<const uint8_t*>(payload.data()),
                                         payload.size(), &first));
  PutVarint(&leaf_cell_, (len << 1) | 1);
  uint8_t id[4];
  EncodeFixed32(id, first);
  leaf_cell_.append(reinterpret_cast<const char*>(id), 4);
  return Status::OK();
}

Status BTree::Insert(TreeKey key, std::string_view payload) {
  bool found;
  DDB_RETURN_IF_ERROR(Descend(key, &found));
  if (found) {
    return Status::Constraint(is_index() ? "duplicate index key"
                                         : "duplicate rowid " + std::to_string(key.rowid),
                              "23505");
  }
  DDB_RETURN_IF_ERROR(BuildLeafCell(key, payload));
  return InsertAt(depth_ - 1, path_[depth_ - 1].index,
                  reinterpret_cast<const uint8_t*>(leaf_cell_.data()),
                  static_cast<uint32_t>(leaf_cell_.size()));
}

Status BTree::Update(TreeKey key, std::string_view payload, bool* found) {
  DDB_RETURN_IF_ERROR(Descend(key, found));
  if (!*found) return Status::OK();
  DDB_RETURN_IF_ERROR(BuildLeafCell(key, payload));
  const PathEntry& leaf = path_[depth_ - 1];
  uint8_t* p;
  DDB_RETURN_IF_ERROR(writer_->Write(leaf.id, &p));
  Cell old;
  if (!CellAt(p, usable_, is_index(), leaf.index, &old)) return Corrupt(leaf.id, "malformed cell");
  DDB_RETURN_IF_ERROR(FreeCellChains(leaf.id, old));
  RemoveCell(p, leaf.index, old.size);
  return InsertAt(depth_ - 1, leaf.index, reinterpret_cast<const uint8_t*>(leaf_cell_.data()),
                  static_cast<uint32_t>(leaf_cell_.size()));
}

Status BTree::InsertAt(int level, uint32_t pos, const uint8_t* cell, uint32_t size) {
  int which = 0;
  for (;;) {
    PathEntry& e = path_[level];
    uint8_t* p;
    DDB_RETURN_IF_ERROR(writer_->Write(e.id, &p));
    // The page copy is needed only to defragment or split; trees are often constructed
    // per statement or per row, so a plain insert should not pay for allocating it.
    if (GapBytes(p) < size + 2 && scratch_.size() < usable_ + max_cell_) {
      scratch_.resize(usable_ + max_cell_);
    }
    bool fitted;
    if (!InsertCell(p, usable_, is_index(), pos, cell, size, scratch_.data(), &fitted)) {
      return Corrupt(e.id, "malformed cell during defragmentation");
    }
    if (fitted) return Status::OK();
    if (level == 0) {
      // T1: the root keeps its id; its contents move down into a new child.
      if (depth_ >= kMaxTreeDepth) return Status::Internal("b-tree depth limit reached");
      PageId child_id;
      uint8_t* child;
      DDB_RETURN_IF_ERROR(writer_->Allocate(&child_id, &child));
      std::memcpy(child, p, usable_);
      InitNode(p, usable_, InteriorType(is_index()));
      SetRightmost(p, child_id);
      for (int j = depth_; j > 0; --j) path_[j] = path_[j - 1];
      ++depth_;
      path_[0] = PathEntry{root_, 0, 0};
      path_[1].id = child_id;
      level = 1;
      p = child;
    }
    std::string* parent_cell = &parent_cells_[which];
    which ^= 1;  // the next split must not overwrite the cell it is inserting
    DDB_RETURN_IF_ERROR(Split(level, p, pos, cell, size, parent_cell));
    cell = reinterpret_cast<const uint8_t*>(parent_cell->data());
    size = static_cast<uint32_t>(parent_cell->size());
    --level;
    pos = path_[level].index;
  }
}

Status BTree::Split(int level, uint8_t* page, uint32_t pos, const uint8_t* cell, uint32_t size,
                    std::string* parent_cell) {
  const PathEntry& e = path_[level];
  const bool leaf = IsLeafType(NodeType(page));
  const uint32_t n = CellCount(page);
  const uint32_t total = n + 1;
  // Gather the cells, new one included, in a copy so the page can be rebuilt in place.
  if (scratch_.size() < usable_ + max_cell_) scratch_.resize(usable_ + max_cell_);
  if (size > max_cell_) return Status::Internal("b-tree cell larger than max_local");
  uint8_t* copy = scratch_.data();
  std::memcpy(copy, page, usable_);
  std::memcpy(copy + usable_, cell, size);
  cell_offs_.clear();
  uint64_t bytes = 0;
  for (uint32_t i = 0; i < total; ++i) {
    uint32_t off;
    if (i == pos) {
      off = usable_;
    } else {
      off = CellPointer(copy, i < pos ? i : i - 1);
      if (off < ContentStart(copy) || off >= usable_) return Corrupt(e.id, "bad cell pointer");
    }
    cell_offs_.push_back(off);
  }
  auto cell_at = [&](uint32_t i, Cell* c) {
    uint32_t off = cell_offs_[i];
    const uint8_t* limit = off == usable_ ? copy + usable_ + size : copy + usable_;
    return ParseCell(is_index(), leaf, copy + off, limit, c);
  };
  for (uint32_t i = 0; i < total; ++i) {
    Cell c;
    if (!cell_at(i, &c)) return Corrupt(e.id, "malformed cell");
    bytes += c.size + 2;
  }
  if (total < (leaf ? 2u : 3u)) return Corrupt(e.id, "page too full for its cell count");

  // The right-append shortcut applies when the new cell goes after every key in the tree:
  // sequential inserts then leave full pages behind instead of half-full ones.
  bool rightmost_path = pos == n;
  for (int j = 0; j < level && rightmost_path; ++j) rightmost_path = path_[j].index == path_[j].count;
  uint32_t m;  // leaf: left = [0, m); interior: left = [0, m), cell m goes up
  if (rightmost_path) {
    m = leaf ? total - 1 : total - 2;
  } else {
    uint64_t acc = 0;
    m = 0;
    while (m < total && acc * 2 < bytes) {
      Cell c;
      cell_at(m, &c);
      acc += c.size + 2;
      ++m;
    }
    if (m < 1) m = 1;
    uint32_t max_m = leaf ? total - 1 : total - 2;
    if (m > max_m) m = max_m;
  }

  PageId left_id;
  uint8_t* left;
  DDB_RETURN_IF_ERROR(writer_->Allocate(&left_id, &left));
  const uint8_t type = NodeType(copy);
  const PageId old_rightmost = Rightmost(copy);
  InitNode(left, usable_, type);
  InitNode(page, usable_, type);
  auto put = [&](uint8_t* dst, uint32_t i) -> Status {
    Cell c;
    cell_at(i, &c);
    bool fitted;
    InsertCell(dst, usable_, is_index(), CellCount(dst), copy + cell_offs_[i], c.size, nullptr,
               &fitted);
    if (!fitted) return Status::Internal("b-tree split produced an overfull page");
    return Status::OK();
  };
  for (uint32_t i = 0; i < m; ++i) DDB_RETURN_IF_ERROR(put(left, i));
  Cell sep;
  if (leaf) {
    for (uint32_t i = m; i < total; ++i) DDB_RETURN_IF_ERROR(put(page, i));
    cell_at(m - 1, &sep);  // T2: the separator is the largest key on the left
    if (is_index()) {
      // Suffix truncation (ENGINE.md §5.2): any s with left max <= s < right min routes
      // correctly, and the shortest such prefix of the right key keeps interior pages wide.
      Cell right;
      cell_at(m, &right);
      uint32_t common = 0;
      while (common < sep.key_len && common < right.key_len &&
             sep.key[common] == right.key[common]) {
        ++common;
      }
      if (common < sep.key_len && common + 1 < right.key_len) {
        sep.key = right.key;
        sep.key_len = common + 1;
      }
    }
  } else {
    cell_at(m, &sep);
    SetRightmost(left, sep.child);
    for (uint32_t i = m + 1; i < total; ++i) DDB_RETURN_IF_ERROR(put(page, i));
    SetRightmost(page, old_rightmost);
  }
  parent_cell->clear();
  uint8_t child[4];
  EncodeFixed32(child, left_id);
  parent_cell->append(reinterpret_cast<const char*>(child), 4);
  PutKeyPart(is_index(), CellKey(is_index(), sep), parent_cell);
  return Status::OK();
}

// ---------------------------------------------------------------------------------------
// Delete

Status BTree::Delete(TreeKey key, bool* found) {
  DDB_RETURN_IF_ERROR(Descend(key, found));
  if (!*found) return Status::OK();
  const int level = depth_ - 1;
  const PathEntry& leaf = path_[level];
  uint8_t* p;
  DDB_RETURN_IF_ERROR(writer_->Write(leaf.id, &p));
  Cell c;
  if (!CellAt(p, usable_, is_index(), leaf.index, &c)) return Corrupt(leaf.id, "malformed cell");
  DDB_RETURN_IF_ERROR(FreeCellChains(leaf.id, c));
  RemoveCell(p, leaf.index, c.size);
  if (CellCount(p) > 0 || level == 0) return Status::OK();
  DDB_RETURN_IF_ERROR(writer_->Free(leaf.id));
  return RemoveChild(level - 1);
}

Status BTree::RemoveChild(int level) {
  for (;;) {
    const PathEntry& e = path_[level];
    uint8_t* p;
    DDB_RETURN_IF_ERROR(writer_->Write(e.id, &p));
    uint32_t n = CellCount(p);
    if (n == 0) {
      // A zero-cell interior page just lost its only child: it is empty now (T4).
      if (level == 0) {
        InitNode(p, usable_, LeafType(is_index()));
        return Status::OK();
      }
      DDB_RETURN_IF_ERROR(writer_->Free(e.id));
      --level;
      continue;
    }
    uint32_t idx = e.index < n ? e.index : n - 1;
    Cell c;
    if (!CellAt(p, usable_, is_index(), idx, &c)) return Corrupt(e.id, "malformed cell");
    // Removing the rightmost child promotes the last cell's child to rightmost; its
    // separator goes, and T2 still holds because the parent's bound covers the range.
    if (e.index >= n) SetRightmost(p, c.child);
    RemoveCell(p, idx, c.size);
    if (n > 1 || level > 0) return Status::OK();
    // T1: a root left with a single child absorbs it, repeatedly if that child is itself
    // an interior page with a single child. Only the root may do this: folding a lower
    // page into its parent's slot would shorten one subtree and break T3.
    PageId only = Rightmost(p);
    for (;;) {
      PageRef ref;
      DDB_RETURN_IF_ERROR(reader_->Read(only, &ref));
      if (!CheckNode(ref.data(), usable_, is_index())) return Corrupt(only, "bad page header or type");
      std::memcpy(p, ref.data(), usable_);
      ref.Release();
      DDB_RETURN_IF_ERROR(writer_->Free(only));
      if (IsLeafType(NodeType(p)) || CellCount(p) > 0) return Status::OK();
      only = Rightmost(p);
    }
  }
}

// ---------------------------------------------------------------------------------------
// Point lookup, drop, verify

Status BTree::Get(TreeKey key, std::string* out, bool* found) {
  BTreeCursor cur(reader_, root_, kind_);
  DDB_RETURN_IF_ERROR(cur.SeekGE(key));
  *found = false;
  if (!cur.Valid()) return Status::OK();
  if (is_index() ? CompareBytes(key.data, key.size, cur.cell_.key, cur.cell_.key_len) != 0
                 : cur.rowid() != key.rowid) {
    return Status::OK();
  }
  *found = true;
  if (cur.value_overflows()) {
    return ReadOverflowChain(reader_, cur.cell_.overflow_page, cur.cell_.payload_len, out);
  }
  out->assign(reinterpret_cast<const char*>(cur.cell_.payload), cur.cell_.payload_len);
  return Status::OK();
}

Status BTree::Drop() {
  std::vector<PageId> stack{root_};
  std::vector<bool> seen(reader_->page_count() + 1u, false);
  while (!stack.empty()) {
    PageId id = stack.back();
    stack.pop_back();
    if (id >= seen.size() || seen[id]) return Corrupt(id, "page reached twice or out of range");
    seen[id] = true;
    PageRef ref;
    DDB_RETURN_IF_ERROR(reader_->Read(id, &ref));
    const uint8_t* p = ref.data();
    if (!CheckNode(p, usable_, is_index())) return Corrupt(id, "bad page header or type");
    uint32_t n = CellCount(p);
    bool leaf = IsLeafType(NodeType(p));
    for (uint32_t i = 0; i < n; ++i) {
      Cell c;
      if (!CellAt(p, usable_, is_index(), i, &c)) return Corrupt(id, "malformed cell");
      if (leaf) {
        DDB_RETURN_IF_ERROR(FreeCellChains(id, c));
      } else {
        stack.push_back(c.child);
      }
    }
    if (!leaf) stack.push_back(Rightmost(p));
    ref.Release();
    DDB_RETURN_IF_ERROR(writer_->Free(id));
  }
  return Status::OK();
}

Status BTree::Verify(TreeStats* out) {
  *out = TreeStats();
  std::vector<bool> seen(reader_->page_count() + 1u, false);
  uint32_t leaf_depth = 0;
  TreeKey none;
  DDB_RETURN_IF_ERROR(VerifyNode(root_, 1, false, none, false, none, &seen, &leaf_depth, out));
  out->depth = leaf_depth;
  return Status::OK();
}

Status BTree::VerifyNode(PageId id, uint32_t depth, bool has_lo, const TreeKey& lo, bool has_hi,
                         const TreeKey& hi, std::vector<bool>* seen, uint32_t* leaf_depth,
                         TreeStats* out) {
  if (depth > static_cast<uint32_t>(kMaxTreeDepth)) return Corrupt(id, "tree too deep");
  if (id == kNoPage || id >= seen->size()) return Corrupt(id, "page id out of range");
  if ((*seen)[id]) return Corrupt(id, "page reached twice");
  (*seen)[id] = true;
  out->pages.push_back(id);
  ++out->tree_pages;
  PageRef ref;
  DDB_RETURN_IF_ERROR(reader_->Read(id, &ref));
  const uint8_t* p = ref.data();
  if (!CheckNode(p, usable_, is_index())) return Corrupt(id, "bad page header or type");
  const uint32_t n = CellCount(p);
  const bool leaf = IsLeafType(NodeType(p));
  if (n == 0 && leaf && id != root_) return Corrupt(id, "empty non-root leaf");
  if (leaf) {
    if (*leaf_depth == 0) *leaf_depth = depth;
    if (*leaf_depth != depth) return Corrupt(id, "leaves at different depths");
  } else if (Rightmost(p) == kNoPage) {
    return Corrupt(id, "interior page without rightmost child");
  }
  // N2/N3: cells inside the content area, not overlapping, accounting for every byte.
  std::vector<std::pair<uint32_t, uint32_t>> spans;
  std::vector<Cell> cells(n);
  for (uint32_t i = 0; i < n; ++i) {
    if (!CellAt(p, usable_, is_index(), i, &cells[i])) return Corrupt(id, "malformed cell");
    spans.emplace_back(CellPointer(p, i), cells[i].size);
  }
  std::sort(spans.begin(), spans.end());
  uint64_t used = 0;
  for (size_t i = 0; i < spans.size(); ++i) {
    if (i > 0 && spans[i - 1].first + spans[i - 1].second > spans[i].first) {
      return Corrupt(id, "overlapping cells");
    }
    used += spans[i].second;
  }
  if (used + Fragmented(p) != usable_ - ContentStart(p)) return Corrupt(id, "free space accounting");
  // N4 and T2.
  for (uint32_t i = 0; i < n; ++i) {
    TreeKey k = CellKey(is_index(), cells[i]);
    if (i > 0 && CompareCell(k, cells[i - 1]) <= 0) return Corrupt(id, "keys out of order");
    if (has_lo) {
      int c = is_index() ? CompareBytes(k.data, k.size, lo.data, lo.size)
                         : (k.rowid < lo.rowid ? -1 : (k.rowid > lo.rowid ? 1 : 0));
      if (c <= 0) return Corrupt(id, "key not above the parent's lower separator");
    }
    if (has_hi) {
      int c = is_index() ? CompareBytes(k.data, k.size, hi.data, hi.size)
                         : (k.rowid < hi.rowid ? -1 : (k.rowid > hi.rowid ? 1 : 0));
      if (c > 0) return Corrupt(id, "key above the parent's separator");
    }
  }
  if (leaf) {
    out->entries += n;
    for (uint32_t i = 0; i < n; ++i) DDB_RETURN_IF_ERROR(CollectCellChains(cells[i], out));
    return Status::OK();
  }
  // Children are verified with this page still pinned, so the separators stay valid.
  for (uint32_t i = 0; i <= n; ++i) {
    bool child_has_lo = i > 0 ? true : has_lo;
    TreeKey child_lo = i > 0 ? CellKey(is_index(), cells[i - 1]) : lo;
    bool child_has_hi = i < n ? true : has_hi;
    TreeKey child_hi = i < n ? CellKey(is_index(), cells[i]) : hi;
    PageId child = i < n ? cells[i].child : Rightmost(p);
    DDB_RETURN_IF_ERROR(VerifyNode(child, depth + 1, child_has_lo, child_lo, child_has_hi,
                                   child_hi, seen, leaf_depth, out));
  }
  return Status::OK();
}

// ---------------------------------------------------------------------------------------
// Cursor

BTreeCursor::BTreeCursor(PageReader* r, PageId root, TreeKind kind)
    : r_(r), root_(root), index_(kind == TreeKind::kIndex), usable_(r->usable_size()) {}

Status BTreeCursor::Corrupt(PageId id, const std::string& what) const {
  return Status::Corruption("btree page " + std::to_string(id) + " (tree root " +
                            std::to_string(root_) + "): " + what);
}

void BTreeCursor::Reset() {
  leaf_.Release();
  parent_.Release();
  valid_ = false;
  depth_ = 0;
}

namespace {

// Decoded table interior pages (PageRef::side_data): words [0] = cell count n, [1, n] =
// the cells' rowids, then the n + 1 children (the cells' and the rightmost) as 32-bit
// page ids, two to a word: 12 bytes a cell, about the size of the page itself. A page
// is decoded on its kDecodeAfterHits-th read from the reader's memo; until then the
// side data is one word counting those reads (a decoded page has at least two words).
constexpr uint64_t kDecodeAfterHits = 3;

bool DecodeTableInterior(const uint8_t* p, uint32_t usable, PageSideData* side) {
  const uint32_t n = CellCount(p);
  side->assign(1 + n + (n + 2) / 2, 0);
  uint64_t* w = side->data();
  w[0] = n;
  uint8_t* children = reinterpret_cast<uint8_t*>(w + 1 + n);
  for (uint32_t i = 0; i < n; ++i) {
    Cell c;
    if (!CellAt(p, usable, false, i, &c)) {
      side->clear();
      return false;
    }
    w[1 + i] = static_cast<uint64_t>(c.rowid);
    std::memcpy(children + 4 * i, &c.child, 4);
  }
  const PageId right = Rightmost(p);
  std::memcpy(children + 4 * n, &right, 4);
  return true;
}

// Child i (0 .. n) of a decoded page.
inline PageId DecodedChild(const uint64_t* w, uint32_t n, uint32_t i) {
  PageId id;
  std::memcpy(&id, reinterpret_cast<const uint8_t*>(w + 1 + n) + 4 * i, 4);
  return id;
}

// Position of the first rowid >= key among the n sorted rowids at k (n if none).
inline uint32_t LowerBound(const int64_t* k, uint32_t n, int64_t key) {
  const int64_t* base = k;
  uint32_t len = n;
  while (len > 1) {
    uint32_t half = len / 2;
    base = base[half - 1] < key ? base + half : base;
    len -= half;
  }
  return static_cast<uint32_t>(base - k) + (len == 1 && *base < key ? 1 : 0);
}

// Position of the first rowid >= key in a decoded page: like SearchNode, it starts where
// the key falls between the page's bounds (dense rowids put it there exactly), so a
// lookup touches a line or two of the array rather than every line a bisection visits.
inline uint32_t SearchDecoded(const int64_t* k, uint32_t n, int64_t key, bool bounded, int64_t lo, int64_t hi) {
  if (n < 2) return LowerBound(k, n, key);
  uint32_t g;
  if (bounded && lo < key && key <= hi) {
    g = GuessPosition(key, lo, hi, n);
  } else if (k[0] < key && key <= k[n - 1]) {
    g = 1 + GuessPosition(key, k[0], k[n - 1], n - 1);
  } else {
    return key <= k[0] ? 0 : n;
  }
  if (k[g] >= key) return g == 0 || k[g - 1] < key ? g : LowerBound(k, g, key);
  if (g + 1 >= n || k[g + 1] >= key) return g + 1;
  return g + 1 + LowerBound(k + g + 1, n - g - 1, key);
}

}  // namespace

Status BTreeCursor::DescendFrom(PageId id, int level, Mode mode, const TreeKey* key, bool* eq) {
  valid_ = false;
  // Key bounds of the current page from its parents' separators (T2), for GuessPosition.
  bool has_lo = false, has_hi = false;
  int64_t lo = 0, hi = 0;
  for (;;) {
    *eq = false;  // only the leaf's answer matters
    if (level >= kMaxTreeDepth) return Corrupt(id, "tree deeper than the limit (cycle?)");
    PageRef ref;
    DDB_RETURN_IF_ERROR(r_->Read(id, &ref));
    const uint8_t* p = ref.data();
    if (!CheckNode(p, usable_, index_)) return Corrupt(id, "bad page header or type");
    const uint32_t n = CellCount(p);
    const bool leaf = IsLeafType(NodeType(p));
    uint32_t pos;
    PageSideData* side = leaf || index_ || mode == Mode::kFirst || mode == Mode::kLast ? nullptr : ref.side_data();
    if (side != nullptr && side->size() < 2) {  // not decoded yet: count the read
      if (side->empty()) side->push_back(0);
      if (++(*side)[0] >= kDecodeAfterHits && !DecodeTableInterior(p, usable_, side)) {
        return Corrupt(id, "malformed cell");
      }
      if (side->size() < 2) side = nullptr;
    }
    if (side != nullptr) {
      // The decoded page (the memo's side data): a search over a rowid array.
      const uint64_t* w = side->data();
      if (w[0] != n) return Corrupt(id, "decoded interior page does not match its image");
      const int64_t* keys = reinterpret_cast<const int64_t*>(w + 1);
      *eq = false;
      pos = SearchDecoded(keys, n, key->rowid, has_lo && has_hi, lo, hi);
      stack_[level] = Level{id, static_cast<uint16_t>(pos), static_cast<uint16_t>(n)};
      depth_ = level + 1;
      has_hi = pos < n;
      if (has_hi) hi = keys[pos];
      has_lo = pos > 0;
      if (has_lo) lo = keys[pos - 1];
      id = DecodedChild(w, n, pos);
      if (id == kNoPage) return Corrupt(stack_[level].id, "null child pointer");
      parent_ = std::move(ref);
      parent_id_ = stack_[level].id;
      ++level;
      continue;
    }
    if (mode == Mode::kFirst) {
      pos = 0;
    } else if (mode == Mode::kLast) {
      pos = leaf ? (n == 0 ? 0 : n - 1) : n;
    } else {
      uint32_t guess = kNoGuess;
      if (!index_ && has_lo && has_hi && lo < key->rowid && key->rowid <= hi) {
        guess = GuessPosition(key->rowid, lo, hi, n);
      }
      if (!SearchNode(p, usable_, index_, key->rowid, key->data, key->size, guess, &pos, eq)) {
        return Corrupt(id, "malformed cell");
      }
    }
    stack_[level] = Level{id, static_cast<uint16_t>(pos), static_cast<uint16_t>(n)};
    depth_ = level + 1;
    if (leaf) {
      leaf_ = std::move(ref);
      return Status::OK();
    }
    Cell c;
    if (pos < n) {
      if (!CellAt(p, usable_, index_, pos, &c)) return Corrupt(id, "malformed cell");
      id = c.child;
      has_hi = true;
      hi = c.rowid;
    } else {
      id = Rightmost(p);
    }
    if (pos > 0 && !index_) {
      Cell left;
      if (!CellAt(p, usable_, index_, pos - 1, &left)) return Corrupt(stack_[level].id, "malformed cell");
      has_lo = true;
      lo = left.rowid;
    }
    if (id == kNoPage) return Corrupt(stack_[level].id, "null child pointer");
    // Keep the leaf's parent pinned: stepping to the next leaf then needs no lookup.
    parent_ = std::move(ref);
    parent_id_ = stack_[level].id;
    ++level;
  }
}

Status BTreeCursor::LoadCell() {
  const Level& l = stack_[depth_ - 1];
  if (!CellAt(leaf_.data(), usable_, index_, l.index, &cell_)) return Corrupt(l.id, "malformed cell");
  valid_ = true;
  return Status::OK();
}

// Moves to the first cell of the next leaf (forward) or the last of the previous one,
// skipping empty leaves; invalid at either end of the tree.
Status BTreeCursor::StepLeaf(bool forward) {
  valid_ = false;
  leaf_.Release();
  int level = depth_ - 2;
  while (level >= 0) {
    Level& l = stack_[level];
    PageRef ref;
    if (level == depth_ - 2 && parent_.valid() && parent_id_ == l.id) {
      ref = parent_;
    } else {
      DDB_RETURN_IF_ERROR(r_->Read(l.id, &ref));
    }
    const uint8_t* p = ref.data();
    if (!CheckNode(p, usable_, index_) || IsLeafType(NodeType(p))) {
      return Corrupt(l.id, "bad page header or type");
    }
    l.count = CellCount(p);
    bool can_move = forward ? l.index < l.count : l.index > 0;
    if (!can_move) {
      --level;
      continue;
    }
    l.index = static_cast<uint16_t>(forward ? l.index + 1 : l.index - 1);
    PageId child;
    if (l.index < l.count) {
      Cell c;
      if (!CellAt(p, usable_, index_, l.index, &c)) return Corrupt(l.id, "malformed cell");
      child = c.child;
    } else {
      child = Rightmost(p);
    }
    if (child == kNoPage) return Corrupt(l.id, "null child pointer");
    ref.Release();
    bool eq;
    DDB_RETURN_IF_ERROR(DescendFrom(child, level + 1, forward ? Mode::kFirst : Mode::kLast, nullptr, &eq));
    if (stack_[depth_ - 1].count > 0) return LoadCell();
    // An empty leaf (only a damaged tree has one below the root): keep going.
    leaf_.Release();
    level = depth_ - 2;
  }
  depth_ = 0;
  return Status::OK();
}

Status BTreeCursor::First() {
  bool eq;
  DDB_RETURN_IF_ERROR(DescendFrom(root_, 0, Mode::kFirst, nullptr, &eq));
  if (stack_[depth_ - 1].count > 0) return LoadCell();
  return StepLeaf(true);
}

Status BTreeCursor::Last() {
  bool eq;
  DDB_RETURN_IF_ERROR(DescendFrom(root_, 0, Mode::kLast, nullptr, &eq));
  if (stack_[depth_ - 1].count > 0) return LoadCell();
  return StepLeaf(false);
}

Status BTreeCursor::SeekGE(TreeKey key) {
  bool eq;
  DDB_RETURN_IF_ERROR(DescendFrom(root_, 0, Mode::kKey, &key, &eq));
  Level& l = stack_[depth_ - 1];
  if (l.index < l.count) return LoadCell();
  return StepLeaf(true);
}

Status BTreeCursor::SeekLE(TreeKey key) {
  bool eq;
  DDB_RETURN_IF_ERROR(DescendFrom(root_, 0, Mode::kKey, &key, &eq));
  Level& l = stack_[depth_ - 1];
  if (eq) return LoadCell();
  if (l.index > 0) {
    --l.index;
    return LoadCell();
  }
  return StepLeaf(false);
}

Status BTreeCursor::Next() {
  Level& l = stack_[depth_ - 1];
  if (l.index + 1u < l.count) {
    ++l.index;
    return LoadCell();
  }
  return StepLeaf(true);
}

Status BTreeCursor::Prev() {
  Level& l = stack_[depth_ - 1];
  if (l.index > 0) {
    --l.index;
    return LoadCell();
  }
  return StepLeaf(false);
}

Status BTreeCursor::Skip(int64_t n, bool forward, int64_t* moved) {
  *moved = 0;
  while (valid_ && *moved < n) {
    Level& l = stack_[depth_ - 1];
    // Entries after the current one, in the direction of travel, within this leaf.
    const int64_t here = forward ? static_cast<int64_t>(l.count) - 1 - l.index : l.index;
    const int64_t want = n - *moved;
    if (want <= here) {
      l.index = static_cast<uint16_t>(forward ? l.index + want : l.index - want);
      *moved = n;
      return LoadCell();
    }
    // Past this leaf's last entry: the step onto the neighbour leaf is one more move.
    l.index = static_cast<uint16_t>(forward ? l.count - 1 : 0);
    *moved += here;
    DDB_RETURN_IF_ERROR(StepLeaf(forward));
    if (valid_) ++*moved;
  }
  return Status::OK();
}

Status BTreeCursor::Value(std::string_view* out) {
  if (!cell_.overflow) {
    *out = std::string_view(reinterpret_cast<const char*>(cell_.payload), cell_.payload_len);
    return Status::OK();
  }
  DDB_RETURN_IF_ERROR(ReadOverflowChain(r_, cell_.overflow_page, cell_.payload_len, &value_buf_));
  *out = value_buf_;
  return Status::OK();
}

}  // namespace decentdb
