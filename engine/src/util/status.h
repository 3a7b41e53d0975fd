// Status and Result<T>: how every fallible engine function reports failure. A Status is
// an error code (the C API's DECENTDB_ERR_* values), a five-character SQLSTATE and a
// message; OK carries nothing and costs one null pointer. No exception crosses a module
// boundary: errors travel as Status until capi/ turns them into codes. Design: ENGINE.md §10.
#pragma once

#include <memory>
#include <new>
#include <string>
#include <utility>

namespace decentdb {

enum class Code : int {
  kOk = 0,
  kIo = -1,
  kCorruption = -2,
  kConstraint = -3,
  kTransaction = -4,
  kSql = -5,
  kInternal = -6,
  kBusy = -7,
  kMisuse = -8,
};

const char* CodeName(Code code);
// The SQLSTATE used when a constructor is not given one.
const char* DefaultSqlState(Code code);

class [[nodiscard]] Status {
 public:
  Status() noexcept = default;
  Status(Code code, std::string message, const char* sqlstate = nullptr);
  Status(const Status& other) { *this = other; }
  Status& operator=(const Status& other);
  Status(Status&&) noexcept = default;
  Status& operator=(Status&&) noexcept = default;

  static Status OK() { return Status(); }
  static Status Io(std::string msg, const char* sqlstate = nullptr) {
    return Status(Code::kIo, std::move(msg), sqlstate);
  }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status Constraint(std::string msg, const char* sqlstate = nullptr) {
    return Status(Code::kConstraint, std::move(msg), sqlstate);
  }
  static Status Transaction(std::string msg, const char* sqlstate) {
    return Status(Code::kTransaction, std::move(msg), sqlstate);
  }
  static Status Sql(std::string msg, const char* sqlstate = nullptr) {
    return Status(Code::kSql, std::move(msg), sqlstate);
  }
  static Status Internal(std::string msg, const char* sqlstate = nullptr) {
    return Status(Code::kInternal, std::move(msg), sqlstate);
  }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status Misuse(std::string msg) { return Status(Code::kMisuse, std::move(msg)); }
  static Status NotSupported(std::string msg) {
    return Status(Code::kSql, std::move(msg), "0A000");
  }

  bool ok() const { return state_ == nullptr; }
  Code code() const { return state_ ? state_->code : Code::kOk; }
  bool Is(Code c) const { return code() == c; }
  // "00000" for OK.
  const char* sqlstate() const { return state_ ? state_->sqlstate : "00000"; }
  const std::string& message() const;
  // "<CODE> <sqlstate>: <message>", or "OK".
  std::string ToString() const;

 private:
  struct State {
    Code code;
    char sqlstate[6];
    std::string message;
  };
  std::unique_ptr<State> state_;
};

// A value or an error. Access value() only when ok().
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)), has_value_(true) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {}            // NOLINT: implicit by design

  bool ok() const { return has_value_; }
  const Status& status() const { return status_; }
  T& value() & { return value_; }
  const T& value() const& { return value_; }
  T&& value() && { return std::move(value_); }
  T* operator->() { return &value_; }
  T& operator*() { return value_; }

 private:
  T value_{};
  Status status_;
  bool has_value_ = false;
};

}  // namespace decentdb

#define DDB_RETURN_IF_ERROR(expr)                      \
  do {                                                 \
    ::decentdb::Status ddb_status_ = (expr);           \
    if (!ddb_status_.ok()) return ddb_status_;         \
  } while (0)

#define DDB_CONCAT_INNER(a, b) a##b
#define DDB_CONCAT(a, b) DDB_CONCAT_INNER(a, b)
// DDB_ASSIGN_OR_RETURN(auto x, ResultReturningCall());
#define DDB_ASSIGN_OR_RETURN(lhs, expr)                                  \
  auto DDB_CONCAT(ddb_result_, __LINE__) = (expr);                       \
  if (!DDB_CONCAT(ddb_result_, __LINE__).ok())                           \
    return DDB_CONCAT(ddb_result_, __LINE__).status();                   \
  lhs = std::move(DDB_CONCAT(ddb_result_, __LINE__)).value()
