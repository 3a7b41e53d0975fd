// B+trees over the page store (ENGINE.md §5): table trees keyed by int64 rowid and index
// trees keyed by memcmp-ordered byte strings, on slotted pages (btree/node.h). Owns
// insert/update/delete with byte-midpoint splits and the right-append shortcut, stable
// root ids, freeing of emptied pages and overflow chains, cursors with a path stack, tree
// creation, drop, and the verifying walk used by integrity checks.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "btree/node.h"
#include "pager/page_store.h"
#include "util/status.h"

namespace decentdb {

enum class TreeKind : uint8_t { kTable, kIndex };

// A search or insert key: a rowid for table trees, bytes for index trees. Borrowed.
struct TreeKey {
  int64_t rowid = 0;
  const uint8_t* data = nullptr;
  size_t size = 0;

  static TreeKey Rowid(int64_t r) { TreeKey k; k.rowid = r; return k; }
  static TreeKey Bytes(const void* p, size_t n) {
    TreeKey k;
    k.data = static_cast<const uint8_t*>(p);
    k.size = n;
    return k;
  }
  static TreeKey Bytes(std::string_view s) { return Bytes(s.data(), s.size()); }
};

struct TreeOptions {
  // Payloads are ENGINE.md §2.4 records and the tree owns their field chains (tags 7/8):
  // update, delete and drop free them, and Verify reports their pages. A new record must
  // then never share a chain with the one it replaces.
  bool records = false;
};

// What Verify found.
struct TreeStats {
  uint64_t entries = 0;
  uint32_t depth = 0;           // 1 for a lone leaf root
  uint64_t tree_pages = 0;      // b-tree pages
  uint64_t overflow_pages = 0;  // chain pages (cells and, with records, fields)
  std::vector<PageId> pages;    // every page the tree uses, root first
};

constexpr int kMaxTreeDepth = 32;

// ENGINE.md §2.5 max_local: the largest payload (record) a table leaf keeps inline whatever
// its rowid, so callers sizing records with EncodeRecord never trigger a whole-record
// chain by a few bytes. Cells themselves stay within MaxCellSize, a quarter page, so every
// page holds at least 4 cells.
inline uint32_t MaxLocal(uint32_t page_size) {
  return btree_internal::MaxCellSize(page_size - kPageTrailerSize) -
         btree_internal::kMaxTableCellOverhead;
}
// Longest index key; longer keys are ERR_SQL 54000 (ENGINE.md §5.2). A key this long still
// fits a cell together with an overflow reference for its value.
inline uint32_t MaxIndexKeySize(uint32_t page_size) {
  return btree_internal::MaxCellSize(page_size - kPageTrailerSize) -
         btree_internal::kOverflowCellTail - 2;
}

class BTree {
 public:
  // Allocates an empty leaf as the root of a new tree.
  static Status Create(PageWriter* w, TreeKind kind, PageId* out_root);

  // Read-only access (Get, Verify, cursors).
  BTree(PageReader* r, PageId root, TreeKind kind, TreeOptions options = TreeOptions());
  // Read-write access inside one write transaction.
  BTree(PageWriter* w, PageId root, TreeKind kind, TreeOptions options = TreeOptions());

  PageId root() const { return root_; }
  TreeKind kind() const { return kind_; }
  PageReader* reader() const { return reader_; }

  // Adds a new entry. An existing key is ERR_CONSTRAINT 23505; an index key longer than
  // MaxIndexKeySize is ERR_SQL 54000; a payload over 1 GiB is ERR_SQL 54000.
  // REQUIRES: constructed with a PageWriter.
  Status Insert(TreeKey key, std::string_view payload);
  // Replaces the payload of an existing entry; *found is false (and nothing changes) if
  // there is none. The old overflow chain is freed. REQUIRES: a PageWriter.
  Status Update(TreeKey key, std::string_view payload, bool* found);
  // Removes an entry and its chains; an emptied non-root page is freed and unlinked.
  // REQUIRES: a PageWriter.
  Status Delete(TreeKey key, bool* found);
  // Copies the payload of key into *out (reading its chain if it overflows).
  Status Get(TreeKey key, std::string* out, bool* found);

  // Frees every page of the tree, root and chains included. The tree is gone afterwards.
  // REQUIRES: a PageWriter.
  Status Drop();

  // Walks the whole tree checking N1-N4 on every page, key bounds against the parents'
  // separators, page kinds, equal leaf depth, no page reached twice, non-empty non-root
  // pages, and every overflow chain. ERR_CORRUPTION names the page and the problem.
  Status Verify(TreeStats* out);

 private:
  friend class BTreeCursor;
  struct PathEntry {
    PageId id;
    uint16_t index;  // child taken (== count for the rightmost) or cell position in the leaf
    uint16_t count;  // the page's cell count when descended
  };

