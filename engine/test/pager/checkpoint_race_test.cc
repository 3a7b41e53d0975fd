// A main-file read that races a checkpoint (ENGINE.md §3.6, §3.8; (C3) in
// pager/page_cache.h, (E3) in pager/engine_impl.h): an expired reader reads page P from
// the main file just before the checkpoint overwrites it, and caches that image only
// after the checkpoint finished. The old image must not become the cached main-file
// version that later readers get. The interleaving is forced with a VFS that pauses the
// checkpoint's write of P and the reader's read of P.
#include <atomic>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "harness/test.h"
#include "pager/engine.h"
#include "pager_test_util.h"
#include "vfs/vfs.h"

using namespace decentdb;
using namespace pagertest;

namespace {

// One-shot signals between the threads.
class Signal {
 public:
  void Set() {
    std::lock_guard<std::mutex> g(mu_);
    set_ = true;
    cv_.notify_all();
  }
  // False after 10 s without Set: the test then fails instead of hanging.
  bool Wait() {
    std::unique_lock<std::mutex> g(mu_);
    return cv_.wait_for(g, std::chrono::seconds(10), [&] { return set_; });
  }

 private:
  std::mutex mu_;
  std::condition_variable cv_;
  bool set_ = false;
};

// Calls hook(is_write, offset) before each write and after each read of one file.
class HookVfs final : public Vfs {
 public:
  HookVfs(std::shared_ptr<Vfs> inner, std::string path) : inner_(std::move(inner)), path_(std::move(path)) {}
  std::function<void(bool, uint64_t)> hook;

  Status Open(const std::string& path, const OpenFlags& flags, std::unique_ptr<File>* out) override {
    DDB_RETURN_IF_ERROR(inner_->Open(path, flags, out));
    if (path == path_) out->reset(new HookFile(this, std::move(*out)));
    return Status::OK();
  }
  Status Delete(const std::string& path) override { return inner_->Delete(path); }
  Status Exists(const std::string& path, bool* out) override { return inner_->Exists(path, out); }
  Status FileIdentity(const std::string& path, std::string* out) override {
    return inner_->FileIdentity(path, out);
  }
  Status SyncDirectoryOf(const std::string& path) override { return inner_->SyncDirectoryOf(path); }
  std::string CanonicalPath(const std::string& path) override { return inner_->CanonicalPath(path); }

 private:
  class HookFile final : public File {
   public:
    HookFile(HookVfs* vfs, std::unique_ptr<File> f) : vfs_(vfs), f_(std::move(f)) {}
    Status ReadAt(uint64_t offset, void* buf, size_t n, size_t* out_read) override {
      Status s = f_->ReadAt(offset, buf, n, out_read);
      if (vfs_->hook) vfs_->hook(false, offset);
      return s;
    }
    Status WriteAt(uint64_t offset, const void* buf, size_t n) override {
      if (vfs_->hook) vfs_->hook(true, offset);
      return f_->WriteAt(offset, buf, n);
    }
    Status Sync(SyncKind kind) override { return f_->Sync(kind); }
    Status Size(uint64_t* out) override { return f_->Size(out); }
    Status Truncate(uint64_t size) override { return f_->Truncate(size); }
    Status LockExclusive() override { return f_->LockExclusive(); }
    Status Unlock() override { return f_->Unlock(); }

   private:
    HookVfs* vfs_;
    std::unique_ptr<File> f_;
  };

  std::shared_ptr<Vfs> inner_;
  std::string path_;
};

Status WriteVersion(Engine* e, PageId id, uint64_t txn) {
  std::unique_ptr<WriteTxn> w;
  DDB_RETURN_IF_ERROR(e->BeginWrite(1000, UINT64_MAX, &w));
  uint8_t* p;
  DDB_RETURN_IF_ERROR(w->Write(id, &p));
  FillPage(p, w->usable_size(), id, txn);
  return w->Commit();
}

}  // namespace

