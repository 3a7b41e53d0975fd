// Record encoder and total decoder (ENGINE.md §2.4, overflow fields §2.5). Every length and
// varint read here is checked against the end of the record before use.
#include "record/record.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "util/coding.h"

namespace decentdb {
namespace {

// Bytes a field takes when stored inline.
size_t InlineFieldSize(const ValueRef& v) {
  switch (v.type()) {
    case ValueType::kNull:
    case ValueType::kBool: return 1;
    case ValueType::kInt64: return 1 + VarintLength(ZigZagEncode(v.int64()));
    case ValueType::kFloat64: return 9;
    case ValueType::kText:
    case ValueType::kBlob: return 1 + VarintLength(v.size()) + v.size();
  }
  return 1;
}

size_t OverflowFieldSize(const ValueRef& v) { return 1 + VarintLength(v.size()) + 4; }

uint8_t* PutInlineField(uint8_t* p, const ValueRef& v) {
  switch (v.type()) {
    case ValueType::kNull: *p++ = kTagNull; break;
    case ValueType::kBool: *p++ = v.boolean() ? kTagTrue : kTagFalse; break;
    case ValueType::kInt64:
      *p++ = kTagInt64;
      p = EncodeVarint(p, ZigZagEncode(v.int64()));
      break;
    case ValueType::kFloat64: {
      *p++ = kTagFloat64;
      double d = v.float64();
      uint64_t bits;
      std::memcpy(&bits, &d, 8);
      EncodeFixed64(p, bits);
      p += 8;
      break;
    }
    case ValueType::kText:
    case ValueType::kBlob:
      *p++ = v.type() == ValueType::kText ? kTagText : kTagBlob;
      p = EncodeVarint(p, v.size());
      if (v.size() != 0) std::memcpy(p, v.data(), v.size());
      p += v.size();
      break;
  }
  return p;
}

}  // namespace

size_t RecordSize(const ValueRef* fields, size_t n) {
  size_t total = VarintLength(n);
  for (size_t i = 0; i < n; ++i) total += InlineFieldSize(fields[i]);
  return total;
}

void EncodeRecordInline(const ValueRef* fields, size_t n, std::string* out) {
  out->resize(RecordSize(fields, n));
  uint8_t* p = reinterpret_cast<uint8_t*>(&(*out)[0]);
  p = EncodeVarint(p, n);
  for (size_t i = 0; i < n; ++i) p = PutInlineField(p, fields[i]);
}

Status EncodeRecord(const ValueRef* fields, size_t n, size_t max_local, OverflowSink* sink,
                    std::string* out) {
  for (size_t i = 0; i < n; ++i) {
    const ValueRef& v = fields[i];
    if ((v.type() == ValueType::kText || v.type() == ValueType::kBlob) &&
        v.size() > kMaxValueBytes) {
      return Status::Sql("value too large (over 1 GiB)", "54000");
    }
  }
  size_t total = RecordSize(fields, n);
  if (total <= max_local || sink == nullptr) {
    EncodeRecordInline(fields, n, out);
    return Status::OK();
  }
  // Pick spill candidates largest first; ties by position keep the choice deterministic.
  // Allocation is acceptable here: only records larger than max_local get this far.
  std::vector<size_t> order;
  for (size_t i = 0; i < n; ++i) {
    const ValueRef& v = fields[i];
    if ((v.type() == ValueType::kText || v.type() == ValueType::kBlob) &&
        v.size() >= kMinOverflowField) {
      order.push_back(i);
    }
  }
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return fields[a].size() > fields[b].size(); });
  std::vector<uint32_t> chain(n, 0);
  for (size_t idx : order) {
    if (total <= max_local) break;
    uint32_t first = 0;
    DDB_RETURN_IF_ERROR(sink->WriteChain(fields[idx].data(), fields[idx].size(), &first));
    chain[idx] = first;
    total = total - InlineFieldSize(fields[idx]) + OverflowFieldSize(fields[idx]);
  }
  out->resize(total);
  uint8_t* p = reinterpret_cast<uint8_t*>(&(*out)[0]);
  p = EncodeVarint(p, n);
  for (size_t i = 0; i < n; ++i) {
    const ValueRef& v = fields[i];
    if (chain[i] == 0) {
      p = PutInlineField(p, v);
    } else {
      *p++ = v.type() == ValueType::kText ? kTagTextOverflow : kTagBlobOverflow;
      p = EncodeVarint(p, v.size());
      EncodeFixed32(p, chain[i]);
      p += 4;
    }
  }
  return Status::OK();
}