  bool is_index() const { return kind_ == TreeKind::kIndex; }
  Status Corrupt(PageId id, const std::string& what) const;
  // Fills path_ from the root to the leaf where key belongs.
  Status Descend(const TreeKey& key, bool* found);
  // Encodes the leaf cell for key/payload into leaf_cell_, spilling to a chain if needed.
  Status BuildLeafCell(const TreeKey& key, std::string_view payload);
  // Inserts cell into the page at path_[level] at position pos, splitting upwards.
  Status InsertAt(int level, uint32_t pos, const uint8_t* cell, uint32_t size);
  // Splits the full page at path_[level] (writable at page) around a new cell at pos and
  // leaves the cell for the parent in *parent_cell.
  Status Split(int level, uint8_t* page, uint32_t pos, const uint8_t* cell, uint32_t size,
               std::string* parent_cell);
  // Removes the child entry path_[level].index from an interior page, collapsing upwards.
  Status RemoveChild(int level);
  // Frees the chains a leaf cell owns (its payload chain and, with records, field chains).
  Status FreeCellChains(PageId page, const btree_internal::Cell& c);
  Status CollectCellChains(const btree_internal::Cell& c, TreeStats* out);
  Status VerifyNode(PageId id, uint32_t depth, bool has_lo, const TreeKey& lo, bool has_hi,
                    const TreeKey& hi, std::vector<bool>* seen, uint32_t* leaf_depth,
                    TreeStats* out);
  int CompareCell(const TreeKey& k, const btree_internal::Cell& c) const;
  Status ChildAt(const uint8_t* page, PageId id, uint32_t index, PageId* child) const;

  PageReader* reader_;
  PageWriter* writer_;
  PageId root_;
  TreeKind kind_;
  TreeOptions options_;
  uint32_t usable_;
  uint32_t max_cell_;
  PathEntry path_[kMaxTreeDepth];
  int depth_ = 0;
  // Scratch reused across operations so that steady-state writes do not allocate.
  std::string leaf_cell_;
  std::string parent_cells_[2];
  std::vector<uint8_t> scratch_;   // page copy for splits and defragmentation
  std::vector<uint32_t> cell_offs_;  // split: offsets of the cells in scratch_
  std::string record_buf_;
};

// A position in a tree. Keeps the path from the root (page ids and indexes) and pins only
// the current leaf and its parent. Valid until the tree is modified; after that, seek
// again (a stale cursor stays memory-safe but may skip or repeat entries).
class BTreeCursor {
 public:
  BTreeCursor(PageReader* r, PageId root, TreeKind kind);
  explicit BTreeCursor(const BTree& tree) : BTreeCursor(tree.reader(), tree.root(), tree.kind()) {}

  Status First();
  Status Last();
  // Positions at the first entry >= key (invalid if none).
  Status SeekGE(TreeKey key);
  // Positions at the last entry <= key (invalid if none).
  Status SeekLE(TreeKey key);
  // REQUIRES: Valid().
  Status Next();
  Status Prev();
  // Moves as n calls of Next (forward) or Prev would, stopping when the cursor falls off
  // the end; *moved is how many of them landed on an entry. Steps over a leaf's entries
  // in one move, so it costs a page step per leaf rather than a cell step per entry.
  // REQUIRES: Valid(), n >= 0.
  Status Skip(int64_t n, bool forward, int64_t* moved);

  bool Valid() const { return valid_; }
  // REQUIRES: Valid(); table trees.
  int64_t rowid() const { return cell_.rowid; }
  // REQUIRES: Valid(); index trees. Points into the pinned leaf until the cursor moves.
  std::string_view key() const {
    return std::string_view(reinterpret_cast<const char*>(cell_.key), cell_.key_len);
  }
  // REQUIRES: Valid().
  uint64_t value_size() const { return cell_.payload_len; }
  bool value_overflows() const { return cell_.overflow; }
  // The payload: a view into the leaf, or (overflow) into the cursor's buffer after
  // reading the chain. Valid until the cursor moves. REQUIRES: Valid().
  Status Value(std::string_view* out);
  // Releases the pinned pages; the cursor becomes invalid.
  void Reset();
  // Reset, then read the same tree through r (another transaction of the same database),
  // keeping the cursor's buffers.
  void Rebind(PageReader* r) {
    Reset();
    r_ = r;
    usable_ = r->usable_size();
  }

 private:
  friend class BTree;
  struct Level {
    PageId id;
    uint16_t index;
    uint16_t count;
  };
  enum class Mode { kFirst, kLast, kKey };
  Status Corrupt(PageId id, const std::string& what) const;
  // Descends from page id (at stack depth level) to a leaf, choosing children per mode.
  Status DescendFrom(PageId id, int level, Mode mode, const TreeKey* key, bool* eq);
  // Loads the cell at the leaf's current index and marks the cursor valid.
  Status LoadCell();
  Status StepLeaf(bool forward);

  PageReader* r_;
  PageId root_;
  bool index_;
  uint32_t usable_;
  Level stack_[kMaxTreeDepth];
  int depth_ = 0;
  PageRef leaf_;
  PageRef parent_;  // the last interior page descended through (the leaf's parent)
  PageId parent_id_ = kNoPage;
  btree_internal::Cell cell_;
  bool valid_ = false;
  std::string value_buf_;
};

}  // namespace decentdb
