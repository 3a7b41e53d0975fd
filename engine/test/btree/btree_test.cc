// Unit tests for the B+trees and overflow chains: split and collapse boundaries, stable
// root ids, page fill under right-appends, chains at exact page boundaries, record-owned
// field chains, index key limits, cursor edge cases, heap-free point lookups, and damaged
// pages (targeted and random) giving ERR_CORRUPTION with the page id instead of crashing.
#include <atomic>
#include <cstdlib>
#include <map>
#include <new>
#include <random>
#include <string>
#include <vector>

#include "btree/btree.h"
#include "btree/mem_page_store.h"
#include "btree/overflow.h"
#include "harness/test.h"
#include "record/record.h"

using namespace decentdb;

// Counts heap allocations so the point-lookup test can prove it makes none. gcc cannot see
// that these replacements pair malloc with free consistently, hence the pragma. ASan
// brings its own allocator, so sanitizer builds skip the count.
static std::atomic<uint64_t> g_allocations{0};
#ifndef __SANITIZE_ADDRESS__
constexpr bool kCountsAllocations = true;
#pragma GCC diagnostic ignored "-Wmismatched-new-delete"
void* operator new(size_t n) {
  g_allocations.fetch_add(1, std::memory_order_relaxed);
  void* p = std::malloc(n ? n : 1);
  if (p == nullptr) throw std::bad_alloc();
  return p;
}
void* operator new[](size_t n) { return operator new(n); }
void operator delete(void* p) noexcept { std::free(p); }
void operator delete(void* p, size_t) noexcept { std::free(p); }
void operator delete[](void* p) noexcept { std::free(p); }
void operator delete[](void* p, size_t) noexcept { std::free(p); }
#else
constexpr bool kCountsAllocations = false;
#endif

namespace {

std::string Payload(size_t n, uint64_t seed) {
  std::string s(n, '\0');
  for (size_t i = 0; i < n; ++i) s[i] = static_cast<char>((seed * 131 + i * 7) >> 3);
  return s;
}

TreeStats MustVerify(BTree& t) {
  TreeStats st;
  Status s = t.Verify(&st);
  if (!s.ok()) {
    ddbtest::ReportFailure(__FILE__, __LINE__, "Verify: " + s.ToString());
    throw ddbtest::AssertionFailed();
  }
  return st;
}

bool MentionsPage(const Status& s, PageId id) {
  return s.message().find("page " + std::to_string(id)) != std::string::npos;
}

}  // namespace

TEST(BTree, SequentialInsertsFillPagesAlmostCompletely) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kTable, &root));
  BTree t(&store, root, TreeKind::kTable);
  const int kRows = 20000;
  for (int i = 1; i <= kRows; ++i) ASSERT_OK(t.Insert(TreeKey::Rowid(i), Payload(100, i)));
  TreeStats st = MustVerify(t);
  EXPECT_EQ(st.entries, static_cast<uint64_t>(kRows));
  EXPECT_EQ(t.root(), root);
  EXPECT_GE(st.depth, 2u);
  // A leaf cell is 1-3 bytes of rowid, 2 of control, 100 of payload, plus a 2-byte pointer.
  const double needed = kRows * 106.0 / (4092 - 16);
  EXPECT_LT(static_cast<double>(st.tree_pages), needed * 1.06);

  // Random order for contrast: byte-midpoint splits leave pages roughly 70 % full.
  MemPageStore store2;
  PageId root2;
  ASSERT_OK(BTree::Create(&store2, TreeKind::kTable, &root2));
  BTree t2(&store2, root2, TreeKind::kTable);
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::vector<int> order(kRows);
  for (int i = 0; i < kRows; ++i) order[i] = i + 1;
  std::shuffle(order.begin(), order.end(), rng);
  for (int k : order) ASSERT_OK(t2.Insert(TreeKey::Rowid(k), Payload(100, k)));
  TreeStats st2 = MustVerify(t2);
  EXPECT_GT(st2.tree_pages, st.tree_pages);
}

