// POSIX VFS: files through pread/pwrite/fsync/ftruncate, the one-process rule through
// flock(LOCK_EX|LOCK_NB) on the main file (ENGINE.md §1), directory fsyncs for newly
// created files (§3.3). Every error is ERR_IO naming the path and the OS reason, except a
// held lock, which is ERR_BUSY. Every descriptor is close-on-exec so a JVM that spawns
// processes never leaks the database fd (and thus its lock) into a child.
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdint>
#include <string>

#include "vfs/vfs.h"

namespace decentdb {
namespace {

std::string ErrnoText(int err) {
  char buf[256];
  // GNU strerror_r may return a static string instead of filling buf; both variants
  // are handled by using whatever it hands back.
#if defined(__GLIBC__) && defined(_GNU_SOURCE)
  return std::string(strerror_r(err, buf, sizeof(buf)));
#else
  if (strerror_r(err, buf, sizeof(buf)) != 0) return "errno " + std::to_string(err);
  return std::string(buf);
#endif
}

Status IoError(const std::string& what, const std::string& path, int err) {
  return Status::Io(what + " " + path + ": " + ErrnoText(err));
}

// off_t is signed; an offset the kernel cannot represent would wrap into a negative one.
bool OffsetFits(uint64_t offset, size_t n) {
  return offset <= static_cast<uint64_t>(INT64_MAX) &&
         n <= static_cast<uint64_t>(INT64_MAX) - offset;
}

class PosixFile final : public File {
 public:
  PosixFile(int fd, std::string path, std::string unlink_at_close)
      : fd_(fd), path_(std::move(path)), unlink_at_close_(std::move(unlink_at_close)) {}

  ~PosixFile() override {
    // close() also drops the flock: the lock belongs to this open file description.
    ::close(fd_);
    if (!unlink_at_close_.empty()) ::unlink(unlink_at_close_.c_str());
  }

  Status ReadAt(uint64_t offset, void* buf, size_t n, size_t* out_read) override {
    *out_read = 0;
    if (!OffsetFits(offset, n)) return Status::Io("read offset out of range: " + path_);
    char* p = static_cast<char*>(buf);
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::pread(fd_, p + done, n - done, static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        return IoError("cannot read", path_, errno);
      }
      if (r == 0) break;  // end of file
      done += static_cast<size_t>(r);
    }
    *out_read = done;
    return Status::OK();
  }

  Status WriteAt(uint64_t offset, const void* buf, size_t n) override {
    if (!OffsetFits(offset, n)) return Status::Io("write offset out of range: " + path_);
    const char* p = static_cast<const char*>(buf);
    size_t done = 0;
    while (done < n) {
      ssize_t r = ::pwrite(fd_, p + done, n - done, static_cast<off_t>(offset + done));
      if (r < 0) {
        if (errno == EINTR) continue;
        return IoError("cannot write", path_, errno);
      }
      // A zero-byte write for a non-empty request means no progress is possible;
      // report it as a full disk rather than spinning.
      if (r == 0) return IoError("cannot write", path_, ENOSPC);
      done += static_cast<size_t>(r);
    }
    return Status::OK();
  }

  Status Sync(SyncKind kind) override {
    int rc;
#if defined(__APPLE__)
    // Plain fsync on macOS does not flush the drive's cache (ENGINE.md §3.3).
    (void)kind;
    rc = ::fcntl(fd_, F_FULLFSYNC);
    if (rc != 0) rc = ::fsync(fd_);
#else
    do {
      rc = kind == SyncKind::kData ? ::fdatasync(fd_) : ::fsync(fd_);
    } while (rc != 0 && errno == EINTR);
#endif
    if (rc != 0) return IoError("cannot sync", path_, errno);
    return Status::OK();
  }

  Status Size(uint64_t* out_size) override {
    struct stat st;
    if (::fstat(fd_, &st) != 0) return IoError("cannot stat", path_, errno);
    *out_size = static_cast<uint64_t>(st.st_size);
    return Status::OK();
  }

  Status Truncate(uint64_t size) override {
    if (!OffsetFits(size, 0)) return Status::Io("truncate size out of range: " + path_);
    int rc;
    do {
      rc = ::ftruncate(fd_, static_cast<off_t>(size));
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) return IoError("cannot truncate", path_, errno);
    return Status::OK();
  }

