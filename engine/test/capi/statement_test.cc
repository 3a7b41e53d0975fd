// Tests for the statement half of the C API over a scripted statement plugged in through
// capi::AdoptStatement (the SQL layer is not needed): orphaned statements after close,
// finalize rules, binding checks, accessor conversions (ENGINE.md §11.1) and the buffer
// functions bind_all, step_batch (including ROW_TOO_BIG), query_batch and execute_many.
#include <cstring>
#include <string>
#include <vector>

#include "capi/handles.h"
#include "capi/value_codec.h"
#include "decentdb.h"
#include "harness/test.h"

using namespace decentdb;

namespace {

struct Cell {
  ValueType type;
  int64_t i = 0;
  double f = 0;
  std::string bytes;
};

Cell Int(int64_t v) { return Cell{ValueType::kInt64, v, 0, ""}; }
Cell Dbl(double v) { return Cell{ValueType::kFloat64, 0, v, ""}; }
Cell Txt(const std::string& s) { return Cell{ValueType::kText, 0, 0, s}; }
Cell Blob(const std::string& s) { return Cell{ValueType::kBlob, 0, 0, s}; }
Cell Bool(bool b) { return Cell{ValueType::kBool, b ? 1 : 0, 0, ""}; }
Cell Null() { return Cell{ValueType::kNull, 0, 0, ""}; }

// Returns fixed rows; records bindings; counts executions as "rows affected".
class ScriptedStatement : public Statement {
 public:
  ScriptedStatement(int params, std::vector<std::string> names, std::vector<std::vector<Cell>> rows)
      : params_(params), names_(std::move(names)), rows_(std::move(rows)), bound_(params) {}

  int param_count() const override { return params_; }
  int column_count() const override { return static_cast<int>(names_.size()); }
  const std::string& column_name(int c) const override { return names_[c]; }
  const char* column_decltype(int c) const override { return c == 0 ? "BIGINT" : nullptr; }
  Status Bind(int index, ValueRef v) override {
    Cell& cell = bound_[index - 1];
    cell.type = v.type();
    cell.i = v.type() == ValueType::kInt64 || v.type() == ValueType::kBool ? v.int64() : 0;
    cell.f = v.type() == ValueType::kFloat64 ? v.float64() : 0;
    cell.bytes.assign(v.type() == ValueType::kText || v.type() == ValueType::kBlob
                          ? std::string(v.bytes()) : std::string());
    if (fail_on_bind_value_ >= 0 && v.type() == ValueType::kInt64 && v.int64() == fail_on_bind_value_)
      return Status::Constraint("scripted constraint failure", "23505");
    return Status::OK();
  }
  Status ClearBindings() override {
    for (Cell& c : bound_) c = Null();
    return Status::OK();
  }
  Status Step(bool* out_row) override {
    if (pos_ < rows_.size()) {
      current_ = pos_++;
      *out_row = true;
    } else {
      *out_row = false;
      ++executions_;
    }
    return Status::OK();
  }
  ValueRef Column(int c) const override {
    const Cell& cell = rows_[current_][c];
    switch (cell.type) {
      case ValueType::kInt64: return ValueRef::Int64(cell.i);
      case ValueType::kFloat64: return ValueRef::Float64(cell.f);
      case ValueType::kBool: return ValueRef::Bool(cell.i != 0);
      case ValueType::kText: return ValueRef::Text(cell.bytes);
      case ValueType::kBlob: return ValueRef::Blob(cell.bytes);
      default: return ValueRef::Null();
    }
  }
  Status Reset() override {
    pos_ = 0;
    return Status::OK();
  }
  int64_t rows_affected() const override { return 1; }
  bool has_returning() const override { return returning_; }

  int params_;
  std::vector<std::string> names_;
  std::vector<std::vector<Cell>> rows_;
  std::vector<Cell> bound_;
  size_t pos_ = 0, current_ = 0;
  int executions_ = 0;
  int64_t fail_on_bind_value_ = -1;
  bool returning_ = false;
};

struct Fixture {
  decentdb_db* db = nullptr;
  ScriptedStatement* impl = nullptr;
  decentdb_stmt* stmt = nullptr;