TEST(BTree, MaxSizeCellsSplitExactlyAtTheFifth) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kTable, &root));
  BTree t(&store, root, TreeKind::kTable);
  const uint32_t max_cell = btree_internal::MaxCellSize(4096 - kPageTrailerSize);
  EXPECT_EQ(MaxLocal(4096), max_cell - 13);
  // rowid 0..4 take one varint byte, the control for lengths >= 64 takes two.
  const size_t max_inline = max_cell - 1 - 2;
  for (int i = 0; i < 4; ++i) ASSERT_OK(t.Insert(TreeKey::Rowid(i), Payload(max_inline, i)));
  TreeStats st = MustVerify(t);
  EXPECT_EQ(st.tree_pages, 1u);  // (4 cells + 4 pointers) fill the page to the byte
  EXPECT_EQ(st.overflow_pages, 0u);
  ASSERT_OK(t.Insert(TreeKey::Rowid(4), Payload(max_inline, 4)));
  st = MustVerify(t);
  EXPECT_EQ(st.depth, 2u);
  EXPECT_EQ(st.overflow_pages, 0u);
  // One byte more than max_inline goes to a chain.
  ASSERT_OK(t.Insert(TreeKey::Rowid(5), Payload(max_inline + 1, 5)));
  BTreeCursor c(t);
  ASSERT_OK(c.SeekGE(TreeKey::Rowid(4)));
  ASSERT_TRUE(c.Valid());
  EXPECT_FALSE(c.value_overflows());
  ASSERT_OK(c.Next());
  ASSERT_TRUE(c.Valid());
  EXPECT_TRUE(c.value_overflows());
  std::string_view v;
  ASSERT_OK(c.Value(&v));
  EXPECT_TRUE(v == Payload(max_inline + 1, 5));
  EXPECT_EQ(MustVerify(t).overflow_pages, 1u);
  // A payload of MaxLocal bytes stays inline even behind the longest rowid varint.
  ASSERT_OK(t.Insert(TreeKey::Rowid(INT64_MIN), Payload(MaxLocal(4096), 6)));
  ASSERT_OK(c.First());
  ASSERT_TRUE(c.Valid());
  EXPECT_EQ(c.rowid(), INT64_MIN);
  EXPECT_FALSE(c.value_overflows());
}

TEST(BTree, RootIdStaysAndCollapsesBackToOneLeaf) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kIndex, &root));
  BTree t(&store, root, TreeKind::kIndex);
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::map<std::string, std::string> model;
  while (model.size() < 5000) {
    std::string k(20 + rng() % 300, '\0');
    for (char& ch : k) ch = static_cast<char>(rng());
    if (model.count(k)) continue;
    model[k] = Payload(rng() % 50, rng());
    ASSERT_OK(t.Insert(TreeKey::Bytes(k), model[k]));
  }
  TreeStats st = MustVerify(t);
  EXPECT_GE(st.depth, 2u);
  EXPECT_EQ(st.pages.front(), root);
  {
    // Separators are truncated to the shortest distinguishing prefix: keys of 20-320
    // random bytes need only a few.
    PageRef ref;
    ASSERT_OK(store.Read(root, &ref));
    ASSERT_EQ(ref.data()[0], kPageIndexInterior);
    for (uint32_t i = 0; i < btree_internal::CellCount(ref.data()); ++i) {
      btree_internal::Cell c;
      ASSERT_TRUE(btree_internal::CellAt(ref.data(), store.usable_size(), true, i, &c));
      EXPECT_LT(c.key_len, 8u);
    }
  }
  EXPECT_EQ(st.pages.size(), store.live_pages());
  // Delete in an order that empties pages in the middle, then everything.
  std::vector<std::string> keys;
  for (auto& kv : model) keys.push_back(kv.first);
  std::shuffle(keys.begin(), keys.end(), rng);
  for (size_t i = 0; i < keys.size(); ++i) {
    bool found;
    ASSERT_OK(t.Delete(TreeKey::Bytes(keys[i]), &found));
    ASSERT_TRUE(found);
    if (i % 500 == 0) {
      st = MustVerify(t);
      ASSERT_EQ(st.pages.size(), store.live_pages());
    }
  }
  st = MustVerify(t);
  EXPECT_EQ(st.entries, 0u);
  EXPECT_EQ(st.depth, 1u);
  EXPECT_EQ(store.live_pages(), 1u);
  EXPECT_EQ(t.root(), root);
  EXPECT_EQ(store.violations(), 0u);
}

