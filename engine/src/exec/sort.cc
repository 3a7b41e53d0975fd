// Operators above the row source: projection into the reused projected row, DISTINCT
// (first occurrence wins, so an ordered input stays ordered), ORDER BY as a stable
// in-memory sort or a bounded top-N, and LIMIT/OFFSET resolved at open time.
// A sort that outgrows sort_buffer_bytes writes sorted runs to temporary files and
// merges them with a fan-in of 64. Design: ENGINE.md §9.3-§9.4.
#include <algorithm>
#include <cstdio>
#include <numeric>
#include <unordered_map>
#ifndef _WIN32
#include <unistd.h>
#endif

#include "exec/operators.h"
#include "exec/value_ops.h"
#include "record/record.h"

namespace decentdb {
namespace exec {
namespace {

// Above this many rows (OFFSET + LIMIT) a top-N degrades to a full sort (ENGINE.md §9.3).
constexpr int64_t kTopNMax = 10000;

class Project : public Operator {
 public:
  Project(ExecState* st, std::unique_ptr<Operator> in, const ValueRef* row)
      : st_(st), in_(std::move(in)), row_(row) {
    for (const plan::OutputColumn& o : st->plan->outputs) exprs_.push_back(o.expr);
    for (const plan::BoundExpr* h : st->plan->hidden) exprs_.push_back(h);
    for (const plan::BoundExpr* e : exprs_) {
      if (e->op == plan::BoundOp::kColumn) slots_.push_back(e->index);
    }
    if (slots_.size() != exprs_.size()) slots_.clear();
    identity_ = !slots_.empty();
    for (size_t i = 0; i < slots_.size(); ++i) identity_ = identity_ && slots_[i] == static_cast<int32_t>(i);
  }
  Status Open() override { return in_->Open(); }
  Status Skip(int64_t n, int64_t* skipped) override {
    // Skipped rows are not projected, unless a projection could fail on one (an
    // expression other than a column or a constant): then the error must be raised.
    for (const plan::BoundExpr* e : exprs_) {
      if (e->op != plan::BoundOp::kColumn && e->op != plan::BoundOp::kConst) {
        return Operator::Skip(n, skipped);
      }
    }
    return in_->Skip(n, skipped);
  }
  Status Next(bool* has_row) override {
    DDB_RETURN_IF_ERROR(in_->Next(has_row));
    if (!*has_row) return Status::OK();
    if (identity_) {
      // The outputs are the input row's first slots in order: hand out the input row
      // itself (out is read-only to every consumer, and lives as long as a copy would).
      st_->out = row_;
      return Status::OK();
    }
    ValueRef* out = st_->proj_row.data();
    if (!slots_.empty()) {
      // Every output is a plain column (the common SELECT list): a gather, no evaluation.
      const size_t n = slots_.size();
      const int32_t* slot = slots_.data();
      for (size_t i = 0; i < n; ++i) out[i] = row_[slot[i]];
      st_->out = out;
      return Status::OK();
    }
    st_->scratch.Reset();  // (X2)
    for (size_t i = 0; i < exprs_.size(); ++i) {
      const plan::BoundExpr& e = *exprs_[i];
      // A plain column is most of what queries project: copy it without the evaluator.
      if (e.op == plan::BoundOp::kColumn) out[i] = row_[e.index];
      else DDB_RETURN_IF_ERROR(Evaluate(e, row_, &st_->eval, &out[i]));
    }
    st_->out = out;
    return Status::OK();
  }