Status RecordReader::Init(const uint8_t* data, size_t size) {
  data_ = data;
  end_ = data + size;
  known_ = 0;
  uint64_t count = 0;
  const uint8_t* p = DecodeVarint(data, end_, &count);
  if (p == nullptr) return Status::Corruption("record: malformed field count");
  // Every field takes at least its tag byte, so a larger count cannot be genuine.
  if (count > static_cast<uint64_t>(end_ - p)) {
    return Status::Corruption("record: field count exceeds record size");
  }
  count_ = static_cast<uint32_t>(count);
  far_index_ = 0;
  far_pos_ = p;
  if (count_ > 0) {
    starts_[0] = static_cast<uint32_t>(p - data_);
    known_ = 1;
  }
  return Status::OK();
}

Status RecordReader::DecodeAt(const uint8_t* p, FieldRef* out, const uint8_t** next) const {
  if (p >= end_) return Status::Corruption("record: truncated field");
  uint8_t tag = *p++;
  out->overflow = false;
  switch (tag) {
    case kTagNull: out->value = ValueRef::Null(); break;
    case kTagFalse: out->value = ValueRef::Bool(false); break;
    case kTagTrue: out->value = ValueRef::Bool(true); break;
    case kTagInt64: {
      uint64_t u;
      p = DecodeVarint(p, end_, &u);
      if (p == nullptr) return Status::Corruption("record: malformed INT64 varint");
      out->value = ValueRef::Int64(ZigZagDecode(u));
      break;
    }
    case kTagFloat64: {
      if (end_ - p < 8) return Status::Corruption("record: truncated FLOAT64");
      uint64_t bits = DecodeFixed64(p);
      double d;
      std::memcpy(&d, &bits, 8);
      out->value = ValueRef::Float64(d);
      p += 8;
      break;
    }
    case kTagText:
    case kTagBlob: {
      uint64_t len;
      p = DecodeVarint(p, end_, &len);
      if (p == nullptr) return Status::Corruption("record: malformed length varint");
      if (len > static_cast<uint64_t>(end_ - p)) {
        return Status::Corruption("record: field length exceeds record");
      }
      out->value = tag == kTagText ? ValueRef::Text(reinterpret_cast<const char*>(p), len)
                                   : ValueRef::Blob(p, len);
      p += len;
      break;
    }
    case kTagTextOverflow:
    case kTagBlobOverflow: {
      uint64_t len;
      p = DecodeVarint(p, end_, &len);
      if (p == nullptr) return Status::Corruption("record: malformed overflow length");
      if (end_ - p < 4) return Status::Corruption("record: truncated overflow page id");
      uint32_t page = DecodeFixed32(p);
      p += 4;
      if (len > kMaxValueBytes || page == 0) {
        return Status::Corruption("record: bad overflow reference");
      }
      out->value = tag == kTagTextOverflow ? ValueRef::Text(nullptr, 0) : ValueRef::Blob(nullptr, 0);
      out->overflow = true;
      out->overflow_len = len;
      out->overflow_page = page;
      break;
    }
    default:
      return Status::Corruption("record: unknown field tag " + std::to_string(tag));
  }
  *next = p;
  return Status::OK();
}

