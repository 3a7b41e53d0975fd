// Fault-injecting VFS: I/O point counting, crash/tear/fail/lie decisions, and the
// durable-image bookkeeping behind them. The model (M1)-(M5) is described in
// fault_vfs.h; comments below cite it. One mutex serializes all bookkeeping, which is
// fine for tests and keeps the crash decision atomic with the write it concerns.
#include "vfs/fault_vfs.h"

#include <algorithm>
#include <cstring>
#include <utility>
#include <vector>

namespace decentdb {

namespace {

constexpr uint64_t kSectorSize = 512;

Status CrashError() { return Status::Io("simulated crash"); }

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

bool Has(FaultOp set, FaultOp op) {
  return (static_cast<uint8_t>(set) & static_cast<uint8_t>(op)) != 0;
}

// A change to the volatile image not yet made durable (M1).
struct Change {
  bool truncate = false;
  uint64_t offset = 0;  // write offset, or the new size for a truncate
  std::string bytes;    // written bytes (empty for a truncate)
};

void ApplyChange(std::string* image, const Change& c) {
  if (c.truncate) {
    image->resize(c.offset);
    return;
  }
  if (c.offset + c.bytes.size() > image->size()) image->resize(c.offset + c.bytes.size());
  if (!c.bytes.empty()) std::memcpy(&(*image)[c.offset], c.bytes.data(), c.bytes.size());
}

// Splits a write into pieces that do not cross 512-byte boundaries of the file, the unit
// a disk persists atomically (or not at all).
void SplitIntoSectors(uint64_t offset, const char* p, size_t n, std::vector<Change>* out) {
  while (n > 0) {
    size_t len = static_cast<size_t>(std::min<uint64_t>(n, kSectorSize - offset % kSectorSize));
    Change c;
    c.offset = offset;
    c.bytes.assign(p, len);
    out->push_back(std::move(c));
    offset += len;
    p += len;
    n -= len;
  }
}

}  // namespace

struct FaultVfs::FileState {
  explicit FileState(std::string p) : path(std::move(p)) {}
  const std::string path;
  std::string durable;          // the durable image (M2)
  std::vector<Change> pending;  // unsynced changes, oldest first (M1)
};

// A handle on one file: forwards to the base file and reports every write and sync to
// the VFS, which decides whether it happens.
class FaultFile final : public File {
 public:
  FaultFile(FaultVfs* vfs, std::shared_ptr<FaultVfs::FileState> state,
            std::unique_ptr<File> base)
      : vfs_(vfs), state_(std::move(state)), base_(std::move(base)) {}

  Status ReadAt(uint64_t offset, void* buf, size_t n, size_t* out_read) override {
    *out_read = 0;
    if (vfs_->crashed()) return CrashError();
    return base_->ReadAt(offset, buf, n, out_read);
  }

  Status WriteAt(uint64_t offset, const void* buf, size_t n) override {
    std::lock_guard<std::mutex> g(vfs_->mu_);
    if (vfs_->crashed()) return CrashError();
    switch (vfs_->CountPointLocked(*state_, FaultOp::kWrite)) {
      case FaultVfs::Verdict::kCrash:
        vfs_->CrashLocked();
        // The torn part lands after the unsynced changes were resolved: it is the
        // newest data and was on its way to the media when power went.
        vfs_->ApplyTornWriteLocked(state_.get(), offset, buf, n);
        return CrashError();
      case FaultVfs::Verdict::kFail:
        return vfs_->InjectedErrorLocked(*state_);
      case FaultVfs::Verdict::kLie:
      case FaultVfs::Verdict::kProceed:
        break;
    }
    DDB_RETURN_IF_ERROR(base_->WriteAt(offset, buf, n));
    Change c;
    c.offset = offset;
    c.bytes.assign(static_cast<const char*>(buf), n);
    state_->pending.push_back(std::move(c));
    return Status::OK();
  }

  Status Sync(SyncKind kind) override {
    std::lock_guard<std::mutex> g(vfs_->mu_);
    if (vfs_->crashed()) return CrashError();
    switch (vfs_->CountPointLocked(*state_, FaultOp::kSync)) {
      case FaultVfs::Verdict::kCrash:
        vfs_->CrashLocked();
        return CrashError();
      case FaultVfs::Verdict::kFail:
        return vfs_->InjectedErrorLocked(*state_);
      case FaultVfs::Verdict::kLie:
        return Status::OK();
      case FaultVfs::Verdict::kProceed:
        break;
    }
    DDB_RETURN_IF_ERROR(base_->Sync(kind));
    for (const Change& c : state_->pending) ApplyChange(&state_->durable, c);
    state_->pending.clear();
    return Status::OK();
  }

  Status Size(uint64_t* out_size) override {
    if (vfs_->crashed()) return CrashError();
    return base_->Size(out_size);
  }

  Status Truncate(uint64_t size) override {
    std::lock_guard<std::mutex> g(vfs_->mu_);
    if (vfs_->crashed()) return CrashError();
    DDB_RETURN_IF_ERROR(base_->Truncate(size));
    Change c;
    c.truncate = true;
    c.offset = size;
    state_->pending.push_back(std::move(c));
    return Status::OK();
  }