 private:
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  const ValueRef* row_;
  std::vector<const plan::BoundExpr*> exprs_;
  // The input slot of every output when all of them are plain columns, else empty.
  std::vector<int32_t> slots_;
  bool identity_ = false;  // slots_ is 0, 1, ..., n - 1
};

class Distinct : public Operator {
 public:
  Distinct(ExecState* st, std::unique_ptr<Operator> in) : st_(st), in_(std::move(in)) {
    for (const plan::OutputColumn& o : st->plan->outputs) logical_.push_back(o.type.logical);
  }
  Status Open() override {
    seen_.clear();
    index_.clear();
    return in_->Open();
  }
  Status Next(bool* has_row) override {
    const size_t w = logical_.size();
    for (;;) {
      DDB_RETURN_IF_ERROR(in_->Next(has_row));
      if (!*has_row) return Status::OK();
      const ValueRef* r = st_->out;
      uint64_t h = 0;
      for (size_t i = 0; i < w; ++i) h = h * 0x9E3779B97F4A7C15ULL + HashValue(r[i], logical_[i]);
      bool dup = false;
      auto range = index_.equal_range(h);
      for (auto it = range.first; it != range.second && !dup; ++it) {
        bool eq = true;
        for (size_t i = 0; i < w && eq; ++i) eq = GroupEqual(seen_[it->second * w + i].ref(), r[i], logical_[i]);
        dup = eq;
      }
      if (dup) continue;
      size_t row = w == 0 ? index_.size() : seen_.size() / w;
      uint64_t bytes = 32;
      for (size_t i = 0; i < w; ++i) {
        seen_.emplace_back(r[i]);
        bytes += ValueBytes(seen_.back());
      }
      index_.emplace(h, row);
      DDB_RETURN_IF_ERROR(st_->Charge(bytes));
      if (w == 0 && index_.size() > 1) continue;  // zero columns: one row at most
      return Status::OK();
    }
  }

 private:
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  std::vector<LogicalType> logical_;
  std::vector<Value> seen_;  // w values per distinct row
  std::unordered_multimap<uint64_t, size_t> index_;
};

// A sorted run in a temporary file: rows as `u32 len, record` (record/record.h), read
// back one row at a time during the merge. The file is deleted when closed (or was
// unlinked right after creation), so nothing is left behind, even after an error.
class Run {
 public:
  ~Run() { Close(); }
  Status Create(const std::string& dir) {
    file_ = OpenTemp(dir);
    if (file_ == nullptr) return Status::Io("cannot create a temporary file for sorting", "58030");
    return Status::OK();
  }
  Status Append(const std::string& rec) {
    uint32_t n = static_cast<uint32_t>(rec.size());
    unsigned char len[4] = {static_cast<unsigned char>(n), static_cast<unsigned char>(n >> 8),
                            static_cast<unsigned char>(n >> 16), static_cast<unsigned char>(n >> 24)};
    if (std::fwrite(len, 1, 4, file_) != 4 || std::fwrite(rec.data(), 1, rec.size(), file_) != rec.size())
      return Status::Io("cannot write a sort run to a temporary file", "58030");
    ++rows_;
    return Status::OK();
  }
  Status Rewind() {
    if (std::fflush(file_) != 0 || std::fseek(file_, 0, SEEK_SET) != 0)
      return Status::Io("cannot read back a sort run", "58030");
    left_ = rows_;
    return Status::OK();
  }
  // Reads the next row into cur (width values); *ok false at the end of the run.
  Status ReadRow(size_t width, bool* ok) {
    *ok = false;
    if (left_ == 0) return Status::OK();
    unsigned char len[4];
    if (std::fread(len, 1, 4, file_) != 4) return Status::Io("short read from a sort run", "58030");
    uint32_t n = len[0] | (uint32_t{len[1]} << 8) | (uint32_t{len[2]} << 16) | (uint32_t{len[3]} << 24);
    buf_.resize(n);
    if (n > 0 && std::fread(&buf_[0], 1, n, file_) != n) return Status::Io("short read from a sort run", "58030");
    RecordReader rr;
    DDB_RETURN_IF_ERROR(rr.Init(reinterpret_cast<const uint8_t*>(buf_.data()), buf_.size()));
    cur.resize(width);
    for (size_t i = 0; i < width; ++i) {
      FieldRef f;
      DDB_RETURN_IF_ERROR(rr.Field(static_cast<uint32_t>(i), &f));
      cur[i].Assign(f.value);
    }
    --left_;
    *ok = true;
    return Status::OK();
  }
  void Close() {
    if (file_ != nullptr) std::fclose(file_);
    file_ = nullptr;
  }
  std::vector<Value> cur;  // the run's current row during a merge