TEST(CheckpointRace, AnOldMainFileImageReadDuringACheckpointIsNotCached) {
  auto mem = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  auto hooks = std::make_shared<HookVfs>(mem, "race.db");
  EngineOptions o = MemOptions(hooks);
  o.checkpoint_threshold = 1;  // any frame puts the log over it: old readers may expire
  o.reader_timeout_ms = 20;
  o.cache_bytes = 64 * 4096;  // the smallest cache: filler reads evict P's image
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("race.db", o, true, false, &e));

  // Page P holds version 1 in the main file, beside filler pages.
  PageId pid;
  std::vector<PageId> filler;
  {
    std::unique_ptr<WriteTxn> w;
    ASSERT_OK(e->BeginWrite(1000, UINT64_MAX, &w));
    uint8_t* p;
    ASSERT_OK(w->Allocate(&pid, &p));
    FillPage(p, w->usable_size(), pid, 1);
    for (int i = 0; i < 400; ++i) {
      PageId f;
      ASSERT_OK(w->Allocate(&f, &p));
      FillPage(p, w->usable_size(), f, 1);
      filler.push_back(f);
    }
    ASSERT_OK(w->Commit());
  }
  int64_t left = -1;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kTruncate, &left));
  ASSERT_EQ(left, 0);
  const uint64_t p_offset = static_cast<uint64_t>(pid - 1) * e->page_size();

  // A reader starts, then version 2 of P is committed to the log; the reader grows old.
  std::unique_ptr<ReadTxn> old_reader;
  ASSERT_OK(e->BeginRead(&old_reader));
  ASSERT_OK(WriteVersion(e.get(), pid, 2));
  // Writing P read its main-file image into the cache; reading the filler pushes it out,
  // so that the old reader has to read P from the file.
  {
    std::unique_ptr<ReadTxn> r;
    ASSERT_OK(e->BeginRead(&r));
    for (PageId f : filler) {
      PageRef ref;
      ASSERT_OK(r->Read(f, &ref));
    }
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(40));

  Signal ckpt_writing, read_done, ckpt_done;
  std::thread::id reader_thread;
  std::mutex id_mu;
  hooks->hook = [&](bool is_write, uint64_t offset) {
    if (offset != p_offset) return;
    if (is_write) {  // the checkpoint, about to overwrite P: let the reader read it first
      ckpt_writing.Set();
      EXPECT_TRUE(read_done.Wait());
      return;
    }
    {
      std::lock_guard<std::mutex> g(id_mu);
      if (std::this_thread::get_id() != reader_thread) return;
    }
    read_done.Set();                // the reader has the old image
    EXPECT_TRUE(ckpt_done.Wait());  // and caches it only after the checkpoint is over
  };

  // The checkpoint expires the old reader (C becomes the last commit) and copies P.
  std::thread checkpointer([&] {
    int64_t frames = -1;
    EXPECT_OK(e->Checkpoint(CheckpointMode::kPassive, &frames));
    ckpt_done.Set();
  });
  EXPECT_TRUE(ckpt_writing.Wait());
  std::thread reader([&] {
    {
      std::lock_guard<std::mutex> g(id_mu);
      reader_thread = std::this_thread::get_id();
    }
    PageRef ref;
    Status s = old_reader->Read(pid, &ref);
    EXPECT_TRUE(s.Is(Code::kTransaction));  // expired (§3.8)
  });
  checkpointer.join();
  reader.join();
  hooks->hook = nullptr;

  // A new reader must see version 2, not the image the expired reader read.
  std::unique_ptr<ReadTxn> fresh;
  ASSERT_OK(e->BeginRead(&fresh));
  PageRef ref;
  ASSERT_OK(fresh->Read(pid, &ref));
  EXPECT_EQ(PageTxn(ref.data(), fresh->usable_size(), pid), 2u);
  old_reader.reset();
  fresh.reset();
  ref.Release();
  e.reset();
}

// Pages a checkpoint copies stay cached as their main-file images: reading them right
// after the checkpoint reads nothing from the file.
TEST(CheckpointCache, CopiedPagesStayCached) {
  auto mem = std::shared_ptr<Vfs>(NewMemoryVfs().release());
  auto hooks = std::make_shared<HookVfs>(mem, "warm.db");
  std::shared_ptr<Engine> e;
  ASSERT_OK(Engine::Acquire("warm.db", MemOptions(hooks), true, false, &e));
  std::vector<PageId> ids = AllocateFilled(e.get(), 50, 1);
  ASSERT_EQ(ids.size(), 50u);
  for (size_t i = 0; i < ids.size(); i += 2) ASSERT_OK(WriteVersion(e.get(), ids[i], 2));
  int64_t left = -1;
  ASSERT_OK(e->Checkpoint(CheckpointMode::kTruncate, &left));
  ASSERT_EQ(left, 0);
  std::atomic<int> main_reads{0};
  hooks->hook = [&](bool is_write, uint64_t) {
    if (!is_write) main_reads.fetch_add(1);
  };
  std::unique_ptr<ReadTxn> r;
  ASSERT_OK(e->BeginRead(&r));
  for (size_t i = 0; i < ids.size(); ++i) {
    PageRef ref;
    ASSERT_OK(r->Read(ids[i], &ref));
    EXPECT_EQ(PageTxn(ref.data(), r->usable_size(), ids[i]), i % 2 == 0 ? 2u : 1u);
  }
  EXPECT_EQ(main_reads.load(), 0);
  hooks->hook = nullptr;
  r.reset();
  std::string report;
  ASSERT_OK(e->IntegrityCheck(&report));
  EXPECT_EQ(report, "ok");
}
