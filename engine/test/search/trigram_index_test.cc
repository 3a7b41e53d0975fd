// Trigram extraction, the chunk codec and postings maintenance against a model: random
// row writes go through TrigramDeltas into a B-tree, and after every statement-sized
// batch every trigram's postings and count must equal the model's (T1-T4 of
// search/trigram.h), and FindCandidates must be a superset of the LIKE matches.
#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "../btree/mem_page_store.h"
#include "btree/btree.h"
#include "harness/test.h"
#include "search/postings.h"
#include "search/trigram.h"
#include "search/trigram_query.h"
#include "util/like.h"
#include "util/utf8.h"

namespace decentdb {
namespace search {
namespace {

std::vector<Trigram> Of(const std::string& s) {
  std::vector<Trigram> out;
  ValueTrigrams(s, &out);
  return out;
}

TEST(Trigram, ExtractsFoldedDistinctTrigrams) {
  EXPECT_TRUE(Of("").empty());
  EXPECT_TRUE(Of("ab").empty());
  std::vector<Trigram> abc = Of("abc");
  ASSERT_EQ(abc.size(), 1u);
  EXPECT_EQ(abc[0], PackTrigram('a', 'b', 'c'));
  EXPECT_TRUE(Of("ABC") == Of("abc"));          // folded
  EXPECT_EQ(Of("aaaa").size(), 1u);              // distinct
  EXPECT_EQ(Of("abcd").size(), 2u);
  // Code points, not bytes: "äöü" is one trigram of three two-byte characters.
  EXPECT_EQ(Of("\xC3\xA4\xC3\xB6\xC3\xBC").size(), 1u);
  EXPECT_TRUE(Of("\xC3\x84\xC3\x96\xC3\x9C") == Of("\xC3\xA4\xC3\xB6\xC3\xBC"));
  // U+212A KELVIN SIGN folds to 'k'.
  EXPECT_TRUE(Of("\xE2\x84\xAA" "ab") == Of("kab"));
}

TEST(Trigram, ChunkCodecRoundTripsAndRejectsDamage) {
  std::vector<int64_t> rows{-5, 0, 1, 200, 70000, INT64_MAX};
  std::string v;
  EncodeChunk(rows.data(), rows.size(), &v);
  EXPECT_EQ(v.size(), ChunkBytes(rows.data(), rows.size()));
  std::vector<int64_t> back;
  ASSERT_TRUE(DecodeChunk(v, rows[0], &back).ok());
  EXPECT_TRUE(back == rows);
  back.clear();
  EXPECT_FALSE(DecodeChunk(v.substr(0, v.size() - 1), rows[0], &back).ok());
  back.clear();
  EXPECT_FALSE(DecodeChunk(std::string(1, '\0'), 0, &back).ok());
  std::string k;
  ChunkKey(PackTrigram('a', 'b', 'c'), -7, &k);
  Trigram t;
  int64_t first;
  ASSERT_TRUE(ParseChunkKey(k, &t, &first).ok());
  EXPECT_EQ(t, PackTrigram('a', 'b', 'c'));
  EXPECT_EQ(first, -7);
  std::string k2;
  ChunkKey(PackTrigram('a', 'b', 'c'), 3, &k2);
  EXPECT_TRUE(k < k2);  // chunks of a trigram sort by first rowid
  std::string c;
  CountKey(PackTrigram('a', 'b', 'c'), &c);
  EXPECT_TRUE(c < k);   // the count entry precedes the chunks
}

// Small alphabets make trigrams collide often, so lists get long and chunks split.
std::string RandomText(std::mt19937_64& rng) {
  static const char* kAlpha[] = {"a", "b", "c", "d", "A", "\xC3\xA4", "\xC3\x84", "\xE2\x84\xAA", "k", " "};
  std::string s;
  size_t n = rng() % 12;
  for (size_t i = 0; i < n; ++i) s += kAlpha[rng() % 10];
  return s;
}

void CheckAgainstModel(MemPageStore* store, PageId root, const std::map<int64_t, std::string>& rows,
                       uint64_t seed) {
  std::map<Trigram, std::vector<int64_t>> want;
  for (const auto& [rowid, text] : rows)
    for (Trigram t : Of(text)) want[t].push_back(rowid);
  TrigramTreeStats stats;
  Status s = VerifyTrigramTree(store, root, &stats);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(stats.trigrams, want.size());
  uint64_t total = 0;
  for (const auto& [t, list] : want) {
    std::vector<int64_t> got;
    ASSERT_TRUE(ReadPostings(store, root, t, &got).ok());
    if (got != list) {
      std::printf("seed %llu: postings of trigram %llu differ\n", static_cast<unsigned long long>(seed),
                  static_cast<unsigned long long>(t));
      ASSERT_TRUE(false);
    }
    uint64_t n = 0;
    ASSERT_TRUE(ReadCount(store, root, t, &n).ok());
    EXPECT_EQ(n, list.size());
    total += list.size();
  }
  EXPECT_EQ(stats.postings, total);
}

TEST(TrigramDeltas, PostingsEqualModelAfterRandomStatements) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    std::mt19937_64 rng(seed);
    MemPageStore store(seed % 2 ? 4096 : 1024);
    PageId root;
    ASSERT_TRUE(BTree::Create(&store, TreeKind::kIndex, &root).ok());
    std::map<int64_t, std::string> rows;
    TrigramDeltas deltas;
    int64_t next = 1;
    for (int stmt = 0; stmt < 120; ++stmt) {
      int n = 1 + static_cast<int>(rng() % (stmt % 10 == 0 ? 400 : 8));
      for (int i = 0; i < n; ++i) {
        int op = static_cast<int>(rng() % 10);
        if (op < 5 || rows.empty()) {  // insert, mostly appending, sometimes below
          int64_t id = (rng() % 8 == 0) ? -static_cast<int64_t>(rng() % 100000) : next++;
          if (rows.count(id)) continue;
          std::string text = RandomText(rng);
          rows[id] = text;
          deltas.AddValue(text, id);
        } else {
          auto it = rows.begin();
          std::advance(it, static_cast<long>(rng() % rows.size()));
          int64_t id = it->first;
          if (op < 8) {  // update in place or move
            std::string text = RandomText(rng);
            std::string_view old_text = it->second, new_text = text;
            int64_t to = id;
            if (op == 7 && !rows.count(next)) to = next++;
            deltas.ChangeValue(&old_text, id, &new_text, to);
            rows.erase(it);
            rows[to] = text;
          } else {
            deltas.RemoveValue(it->second, id);
            rows.erase(it);
          }
        }
      }
      ASSERT_TRUE(deltas.Apply(&store, root).ok());
      EXPECT_TRUE(deltas.empty());
      ASSERT_TRUE(store.Commit().ok());
      if (stmt % 10 == 9) CheckAgainstModel(&store, root, rows, seed);
    }
    CheckAgainstModel(&store, root, rows, seed);
  }
}

TEST(TrigramDeltas, MismatchedChangesAreCorruptionNotCrashes) {
  MemPageStore store;
  PageId root;
  ASSERT_TRUE(BTree::Create(&store, TreeKind::kIndex, &root).ok());
  TrigramDeltas d;
  d.RemoveValue("abc", 1);
  EXPECT_TRUE(d.Apply(&store, root).Is(Code::kCorruption));
  d.Clear();
  d.AddValue("abc", 1);
  ASSERT_TRUE(d.Apply(&store, root).ok());
  d.AddValue("abc", 1);
  EXPECT_TRUE(d.Apply(&store, root).Is(Code::kCorruption));
}

TEST(TrigramQuery, CandidatesContainEveryMatch) {
  std::mt19937_64 rng(99);
  MemPageStore store;
  PageId root;
  ASSERT_TRUE(BTree::Create(&store, TreeKind::kIndex, &root).ok());
  std::map<int64_t, std::string> rows;
  TrigramDeltas d;
  for (int64_t id = 1; id <= 3000; ++id) {
    rows[id] = RandomText(rng) + RandomText(rng);
    d.AddValue(rows[id], id);
  }
  ASSERT_TRUE(d.Apply(&store, root).ok());
  static const char* kPat[] = {"a", "b", "%", "_", "\xC3\xA4", "K", "c", "d"};
  int used = 0;
  for (int i = 0; i < 2000; ++i) {
    std::string p;
    size_t n = rng() % 9;
    for (size_t k = 0; k < n; ++k) p += kPat[rng() % 8];
    bool ilike = rng() % 2;
    LikePattern pat;
    ASSERT_TRUE(LikePattern::Compile(p, LikePattern::kDefaultEscape, ilike, &pat).ok());
    std::vector<std::string> segs;
    FoldedSegments(pat, ilike, &segs);
    TrigramResult res;
    ASSERT_TRUE(FindCandidates(&store, root, segs, rng() % 2 ? 100000 : 50, &res).ok());
    if (res.outcome != TrigramOutcome::kUse) continue;
    ++used;
    std::set<int64_t> cand(res.candidates.begin(), res.candidates.end());
    for (const auto& [id, text] : rows)
      if (pat.Match(text) && !cand.count(id)) {
        std::printf("pattern '%s' (ilike %d) misses row %lld '%s'\n", p.c_str(), ilike,
                    static_cast<long long>(id), text.c_str());
        ASSERT_TRUE(false);
      }
  }
  EXPECT_GT(used, 300);
}

TEST(TrigramQuery, GuardrailsFollowSegmentLengthAndThreshold) {
  MemPageStore store;
  PageId root;
  ASSERT_TRUE(BTree::Create(&store, TreeKind::kIndex, &root).ok());
  TrigramDeltas d;
  for (int64_t id = 1; id <= 100; ++id) d.AddValue(id == 7 ? "common rare" : "common", id);
  ASSERT_TRUE(d.Apply(&store, root).ok());
  TrigramResult r;
  ASSERT_TRUE(FindCandidates(&store, root, {"co", "mm"}, 1000, &r).ok());
  EXPECT_TRUE(r.outcome == TrigramOutcome::kTooShort);
  ASSERT_TRUE(FindCandidates(&store, root, {"common"}, 50, &r).ok());
  EXPECT_TRUE(r.outcome == TrigramOutcome::kUse);  // L = 6 > 5: used even above T
  ASSERT_TRUE(FindCandidates(&store, root, {"comm"}, 50, &r).ok());
  EXPECT_TRUE(r.outcome == TrigramOutcome::kTooBroad);
  EXPECT_EQ(r.rarest, 100u);
  ASSERT_TRUE(FindCandidates(&store, root, {"comm"}, 100, &r).ok());
  EXPECT_TRUE(r.outcome == TrigramOutcome::kUse);
  EXPECT_EQ(r.candidates.size(), 100u);
  ASSERT_TRUE(FindCandidates(&store, root, {"rare"}, 50, &r).ok());
  EXPECT_TRUE(r.outcome == TrigramOutcome::kUse);
  EXPECT_TRUE(r.candidates == std::vector<int64_t>{7});
  ASSERT_TRUE(FindCandidates(&store, root, {"zzz"}, 50, &r).ok());
  EXPECT_TRUE(r.outcome == TrigramOutcome::kUse);
  EXPECT_TRUE(r.candidates.empty());
}

}  // namespace
}  // namespace search
}  // namespace decentdb