 private:
  static std::FILE* OpenTemp(const std::string& dir) {
#ifndef _WIN32
    if (!dir.empty()) {
      std::string path = dir + "/decentdb-sort-XXXXXX";
      int fd = mkstemp(&path[0]);
      if (fd < 0) return nullptr;
      unlink(path.c_str());  // removed when the last descriptor closes
      std::FILE* f = fdopen(fd, "w+b");
      if (f == nullptr) close(fd);
      return f;
    }
#else
    (void)dir;
#endif
    return std::tmpfile();
  }
  std::FILE* file_ = nullptr;
  uint64_t rows_ = 0;
  uint64_t left_ = 0;
  std::string buf_;
};

// Invariants:
//  (O1) rows_ holds width_ owned values per buffered row; order_ lists buffered rows in
//       output order after Open.
//  (O2) A top-N keeps at most 2 * keep_ rows: when full it sorts stably and drops all
//       but the first keep_, so ties keep their input order.
//  (O3) runs_ hold earlier input than later runs and than the buffer; the merge breaks
//       ties by run index, so the external sort is stable like the in-memory one.
class Sort : public Operator {
 public:
  Sort(ExecState* st, std::unique_ptr<Operator> in, bool standby)
      : st_(st), in_(std::move(in)), standby_(standby) {
    width_ = st->plan->outputs.size() + st->plan->hidden.size();
    out_.resize(width_);
  }

  Status Open() override {
    rows_.clear();
    order_.clear();
    runs_.clear();
    heap_.clear();
    last_ = -1;
    buffered_ = 0;
    pos_ = 0;
    DDB_RETURN_IF_ERROR(in_->Open());
    passthrough_ = standby_ && !st_->order_broken;
    if (passthrough_) return Status::OK();
    const plan::SelectPlan& p = *st_->plan;
    keep_ = -1;
    if (p.top_n) {
      bool lp = false, op = false;
      int64_t lim = 0, off = 0;
      DDB_RETURN_IF_ERROR(ResolveLimit(st_, p.limit, &lp, &lim));
      DDB_RETURN_IF_ERROR(ResolveLimit(st_, p.offset, &op, &off));
      if (lp && lim <= kTopNMax && off <= kTopNMax - lim) keep_ = lim + (op ? off : 0);
    }
    for (;;) {
      bool has = false;
      DDB_RETURN_IF_ERROR(in_->Next(&has));
      if (!has) break;
      uint64_t bytes = 0;
      for (size_t i = 0; i < width_; ++i) {
        rows_.emplace_back(st_->out[i]);
        bytes += ValueBytes(rows_.back());
      }
      order_.push_back(order_.size());
      buffered_ += bytes;
      DDB_RETURN_IF_ERROR(st_->Charge(bytes));
      if (keep_ >= 0 && order_.size() >= 2 * static_cast<size_t>(keep_) + 64) Trim();
      if (keep_ < 0 && buffered_ > st_->ctx.sort_buffer_bytes) DDB_RETURN_IF_ERROR(SpillBuffer());
    }
    if (!runs_.empty()) {
      if (!order_.empty()) DDB_RETURN_IF_ERROR(SpillBuffer());
      return StartMerge();
    }
    DoSort();
    if (keep_ >= 0 && order_.size() > static_cast<size_t>(keep_)) order_.resize(static_cast<size_t>(keep_));
    return Status::OK();
  }

  Status Skip(int64_t n, int64_t* skipped) override {
    // Rows already in order pass through: the input skips them (an index path then
    // neither decodes them nor visits the table).
    if (passthrough_) return in_->Skip(n, skipped);
    return Operator::Skip(n, skipped);
  }

  Status Next(bool* has_row) override {
    if (passthrough_) return in_->Next(has_row);
    if (!runs_.empty()) return NextMerged(has_row);
    if (pos_ >= order_.size()) {
      *has_row = false;
      return Status::OK();
    }
    size_t r = order_[pos_++];
    for (size_t i = 0; i < width_; ++i) out_[i] = rows_[r * width_ + i].ref();
    st_->out = out_.data();
    *has_row = true;
    return Status::OK();
  }

 private:
  static constexpr size_t kFanIn = 64;  // ENGINE.md §9.3