  Fixture(int params, std::vector<std::string> names, std::vector<std::vector<Cell>> rows) {
    db = decentdb_open(":memory:", nullptr);
    if (db == nullptr) return;
    auto owned = std::make_unique<ScriptedStatement>(params, std::move(names), std::move(rows));
    impl = owned.get();
    stmt = capi::AdoptStatement(db, std::move(owned));
  }
  ~Fixture() {
    decentdb_finalize(stmt);
    decentdb_close(db);
  }
};

void PutU32(std::vector<uint8_t>* b, uint32_t v) {
  for (int i = 0; i < 4; ++i) b->push_back(static_cast<uint8_t>(v >> (8 * i)));
}
void PutI64(std::vector<uint8_t>* b, int64_t v) {
  for (int i = 0; i < 8; ++i) b->push_back(static_cast<uint8_t>(static_cast<uint64_t>(v) >> (8 * i)));
}
void PutText(std::vector<uint8_t>* b, uint8_t tag, const std::string& s) {
  b->push_back(tag);
  PutU32(b, static_cast<uint32_t>(s.size()));
  b->insert(b->end(), s.begin(), s.end());
}

}  // namespace

TEST(Statement, OrphanedByCloseIsMisuseUntilFinalize) {
  decentdb_db* db = decentdb_open(":memory:", nullptr);
  ASSERT_TRUE(db != nullptr);
  decentdb_stmt* stmt = capi::AdoptStatement(
      db, std::make_unique<ScriptedStatement>(1, std::vector<std::string>{"a"},
                                              std::vector<std::vector<Cell>>{{Int(1)}}));
  EXPECT_EQ(decentdb_step(stmt), DECENTDB_ROW);
  ASSERT_EQ(decentdb_close(db), DECENTDB_OK);
  EXPECT_EQ(decentdb_step(stmt), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_bind_int64(stmt, 1, 2), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_column_count(stmt), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(decentdb_column_name(stmt, 0) == nullptr);
  EXPECT_EQ(decentdb_column_int64(stmt, 0), 0);
  EXPECT_EQ(decentdb_reset(stmt), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_clear_bindings(stmt), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_rows_affected(stmt), DECENTDB_ERR_MISUSE);
  int rows = 0;
  size_t used = 0;
  uint8_t buf[64];
  EXPECT_EQ(decentdb_step_batch(stmt, buf, sizeof buf, 10, &rows, &used), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_execute_many(stmt, nullptr, 0, 0, nullptr, nullptr, nullptr),
            DECENTDB_ERR_MISUSE);
  decentdb_finalize(stmt);
  EXPECT_EQ(decentdb_step(stmt), DECENTDB_ERR_MISUSE);
  decentdb_finalize(stmt);  // already finalized: no-op
}

TEST(Statement, FinalizeBeforeCloseAndDoubleFinalize) {
  Fixture f(0, {"a"}, {{Int(1)}});
  ASSERT_TRUE(f.stmt != nullptr);
  EXPECT_EQ(f.db->stmts.size(), 1u);
  decentdb_finalize(f.stmt);
  EXPECT_EQ(f.db->stmts.size(), 0u);
  EXPECT_EQ(decentdb_step(f.stmt), DECENTDB_ERR_MISUSE);
  decentdb_finalize(f.stmt);
  f.stmt = nullptr;
}

TEST(Statement, BindChecksIndexesAndUtf8) {
  Fixture f(2, {"a"}, {{Int(1)}});
  EXPECT_EQ(decentdb_bind_int64(f.stmt, 1, 42), DECENTDB_OK);
  EXPECT_EQ(f.impl->bound_[0].i, 42);
  EXPECT_EQ(decentdb_bind_int64(f.stmt, 3, 1), DECENTDB_ERR_SQL);
  EXPECT_EQ(decentdb_bind_int64(f.stmt, 0, 1), DECENTDB_ERR_SQL);
  EXPECT_TRUE(std::string(decentdb_last_error_message(f.db)).find("out of range") !=
              std::string::npos);
  EXPECT_EQ(decentdb_bind_text(f.stmt, 2, "h\xc3\xa9llo", -1), DECENTDB_OK);
  EXPECT_EQ(f.impl->bound_[1].bytes, std::string("h\xc3\xa9llo"));
  EXPECT_EQ(decentdb_bind_text(f.stmt, 2, "bad\xff", 4), DECENTDB_ERR_SQL);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(f.db)), std::string("22021"));
  EXPECT_EQ(decentdb_bind_text(f.stmt, 2, "\xed\xa0\x80", 3), DECENTDB_ERR_SQL);  // surrogate
  EXPECT_EQ(decentdb_bind_blob(f.stmt, 2, nullptr, 0), DECENTDB_OK);
  EXPECT_TRUE(f.impl->bound_[1].type == ValueType::kBlob);
  EXPECT_EQ(decentdb_bind_blob(f.stmt, 2, nullptr, 3), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_bind_bool(f.stmt, 1, 7), DECENTDB_OK);
  EXPECT_EQ(f.impl->bound_[0].i, 1);
  EXPECT_EQ(decentdb_bind_null(f.stmt, 1), DECENTDB_OK);
  EXPECT_EQ(decentdb_last_error_code(f.db), 0);
}

