// Recovery-scan tests for wal/wal.h: the log ends at the first torn, garbage, stale-salt
// or out-of-sequence frame, and only complete transactions reach the walIndex
// ((W1)-(W4), (X1)). Rules: ENGINE.md §3.5.
#include <cstring>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "harness/test.h"
#include "util/coding.h"
#include "vfs/fault_vfs.h"
#include "wal/wal.h"

using namespace decentdb;

namespace {

constexpr uint32_t kPs = 4096;
const std::string kPath = "t.db.wal";

std::vector<uint8_t> PageFor(uint32_t page, uint64_t txn) {
  std::vector<uint8_t> p(kPs);
  for (uint32_t i = 0; i < kPs; ++i) p[i] = static_cast<uint8_t>(page * 31 + txn * 7 + i);
  return p;
}

struct Log {
  std::unique_ptr<Vfs> vfs = NewMemoryVfs();
  // end offset of each committed transaction, by lsn (1-based)
  std::vector<uint64_t> commit_end{0};
  std::vector<std::vector<uint32_t>> txn_pages{{}};
};

// Writes n transactions; transaction t touches pages t%5+2 .. t%5+2+t%3.
void WriteTxns(Log* log, int n, std::unique_ptr<Wal>* keep = nullptr) {
  WalIndex index;
  std::unique_ptr<Wal> wal;
  WalRecovery rec;
  ASSERT_OK(Wal::Open(log->vfs.get(), kPath, kPs, false, WalSyncPolicy(), &index, &wal, &rec));
  uint64_t lsn = rec.last_commit_lsn;
  for (int t = 0; t < n; ++t) {
    ++lsn;
    std::vector<std::vector<uint8_t>> imgs;
    std::vector<Wal::PageImage> pages;
    std::vector<uint32_t> ids;
    for (uint32_t p = 2 + lsn % 5; p <= 2 + lsn % 5 + lsn % 3; ++p) {
      imgs.push_back(PageFor(p, lsn));
      ids.push_back(p);
    }
    for (size_t i = 0; i < imgs.size(); ++i) pages.push_back(Wal::PageImage{ids[i], imgs[i].data()});
    std::vector<uint64_t> offsets;
    ASSERT_OK(wal->AppendTransaction(pages, lsn, 10, &offsets));
    log->commit_end.push_back(wal->frame_bytes() + kWalHeaderSize);
    log->txn_pages.push_back(ids);
  }
  if (keep) *keep = std::move(wal);
}

WalRecovery Recover(Log* log, WalIndex* index) {
  std::unique_ptr<Wal> wal;
  WalRecovery rec;
  Status s = Wal::Open(log->vfs.get(), kPath, kPs, true, WalSyncPolicy(), index, &wal, &rec);
  if (!s.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
  return rec;
}

void Damage(Log* log, uint64_t offset, uint8_t xor_mask) {
  std::unique_ptr<File> f;
  ASSERT_OK(log->vfs->Open(kPath, OpenFlags(), &f));
  uint8_t b = 0;
  size_t got = 0;
  ASSERT_OK(f->ReadAt(offset, &b, 1, &got));
  b ^= xor_mask;
  ASSERT_OK(f->WriteAt(offset, &b, 1));
}

void TruncateLog(Log* log, uint64_t size) {
  std::unique_ptr<File> f;
  ASSERT_OK(log->vfs->Open(kPath, OpenFlags(), &f));
  ASSERT_OK(f->Truncate(size));
}

// Index holds exactly the pages of transactions 1..last (newest version per lsn).
void ExpectIndexUpTo(Log* log, WalIndex* index, uint64_t last) {
  for (uint64_t t = 1; t < log->txn_pages.size(); ++t) {
    for (uint32_t p : log->txn_pages[t]) {
      WalVersion v;
      bool found = index->Lookup(p, t, &v) && v.lsn == t;
      EXPECT_EQ(found, t <= last);
    }
  }
}

// Recovery ends the log right after transaction last, with exactly its pages indexed.
void ExpectRecoversUpTo(Log* log, uint64_t last) {
  WalIndex index;
  WalRecovery rec = Recover(log, &index);
  EXPECT_EQ(rec.last_commit_lsn, last);
  EXPECT_EQ(rec.end_offset, log->commit_end[last]);
  ExpectIndexUpTo(log, &index, last);
}

}  // namespace

TEST(WalRecovery, FindsEveryCommittedTransaction) {
  Log log;
  WriteTxns(&log, 6);
  WalIndex index;
  WalRecovery rec = Recover(&log, &index);
  EXPECT_TRUE(rec.header_valid);
  EXPECT_EQ(rec.last_commit_lsn, 6u);
  EXPECT_EQ(rec.commits, 6u);
  EXPECT_EQ(rec.end_offset, log.commit_end[6]);
  EXPECT_EQ(rec.page_count, 10u);
  ExpectIndexUpTo(&log, &index, 6);
}

TEST(WalRecovery, StopsAtTornTail) {
  Log log;
  WriteTxns(&log, 5);
  // Cut inside transaction 4: its COMMIT frame is gone, and so is transaction 5.
  TruncateLog(&log, log.commit_end[3] + 100);
  ExpectRecoversUpTo(&log, 3);
}

TEST(WalRecovery, StopsAtGarbageInsideAPageFrame) {
  Log log;
  WriteTxns(&log, 5);
  // A torn sector inside the payload of transaction 3's first page: its COMMIT frame
  // is intact but must not be accepted (ENGINE.md §3.2 point 1).
  Damage(&log, log.commit_end[2] + kWalFrameHeaderSize + 1000, 0xFF);
  WalIndex index;
  WalRecovery rec = Recover(&log, &index);
  EXPECT_EQ(rec.last_commit_lsn, 2u);
  ExpectIndexUpTo(&log, &index, 2);
}

TEST(WalRecovery, RejectsFramesWithStaleSalts) {
  Log log;
  std::unique_ptr<Wal> wal;
  WriteTxns(&log, 6, &wal);
  // New generation at base lsn 6, one short transaction: the older, longer frames after
  // it have the old salts (W1) and must end the log.
  ASSERT_OK(wal->Reset(6, UINT64_MAX));
  std::vector<uint8_t> img = PageFor(3, 7);
  std::vector<uint64_t> offsets;
  ASSERT_OK(wal->AppendTransaction({Wal::PageImage{3, img.data()}}, 7, 10, &offsets));
  wal.reset();
  WalIndex index;
  WalRecovery rec = Recover(&log, &index);
  EXPECT_EQ(rec.base_lsn, 6u);
  EXPECT_EQ(rec.last_commit_lsn, 7u);
  EXPECT_EQ(rec.commits, 1u);
  WalVersion v;
  EXPECT_TRUE(index.Lookup(3, 7, &v));
  EXPECT_EQ(v.lsn, 7u);
  EXPECT_FALSE(index.Lookup(3, 6, &v));  // the old generation's versions are gone
  EXPECT_EQ(index.size(), 1u);
}

TEST(WalRecovery, InvalidHeaderReadsAsEmptyAndPageSizeMismatchIsCorruption) {
  Log log;
  WriteTxns(&log, 2);
  {
    WalIndex index;
    std::unique_ptr<Wal> wal;
    WalRecovery rec;
    Status s = Wal::Open(log.vfs.get(), kPath, 8192, true, WalSyncPolicy(), &index, &wal, &rec);
    EXPECT_TRUE(s.Is(Code::kCorruption));
  }
  Damage(&log, 3, 0x01);
  WalIndex index;
  WalRecovery rec = Recover(&log, &index);
  EXPECT_FALSE(rec.header_valid);
  EXPECT_EQ(rec.last_commit_lsn, 0u);
  EXPECT_EQ(index.size(), 0u);
}

TEST(WalRecovery, RandomDamageDropsExactlyTheDamagedTransactionAndLater) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int round = 0; round < 200; ++round) {
    Log log;
    const int n = 1 + static_cast<int>(rng() % 8);
    WriteTxns(&log, n);
    const uint64_t end = log.commit_end[n];
    const uint64_t pos = kWalHeaderSize + rng() % (end - kWalHeaderSize);
    const bool truncate = rng() % 2 == 0;
    if (truncate) {
      TruncateLog(&log, pos);
    } else {
      Damage(&log, pos, static_cast<uint8_t>(1u << (rng() % 8)));
    }
    // The transaction holding the damaged byte, and all after it, are lost. A cut
    // exactly at a commit boundary loses nothing before it.
    uint64_t expect = 0;
    for (int t = 1; t <= n; ++t) {
      if (log.commit_end[t] <= pos) expect = t;
    }
    WalIndex index;
    WalRecovery rec = Recover(&log, &index);
    EXPECT_EQ(rec.last_commit_lsn, expect);
    ExpectIndexUpTo(&log, &index, expect);
    if (ddbtest::CurrentTestFailed()) {
      std::fprintf(stderr, "round %d n=%d pos=%llu truncate=%d\n", round, n,
                   static_cast<unsigned long long>(pos), truncate);
      return;
    }
  }
}

