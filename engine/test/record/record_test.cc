// Tests for record/record.h: round trips at boundary values, lazy field access in any
// order, overflow spilling per ENGINE.md §2.5 through a fake sink, and total decoding:
// every truncation and random byte damage gives ERR_CORRUPTION, never a bad read.
#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "harness/test.h"
#include "record/record.h"

using namespace decentdb;

namespace {

std::vector<Value> BoundaryValues() {
  std::vector<Value> v;
  v.push_back(Value::Null());
  v.push_back(Value::Bool(false));
  v.push_back(Value::Bool(true));
  for (int64_t i : {int64_t{0}, int64_t{1}, int64_t{-1}, int64_t{63}, int64_t{-64}, int64_t{64},
                    std::numeric_limits<int64_t>::max(), std::numeric_limits<int64_t>::min()}) {
    v.push_back(Value::Int64(i));
  }
  for (double d : {0.0, -0.0, 1.5, -1e308, std::numeric_limits<double>::infinity(),
                   -std::numeric_limits<double>::infinity(),
                   std::numeric_limits<double>::quiet_NaN(),
                   std::numeric_limits<double>::denorm_min()}) {
    v.push_back(Value::Float64(d));
  }
  v.push_back(Value::Text(""));
  v.push_back(Value::Text(std::string("a\0b", 3)));
  v.push_back(Value::Text(std::string(127, 'x')));
  v.push_back(Value::Text(std::string(128, 'y')));
  v.push_back(Value::Blob(""));
  v.push_back(Value::Blob(std::string(300, '\xff')));
  return v;
}

class FakeSink : public OverflowSink {
 public:
  Status WriteChain(const uint8_t* data, size_t n, uint32_t* out_first_page) override {
    uint32_t id = next_++;
    chains[id] = std::string(reinterpret_cast<const char*>(data), n);
    *out_first_page = id;
    return Status::OK();
  }
  std::map<uint32_t, std::string> chains;

 private:
  uint32_t next_ = 100;
};

std::vector<ValueRef> Refs(const std::vector<Value>& v) {
  std::vector<ValueRef> r;
  for (const auto& x : v) r.push_back(x.ref());
  return r;
}

}  // namespace

TEST(Record, RoundTripsBoundaryValues) {
  std::vector<Value> values = BoundaryValues();
  std::vector<ValueRef> refs = Refs(values);
  std::string buf;
  EncodeRecordInline(refs.data(), refs.size(), &buf);
  EXPECT_EQ(buf.size(), RecordSize(refs.data(), refs.size()));
  RecordReader r;
  ASSERT_OK(r.Init(reinterpret_cast<const uint8_t*>(buf.data()), buf.size()));
  ASSERT_EQ(r.field_count(), refs.size());
  ASSERT_OK(r.Validate());
  // Backwards, then forwards: the lazy cache must give the same answers in any order.
  for (int pass = 0; pass < 2; ++pass) {
    for (size_t k = 0; k < refs.size(); ++k) {
      size_t i = pass == 0 ? refs.size() - 1 - k : k;
      FieldRef f;
      ASSERT_OK(r.Field(static_cast<uint32_t>(i), &f));
      EXPECT_FALSE(f.overflow);
      EXPECT_TRUE(IdenticalValues(f.value, refs[i]));
    }
  }
  // Fields beyond the count read as NULL (short records predate ADD COLUMN).
  FieldRef f;
  ASSERT_OK(r.Field(static_cast<uint32_t>(refs.size() + 5), &f));
  EXPECT_TRUE(f.value.is_null());
}

TEST(Record, EmptyRecordAndManyFields) {
  std::string buf;
  EncodeRecordInline(nullptr, 0, &buf);
  EXPECT_EQ(buf.size(), 1u);
  RecordReader r;
  ASSERT_OK(r.Init(reinterpret_cast<const uint8_t*>(buf.data()), buf.size()));
  EXPECT_EQ(r.field_count(), 0u);
  ASSERT_OK(r.Validate());

  // More fields than the start cache holds, accessed randomly.
  std::vector<Value> values;
  for (int i = 0; i < 200; ++i) values.push_back(i % 3 == 0 ? Value::Text(std::string(i, 'q'))
                                                            : Value::Int64(i * 1000003));
  std::vector<ValueRef> refs = Refs(values);
  EncodeRecordInline(refs.data(), refs.size(), &buf);
  ASSERT_OK(r.Init(reinterpret_cast<const uint8_t*>(buf.data()), buf.size()));
  std::mt19937_64 rng(ddbtest::TestSeed());
  for (int k = 0; k < 2000; ++k) {
    uint32_t i = static_cast<uint32_t>(rng() % refs.size());
    FieldRef f;
    ASSERT_OK(r.Field(i, &f));
    ASSERT_TRUE(IdenticalValues(f.value, refs[i]));
  }
}