TEST(Statement, AccessorsConvertAsSpecified) {
  Fixture f(0, {"i", "d", "t", "b", "z", "n"},
            {{Int(-7), Dbl(2.5), Txt("xyz"), Blob(std::string("\0\1", 2)), Bool(true), Null()}});
  EXPECT_EQ(decentdb_column_count(f.stmt), 6);
  EXPECT_EQ(std::string(decentdb_column_name(f.stmt, 2)), std::string("t"));
  EXPECT_EQ(std::string(decentdb_column_decltype(f.stmt, 0)), std::string("BIGINT"));
  EXPECT_TRUE(decentdb_column_decltype(f.stmt, 1) == nullptr);
  EXPECT_TRUE(decentdb_column_name(f.stmt, 6) == nullptr);
  EXPECT_EQ(decentdb_last_error_code(f.db), DECENTDB_ERR_MISUSE);
  // No row yet.
  EXPECT_EQ(decentdb_column_type(f.stmt, 0), DECENTDB_ERR_MISUSE);
  ASSERT_EQ(decentdb_step(f.stmt), DECENTDB_ROW);
  EXPECT_EQ(decentdb_column_type(f.stmt, 0), DECENTDB_TYPE_INT64);
  EXPECT_EQ(decentdb_column_type(f.stmt, 5), DECENTDB_TYPE_NULL);
  EXPECT_EQ(decentdb_column_is_null(f.stmt, 5), 1);
  EXPECT_EQ(decentdb_column_is_null(f.stmt, 0), 0);
  EXPECT_EQ(decentdb_column_int64(f.stmt, 1), 2);     // truncates
  EXPECT_EQ(decentdb_column_int64(f.stmt, 4), 1);     // bool
  EXPECT_EQ(decentdb_column_float64(f.stmt, 0), -7.0);
  int len = -1;
  EXPECT_EQ(std::string(decentdb_column_text(f.stmt, 0, &len)), std::string("-7"));
  EXPECT_EQ(len, 2);
  EXPECT_EQ(std::string(decentdb_column_text(f.stmt, 1, nullptr)), std::string("2.5"));
  EXPECT_EQ(std::string(decentdb_column_text(f.stmt, 2, &len)), std::string("xyz"));
  EXPECT_EQ(std::string(decentdb_column_text(f.stmt, 4, nullptr)), std::string("true"));
  EXPECT_TRUE(decentdb_column_text(f.stmt, 5, &len) == nullptr);
  EXPECT_EQ(decentdb_last_error_code(f.db), DECENTDB_OK);
  const uint8_t* b = decentdb_column_blob(f.stmt, 3, &len);
  ASSERT_TRUE(b != nullptr);
  EXPECT_EQ(len, 2);
  EXPECT_EQ(b[1], 1);
  EXPECT_TRUE(decentdb_column_blob(f.stmt, 2, &len) != nullptr);  // text bytes
  EXPECT_EQ(len, 3);
  // Conversions that are not defined return 0/NULL and set misuse.
  EXPECT_EQ(decentdb_column_int64(f.stmt, 2), 0);
  EXPECT_EQ(decentdb_last_error_code(f.db), DECENTDB_ERR_MISUSE);
  EXPECT_TRUE(decentdb_column_text(f.stmt, 3, nullptr) == nullptr);
  EXPECT_TRUE(decentdb_column_blob(f.stmt, 0, nullptr) == nullptr);
  EXPECT_EQ(decentdb_column_int64(f.stmt, -1), 0);
  EXPECT_EQ(decentdb_step(f.stmt), DECENTDB_DONE);
  EXPECT_EQ(decentdb_column_int64(f.stmt, 0), 0);
  EXPECT_EQ(decentdb_last_error_code(f.db), DECENTDB_ERR_MISUSE);
}