  int CompareRows(const Value* a, const Value* b) const {
    for (const plan::SortKey& k : st_->plan->sort) {
      int c = CompareForSort(a[k.column].ref(), b[k.column].ref(), k.logical, k.desc, k.nulls_first);
      if (c != 0) return c;
    }
    return 0;
  }
  bool Less(size_t a, size_t b) const { return CompareRows(&rows_[a * width_], &rows_[b * width_]) < 0; }
  void DoSort() {
    std::stable_sort(order_.begin(), order_.end(), [this](size_t a, size_t b) { return Less(a, b); });
  }
  // (O2) Compacts the buffer to the best keep_ rows, preserving input order among ties.
  void Trim() {
    DoSort();
    order_.resize(static_cast<size_t>(keep_));
    std::vector<size_t> survivors = order_;
    std::sort(survivors.begin(), survivors.end());  // back to input order
    std::vector<Value> kept;
    kept.reserve(survivors.size() * width_);
    for (size_t r : survivors)
      for (size_t i = 0; i < width_; ++i) kept.push_back(std::move(rows_[r * width_ + i]));
    uint64_t after = 0;
    for (const Value& v : kept) after += ValueBytes(v);
    rows_.swap(kept);
    order_.resize(survivors.size());
    std::iota(order_.begin(), order_.end(), size_t{0});
    Release(buffered_ > after ? buffered_ - after : 0);
    buffered_ = after;
  }
  void Release(uint64_t bytes) { st_->memory = st_->memory > bytes ? st_->memory - bytes : 0; }

  // Sorts the buffer and writes it as a new run (O3).
  Status SpillBuffer() {
    DoSort();
    std::unique_ptr<Run> run(new Run());
    DDB_RETURN_IF_ERROR(run->Create(st_->ctx.temp_dir));
    std::vector<ValueRef> refs(width_);
    for (size_t r : order_) {
      for (size_t i = 0; i < width_; ++i) refs[i] = rows_[r * width_ + i].ref();
      EncodeRecordInline(refs.data(), width_, &rec_);
      DDB_RETURN_IF_ERROR(run->Append(rec_));
    }
    runs_.push_back(std::move(run));
    rows_.clear();
    order_.clear();
    Release(buffered_);
    buffered_ = 0;
    return Status::OK();
  }

  // Heap order: the run whose current row sorts last is "greater"; ties by run index.
  bool After(int a, int b) const {
    int c = CompareRows(runs_[a]->cur.data(), runs_[b]->cur.data());
    return c != 0 ? c > 0 : a > b;
  }
  Status Push(int r) {
    bool ok = false;
    DDB_RETURN_IF_ERROR(runs_[r]->ReadRow(width_, &ok));
    if (!ok) return Status::OK();
    heap_.push_back(r);
    std::push_heap(heap_.begin(), heap_.end(), [this](int a, int b) { return After(a, b); });
    return Status::OK();
  }
  Status Pop(int* r) {
    std::pop_heap(heap_.begin(), heap_.end(), [this](int a, int b) { return After(a, b); });
    *r = heap_.back();
    heap_.pop_back();
    return Status::OK();
  }

  // Merges groups of kFanIn runs into longer runs until one merge pass remains.
  Status StartMerge() {
    while (runs_.size() > kFanIn) {
      std::vector<std::unique_ptr<Run>> next;
      for (size_t g = 0; g < runs_.size(); g += kFanIn) {
        size_t end = std::min(runs_.size(), g + kFanIn);
        std::vector<std::unique_ptr<Run>> group;
        for (size_t i = g; i < end; ++i) group.push_back(std::move(runs_[i]));
        runs_.swap(group);
        std::unique_ptr<Run> merged(new Run());
        DDB_RETURN_IF_ERROR(merged->Create(st_->ctx.temp_dir));
        DDB_RETURN_IF_ERROR(BeginHeap());
        std::vector<ValueRef> refs(width_);
        while (!heap_.empty()) {
          DDB_RETURN_IF_ERROR(st_->Tick());
          int r;
          DDB_RETURN_IF_ERROR(Pop(&r));
          for (size_t i = 0; i < width_; ++i) refs[i] = runs_[r]->cur[i].ref();
          EncodeRecordInline(refs.data(), width_, &rec_);
          DDB_RETURN_IF_ERROR(merged->Append(rec_));
          DDB_RETURN_IF_ERROR(Push(r));
        }
        runs_.clear();  // closes (and so deletes) the merged inputs
        runs_.swap(group);
        next.push_back(std::move(merged));
      }
      runs_.swap(next);
    }
    last_ = -1;
    return BeginHeap();
  }
  Status BeginHeap() {
    heap_.clear();
    for (size_t r = 0; r < runs_.size(); ++r) {
      DDB_RETURN_IF_ERROR(runs_[r]->Rewind());
      DDB_RETURN_IF_ERROR(Push(static_cast<int>(r)));
    }
    return Status::OK();
  }
  Status NextMerged(bool* has_row) {
    // The row handed out last is still referenced by the caller until now.
    if (last_ >= 0) DDB_RETURN_IF_ERROR(Push(last_));
    last_ = -1;
    if (heap_.empty()) {
      *has_row = false;
      return Status::OK();
    }
    DDB_RETURN_IF_ERROR(Pop(&last_));
    for (size_t i = 0; i < width_; ++i) out_[i] = runs_[last_]->cur[i].ref();
    st_->out = out_.data();
    *has_row = true;
    return Status::OK();
  }