namespace {

// DecodeAt without Status or FieldRef, for ReadInOrder: decodes the field at p into *out
// and returns the byte after it, or nullptr when the field is malformed (the caller then
// asks Field() for the exact error).
inline const uint8_t* DecodeValue(const uint8_t* p, const uint8_t* end, ValueRef* out,
                                  bool* overflow) {
  if (p >= end) return nullptr;
  const uint8_t tag = *p++;
  switch (tag) {
    case kTagNull: *out = ValueRef::Null(); return p;
    case kTagFalse: *out = ValueRef::Bool(false); return p;
    case kTagTrue: *out = ValueRef::Bool(true); return p;
    case kTagInt64: {
      uint64_t u;
      if (p < end && *p < 0x80) {  // one-byte varint: small integers, the common case
        u = *p++;
      } else {
        p = DecodeVarint(p, end, &u);
        if (p == nullptr) return nullptr;
      }
      *out = ValueRef::Int64(ZigZagDecode(u));
      return p;
    }
    case kTagFloat64: {
      if (end - p < 8) return nullptr;
      const uint64_t bits = DecodeFixed64(p);
      double d;
      std::memcpy(&d, &bits, 8);
      *out = ValueRef::Float64(d);
      return p + 8;
    }
    case kTagText:
    case kTagBlob: {
      uint64_t len;
      if (p < end && *p < 0x80) {  // lengths under 128
        len = *p++;
      } else {
        p = DecodeVarint(p, end, &len);
        if (p == nullptr) return nullptr;
      }
      if (len > static_cast<uint64_t>(end - p)) return nullptr;
      *out = tag == kTagText ? ValueRef::Text(reinterpret_cast<const char*>(p), len)
                             : ValueRef::Blob(p, len);
      return p + len;
    }
    case kTagTextOverflow:
    case kTagBlobOverflow: {
      uint64_t len;
      p = DecodeVarint(p, end, &len);
      if (p == nullptr || end - p < 4) return nullptr;
      if (len > kMaxValueBytes || DecodeFixed32(p) == 0) return nullptr;
      *out = tag == kTagTextOverflow ? ValueRef::Text(nullptr, 0) : ValueRef::Blob(nullptr, 0);
      *overflow = true;
      return p + 4;
    }
    default: return nullptr;
  }
}

}  // namespace

Status RecordReader::ReadInOrder(const uint32_t* cols, size_t n, ValueRef* out, bool* any_overflow) {
  *any_overflow = false;
  if (n == 0) return Status::OK();
  // Init stored field 0's start whenever the record has a field, and cols[0] < count_.
  const uint8_t* p = data_ + starts_[0];
  const uint8_t* const end = end_;
  uint32_t k = 0;
  ValueRef skipped;
  bool skipped_overflow = false;  // a chain nobody asked for needs no reading
  for (size_t j = 0; j < n; ++j) {
    const uint32_t want = cols[j];
    for (; k < want; ++k) {
      p = DecodeValue(p, end, &skipped, &skipped_overflow);
      if (p == nullptr) return MalformedAt(want);
    }
    p = DecodeValue(p, end, &out[want], any_overflow);
    if (p == nullptr) return MalformedAt(want);
    ++k;
  }
  return Status::OK();
}

__attribute__((noinline)) Status RecordReader::MalformedAt(uint32_t i) {
  // A malformed field at or before field i: Field() reports it as it always has.
  FieldRef f;
  DDB_RETURN_IF_ERROR(Field(i, &f));
  return Status::Corruption("record: malformed field");  // not reached: Field failed
}

Status RecordReader::Field(uint32_t i, FieldRef* out) {
  if (i >= count_) {
    *out = FieldRef();
    return Status::OK();
  }
  const uint8_t* p;
  uint32_t k;
  if (i < known_) {
    p = data_ + starts_[i];
    k = i;
  } else if (i >= far_index_) {
    p = far_pos_;
    k = far_index_;
  } else {
    // (R1) known_ covers every cached slot below far_index_ when i < kCachedStarts.
    k = known_ - 1;
    p = data_ + starts_[k];
  }
  FieldRef f;
  const uint8_t* next;
  while (k < i) {
    DDB_RETURN_IF_ERROR(DecodeAt(p, &f, &next));
    p = next;
    ++k;
    if (k < kCachedStarts && k == known_) {
      starts_[k] = static_cast<uint32_t>(p - data_);
      ++known_;
    }
    if (k > far_index_) {
      far_index_ = k;
      far_pos_ = p;
    }
  }
  DDB_RETURN_IF_ERROR(DecodeAt(p, out, &next));
  // Remember where field i + 1 starts too, so reading fields in order decodes each once.
  ++k;
  if (k < kCachedStarts && k == known_) {
    starts_[k] = static_cast<uint32_t>(next - data_);
    ++known_;
  }
  if (k > far_index_) {
    far_index_ = k;
    far_pos_ = next;
  }
  return Status::OK();
}

Status RecordReader::Validate() {
  const uint8_t* p = far_pos_;
  uint32_t k = far_index_;
  FieldRef f;
  while (k < count_) {
    const uint8_t* next;
    DDB_RETURN_IF_ERROR(DecodeAt(p, &f, &next));
    p = next;
    ++k;
  }
  if (p != end_) return Status::Corruption("record: trailing bytes after last field");
  return Status::OK();
}

}  // namespace decentdb