TEST(WalRecovery, NonConsecutiveCommitLsnEndsTheLog) {
  Log log;
  WriteTxns(&log, 2);
  WalIndex index0;
  std::unique_ptr<Wal> wal;
  WalRecovery rec0;
  ASSERT_OK(Wal::Open(log.vfs.get(), kPath, kPs, false, WalSyncPolicy(), &index0, &wal, &rec0));
  std::vector<uint8_t> img = PageFor(9, 4);
  std::vector<uint64_t> offsets;
  // lsn 4 after 2: well-formed and checksummed, but out of sequence (W3).
  ASSERT_OK(wal->AppendTransaction({Wal::PageImage{9, img.data()}}, 4, 10, &offsets));
  wal.reset();
  WalIndex index;
  WalRecovery rec = Recover(&log, &index);
  EXPECT_EQ(rec.last_commit_lsn, 2u);
  WalVersion v;
  EXPECT_FALSE(index.Lookup(9, 100, &v));
}

namespace {

uint64_t LogFileSize(Vfs* vfs) {
  std::unique_ptr<File> f;
  uint64_t size = 0;
  Status s = vfs->Open(kPath, OpenFlags(), &f);
  if (s.ok()) s = f->Size(&size);
  if (!s.ok()) ddbtest::ReportFailure(__FILE__, __LINE__, s.ToString());
  return size;
}

// One transaction of `pages` page frames, committed at lsn.
Status CommitPages(Wal* wal, uint64_t lsn, uint32_t pages) {
  std::vector<std::vector<uint8_t>> imgs;
  std::vector<Wal::PageImage> list;
  for (uint32_t p = 0; p < pages; ++p) imgs.push_back(PageFor(2 + p, lsn));
  for (uint32_t p = 0; p < pages; ++p) list.push_back(Wal::PageImage{2 + p, imgs[p].data()});
  std::vector<uint64_t> offsets;
  return wal->AppendTransaction(list, lsn, 10, &offsets);
}

}  // namespace