TEST(Overflow, ChainsAtExactPageBoundaries) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kTable, &root));
  BTree t(&store, root, TreeKind::kTable);
  const size_t cap = OverflowCapacity(store.usable_size());
  const size_t sizes[] = {btree_internal::MaxCellSize(4092) - 2, cap - 1, cap, cap + 1, 2 * cap - 1, 2 * cap, 2 * cap + 1, 3 * cap};
  int64_t rowid = 0;
  for (size_t n : sizes) {
    ++rowid;
    ASSERT_OK(t.Insert(TreeKey::Rowid(rowid), Payload(n, n)));
    TreeStats st = MustVerify(t);
    ASSERT_EQ(st.pages.size(), store.live_pages());
    std::string out;
    bool found;
    ASSERT_OK(t.Get(TreeKey::Rowid(rowid), &out, &found));
    ASSERT_TRUE(found);
    ASSERT_TRUE(out == Payload(n, n));
  }
  TreeStats st = MustVerify(t);
  size_t expect_chain_pages = 0;
  for (size_t n : sizes) expect_chain_pages += (n + cap - 1) / cap;
  EXPECT_EQ(st.overflow_pages, expect_chain_pages);
  // Updating to an inline value frees each chain; deleting frees the rest.
  bool found;
  for (int64_t r = 1; r <= rowid; r += 2) ASSERT_OK(t.Update(TreeKey::Rowid(r), "tiny", &found));
  for (int64_t r = 2; r <= rowid; r += 2) ASSERT_OK(t.Delete(TreeKey::Rowid(r), &found));
  st = MustVerify(t);
  EXPECT_EQ(st.overflow_pages, 0u);
  EXPECT_EQ(store.live_pages(), 1u);
}

TEST(Overflow, DamagedChainsAreCorruptionNamingThePage) {
  MemPageStore store;
  PageId first;
  const uint32_t cap = OverflowCapacity(store.usable_size());
  std::string data = Payload(3 * cap, 9);
  ASSERT_OK(WriteOverflowChain(&store, reinterpret_cast<const uint8_t*>(data.data()), data.size(), &first));
  ASSERT_OK(store.Commit());
  std::vector<PageId> pages;
  ASSERT_OK(CollectOverflowChain(&store, first, data.size(), &pages));
  ASSERT_EQ(pages.size(), 3u);
  std::string out;
  // Wrong length in the referencing cell: too short and too long.
  EXPECT_TRUE(ReadOverflowChain(&store, first, data.size() - 1, &out).Is(Code::kCorruption));
  EXPECT_TRUE(ReadOverflowChain(&store, first, data.size() + 1, &out).Is(Code::kCorruption));
  struct Damage { uint32_t offset; uint8_t value; };
  const Damage damages[] = {{0, kPageTableLeaf}, {8, 0}, {9, 0xFF}, {4, 0}};
  for (const Damage& d : damages) {
    PageId victim = pages[1];
    uint8_t old = store.Peek(victim, d.offset);
    store.Poke(victim, d.offset, d.value);
    Status s = ReadOverflowChain(&store, first, data.size(), &out);
    EXPECT_TRUE(s.Is(Code::kCorruption));
    // A shortened page is noticed where the lengths stop adding up, not necessarily on it.
    EXPECT_TRUE(s.message().find("overflow page ") != std::string::npos);
    if (d.offset == 0 || d.value == 0xFF) EXPECT_TRUE(MentionsPage(s, victim));
    store.Poke(victim, d.offset, old);
  }
  // A cycle: the last page points back to the first.
  store.Poke(pages[2], 4, static_cast<uint8_t>(first));
  store.Poke(pages[2], 5, static_cast<uint8_t>(first >> 8));
  EXPECT_TRUE(ReadOverflowChain(&store, first, data.size(), &out).Is(Code::kCorruption));
  EXPECT_TRUE(FreeOverflowChain(&store, first, data.size()).Is(Code::kCorruption));
  EXPECT_EQ(store.live_pages(), 3u);  // nothing freed from a damaged chain
}