TEST(Record, SpillsLargestFieldsFirstUntilItFits) {
  std::vector<Value> values = {Value::Int64(7), Value::Text(std::string(500, 'a')),
                               Value::Blob(std::string(900, 'b')), Value::Text(std::string(63, 'c')),
                               Value::Text(std::string(400, 'd'))};
  std::vector<ValueRef> refs = Refs(values);
  FakeSink sink;
  std::string buf;
  ASSERT_OK(EncodeRecord(refs.data(), refs.size(), 700, &sink, &buf));
  EXPECT_LE(buf.size(), 700u);
  // 900 goes first (~1880 -> ~980, still too big), then 500; 400 stays inline.
  EXPECT_EQ(sink.chains.size(), 2u);
  RecordReader r;
  ASSERT_OK(r.Init(reinterpret_cast<const uint8_t*>(buf.data()), buf.size()));
  ASSERT_OK(r.Validate());
  for (uint32_t i = 0; i < refs.size(); ++i) {
    FieldRef f;
    ASSERT_OK(r.Field(i, &f));
    if (f.overflow) {
      EXPECT_TRUE(i == 1 || i == 2);
      EXPECT_EQ(f.overflow_len, refs[i].size());
      EXPECT_TRUE(f.value.type() == refs[i].type());
      EXPECT_TRUE(sink.chains[f.overflow_page] == std::string(refs[i].bytes()));
    } else {
      EXPECT_TRUE(i != 1 && i != 2);
      EXPECT_TRUE(IdenticalValues(f.value, refs[i]));
    }
  }
  int chains = 0;
  ASSERT_OK(ForEachOverflowField(reinterpret_cast<const uint8_t*>(buf.data()), buf.size(),
                                 [&](uint64_t, uint32_t) { ++chains; return Status::OK(); }));
  EXPECT_EQ(chains, 2);

  // Fields under 64 bytes never move, even if the record stays too large.
  std::vector<Value> small(40, Value::Text(std::string(60, 's')));
  refs = Refs(small);
  FakeSink sink2;
  ASSERT_OK(EncodeRecord(refs.data(), refs.size(), 1000, &sink2, &buf));
  EXPECT_EQ(sink2.chains.size(), 0u);
  EXPECT_GT(buf.size(), 1000u);
}

TEST(Record, EveryTruncationIsCorruption) {
  std::vector<Value> values = BoundaryValues();
  std::vector<ValueRef> refs = Refs(values);
  std::string buf;
  EncodeRecordInline(refs.data(), refs.size(), &buf);
  for (size_t cut = 0; cut < buf.size(); ++cut) {
    // Copy to an exact-size heap buffer so a read past the end is a real bug under ASan.
    std::vector<uint8_t> part(buf.begin(), buf.begin() + static_cast<long>(cut));
    RecordReader r;
    Status s = r.Init(part.data(), part.size());
    if (s.ok()) s = r.Validate();
    EXPECT_TRUE(s.Is(Code::kCorruption));
  }
}

TEST(Record, RejectsUnknownTagsOverlongVarintsAndBadOverflowRefs) {
  const std::vector<std::vector<uint8_t>> bad = {
      {0x01, 0x09},                                      // unknown tag
      {0x01, 0x03, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01},  // 11-byte varint
      {0x01, 0x05, 0x05, 'a'},                           // text longer than record
      {0x01, 0x07, 0x05, 0, 0, 0, 0},                    // overflow to page 0
      {0x01, 0x08, 0x80, 0x80, 0x80, 0x80, 0x08, 1, 0, 0, 0},  // overflow over 1 GiB
      {0x05, 0x00},                                      // count larger than bytes
      {0x01, 0x00, 0x00},                                // trailing byte
      {0x80},                                            // truncated count
  };
  for (const auto& b : bad) {
    RecordReader r;
    Status s = r.Init(b.data(), b.size());
    if (s.ok()) s = r.Validate();
    EXPECT_TRUE(s.Is(Code::kCorruption));
  }
}