TEST(Statement, StepBatchFillsBufferAndReportsRowTooBig) {
  const std::string big(100, 'x');
  Fixture f(0, {"id", "s"}, {{Int(1), Txt("a")}, {Int(2), Txt(big)}, {Int(3), Null()}});
  uint8_t buf[64];
  int rows = -1;
  size_t used = 0;
  // Row 1 (9 + 6 bytes) fits; row 2 (9 + 105) does not fit after it.
  EXPECT_EQ(decentdb_step_batch(f.stmt, buf, sizeof buf, 10, &rows, &used), 1);
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(used, 15u);
  EXPECT_EQ(buf[0], DECENTDB_TYPE_INT64);
  EXPECT_EQ(buf[1], 1);
  EXPECT_EQ(buf[9], DECENTDB_TYPE_TEXT);
  EXPECT_EQ(buf[14], 'a');
  // Row 2 does not fit an empty buffer: its size is reported, the statement stays on it.
  EXPECT_EQ(decentdb_step_batch(f.stmt, buf, sizeof buf, 10, &rows, &used), DECENTDB_ROW_TOO_BIG);
  EXPECT_EQ(rows, 0);
  EXPECT_EQ(used, 114u);
  EXPECT_EQ(decentdb_column_int64(f.stmt, 0), 2);
  std::vector<uint8_t> large(used);
  EXPECT_EQ(decentdb_step_batch(f.stmt, large.data(), large.size(), 1, &rows, &used), 1);
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(used, 114u);
  EXPECT_EQ(decentdb_step_batch(f.stmt, buf, sizeof buf, 10, &rows, &used), DECENTDB_DONE);
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(used, 10u);
  EXPECT_EQ(buf[9], DECENTDB_TYPE_NULL);
  EXPECT_EQ(decentdb_step_batch(f.stmt, buf, sizeof buf, 0, &rows, &used), DECENTDB_ERR_MISUSE);
  EXPECT_EQ(decentdb_step_batch(f.stmt, buf, sizeof buf, 1, nullptr, &used), DECENTDB_ERR_MISUSE);
}