TEST(BTree, RecordTreesOwnTheirFieldChains) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kTable, &root));
  TreeOptions opts;
  opts.records = true;
  BTree t(&store, root, TreeKind::kTable, opts);
  ChainSink sink(&store);
  std::string rec;
  std::string big = Payload(9000, 1), mid = Payload(1500, 2);
  auto encode = [&](int variant) {
    std::vector<ValueRef> fields = {ValueRef::Int64(variant), ValueRef::Text(big),
                                    ValueRef::Blob(mid), ValueRef::Null()};
    if (variant == 2) fields[1] = ValueRef::Text("short");
    Status s = EncodeRecord(fields.data(), fields.size(), MaxLocal(4096), &sink, &rec);
    if (!s.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
  };
  encode(1);
  ASSERT_OK(t.Insert(TreeKey::Rowid(1), rec));
  TreeStats st = MustVerify(t);
  EXPECT_EQ(st.overflow_pages, 3u + 1u);  // 9000 bytes in 3 pages, 1500 in 1
  EXPECT_EQ(st.pages.size(), store.live_pages());
  encode(2);
  bool found;
  ASSERT_OK(t.Update(TreeKey::Rowid(1), rec, &found));
  ASSERT_TRUE(found);
  st = MustVerify(t);
  EXPECT_EQ(st.overflow_pages, 1u);
  EXPECT_EQ(st.pages.size(), store.live_pages());
  // A record too wide even after spilling goes to a chain whole; its fields' chains are
  // still found through it.
  std::vector<std::string> texts;
  std::vector<ValueRef> wide;
  for (int i = 0; i < 300; ++i) wide.push_back(ValueRef::Int64(i * 1000003));
  wide.push_back(ValueRef::Blob(big));
  ASSERT_OK(EncodeRecord(wide.data(), wide.size(), MaxLocal(4096), &sink, &rec));
  ASSERT_GT(rec.size(), MaxLocal(4096));
  ASSERT_OK(t.Insert(TreeKey::Rowid(2), rec));
  st = MustVerify(t);
  EXPECT_EQ(st.pages.size(), store.live_pages());
  ASSERT_OK(t.Delete(TreeKey::Rowid(2), &found));
  ASSERT_OK(t.Drop());
  EXPECT_EQ(store.live_pages(), 0u);
  EXPECT_EQ(store.violations(), 0u);
}

TEST(BTree, IndexKeyLimitAndDuplicates) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kIndex, &root));
  BTree t(&store, root, TreeKind::kIndex);
  const size_t max_key = MaxIndexKeySize(4096);
  EXPECT_GT(max_key, 990u);
  for (int i = 0; i < 50; ++i) {
    std::string k = Payload(max_key, i);
    ASSERT_OK(t.Insert(TreeKey::Bytes(k), Payload(i * 200, i)));  // values up to ~10 KB
  }
  MustVerify(t);
  Status s = t.Insert(TreeKey::Bytes(Payload(max_key + 1, 0)), "");
  EXPECT_TRUE(s.Is(Code::kSql));
  EXPECT_TRUE(std::string(s.sqlstate()) == "54000");
  s = t.Insert(TreeKey::Bytes(Payload(max_key, 7)), "x");
  EXPECT_TRUE(s.Is(Code::kConstraint));
  EXPECT_TRUE(std::string(s.sqlstate()) == "23505");
  // Empty keys are legal and sort first.
  ASSERT_OK(t.Insert(TreeKey::Bytes("", 0), "empty"));
  BTreeCursor c(t);
  ASSERT_OK(c.First());
  ASSERT_TRUE(c.Valid());
  EXPECT_EQ(c.key().size(), 0u);
}