TEST(WalRecovery, SmallCommitsOverwriteZeroedSpaceAhead) {
  // (W7): a small commit leaves zeroed space after its frames, so the next ones overwrite
  // blocks the file already has; recovery ends the log at the zeros.
  Log log;
  std::unique_ptr<Wal> wal;
  WriteTxns(&log, 1, &wal);
  const uint64_t end1 = log.commit_end[1];
  const uint64_t size1 = LogFileSize(log.vfs.get());
  EXPECT_GE(size1, end1 + (96u << 10));
  wal.reset();
  WriteTxns(&log, 6, &wal);  // 12 frames, ~50 KB: inside the zeroed space
  EXPECT_LT(log.commit_end[7] + (32u << 10), size1);
  EXPECT_EQ(LogFileSize(log.vfs.get()), size1);  // no growth: every commit overwrote
  wal.reset();
  ExpectRecoversUpTo(&log, 7);
}

TEST(WalRecovery, BulkCommitWritesNoZerosAhead) {
  // A transaction larger than the preallocation step writes its frames once.
  Log log;
  WalIndex index;
  std::unique_ptr<Wal> wal;
  WalRecovery rec;
  ASSERT_OK(Wal::Open(log.vfs.get(), kPath, kPs, false, WalSyncPolicy(), &index, &wal, &rec));
  ASSERT_OK(CommitPages(wal.get(), 1, 200));  // ~800 KB of frames, far past the step
  const uint64_t end = wal->frame_bytes() + kWalHeaderSize;
  EXPECT_EQ(LogFileSize(log.vfs.get()), end);
  ASSERT_OK(CommitPages(wal.get(), 2, 1));  // a small one then zero-fills ahead
  EXPECT_GE(LogFileSize(log.vfs.get()), wal->frame_bytes() + kWalHeaderSize + (96u << 10));
}

TEST(WalRecovery, FailedZeroFillLeavesTheCommitDurable) {
  // The zeros are an optimization: when writing them fails (a full disk), the commit
  // still succeeds, and recovery finds it.
  std::unique_ptr<FaultVfs> fault(new FaultVfs(NewMemoryVfs()));
  WalIndex index;
  std::unique_ptr<Wal> wal;
  WalRecovery rec;
  ASSERT_OK(Wal::Open(fault.get(), kPath, kPs, false, WalSyncPolicy(), &index, &wal, &rec));
  // WAL writes so far: the header. The commit writes its frames (write 2), then zeros.
  fault->FailAt(FaultPoint(3, ".wal", FaultOp::kWrite), InjectedError::kNoSpace, UINT64_MAX);
  ASSERT_OK(CommitPages(wal.get(), 1, 2));
  EXPECT_GE(fault->injected_failures(), 1u);
  fault->DisarmAll();
  const uint64_t end = wal->frame_bytes() + kWalHeaderSize;
  wal.reset();
  std::unique_ptr<Vfs> durable;
  ASSERT_OK(fault->NewVfsFromDurable(&durable));
  WalIndex again;
  std::unique_ptr<Wal> reopened;
  ASSERT_OK(Wal::Open(durable.get(), kPath, kPs, true, WalSyncPolicy(), &again, &reopened, &rec));
  EXPECT_EQ(rec.last_commit_lsn, 1u);
  EXPECT_EQ(rec.end_offset, end);
  reopened.reset();
  durable.reset();
}
