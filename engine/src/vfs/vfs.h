// VFS: the only way the engine touches files. An OS implementation (pread/pwrite/fsync,
// flock), an in-memory one for ":memory:" and tests, and a fault-injecting wrapper used by
// every recovery test (vfs/fault_vfs.h). Pager and WAL code is written against these
// interfaces only. Design: ENGINE.md §1 (file lock), §2.1, §12 (fault injection).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

#include "util/status.h"

namespace decentdb {

enum class SyncKind { kFull, kData };

// An open file. Safe for concurrent ReadAt calls from several threads; writes, Sync,
// Truncate and locking are made by one thread at a time (the engine serializes them).
class File {
 public:
  virtual ~File() = default;
  // Reads up to n bytes at offset into buf; *out_read < n only at end of file.
  virtual Status ReadAt(uint64_t offset, void* buf, size_t n, size_t* out_read) = 0;
  // Writes all n bytes at offset, extending the file as needed.
  virtual Status WriteAt(uint64_t offset, const void* buf, size_t n) = 0;
  virtual Status Sync(SyncKind kind) = 0;
  virtual Status Size(uint64_t* out_size) = 0;
  virtual Status Truncate(uint64_t size) = 0;
  // Takes an exclusive, non-blocking lock for this process; ERR_BUSY (55P03) when another
  // process holds it. Unlock releases it; closing the file also releases it.
  virtual Status LockExclusive() = 0;
  virtual Status Unlock() = 0;
};

struct OpenFlags {
  bool create = false;      // create the file if missing
  bool read_only = false;   // open without write access
  bool delete_on_close = false;  // temp/spill files
};

class Vfs {
 public:
  virtual ~Vfs() = default;
  // Opens path; a missing file without flags.create is ERR_IO naming the path.
  virtual Status Open(const std::string& path, const OpenFlags& flags,
                      std::unique_ptr<File>* out) = 0;
  virtual Status Delete(const std::string& path) = 0;
  virtual Status Exists(const std::string& path, bool* out_exists) = 0;
  // A string that is equal for two paths exactly when they name the same file
  // ((st_dev, st_ino) on POSIX). The file must exist.
  virtual Status FileIdentity(const std::string& path, std::string* out_id) = 0;
  // fsyncs the directory holding path, so a newly created file's entry is durable.
  virtual Status SyncDirectoryOf(const std::string& path) = 0;
  // An absolute, normalized spelling of path, for messages.
  virtual std::string CanonicalPath(const std::string& path) = 0;
};

// The process-wide OS VFS (never destroyed).
Vfs* OsVfs();

// A fresh, private in-memory VFS. Each ":memory:" database gets its own.
std::unique_ptr<Vfs> NewMemoryVfs();

}  // namespace decentdb