TEST(Statement, BindAllAndQueryBatchValidateTheBuffer) {
  Fixture f(2, {"id"}, {{Int(5)}});
  std::vector<uint8_t> p;
  PutU32(&p, 2);
  p.push_back(DECENTDB_TYPE_INT64);
  PutI64(&p, -3);
  PutText(&p, DECENTDB_TYPE_TEXT, "hi");
  EXPECT_EQ(decentdb_bind_all(f.stmt, p.data(), p.size()), DECENTDB_OK);
  EXPECT_EQ(f.impl->bound_[0].i, -3);
  EXPECT_EQ(f.impl->bound_[1].bytes, std::string("hi"));
  // Every truncation of a valid buffer is rejected without reading past it.
  for (size_t n = 0; n < p.size(); ++n) {
    std::vector<uint8_t> cut(p.begin(), p.begin() + static_cast<long>(n));
    EXPECT_EQ(decentdb_bind_all(f.stmt, cut.data(), cut.size()), DECENTDB_ERR_MISUSE);
  }
  std::vector<uint8_t> wrong_count;
  PutU32(&wrong_count, 1);
  wrong_count.push_back(DECENTDB_TYPE_NULL);
  EXPECT_EQ(decentdb_bind_all(f.stmt, wrong_count.data(), wrong_count.size()), DECENTDB_ERR_MISUSE);
  std::vector<uint8_t> bad_tag = p;
  bad_tag[4] = 9;
  EXPECT_EQ(decentdb_bind_all(f.stmt, bad_tag.data(), bad_tag.size()), DECENTDB_ERR_MISUSE);
  std::vector<uint8_t> trailing = p;
  trailing.push_back(0);
  EXPECT_EQ(decentdb_bind_all(f.stmt, trailing.data(), trailing.size()), DECENTDB_ERR_MISUSE);

  uint8_t out[32];
  int rows = 0;
  size_t used = 0;
  EXPECT_EQ(decentdb_query_batch(f.stmt, p.data(), p.size(), out, sizeof out, 8, &rows, &used),
            DECENTDB_DONE);
  EXPECT_EQ(rows, 1);
  EXPECT_EQ(used, 9u);
  // query_batch resets first, so it can run again at once.
  EXPECT_EQ(decentdb_query_batch(f.stmt, p.data(), p.size(), out, sizeof out, 8, &rows, &used),
            DECENTDB_DONE);
  EXPECT_EQ(rows, 1);
}

TEST(Statement, ExecuteManyRunsEachSetAndReportsTheFailingRow) {
  Fixture f(1, {}, {});
  std::vector<uint8_t> buf;
  for (int64_t v : {10, 20, 30}) {
    PutU32(&buf, 1);
    buf.push_back(DECENTDB_TYPE_INT64);
    PutI64(&buf, v);
  }
  int64_t total = -1;
  int failed = 7;
  int64_t rowids[3] = {-1, -1, -1};
  EXPECT_EQ(decentdb_execute_many(f.stmt, buf.data(), buf.size(), 3, &total, &failed, rowids),
            DECENTDB_OK);
  EXPECT_EQ(total, 3);
  EXPECT_EQ(failed, -1);
  EXPECT_EQ(f.impl->executions_, 3);
  EXPECT_EQ(rowids[2], 0);

  f.impl->fail_on_bind_value_ = 20;
  EXPECT_EQ(decentdb_execute_many(f.stmt, buf.data(), buf.size(), 3, &total, &failed, nullptr),
            DECENTDB_ERR_CONSTRAINT);
  EXPECT_EQ(failed, 1);
  // In autocommit mode the batch is one transaction and was rolled back whole.
  EXPECT_EQ(total, 0);
  EXPECT_EQ(std::string(decentdb_last_error_sqlstate(f.db)), std::string("23505"));

  // A malformed set anywhere is refused before anything runs.
  f.impl->fail_on_bind_value_ = -1;
  const int before = f.impl->executions_;
  EXPECT_EQ(decentdb_execute_many(f.stmt, buf.data(), buf.size() - 1, 3, &total, &failed, nullptr),
            DECENTDB_ERR_MISUSE);
  EXPECT_EQ(failed, 2);
  EXPECT_EQ(decentdb_execute_many(f.stmt, buf.data(), buf.size(), 2, &total, &failed, nullptr),
            DECENTDB_ERR_MISUSE);
  EXPECT_EQ(f.impl->executions_, before);
  f.impl->returning_ = true;
  EXPECT_EQ(decentdb_execute_many(f.stmt, buf.data(), buf.size(), 3, &total, &failed, nullptr),
            DECENTDB_ERR_MISUSE);
}