TEST(BTree, CursorEdgesOnEmptyAndTinyTrees) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kTable, &root));
  BTree t(&store, root, TreeKind::kTable);
  BTreeCursor c(t);
  ASSERT_OK(c.First());
  EXPECT_FALSE(c.Valid());
  ASSERT_OK(c.Last());
  EXPECT_FALSE(c.Valid());
  ASSERT_OK(c.SeekGE(TreeKey::Rowid(0)));
  EXPECT_FALSE(c.Valid());
  ASSERT_OK(c.SeekLE(TreeKey::Rowid(0)));
  EXPECT_FALSE(c.Valid());
  ASSERT_OK(t.Insert(TreeKey::Rowid(10), "ten"));
  ASSERT_OK(c.SeekLE(TreeKey::Rowid(9)));
  EXPECT_FALSE(c.Valid());
  ASSERT_OK(c.SeekGE(TreeKey::Rowid(11)));
  EXPECT_FALSE(c.Valid());
  ASSERT_OK(c.SeekLE(TreeKey::Rowid(INT64_MAX)));
  ASSERT_TRUE(c.Valid());
  EXPECT_EQ(c.rowid(), 10);
  ASSERT_OK(c.Prev());
  EXPECT_FALSE(c.Valid());
  ASSERT_OK(c.SeekGE(TreeKey::Rowid(INT64_MIN)));
  ASSERT_TRUE(c.Valid());
  ASSERT_OK(c.Next());
  EXPECT_FALSE(c.Valid());
  bool found;
  ASSERT_OK(t.Update(TreeKey::Rowid(11), "x", &found));
  EXPECT_FALSE(found);
  ASSERT_OK(t.Delete(TreeKey::Rowid(11), &found));
  EXPECT_FALSE(found);
}

TEST(BTree, PointLookupDoesNotAllocate) {
  MemPageStore store;
  PageId root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kTable, &root));
  BTree t(&store, root, TreeKind::kTable);
  for (int i = 0; i < 50000; ++i) ASSERT_OK(t.Insert(TreeKey::Rowid(i * 3), Payload(80, i)));
  BTreeCursor c(t);
  std::mt19937_64 rng(ddbtest::TestSeed());
  uint64_t before = g_allocations.load();
  size_t bytes = 0;
  for (int i = 0; i < 10000; ++i) {
    int64_t k = static_cast<int64_t>(rng() % 50000) * 3;
    Status s = c.SeekGE(TreeKey::Rowid(k));
    std::string_view v;
    if (s.ok() && c.Valid() && c.rowid() == k) s = c.Value(&v);
    if (!s.ok()) break;
    bytes += v.size();
  }
  uint64_t after = g_allocations.load();
  if (kCountsAllocations) EXPECT_EQ(after - before, 0u);
  EXPECT_EQ(bytes, 80u * 10000u);
}