TEST(Record, RandomDamageNeverCrashes) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::vector<Value> values = BoundaryValues();
  std::vector<ValueRef> refs = Refs(values);
  std::string buf;
  EncodeRecordInline(refs.data(), refs.size(), &buf);
  int corrupt = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    std::vector<uint8_t> b(buf.begin(), buf.end());
    int flips = 1 + static_cast<int>(rng() % 4);
    for (int k = 0; k < flips; ++k) b[rng() % b.size()] = static_cast<uint8_t>(rng());
    if (rng() % 4 == 0) b.resize(rng() % b.size());
    RecordReader r;
    Status s = r.Init(b.data(), b.size());
    for (uint32_t i = 0; s.ok() && i < r.field_count(); ++i) {
      FieldRef f;
      s = r.Field(static_cast<uint32_t>(rng() % r.field_count()), &f);
      if (s.ok() && (f.value.type() == ValueType::kText || f.value.type() == ValueType::kBlob) &&
          !f.overflow && f.value.size() > 0) {
        // Touch the first and last byte: they must lie inside the buffer.
        volatile uint8_t x = f.value.data()[0] ^ f.value.data()[f.value.size() - 1];
        (void)x;
        EXPECT_TRUE(f.value.data() >= b.data() && f.value.data() + f.value.size() <= b.data() + b.size());
      }
    }
    if (s.ok()) s = r.Validate();
    if (!s.ok()) {
      EXPECT_TRUE(s.Is(Code::kCorruption));
      ++corrupt;
    }
  }
  EXPECT_GT(corrupt, 0);
}

// ReadInOrder is the scan's one-pass decoder: on intact and on damaged records it must
// give exactly what Field gives for the same columns, values and errors alike.
TEST(Record, ReadInOrderAgreesWithField) {
  std::mt19937_64 rng(ddbtest::TestSeed());
  std::vector<Value> values = BoundaryValues();
  std::vector<ValueRef> refs = Refs(values);
  FakeSink sink;
  std::string spilled;
  ASSERT_OK(EncodeRecord(refs.data(), refs.size(), 200, &sink, &spilled));
  ASSERT_GT(sink.chains.size(), 0u);
  std::string inline_buf;
  EncodeRecordInline(refs.data(), refs.size(), &inline_buf);
  int failures = 0;
  for (int iter = 0; iter < 20000; ++iter) {
    const std::string& src = iter % 2 == 0 ? inline_buf : spilled;
    std::vector<uint8_t> b(src.begin(), src.end());
    if (iter >= 2) {  // the first two records stay intact
      if (rng() % 2 == 0) b[rng() % b.size()] = static_cast<uint8_t>(rng());
      if (rng() % 3 == 0) b.resize(rng() % b.size());
    }
    RecordReader fast;
    RecordReader slow;
    if (!fast.Init(b.data(), b.size()).ok()) continue;
    ASSERT_OK(slow.Init(b.data(), b.size()));
    std::vector<uint32_t> cols;
    for (uint32_t c = 0; c < fast.field_count(); ++c)
      if (iter < 2 || rng() % 2 == 0) cols.push_back(c);
    std::vector<ValueRef> out(fast.field_count());
    bool overflow = false;
    Status fs = fast.ReadInOrder(cols.data(), cols.size(), out.data(), &overflow);
    Status ss;
    bool want_overflow = false;
    for (uint32_t c : cols) {
      FieldRef f;
      ss = slow.Field(c, &f);
      if (!ss.ok()) break;
      want_overflow = want_overflow || f.overflow;
      if (fs.ok()) {
        EXPECT_TRUE(IdenticalValues(out[c], f.value));
        if (f.overflow) EXPECT_TRUE(out[c].data() == nullptr);
      }
    }
    EXPECT_EQ(fs.ToString(), ss.ToString());
    if (fs.ok()) EXPECT_EQ(overflow, want_overflow);
    if (!fs.ok()) ++failures;
    if (iter == 1) EXPECT_TRUE(overflow);
  }
  EXPECT_GT(failures, 0);
}
