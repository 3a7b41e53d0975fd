// Status implementation: code names, default SQLSTATEs per code, formatting.
#include "util/status.h"

#include <cstring>

namespace decentdb {

const char* CodeName(Code code) {
  switch (code) {
    case Code::kOk: return "OK";
    case Code::kIo: return "ERR_IO";
    case Code::kCorruption: return "ERR_CORRUPTION";
    case Code::kConstraint: return "ERR_CONSTRAINT";
    case Code::kTransaction: return "ERR_TRANSACTION";
    case Code::kSql: return "ERR_SQL";
    case Code::kInternal: return "ERR_INTERNAL";
    case Code::kBusy: return "ERR_BUSY";
    case Code::kMisuse: return "ERR_MISUSE";
  }
  return "ERR_UNKNOWN";
}

const char* DefaultSqlState(Code code) {
  switch (code) {
    case Code::kOk: return "00000";
    case Code::kIo: return "58030";
    case Code::kCorruption: return "XX001";
    case Code::kConstraint: return "23000";
    case Code::kTransaction: return "25000";
    case Code::kSql: return "42000";
    case Code::kInternal: return "XX000";
    case Code::kBusy: return "55P03";
    case Code::kMisuse: return "HY000";
  }
  return "XX000";
}

Status::Status(Code code, std::string message, const char* sqlstate) {
  if (code == Code::kOk) return;
  state_.reset(new State{code, {}, std::move(message)});
  const char* s = sqlstate ? sqlstate : DefaultSqlState(code);
  std::strncpy(state_->sqlstate, s, 5);
  state_->sqlstate[5] = '\0';
}

Status& Status::operator=(const Status& other) {
  if (this != &other) state_.reset(other.state_ ? new State(*other.state_) : nullptr);
  return *this;
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(CodeName(state_->code)) + " " + state_->sqlstate + ": " + state_->message;
}

}  // namespace decentdb