TEST(BTree, DropFreesEveryPageOfEveryTree) {
  MemPageStore store;
  PageId table_root, index_root;
  ASSERT_OK(BTree::Create(&store, TreeKind::kTable, &table_root));
  ASSERT_OK(BTree::Create(&store, TreeKind::kIndex, &index_root));
  BTree table(&store, table_root, TreeKind::kTable);
  BTree index(&store, index_root, TreeKind::kIndex);
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int i = 0; i < 3000; ++i) {
    ASSERT_OK(table.Insert(TreeKey::Rowid(i), Payload(rng() % 6000, i)));
    ASSERT_OK(index.Insert(TreeKey::Bytes(Payload(30, i) + std::to_string(i)), Payload(rng() % 3000, i)));
  }
  TreeStats a = MustVerify(table), b = MustVerify(index);
  EXPECT_EQ(a.pages.size() + b.pages.size(), store.live_pages());
  ASSERT_OK(table.Drop());
  EXPECT_EQ(store.live_pages(), b.pages.size());
  ASSERT_OK(index.Drop());
  EXPECT_EQ(store.live_pages(), 0u);
  EXPECT_EQ(store.violations(), 0u);
}

namespace {

// A two-level table tree for the damage tests, committed so pokes can be re-checksummed.
struct DamageFixture {
  MemPageStore store;
  PageId root = 0;
  DamageFixture() {
    Status s = BTree::Create(&store, TreeKind::kTable, &root);
    BTree t(&store, root, TreeKind::kTable);
    for (int i = 0; s.ok() && i < 3000; ++i) {
      s = t.Insert(TreeKey::Rowid(i), Payload(i % 97 == 0 ? 5000 : 60, i));
    }
    if (s.ok()) s = store.Commit();
    if (!s.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
  }
  // Every read path; returns the first error.
  Status Exercise() {
    BTree t(static_cast<PageReader*>(&store), root, TreeKind::kTable);
    TreeStats st;
    Status v = t.Verify(&st);
    BTreeCursor c(t);
    Status s = c.First();
    int steps = 0;
    while (s.ok() && c.Valid() && steps++ < 10000) {
      std::string_view val;
      s = c.Value(&val);
      if (s.ok()) s = c.Next();
    }
    if (s.ok()) s = c.Last();
    steps = 0;
    while (s.ok() && c.Valid() && steps++ < 10000) s = c.Prev();
    for (int i = 0; s.ok() && i < 3000; i += 7) {
      std::string out;
      bool found;
      s = t.Get(TreeKey::Rowid(i), &out, &found);
    }
    return s.ok() ? v : s;
  }
};

}  // namespace

TEST(BTree, TargetedPageDamageIsCorruptionNamingThePage) {
  DamageFixture f;
  ASSERT_OK(f.Exercise());
  BTree t(&f.store, f.root, TreeKind::kTable);
  TreeStats st = MustVerify(t);
  ASSERT_GE(st.depth, 2u);
  // Find a leaf: the first page after the root that is a table leaf.
  PageId leaf = 0;
  for (PageId id : st.pages) {
    if (id != f.root && f.store.Peek(id, 0) == kPageTableLeaf) { leaf = id; break; }
  }
  ASSERT_NE(leaf, 0u);
  struct Damage { PageId page; uint32_t offset; uint8_t value; };
  const Damage damages[] = {
      {leaf, 0, kPageIndexLeaf},  // wrong page kind
      {leaf, 3, 0x7F},            // cell count far beyond the pointer area
      {leaf, 5, 0x0F},            // content start above the cells
      {leaf, 17, 0x00},           // first cell pointer into the header
      {leaf, 17, 0xFF},           // first cell pointer past the page
      {f.root, 8, static_cast<uint8_t>(f.root)},  // rightmost child points back at the root
      {f.root, 11, 0x7F},         // rightmost child beyond the end of the database
  };
  for (const Damage& d : damages) {
    uint8_t old = f.store.Peek(d.page, d.offset);
    uint8_t old2 = f.store.Peek(d.page, 9);
    if (d.page == f.root && d.offset == 8) f.store.Poke(d.page, 9, static_cast<uint8_t>(f.root >> 8));
    f.store.Poke(d.page, d.offset, d.value);
    Status s = f.Exercise();
    EXPECT_TRUE(s.Is(Code::kCorruption));
    if (!s.Is(Code::kCorruption)) std::fprintf(stderr, "  damage at %u+%u: %s\n", d.page, d.offset, s.ToString().c_str());
    EXPECT_TRUE(s.message().find("page") != std::string::npos);
    f.store.Poke(d.page, d.offset, old);
    f.store.Poke(d.page, 9, old2);
  }
  ASSERT_OK(f.Exercise());
  // Writes into a damaged leaf fail cleanly as well.
  f.store.Poke(leaf, 3, 0x7F);
  BTree w(&f.store, f.root, TreeKind::kTable);
  bool found;
  Status s = w.Delete(TreeKey::Rowid(0), &found);  // rowid 0 lives in the leftmost leaf
  EXPECT_TRUE(s.Is(Code::kCorruption));
  EXPECT_TRUE(MentionsPage(s, leaf));
}

TEST(BTree, RandomPageDamageNeverCrashes) {
  DamageFixture f;
  std::vector<PageId> pages = f.store.LivePages();
  std::mt19937_64 rng(ddbtest::TestSeed());
  int corrupt = 0;
  for (int iter = 0; iter < 400; ++iter) {
    PageId id = pages[rng() % pages.size()];
    // Headers and pointer arrays are where damage bites; aim there half the time.
    uint32_t off = static_cast<uint32_t>(rng() % 2 ? rng() % 64 : rng() % (4096 - kPageTrailerSize));
    uint8_t old = f.store.Peek(id, off);
    f.store.Poke(id, off, static_cast<uint8_t>(rng()));
    Status s = f.Exercise();
    if (!s.ok()) {
      EXPECT_TRUE(s.Is(Code::kCorruption));
      ++corrupt;
    }
    f.store.Poke(id, off, old);
  }
  EXPECT_GT(corrupt, 0);
  ASSERT_OK(f.Exercise());
}

// The answer SearchNode must give, by a linear walk over the cells.
void LinearSearch(const uint8_t* p, uint32_t usable, bool index, int64_t rowid,
                  const std::string& key, uint32_t* pos, bool* eq) {
  const uint32_t n = btree_internal::CellCount(p);
  for (uint32_t i = 0; i < n; ++i) {
    btree_internal::Cell c;
    ASSERT_TRUE(btree_internal::CellAt(p, usable, index, i, &c));
    int cmp = index ? std::string(reinterpret_cast<const char*>(c.key), c.key_len).compare(key) : 0;
    if (!index) cmp = c.rowid < rowid ? -1 : (c.rowid > rowid ? 1 : 0);
    if (cmp >= 0) {
      *pos = i;
      *eq = cmp == 0;
      return;
    }
  }
  *pos = n;
  *eq = false;
}

// Checks every probe key against the linear answer, with no guess and every guess.
void CheckSearchAllGuesses(MemPageStore* store, PageId root, bool index,
                           const std::vector<int64_t>& probes) {
  PageRef ref;
  ASSERT_OK(store->Read(root, &ref));
  const uint32_t n = btree_internal::CellCount(ref.data());
  ASSERT_TRUE(btree_internal::IsLeafType(btree_internal::NodeType(ref.data())));
  for (int64_t probe : probes) {
    std::string key = index ? "k" + std::to_string(probe) : std::string();
    const uint8_t* kp = reinterpret_cast<const uint8_t*>(key.data());
    uint32_t want_pos;
    bool want_eq;
    LinearSearch(ref.data(), store->usable_size(), index, probe, key, &want_pos, &want_eq);
    for (uint32_t guess = 0; guess <= n + 2; ++guess) {
      const uint32_t g = guess == n + 2 ? btree_internal::kNoGuess : guess;
      uint32_t pos = 12345;
      bool eq = !want_eq;
      ASSERT_TRUE(btree_internal::SearchNode(ref.data(), store->usable_size(), index, probe, kp,
                                             key.size(), g, &pos, &eq));
      ASSERT_EQ(pos, want_pos);
      ASSERT_EQ(eq, want_eq);
    }
  }
}

TEST(BTree, SearchGivesTheSameAnswerForEveryGuess) {
  // The guessed first probe, the gallop and the interpolation between a table page's
  // first and last rowids are only shortcuts: every guess must give the linear answer,
  // on sparse and dense rowids, small and large pages, and index keys.
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int round = 0; round < 3; ++round) {
    const bool index = round == 2;
    MemPageStore store;
    PageId root;
    ASSERT_OK(BTree::Create(&store, index ? TreeKind::kIndex : TreeKind::kTable, &root));
    BTree t(&store, root, index ? TreeKind::kIndex : TreeKind::kTable);
    std::vector<int64_t> keys;
    const size_t want = round == 0 ? 30 : 120;  // a leaf root either way
    while (keys.size() < want) {
      // round 0: sparse rowids in [-100, 100); 1: dense rowids with a few gaps; 2: index keys
      int64_t k = round == 1 ? static_cast<int64_t>(keys.size() * 1.1) + 1000
                             : static_cast<int64_t>(rng() % 200) - 100;
      std::string ikey = "k" + std::to_string(k);
      TreeKey tk = index ? TreeKey::Bytes(ikey) : TreeKey::Rowid(k);
      bool found;
      ASSERT_OK(t.Update(tk, "", &found));
      if (!found) {
        ASSERT_OK(t.Insert(tk, "v"));
        keys.push_back(k);
      }
    }
    std::vector<int64_t> probes;
    for (int64_t k : keys) {
      probes.push_back(k - 1);
      probes.push_back(k);
      probes.push_back(k + 1);
    }
    probes.push_back(INT64_MIN);
    probes.push_back(INT64_MAX);
    CheckSearchAllGuesses(&store, root, index, probes);
  }
}