  Status LockExclusive() override {
    int rc;
    do {
      rc = ::flock(fd_, LOCK_EX | LOCK_NB);
    } while (rc != 0 && errno == EINTR);
    if (rc == 0) return Status::OK();
    if (errno == EWOULDBLOCK) {
      return Status::Busy("database file is locked by another process: " + path_);
    }
    return IoError("cannot lock", path_, errno);
  }

  Status Unlock() override {
    int rc;
    do {
      rc = ::flock(fd_, LOCK_UN);
    } while (rc != 0 && errno == EINTR);
    if (rc != 0) return IoError("cannot unlock", path_, errno);
    return Status::OK();
  }

 private:
  const int fd_;
  const std::string path_;
  const std::string unlink_at_close_;  // non-empty if the early unlink failed
};

// Splits "dir/name" into its directory ("." when there is none) and its last component.
void SplitPath(const std::string& path, std::string* dir, std::string* name) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string::npos) {
    *dir = ".";
    *name = path;
  } else if (slash == 0) {
    *dir = "/";
    *name = path.substr(1);
  } else {
    *dir = path.substr(0, slash);
    *name = path.substr(slash + 1);
  }
}

class PosixVfs final : public Vfs {
 public:
  Status Open(const std::string& path, const OpenFlags& flags,
              std::unique_ptr<File>* out) override {
    int oflags = O_CLOEXEC | (flags.read_only ? O_RDONLY : O_RDWR);
    if (flags.create && !flags.read_only) oflags |= O_CREAT;
    int fd;
    do {
      fd = ::open(path.c_str(), oflags, 0644);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return IoError("cannot open", path, errno);
    std::string unlink_at_close;
    // Unlinking right away means a crash can never leave the spill file behind.
    if (flags.delete_on_close && ::unlink(path.c_str()) != 0) unlink_at_close = path;
    out->reset(new PosixFile(fd, path, std::move(unlink_at_close)));
    return Status::OK();
  }

  Status Delete(const std::string& path) override {
    if (::unlink(path.c_str()) != 0) return IoError("cannot delete", path, errno);
    return Status::OK();
  }

  Status Exists(const std::string& path, bool* out_exists) override {
    struct stat st;
    if (::stat(path.c_str(), &st) == 0) {
      *out_exists = true;
      return Status::OK();
    }
    if (errno == ENOENT || errno == ENOTDIR) {
      *out_exists = false;
      return Status::OK();
    }
    return IoError("cannot stat", path, errno);
  }

  Status FileIdentity(const std::string& path, std::string* out_id) override {
    struct stat st;  // follows symlinks: a link and its target are the same database
    if (::stat(path.c_str(), &st) != 0) return IoError("cannot stat", path, errno);
    *out_id = std::to_string(static_cast<uint64_t>(st.st_dev)) + ":" +
              std::to_string(static_cast<uint64_t>(st.st_ino));
    return Status::OK();
  }

  Status SyncDirectoryOf(const std::string& path) override {
    std::string dir, name;
    SplitPath(path, &dir, &name);
    int fd;
    do {
      fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    } while (fd < 0 && errno == EINTR);
    if (fd < 0) return IoError("cannot open directory", dir, errno);
    int rc;
    do {
      rc = ::fsync(fd);
    } while (rc != 0 && errno == EINTR);
    int err = errno;
    ::close(fd);
    // Some filesystems cannot fsync a directory at all (EINVAL); there is nothing
    // stronger to fall back to, and their entries are as durable as they get.
    if (rc != 0 && err != EINVAL) return IoError("cannot sync directory", dir, err);
    return Status::OK();
  }

  std::string CanonicalPath(const std::string& path) override {
    std::string dir, name;
    SplitPath(path, &dir, &name);
    // Resolve only the directory: the file may not exist yet, and a symlinked database
    // file should still be reported under the name the user gave it.
    char resolved[PATH_MAX];
    std::string base;
    if (::realpath(dir.c_str(), resolved) != nullptr) {
      base = resolved;
    } else if (!dir.empty() && dir[0] == '/') {
      base = dir;
    } else {
      char cwd[PATH_MAX];
      base = ::getcwd(cwd, sizeof(cwd)) != nullptr ? std::string(cwd) + "/" + dir : dir;
    }
    if (name.empty() || name == ".") return base;
    return base == "/" ? "/" + name : base + "/" + name;
  }
};

}  // namespace

Vfs* OsVfs() {
  // Leaked on purpose: files may be closed from static destructors of other modules.
  static Vfs* vfs = new PosixVfs();
  return vfs;
}

}  // namespace decentdb
