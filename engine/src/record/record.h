// Row record format (ENGINE.md §2.4): `varint field_count, (u8 tag, payload)*`. Owns the
// encoder (into a caller's reusable buffer, optionally moving large TEXT/BLOB fields to
// overflow chains per §2.5) and a total, lazy decoder: any malformed input gives
// ERR_CORRUPTION and nothing is ever read outside [data, data+size). Chains themselves are
// written and read by the btree layer (btree/overflow.h) through OverflowSink.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

#include "record/value.h"
#include "util/status.h"

namespace decentdb {

enum RecordTag : uint8_t {
  kTagNull = 0,
  kTagFalse = 1,
  kTagTrue = 2,
  kTagInt64 = 3,     // zigzag varint
  kTagFloat64 = 4,   // 8 bytes IEEE-754 LE
  kTagText = 5,      // varint len, UTF-8
  kTagBlob = 6,      // varint len, bytes
  kTagTextOverflow = 7,  // varint total_len, u32 first_overflow_page
  kTagBlobOverflow = 8,
};

// The largest TEXT/BLOB value (ENGINE.md §2.5).
constexpr uint64_t kMaxValueBytes = 1ull << 30;
// Fields shorter than this are never moved to a chain: a chain page for a few bytes costs
// more than it saves.
constexpr size_t kMinOverflowField = 64;

// Where EncodeRecord puts fields that must leave the record.
class OverflowSink {
 public:
  virtual ~OverflowSink() = default;
  // Stores n bytes in a new chain and returns its first page.
  virtual Status WriteChain(const uint8_t* data, size_t n, uint32_t* out_first_page) = 0;
};

// Exact encoded size of the fields with every value inline.
size_t RecordSize(const ValueRef* fields, size_t n);

// Encodes the fields with every value inline. out is cleared first; its capacity is reused.
void EncodeRecordInline(const ValueRef* fields, size_t n, std::string* out);

// Encodes the fields; if the result would exceed max_local bytes and sink is non-null,
// moves the largest TEXT/BLOB fields (each >= kMinOverflowField bytes) to chains, largest
// first, until it fits (ENGINE.md §2.5). The result may still exceed max_local; the tree
// then spills the whole record. A value over kMaxValueBytes is ERR_SQL 54000.
Status EncodeRecord(const ValueRef* fields, size_t n, size_t max_local, OverflowSink* sink,
                    std::string* out);

// One decoded field. For tags 7/8, value has the class (kText/kBlob) but no bytes
// (size 0, data null): the caller reads overflow_len bytes from the chain at overflow_page.
struct FieldRef {
  ValueRef value;
  bool overflow = false;
  uint64_t overflow_len = 0;
  uint32_t overflow_page = 0;
};

// Lazy decoder over one encoded record. Field(i) decodes only what lies before field i,
// remembering field starts so that sequential and repeated access are cheap. Holds
// pointers into the record, which must outlive it. No heap allocation.
class RecordReader {
 public:
  RecordReader() = default;
  // Reads the field count. ERR_CORRUPTION if the count is malformed or cannot fit.
  Status Init(const uint8_t* data, size_t size);
  uint32_t field_count() const { return count_; }
  // REQUIRES: Init returned OK. i >= field_count() is ERR_CORRUPTION-free: it yields NULL,
  // since short records predate ADD COLUMN and the caller supplies the added value.
  Status Field(uint32_t i, FieldRef* out);
  // Decodes the fields cols[0..n) in one forward pass, each into out[cols[k]]: the
  // per-row path of a scan, which would otherwise pay Field's bookkeeping per column.
  // An overflow field (tags 7/8) gets its class with no bytes (as in FieldRef) and sets
  // *any_overflow; read such fields with Field() for their chain. Errors are exactly
  // Field's for the same fields. Leaves the Field() position memo as it was.
  // REQUIRES: Init returned OK; cols ascending, each < field_count().
  Status ReadInOrder(const uint32_t* cols, size_t n, ValueRef* out, bool* any_overflow);
  // Decodes every field and checks that the record ends exactly at size.
  Status Validate();

 private:
  // ReadInOrder's error: the Status Field(i) gives.
  Status MalformedAt(uint32_t i);
  // Decodes the field starting at p; sets *next to the byte after it.
  Status DecodeAt(const uint8_t* p, FieldRef* out, const uint8_t** next) const;

  static constexpr uint32_t kCachedStarts = 32;
  const uint8_t* data_ = nullptr;
  const uint8_t* end_ = nullptr;
  uint32_t count_ = 0;
  // (R1) starts_[k] is the offset of field k for k < known_ (k < kCachedStarts);
  // (R2) far_pos_ is the start of field far_index_, the furthest field located so far.
  uint32_t starts_[kCachedStarts];
  uint32_t known_ = 0;
  uint32_t far_index_ = 0;
  const uint8_t* far_pos_ = nullptr;
};

// Calls fn(tag, total_len, first_page) for every overflow field (tags 7/8) of a record.
// Used to free or account for field chains. ERR_CORRUPTION on a malformed record.
template <typename Fn>
Status ForEachOverflowField(const uint8_t* data, size_t size, Fn&& fn) {
  RecordReader r;
  DDB_RETURN_IF_ERROR(r.Init(data, size));
  for (uint32_t i = 0; i < r.field_count(); ++i) {
    FieldRef f;
    DDB_RETURN_IF_ERROR(r.Field(i, &f));
    if (f.overflow) DDB_RETURN_IF_ERROR(fn(f.overflow_len, f.overflow_page));
  }
  return Status::OK();
}

}  // namespace decentdb