  Status LockExclusive() override {
    if (vfs_->crashed()) return CrashError();
    return base_->LockExclusive();
  }

  Status Unlock() override {
    if (vfs_->crashed()) return CrashError();
    return base_->Unlock();
  }

 private:
  FaultVfs* const vfs_;
  const std::shared_ptr<FaultVfs::FileState> state_;
  const std::unique_ptr<File> base_;
};

FaultVfs::FaultVfs(Vfs* base, uint64_t seed) : base_(base), rng_(seed) {}

FaultVfs::FaultVfs(std::unique_ptr<Vfs> base, uint64_t seed)
    : owned_base_(std::move(base)), base_(owned_base_.get()), rng_(seed) {}

FaultVfs::~FaultVfs() = default;

void FaultVfs::CrashAt(const FaultPoint& at, TearMode tear, size_t tear_bytes) {
  std::lock_guard<std::mutex> g(mu_);
  crash_plan_ = Plan{at, 0, at.n > 0};
  tear_ = tear;
  tear_bytes_ = tear_bytes;
}

void FaultVfs::FailAt(const FaultPoint& at, InjectedError error, uint64_t count) {
  std::lock_guard<std::mutex> g(mu_);
  fail_plan_ = Plan{at, 0, at.n > 0 && count > 0};
  fail_error_ = error;
  fail_count_ = count;
}

void FaultVfs::SetLyingSync(bool lying, const std::string& path_suffix) {
  std::lock_guard<std::mutex> g(mu_);
  lying_sync_ = lying;
  lying_suffix_ = path_suffix;
}

void FaultVfs::SetUnsyncedAtCrash(UnsyncedAtCrash policy) {
  std::lock_guard<std::mutex> g(mu_);
  unsynced_ = policy;
}

void FaultVfs::CrashNow() {
  std::lock_guard<std::mutex> g(mu_);
  CrashLocked();
}

void FaultVfs::DisarmAll() {
  std::lock_guard<std::mutex> g(mu_);
  crash_plan_ = Plan{};
  fail_plan_ = Plan{};
  lying_sync_ = false;
}

uint64_t FaultVfs::io_ops() const {
  std::lock_guard<std::mutex> g(mu_);
  return io_ops_;
}

uint64_t FaultVfs::OpCount(FaultOp ops, const std::string& path_suffix) const {
  std::lock_guard<std::mutex> g(mu_);
  uint64_t total = 0;
  if (Has(ops, FaultOp::kWrite)) {
    for (const auto& e : write_counts_) total += EndsWith(e.first, path_suffix) ? e.second : 0;
  }
  if (Has(ops, FaultOp::kSync)) {
    for (const auto& e : sync_counts_) total += EndsWith(e.first, path_suffix) ? e.second : 0;
  }
  return total;
}

uint64_t FaultVfs::injected_failures() const {
  std::lock_guard<std::mutex> g(mu_);
  return injected_failures_;
}

bool FaultVfs::MatchesLocked(Plan* plan, const FileState& state, FaultOp op) {
  if (!plan->armed || !Has(plan->at.ops, op) || !EndsWith(state.path, plan->at.path_suffix)) {
    return false;
  }
  ++plan->seen;
  return true;
}

FaultVfs::Verdict FaultVfs::CountPointLocked(const FileState& state, FaultOp op) {
  ++io_ops_;  // (M3): every write and sync is a point, whatever happens to it
  ++(op == FaultOp::kWrite ? write_counts_ : sync_counts_)[state.path];
  bool crash = MatchesLocked(&crash_plan_, state, op) && crash_plan_.seen == crash_plan_.at.n;
  bool fail = MatchesLocked(&fail_plan_, state, op) && fail_plan_.seen >= fail_plan_.at.n &&
              fail_plan_.seen - fail_plan_.at.n < fail_count_;
  if (crash) return Verdict::kCrash;
  if (fail) {
    ++injected_failures_;
    return Verdict::kFail;
  }
  if (op == FaultOp::kSync && lying_sync_ && EndsWith(state.path, lying_suffix_)) {
    return Verdict::kLie;
  }
  return Verdict::kProceed;
}

Status FaultVfs::InjectedErrorLocked(const FileState& state) const {
  if (fail_error_ == InjectedError::kNoSpace) {
    return Status::Io("cannot write " + state.path + ": No space left on device (injected)");
  }
  return Status::Io("injected I/O error: " + state.path);
}

void FaultVfs::CrashLocked() {
  if (crashed()) return;
  // (M4) Resolve what the media ends up holding. std::map iteration keeps the use of
  // rng_ in a fixed order, so a seed always gives the same images.
  for (auto& entry : files_) {
    FileState& st = *entry.second;
    std::vector<Change> pieces;
    switch (unsynced_) {
      case UnsyncedAtCrash::kDropAll:
        break;
      case UnsyncedAtCrash::kKeepAll:
        pieces = std::move(st.pending);
        break;
      case UnsyncedAtCrash::kRandomWrites:
      case UnsyncedAtCrash::kRandomSectors: {
        std::vector<Change> candidates;
        for (Change& c : st.pending) {
          if (unsynced_ == UnsyncedAtCrash::kRandomSectors && !c.truncate) {
            SplitIntoSectors(c.offset, c.bytes.data(), c.bytes.size(), &candidates);
          } else {
            candidates.push_back(std::move(c));
          }
        }
        for (Change& c : candidates) {
          if (rng_() & 1) pieces.push_back(std::move(c));
        }
        std::shuffle(pieces.begin(), pieces.end(), rng_);
        break;
      }
    }
    for (const Change& c : pieces) ApplyChange(&st.durable, c);
    st.pending.clear();
  }
  crashed_.store(true, std::memory_order_release);
}

void FaultVfs::ApplyTornWriteLocked(FileState* state, uint64_t offset, const void* buf,
                                    size_t n) {
  const char* p = static_cast<const char*>(buf);
  std::vector<Change> pieces;
  switch (tear_) {
    case TearMode::kNone:
      return;
    case TearMode::kPrefix:
      SplitIntoSectors(offset, p, std::min(n, tear_bytes_), &pieces);
      break;
    case TearMode::kSectors: {
      std::vector<Change> all;
      SplitIntoSectors(offset, p, n, &all);
      for (Change& c : all) {
        if (rng_() & 1) pieces.push_back(std::move(c));
      }
      break;
    }
  }
  for (const Change& c : pieces) ApplyChange(&state->durable, c);
}

Status FaultVfs::DurableContents(const std::string& path, std::string* out) const {
  std::lock_guard<std::mutex> g(mu_);
  auto it = files_.find(path);
  if (it == files_.end()) return Status::Io("not in the durable state: " + path);
  *out = it->second->durable;
  return Status::OK();
}

Status FaultVfs::CopyDurableTo(Vfs* target) const {
  std::vector<std::pair<std::string, std::string>> images;
  {
    std::lock_guard<std::mutex> g(mu_);
    for (const auto& e : files_) images.emplace_back(e.first, e.second->durable);
  }
  for (const auto& img : images) {
    OpenFlags create;
    create.create = true;
    std::unique_ptr<File> f;
    DDB_RETURN_IF_ERROR(target->Open(img.first, create, &f));
    DDB_RETURN_IF_ERROR(f->Truncate(0));
    DDB_RETURN_IF_ERROR(f->WriteAt(0, img.second.data(), img.second.size()));
    DDB_RETURN_IF_ERROR(f->Sync(SyncKind::kFull));
  }
  return Status::OK();
}

Status FaultVfs::NewVfsFromDurable(std::unique_ptr<Vfs>* out) const {
  std::unique_ptr<Vfs> mem = NewMemoryVfs();
  DDB_RETURN_IF_ERROR(CopyDurableTo(mem.get()));
  *out = std::move(mem);
  return Status::OK();
}

Status FaultVfs::Open(const std::string& path, const OpenFlags& flags,
                      std::unique_ptr<File>* out) {
  std::lock_guard<std::mutex> g(mu_);
  if (crashed()) return CrashError();
  std::unique_ptr<File> base_file;
  DDB_RETURN_IF_ERROR(base_->Open(path, flags, &base_file));
  std::shared_ptr<FileState>& slot = files_[path];
  if (!slot) {
    // First sight of this file: whatever the base already holds counts as durable (M5).
    slot = std::make_shared<FileState>(path);
    uint64_t size = 0;
    Status s = base_file->Size(&size);
    size_t got = 0;
    if (s.ok()) {
      slot->durable.resize(size);
      s = base_file->ReadAt(0, &slot->durable[0], slot->durable.size(), &got);
    }
    if (!s.ok()) {
      files_.erase(path);
      return s;
    }
    slot->durable.resize(got);
  }
  std::shared_ptr<FileState> state = slot;
  if (flags.delete_on_close) files_.erase(path);  // the base unlinked it already
  out->reset(new FaultFile(this, std::move(state), std::move(base_file)));
  return Status::OK();
}

Status FaultVfs::Delete(const std::string& path) {
  std::lock_guard<std::mutex> g(mu_);
  if (crashed()) return CrashError();
  DDB_RETURN_IF_ERROR(base_->Delete(path));
  files_.erase(path);
  return Status::OK();
}

Status FaultVfs::Exists(const std::string& path, bool* out_exists) {
  if (crashed()) return CrashError();
  return base_->Exists(path, out_exists);
}

Status FaultVfs::FileIdentity(const std::string& path, std::string* out_id) {
  if (crashed()) return CrashError();
  return base_->FileIdentity(path, out_id);
}

Status FaultVfs::SyncDirectoryOf(const std::string& path) {
  if (crashed()) return CrashError();
  return base_->SyncDirectoryOf(path);
}

std::string FaultVfs::CanonicalPath(const std::string& path) {
  return base_->CanonicalPath(path);
}

}  // namespace decentdb