  ExecState* st_;
  std::unique_ptr<Operator> in_;
  bool standby_ = false;      // the plan relies on the driver's order
  bool passthrough_ = false;  // this execution: rows already arrive in order
  size_t width_ = 0;
  std::vector<Value> rows_;    // (O1)
  std::vector<size_t> order_;
  std::vector<ValueRef> out_;
  size_t pos_ = 0;
  int64_t keep_ = -1;
  uint64_t buffered_ = 0;      // bytes of rows_
  std::vector<std::unique_ptr<Run>> runs_;  // (O3)
  std::vector<int> heap_;
  int last_ = -1;              // run of the row returned by the last Next
  std::string rec_;
};

class Limit : public Operator {
 public:
  Limit(ExecState* st, std::unique_ptr<Operator> in) : st_(st), in_(std::move(in)) {}
  Status Open() override {
    bool lp = false, op = false;
    int64_t lim = 0, off = 0;
    DDB_RETURN_IF_ERROR(ResolveLimit(st_, st_->plan->limit, &lp, &lim));
    DDB_RETURN_IF_ERROR(ResolveLimit(st_, st_->plan->offset, &op, &off));
    remaining_ = lp ? lim : -1;
    skip_ = op ? off : 0;
    if (remaining_ == 0) return Status::OK();  // LIMIT 0 reads nothing
    return in_->Open();
  }
  Status Next(bool* has_row) override {
    *has_row = false;
    if (remaining_ == 0) return Status::OK();
    if (skip_ > 0) {
      int64_t skipped = 0;
      DDB_RETURN_IF_ERROR(in_->Skip(skip_, &skipped));
      if (skipped < skip_) {
        remaining_ = 0;
        return Status::OK();
      }
      skip_ = 0;
    }
    for (;;) {
      DDB_RETURN_IF_ERROR(in_->Next(has_row));
      if (!*has_row) {
        remaining_ = 0;
        return Status::OK();
      }
      if (skip_ > 0) {
        --skip_;
        continue;
      }
      if (remaining_ > 0) --remaining_;
      return Status::OK();
    }
  }

 private:
  ExecState* st_;
  std::unique_ptr<Operator> in_;
  int64_t remaining_ = -1;  // -1: no limit
  int64_t skip_ = 0;
};

}  // namespace

Status ResolveLimit(ExecState* st, const plan::LimitValue& v, bool* present, int64_t* out) {
  *present = false;
  *out = 0;
  if (!v.present) return Status::OK();
  if (v.param < 0) {
    *present = true;
    *out = v.value;
    return Status::OK();
  }
  if (v.param >= st->eval.param_count)
    return Status::Sql("missing parameter $" + std::to_string(v.param + 1), "42P02");
  ValueRef p = st->eval.params[v.param];
  if (p.is_null()) return Status::OK();  // NULL means no limit (ENGINE.md §7.4)
  if (p.type() != ValueType::kInt64 || p.int64() < 0)
    return Status::Sql("LIMIT and OFFSET parameters must be non-negative integers", "22023");
  *present = true;
  *out = p.int64();
  return Status::OK();
}

std::unique_ptr<Operator> NewProject(ExecState* st, std::unique_ptr<Operator> input, const ValueRef* row) {
  return std::unique_ptr<Operator>(new Project(st, std::move(input), row));
}
std::unique_ptr<Operator> NewDistinct(ExecState* st, std::unique_ptr<Operator> input) {
  return std::unique_ptr<Operator>(new Distinct(st, std::move(input)));
}
std::unique_ptr<Operator> NewSort(ExecState* st, std::unique_ptr<Operator> input, bool standby) {
  return std::unique_ptr<Operator>(new Sort(st, std::move(input), standby));
}
std::unique_ptr<Operator> NewLimit(ExecState* st, std::unique_ptr<Operator> input) {
  return std::unique_ptr<Operator>(new Limit(st, std::move(input)));
}

}  // namespace exec
}  // namespace decentdb