TEST(BTree, GarbagePagesAreCorruptionNotCrashes) {
  // A root page of random bytes with a plausible header: every operation must either
  // work (the bytes happen to be consistent) or report ERR_CORRUPTION.
  std::mt19937_64 rng(ddbtest::TestSeed());
  int corrupt = 0;
  for (int iter = 0; iter < 3000; ++iter) {
    MemPageStore store;
    bool index = rng() & 1;
    PageId root;
    ASSERT_OK(BTree::Create(&store, index ? TreeKind::kIndex : TreeKind::kTable, &root));
    uint8_t* p;
    ASSERT_OK(store.Write(root, &p));
    const uint32_t usable = store.usable_size();
    for (uint32_t i = 0; i < usable; ++i) p[i] = static_cast<uint8_t>(rng() % 4 == 0 ? rng() : rng() % 8);
    p[0] = btree_internal::LeafType(index);
    const uint32_t n = static_cast<uint32_t>(rng() % 40);
    btree_internal::SetCount(p, n);
    btree_internal::SetContentStart(p, 16 + 2 * n + static_cast<uint32_t>(rng() % 200));
    btree_internal::SetFragmented(p, 0);
    for (uint32_t i = 0; i < n; ++i) {
      btree_internal::SetCellPointer(p, i, usable - 1 - static_cast<uint32_t>(rng() % 3000));
    }
    ASSERT_OK(store.Commit());
    BTree t(static_cast<PageReader*>(&store), root, index ? TreeKind::kIndex : TreeKind::kTable);
    TreeStats st;
    Status s = t.Verify(&st);
    BTreeCursor c(t);
    Status s2 = c.First();
    for (int k = 0; s2.ok() && c.Valid() && k < 100; ++k) {
      std::string_view v;
      s2 = c.Value(&v);
      if (s2.ok()) s2 = c.Next();
    }
    if (s2.ok()) s2 = c.SeekLE(TreeKey::Rowid(static_cast<int64_t>(rng())));
    for (const Status* x : {&s, &s2}) {
      if (!x->ok()) {
        EXPECT_TRUE(x->Is(Code::kCorruption));
        ++corrupt;
      }
    }
  }
  EXPECT_GT(corrupt, 1000);
}
