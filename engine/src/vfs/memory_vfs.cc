// In-memory VFS: the storage of ":memory:" databases (ENGINE.md §2.1) and the base that
// tests and fault_vfs reopen from. Each NewMemoryVfs() is a private namespace of files;
// files are byte vectors shared by all handles open on them, with POSIX-like lifetime
// (Delete unlinks the name, open handles keep the data). Locks conflict between handles
// of the same instance, which stands in for "another process" in single-process tests.
#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <mutex>
#include <new>
#include <shared_mutex>
#include <string>
#include <vector>

#include "vfs/vfs.h"

namespace decentdb {
namespace {

class MemoryFile;

// The data behind one file name. (I1) `data` is guarded by `mu`: readers share it,
// writers, truncation and size changes take it exclusively. (I2) `lock_owner` is guarded
// by `lock_mu` and is the one handle holding the exclusive lock, or null.
struct Node {
  explicit Node(uint64_t node_id) : id(node_id) {}
  const uint64_t id;
  std::shared_mutex mu;
  std::vector<uint8_t> data;  // GUARDED_BY(mu)
  std::mutex lock_mu;
  const MemoryFile* lock_owner = nullptr;  // GUARDED_BY(lock_mu)
};

// Vectors are indexed by size_t; refuse sizes that cannot be represented instead of
// wrapping, and turn allocation failure into an I/O error (a full disk, in effect).
Status CheckedEnd(const std::string& path, uint64_t offset, size_t n, size_t* out_end) {
  if (offset > SIZE_MAX - n || offset + n > (SIZE_MAX >> 1)) {
    return Status::Io("file too large: " + path);
  }
  *out_end = static_cast<size_t>(offset + n);
  return Status::OK();
}

Status Resize(std::vector<uint8_t>* v, size_t size, const std::string& path) {
  try {
    v->resize(size);
  } catch (const std::bad_alloc&) {
    return Status::Io("out of memory growing in-memory file: " + path);
  }
  return Status::OK();
}

class MemoryFile final : public File {
 public:
  MemoryFile(std::shared_ptr<Node> node, std::string path, bool read_only)
      : node_(std::move(node)), path_(std::move(path)), read_only_(read_only) {}
  ~MemoryFile() override { ReleaseLock(); }

  Status ReadAt(uint64_t offset, void* buf, size_t n, size_t* out_read) override {
    std::shared_lock<std::shared_mutex> g(node_->mu);
    const std::vector<uint8_t>& d = node_->data;
    size_t got = 0;
    if (offset < d.size()) {
      got = std::min<uint64_t>(n, d.size() - offset);
      std::memcpy(buf, d.data() + offset, got);
    }
    *out_read = got;
    return Status::OK();
  }

  Status WriteAt(uint64_t offset, const void* buf, size_t n) override {
    if (read_only_) return Status::Io("cannot write file opened read-only: " + path_);
    size_t end = 0;
    DDB_RETURN_IF_ERROR(CheckedEnd(path_, offset, n, &end));
    std::unique_lock<std::shared_mutex> g(node_->mu);
    std::vector<uint8_t>& d = node_->data;
    if (end > d.size()) DDB_RETURN_IF_ERROR(Resize(&d, end, path_));
    if (n > 0) std::memcpy(d.data() + offset, buf, n);
    return Status::OK();
  }

  Status Sync(SyncKind) override { return Status::OK(); }

  Status Size(uint64_t* out_size) override {
    std::shared_lock<std::shared_mutex> g(node_->mu);
    *out_size = node_->data.size();
    return Status::OK();
  }

  Status Truncate(uint64_t size) override {
    if (read_only_) return Status::Io("cannot truncate file opened read-only: " + path_);
    size_t end = 0;
    DDB_RETURN_IF_ERROR(CheckedEnd(path_, size, 0, &end));
    std::unique_lock<std::shared_mutex> g(node_->mu);
    DDB_RETURN_IF_ERROR(Resize(&node_->data, end, path_));
    return Status::OK();
  }

  Status LockExclusive() override {
    std::lock_guard<std::mutex> g(node_->lock_mu);
    if (node_->lock_owner != nullptr && node_->lock_owner != this) {
      return Status::Busy("database file is locked by another process: " + path_);
    }
    node_->lock_owner = this;
    return Status::OK();
  }

  Status Unlock() override {
    ReleaseLock();
    return Status::OK();
  }

 private:
  void ReleaseLock() {
    std::lock_guard<std::mutex> g(node_->lock_mu);
    if (node_->lock_owner == this) node_->lock_owner = nullptr;
  }

  const std::shared_ptr<Node> node_;
  const std::string path_;
  const bool read_only_;
};

// Paths are plain keys: no normalization, so "a/./b" and "a/b" are different files.
// The engine always passes the same spelling for one database, so this is enough.
class MemoryVfs final : public Vfs {
 public:
  Status Open(const std::string& path, const OpenFlags& flags,
              std::unique_ptr<File>* out) override {
    std::shared_ptr<Node> node;
    {
      std::lock_guard<std::mutex> g(mu_);
      auto it = files_.find(path);
      if (it != files_.end()) {
        node = it->second;
      } else if (flags.create && !flags.read_only) {
        node = std::make_shared<Node>(++next_id_);
        files_.emplace(path, node);
      } else {
        return Status::Io("cannot open " + path + ": No such file or directory");
      }
      // Like unlink-after-open: the name goes away now, the data when the handle closes.
      if (flags.delete_on_close) files_.erase(path);
    }
    out->reset(new MemoryFile(std::move(node), path, flags.read_only));
    return Status::OK();
  }

  Status Delete(const std::string& path) override {
    std::lock_guard<std::mutex> g(mu_);
    if (files_.erase(path) == 0) {
      return Status::Io("cannot delete " + path + ": No such file or directory");
    }
    return Status::OK();
  }

  Status Exists(const std::string& path, bool* out_exists) override {
    std::lock_guard<std::mutex> g(mu_);
    *out_exists = files_.count(path) != 0;
    return Status::OK();
  }

  Status FileIdentity(const std::string& path, std::string* out_id) override {
    std::lock_guard<std::mutex> g(mu_);
    auto it = files_.find(path);
    if (it == files_.end()) {
      return Status::Io("cannot stat " + path + ": No such file or directory");
    }
    *out_id = "mem:" + std::to_string(it->second->id);
    return Status::OK();
  }

  Status SyncDirectoryOf(const std::string&) override { return Status::OK(); }

  std::string CanonicalPath(const std::string& path) override { return path; }

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<Node>> files_;  // GUARDED_BY(mu_)
  uint64_t next_id_ = 0;                                // GUARDED_BY(mu_)
};

}  // namespace

std::unique_ptr<Vfs> NewMemoryVfs() { return std::unique_ptr<Vfs>(new MemoryVfs()); }

}  // namespace decentdb
