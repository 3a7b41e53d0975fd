// The process-wide engine registry (ENGINE.md §4.1): one EngineImpl per database file,
// keyed by (VFS, file identity) so that symlinks, hard links and differently spelled paths
// share one engine, and shared by every connection through reference-counted handles.
// ":memory:" opens bypass it: each gets a private engine on its own memory VFS.
//
//  (R1) An entry's refs counts live handles; it is changed, and the engine destroyed at
//       zero, only under g_mu, so an Acquire never meets an engine that is half closed
//       (which would still hold the OS lock and make the process lock itself out).
#include <filesystem>
#include <map>
#include <mutex>

#include "pager/engine_impl.h"

namespace decentdb {

namespace {

struct Entry {
  std::unique_ptr<EngineImpl> engine;
  int refs = 0;  // (R1)
};

std::mutex g_mu;
std::map<std::string, Entry>& Registry() {
  static auto* registry = new std::map<std::string, Entry>();  // never destroyed
  return *registry;
}

void ReleaseEngine(const std::string& key) {
  std::unique_ptr<EngineImpl> doomed;
  std::lock_guard<std::mutex> g(g_mu);
  auto it = Registry().find(key);
  if (it == Registry().end()) return;
  if (--it->second.refs > 0) return;
  doomed = std::move(it->second.engine);
  Registry().erase(it);
  doomed.reset();  // close under g_mu (R1)
}

// The path the WAL is placed next to: with the OS VFS, symlinks are resolved so that every
// spelling of the file finds the same log after a crash.
std::string StoragePath(Vfs* vfs, const std::string& path) {
  if (vfs != OsVfs()) return path;
  std::error_code ec;
  std::filesystem::path p = std::filesystem::canonical(path, ec);
  return ec ? vfs->CanonicalPath(path) : p.string();
}

// Engine options are fixed by the first open (§4.1); a later open asking for other
// values gets the engine as it is, and the difference is logged.
void LogIgnoredOptions(const EngineOptions& have, const EngineOptions& asked,
                       const std::string& path) {
  std::string diff;
  auto note = [&diff](const char* name, bool differs) {
    if (differs) diff += std::string(diff.empty() ? "" : ", ") + name;
  };
  note("cache_size", have.cache_bytes != asked.cache_bytes);
  note("sync", have.sync != asked.sync);
  note("page_size", asked.page_size_given && have.page_size != asked.page_size);
  note("checkpoint_threshold", have.checkpoint_threshold != asked.checkpoint_threshold);
  note("wal_size_limit", have.wal_size_limit != asked.wal_size_limit);
  note("reader_warn_ms", have.reader_warn_ms != asked.reader_warn_ms);
  note("reader_timeout_ms", have.reader_timeout_ms != asked.reader_timeout_ms);
  note("temp_dir", have.temp_dir != asked.temp_dir);
  if (diff.empty()) return;
  const std::string msg = "database " + path + " is already open; ignoring differing " + diff;
  if (asked.log) {
    asked.log(msg);
  } else if (have.log) {
    have.log(msg);
  }
}

}  // namespace

Status Engine::Acquire(const std::string& path, const EngineOptions& options, bool create,
                       bool read_only, std::shared_ptr<Engine>* out) {
  if (path == ":memory:") {
    EngineOptions opts = options;
    opts.vfs = std::shared_ptr<Vfs>(NewMemoryVfs().release());
    std::unique_ptr<EngineImpl> e;
    DDB_RETURN_IF_ERROR(EngineImpl::Open("memdb", opts.vfs.get(), opts, true, false, &e));
    *out = std::shared_ptr<Engine>(e.release());
    return Status::OK();
  }
  Vfs* vfs = options.vfs ? options.vfs.get() : OsVfs();
  std::lock_guard<std::mutex> g(g_mu);
  bool exists = false;
  DDB_RETURN_IF_ERROR(vfs->Exists(path, &exists));
  if (!exists) {
    if (!create || read_only) return Status::Io("database file does not exist: " + path);
    // Create it empty so it has an identity; the engine initializes an empty file.
    std::unique_ptr<File> f;
    OpenFlags flags;
    flags.create = true;
    DDB_RETURN_IF_ERROR(vfs->Open(path, flags, &f));
  }
  std::string identity;
  DDB_RETURN_IF_ERROR(vfs->FileIdentity(path, &identity));
  const std::string key = std::to_string(reinterpret_cast<uintptr_t>(vfs)) + "|" + identity;
  auto it = Registry().find(key);
  if (it == Registry().end()) {
    std::unique_ptr<EngineImpl> e;
    DDB_RETURN_IF_ERROR(EngineImpl::Open(StoragePath(vfs, path), vfs, options, true, read_only, &e));
    it = Registry().emplace(key, Entry{std::move(e), 0}).first;
  } else if (it->second.engine->read_only() && !read_only) {
    return Status::Io("database " + path + " cannot be opened for writing");
  } else {
    LogIgnoredOptions(it->second.engine->options(), options, path);
  }
  it->second.refs++;
  *out = std::shared_ptr<Engine>(it->second.engine.get(),
                                 [key](Engine*) { ReleaseEngine(key); });
  return Status::OK();
}

}  // namespace decentdb
