// WAL file: recovery scan, transaction append, frame reads and generation reset.
// Scan rules (stop at the first short, foreign-salt, bad-type, page-0 or bad-checksum
// frame; publish pending pages at each COMMIT with the next lsn) are ENGINE.md §3.5.
#include "wal/wal.h"

#include <algorithm>
#include <chrono>
#include <cstring>
#include <map>
#include <mutex>
#include <random>
#include <thread>

#include "util/coding.h"

namespace decentdb {

namespace {

uint64_t SplitMix(uint64_t* state) {
  uint64_t z = (*state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

// Frames are gathered into writes of about this many bytes: large sequential writes
// (ENGINE.md §3.3 step 1) without holding a whole large transaction twice in memory.
constexpr size_t kAppendChunk = 1u << 20;
// (W7) How far ahead of a small commit the log is zero-filled, and what counts as small
// (a bulk transaction writes its frames once, not zeros first).
constexpr uint64_t kPreallocAhead = 128u << 10;

}  // namespace

std::pair<uint32_t, uint32_t> NewWalSalts() {
  static std::atomic<uint64_t> counter{0};
  uint64_t state = static_cast<uint64_t>(
                       std::chrono::high_resolution_clock::now().time_since_epoch().count()) ^
                   (counter.fetch_add(1) * 0xD1B54A32D192ED03ull) ^
                   static_cast<uint64_t>(std::hash<std::thread::id>()(std::this_thread::get_id()));
  uint64_t r = SplitMix(&state);
  return {static_cast<uint32_t>(r), static_cast<uint32_t>(r >> 32)};
}

Wal::Wal(Vfs* vfs, std::string path, uint32_t page_size, bool read_only, WalSyncPolicy sync)
    : vfs_(vfs), path_(std::move(path)), page_size_(page_size), read_only_(read_only),
      sync_(sync) {}

Wal::~Wal() = default;

Status Wal::Open(Vfs* vfs, const std::string& path, uint32_t page_size, bool read_only,
                 WalSyncPolicy sync, WalIndex* index, std::unique_ptr<Wal>* out,
                 WalRecovery* out_recovery) {
  std::unique_ptr<Wal> wal(new Wal(vfs, path, page_size, read_only, sync));
  WalRecovery rec;
  bool exists = false;
  DDB_RETURN_IF_ERROR(vfs->Exists(path, &exists));
  if (exists) {
    OpenFlags flags;
    flags.read_only = read_only;
    DDB_RETURN_IF_ERROR(vfs->Open(path, flags, &wal->file_));
    DDB_RETURN_IF_ERROR(wal->Scan(index, &rec));
  } else if (!read_only) {
    OpenFlags flags;
    flags.create = true;
    DDB_RETURN_IF_ERROR(vfs->Open(path, flags, &wal->file_));
  }
  if (!rec.header_valid && !read_only) {
    // No usable header: everything an older header covered is already in the main file
    // (a header is only rewritten after a complete checkpoint), so start afresh.
    DDB_RETURN_IF_ERROR(wal->WriteFreshHeader(0));
    if (!exists) DDB_RETURN_IF_ERROR(vfs->SyncDirectoryOf(path));
  } else if (!rec.header_valid) {
    wal->header_ = WalHeader();
    wal->header_.page_size = page_size;
  }
  *out_recovery = rec;
  *out = std::move(wal);
  return Status::OK();
}

Status Wal::Scan(WalIndex* index, WalRecovery* rec) {
  DDB_RETURN_IF_ERROR(file_->Size(&rec->file_size));
  allocated_ = rec->file_size;
  uint8_t hbuf[kWalHeaderSize];
  size_t got = 0;
  if (rec->file_size < kWalHeaderSize) return Status::OK();
  DDB_RETURN_IF_ERROR(file_->ReadAt(0, hbuf, kWalHeaderSize, &got));
  WalHeader h;
  if (got < kWalHeaderSize || !DecodeWalHeader(hbuf, &h)) return Status::OK();
  if (h.page_size != page_size_) {
    return Status::Corruption("WAL " + path_ + " has page size " + std::to_string(h.page_size) +
                              " but the database has " + std::to_string(page_size_));
  }
  header_ = h;
  rec->header_valid = true;
  rec->base_lsn = h.base_lsn;
  rec->last_commit_lsn = h.base_lsn;

  std::vector<uint8_t> frame(kWalFrameHeaderSize + page_size_);
  std::map<uint32_t, uint64_t> pending;  // page -> newest frame offset in this txn
  uint64_t offset = kWalHeaderSize;
  uint32_t chain = h.crc;
  uint32_t committed_chain = h.crc;
  uint64_t committed_end = kWalHeaderSize;
  uint64_t last_lsn = h.base_lsn;
  while (offset + kWalFrameHeaderSize <= rec->file_size) {
    DDB_RETURN_IF_ERROR(file_->ReadAt(offset, frame.data(), frame.size(), &got));
    if (got < kWalFrameHeaderSize) break;
    FrameHeader fh;
    DecodeFrameHeader(frame.data(), &fh);
    if (fh.salt1 != h.salt1 || fh.salt2 != h.salt2) break;  // (W1)
    if (fh.type != kFramePage && fh.type != kFrameCommit) break;
    if (fh.type == kFramePage && fh.page_id == 0) break;
    size_t payload = fh.type == kFramePage ? page_size_ : 0;
    if (got < kWalFrameHeaderSize + payload) break;
    if (FrameChecksum(chain, frame.data(), frame.data() + kWalFrameHeaderSize, payload) !=
        fh.checksum) {
      break;  // (W2)
    }
    chain = fh.checksum;
    if (fh.type == kFramePage) {
      pending[fh.page_id] = offset;
    } else {
      if (fh.lsn != last_lsn + 1) break;  // (W3)
      last_lsn = fh.lsn;
      for (const auto& kv : pending) index->Insert(kv.first, fh.lsn, kv.second);
      pending.clear();
      rec->commits++;
      rec->page_count = fh.page_count;
      committed_chain = chain;
      committed_end = offset + kWalFrameHeaderSize;
    }
    offset += kWalFrameHeaderSize + payload;
  }
  // The uncommitted tail (pending) is dropped; the next append overwrites it.
  rec->last_commit_lsn = last_lsn;
  rec->end_offset = committed_end;
  write_offset_.store(committed_end, std::memory_order_release);
  chain_ = committed_chain;
  pending_offset_ = committed_end;
  pending_chain_ = committed_chain;
  return Status::OK();
}

Status Wal::SyncLog() {
  if (!sync_.enabled) return Status::OK();
  return file_->Sync(sync_.kind);
}

Status Wal::WriteFreshHeader(uint64_t base_lsn) {
  WalHeader h;
  h.page_size = page_size_;
  auto salts = NewWalSalts();
  h.salt1 = salts.first;
  h.salt2 = salts.second;
  h.base_lsn = base_lsn;
  uint8_t buf[kWalHeaderSize];
  EncodeWalHeader(&h, buf);
  DDB_RETURN_IF_ERROR(file_->WriteAt(0, buf, kWalHeaderSize));
  allocated_ = std::max<uint64_t>(allocated_, kWalHeaderSize);
  DDB_RETURN_IF_ERROR(SyncLog());
  header_ = h;
  chain_ = h.crc;
  write_offset_.store(kWalHeaderSize, std::memory_order_release);
  pending_offset_ = kWalHeaderSize;
  pending_chain_ = h.crc;
  return Status::OK();
}

Status Wal::AppendFrames(const std::vector<PageImage>& pages, const FrameHeader* commit,
                         std::vector<uint64_t>* out_offsets) {
  if (read_only_ || !file_) return Status::Io("WAL " + path_ + " is not writable");
  const uint64_t frame_size = FrameSize(kFramePage, page_size_);
  uint64_t offset = pending_offset_;
  uint32_t chain = pending_chain_;
  out_offsets->clear();
  out_offsets->reserve(pages.size());
  std::vector<uint8_t> buf;
  buf.reserve(std::min<uint64_t>(kAppendChunk + frame_size, (pages.size() + 1) * frame_size));
  uint64_t buf_start = offset;
  auto flush = [&]() -> Status {
    if (buf.empty()) return Status::OK();
    Status s = file_->WriteAt(buf_start, buf.data(), buf.size());
    buf_start += buf.size();
    buf.clear();
    return s;
  };
  for (const PageImage& p : pages) {
    size_t at = buf.size();
    buf.resize(at + frame_size);
    FrameHeader fh;
    fh.type = kFramePage;
    fh.page_id = p.page_id;
    fh.salt1 = header_.salt1;
    fh.salt2 = header_.salt2;
    std::memcpy(buf.data() + at + kWalFrameHeaderSize, p.data, page_size_);
    chain = EncodeFrame(&fh, chain, p.data, page_size_, buf.data() + at);
    out_offsets->push_back(offset);
    offset += frame_size;
    if (buf.size() >= kAppendChunk) DDB_RETURN_IF_ERROR(flush());
  }
  if (commit != nullptr) {
    size_t at = buf.size();
    buf.resize(at + kWalFrameHeaderSize);
    FrameHeader ch = *commit;
    ch.type = kFrameCommit;
    ch.salt1 = header_.salt1;
    ch.salt2 = header_.salt2;
    chain = EncodeFrame(&ch, chain, nullptr, 0, buf.data() + at);
    offset += kWalFrameHeaderSize;
  }
  DDB_RETURN_IF_ERROR(flush());
  allocated_ = std::max(allocated_, offset);
  // (W7) A small commit near the written end zero-fills ahead, under the same sync.
  if (commit != nullptr && offset - pending_offset_ < kPreallocAhead &&
      allocated_ - offset < kPreallocAhead / 4) {
    ZeroFillTo(offset + kPreallocAhead);
  }
  pending_offset_ = offset;
  pending_chain_ = chain;
  return Status::OK();
}

void Wal::ZeroFillTo(uint64_t end) {
  static const std::vector<uint8_t> zeros(64u << 10, 0);
  while (allocated_ < end) {
    const size_t n = static_cast<size_t>(std::min<uint64_t>(zeros.size(), end - allocated_));
    // Nothing depends on these bytes (recovery stops at the first frame that is not of
    // this generation), so a failed write only ends the preallocation.
    if (!file_->WriteAt(allocated_, zeros.data(), n).ok()) return;
    allocated_ += n;
  }
}

Status Wal::AppendUncommitted(const std::vector<PageImage>& pages,
                              std::vector<uint64_t>* out_offsets) {
  return AppendFrames(pages, nullptr, out_offsets);
}

void Wal::DiscardPending() {
  pending_offset_ = write_offset_.load(std::memory_order_relaxed);
  pending_chain_ = chain_;
}

Status Wal::AppendTransaction(const std::vector<PageImage>& pages, uint64_t lsn,
                              uint32_t page_count, std::vector<uint64_t>* out_offsets) {
  FrameHeader commit;
  commit.lsn = lsn;
  commit.page_count = page_count;
  DDB_RETURN_IF_ERROR(AppendFrames(pages, &commit, out_offsets));
  // The commit point (ENGINE.md §3.3): durable once this sync returns.
  DDB_RETURN_IF_ERROR(SyncLog());
  chain_ = pending_chain_;
  write_offset_.store(pending_offset_, std::memory_order_release);
  return Status::OK();
}

Status Wal::ReadPage(uint64_t offset, uint32_t page_id, uint8_t* buf) {
  if (!file_) return Status::Io("WAL " + path_ + " is closed");
  uint8_t hdr[kWalFrameHeaderSize];
  size_t got = 0;
  DDB_RETURN_IF_ERROR(file_->ReadAt(offset, hdr, kWalFrameHeaderSize, &got));
  FrameHeader fh;
  if (got == kWalFrameHeaderSize) DecodeFrameHeader(hdr, &fh);
  if (got != kWalFrameHeaderSize || fh.type != kFramePage || fh.page_id != page_id ||
      fh.salt1 != header_.salt1 || fh.salt2 != header_.salt2) {
    return Status::Corruption("page " + std::to_string(page_id) + ": WAL frame at offset " +
                              std::to_string(offset) + " does not hold it");
  }
  DDB_RETURN_IF_ERROR(file_->ReadAt(offset + kWalFrameHeaderSize, buf, page_size_, &got));
  if (got != page_size_) {
    return Status::Corruption("page " + std::to_string(page_id) + ": WAL frame at offset " +
                              std::to_string(offset) + " is truncated");
  }
  return Status::OK();
}

Status Wal::Reset(uint64_t base_lsn, uint64_t truncate_above) {
  if (read_only_ || !file_) return Status::Io("WAL " + path_ + " is not writable");
  std::unique_lock<std::shared_mutex> g(reset_mu_);  // (W5)
  uint64_t size = 0;
  DDB_RETURN_IF_ERROR(file_->Size(&size));
  if (size > truncate_above) {
    DDB_RETURN_IF_ERROR(file_->Truncate(kWalHeaderSize));
    allocated_ = kWalHeaderSize;
  }
  return WriteFreshHeader(base_lsn);
}

}  // namespace decentdb
