// The write-ahead log file: recovery scan on open, appending a transaction's PAGE frames
// and its COMMIT frame, reading a committed page frame back for a snapshot, and resetting
// the log (new salts) after a complete checkpoint. It does not decide when to checkpoint
// or what is visible; the pager does (pager/engine_impl.h). Design: ENGINE.md §3.1-3.6.
//
//  (W4) write_offset_ is just after the last COMMIT frame of the current generation, and
//       chain_ is that frame's checksum (or the header CRC when there is none): the next
//       transaction continues the chain from there (W2 in wal_format.h).
//  (W6) pending_offset_/pending_chain_ extend (W4) over the uncommitted PAGE frames the
//       current write transaction spilled; they equal write_offset_/chain_ whenever no
//       transaction has spilled. Spilled frames never enter the walIndex before their
//       COMMIT frame is durable, and DiscardPending forgets them (the next append
//       overwrites them; their chain no longer matches, (W2)).
//  (W5) A frame at an offset obtained from the walIndex is never overwritten while a
//       reader holds reset_mutex() shared: only Reset rewinds write_offset_, and it takes
//       reset_mutex() exclusively.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <shared_mutex>
#include <string>
#include <utility>
#include <vector>

#include "util/status.h"
#include "vfs/vfs.h"
#include "wal/wal_format.h"
#include "wal/wal_index.h"

namespace decentdb {

struct WalSyncPolicy {
  bool enabled = true;
  SyncKind kind = SyncKind::kFull;
};

// What recovery found (ENGINE.md §3.5 step 4).
struct WalRecovery {
  bool header_valid = false;
  uint64_t base_lsn = 0;
  uint64_t last_commit_lsn = 0;  // base_lsn when the log holds no commit
  uint32_t page_count = 0;       // from the last valid COMMIT; 0 when there is none
  uint64_t commits = 0;          // valid COMMIT frames found
  uint64_t end_offset = kWalHeaderSize;  // just after the last valid COMMIT
  uint64_t file_size = 0;
};

class Wal {
 public:
  // Opens (creating it unless read_only) and scans the log at path, publishing every
  // committed page version into index. A missing, short or invalid header reads as an
  // empty log; a valid header with a different page size is ERR_CORRUPTION.
  static Status Open(Vfs* vfs, const std::string& path, uint32_t page_size, bool read_only,
                     WalSyncPolicy sync, WalIndex* index, std::unique_ptr<Wal>* out,
                     WalRecovery* out_recovery);
  ~Wal();

  struct PageImage {
    uint32_t page_id;
    const uint8_t* data;  // page_size bytes, CRC trailer already set
  };
  // Appends one PAGE frame per page and a COMMIT frame (lsn, page_count), then syncs per
  // policy. On success, out_offsets[i] is the offset of pages[i]'s frame. On failure the
  // log's in-memory state is unchanged, but the file may hold a partial tail; the caller
  // must stop writing (poisoning, ENGINE.md §3.3).
  // REQUIRES: the caller holds the writer lock; lsn == last committed lsn + 1.
  Status AppendTransaction(const std::vector<PageImage>& pages, uint64_t lsn,
                           uint32_t page_count, std::vector<uint64_t>* out_offsets);

  // Appends uncommitted PAGE frames (a spill, ENGINE.md §4.4) after the pending ones,
  // without syncing; out_offsets[i] is the offset of pages[i]'s frame. The next
  // AppendTransaction continues the chain after them (W6). On failure the caller must
  // stop writing, as for AppendTransaction.
  // REQUIRES: the caller holds the writer lock.
  Status AppendUncommitted(const std::vector<PageImage>& pages, std::vector<uint64_t>* out_offsets);
  // Forgets spilled frames of a rolled-back transaction (W6).
  void DiscardPending();

  // Reads the page frame at offset into buf (page_size bytes). ERR_CORRUPTION when the
  // frame is not a PAGE frame of this generation for page_id.
  // REQUIRES: the caller holds reset_mutex() shared since it looked the offset up (W5).
  Status ReadPage(uint64_t offset, uint32_t page_id, uint8_t* buf);

  // Starts a new generation: new salts, base_lsn, header rewritten and synced, write
  // offset back to the header end. Truncates the file to the header when it is longer
  // than truncate_above. REQUIRES: writer lock held; every frame is in the synced main
  // file (invariant (4) of ENGINE.md §2.6).
  Status Reset(uint64_t base_lsn, uint64_t truncate_above);

  std::shared_mutex& reset_mutex() { return reset_mu_; }
  // Bytes of frames in the current generation.
  uint64_t frame_bytes() const { return write_offset_.load(std::memory_order_acquire) - kWalHeaderSize; }
  uint64_t base_lsn() const { return header_.base_lsn; }
  uint32_t page_size() const { return page_size_; }
  const std::string& path() const { return path_; }
  // Releases the file handle (before deleting the file at last close).
  void CloseFile() { file_.reset(); }

 private:
  Wal(Vfs* vfs, std::string path, uint32_t page_size, bool read_only, WalSyncPolicy sync);
  Status Scan(WalIndex* index, WalRecovery* rec);
  Status WriteFreshHeader(uint64_t base_lsn);
  Status SyncLog();
  // Appends PAGE frames, plus a COMMIT frame when commit is set, after the pending ones.
  Status AppendFrames(const std::vector<PageImage>& pages, const FrameHeader* commit,
                      std::vector<uint64_t>* out_offsets);

  Vfs* vfs_;
  const std::string path_;
  const uint32_t page_size_;
  const bool read_only_;
  const WalSyncPolicy sync_;
  std::unique_ptr<File> file_;
  std::shared_mutex reset_mu_;
  WalHeader header_;                         // salts of the current generation (W1)
  std::atomic<uint64_t> write_offset_{kWalHeaderSize};  // (W4)
  uint32_t chain_ = 0;                       // (W4)
  uint64_t pending_offset_ = kWalHeaderSize;  // (W6)
  uint32_t pending_chain_ = 0;                // (W6)
  // (W7) Bytes at the start of the file that are known to be written: a commit whose
  // frames end below it overwrites blocks the file already has, and its sync need not
  // commit a new file size. A small commit with less than a quarter of kPreallocAhead
  // (128 KB) written ahead of it zero-fills that much more under its own sync. On ext4
  // the median durable commit drops from 370-400 us to 170-180 us; the commit that
  // zero-fills (about one in 15) pays ~800 us, which is now the p99 (was 550-730 us).
  uint64_t allocated_ = 0;
  // Writes zeros from allocated_ up to end (best effort: a failure leaves allocated_).
  void ZeroFillTo(uint64_t end);
};

// Fresh random salts for a WAL generation.
std::pair<uint32_t, uint32_t> NewWalSalts();

}  // namespace decentdb
