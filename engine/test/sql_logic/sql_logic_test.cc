// SQL script tests: runs every *.test file of this directory through the C API, one
// fresh database file per script, as one test case each (SqlLogic.<file>; pass a
// substring of that name as the first argument to run a subset). Design of the format
// below; the behaviour the scripts check is ENGINE.md §4, §7, §8 and §10.
//
// Format. A script is a sequence of records separated by blank lines; `#` starts a
// comment line. Records:
//
//   statement ok                     run one statement; it must succeed
//   statement count <n>              ... and report rows_affected == n
//   statement error [SQLSTATE] [text]
//                                    it must fail: with that five-character SQLSTATE
//                                    and/or a message containing text (case-insensitive)
//   query <types> [rowsort]          run one statement and compare its rows; <types> has
//   <sql>                            one letter per column: I INT64, R FLOAT64, T TEXT,
//   ----                             B BOOL, X BLOB, ? any (NULL always fits). Each row
//   <expected rows>                  is its values joined by one space: NULL, integers,
//                                    floats as column_text renders them, text as is
//                                    ("(empty)" for ''), true/false, X'hex'. rowsort
//                                    sorts both sides before comparing.
//   connection <name> [options]      switch to connection <name> on the same database
//                                    file (opened on first use with the option string,
//                                    e.g. read_only=true); "main" is the first one.
//   reopen                           close every connection (the last close checkpoints)
//                                    and open "main" again: what persists is what a
//                                    later process sees.
//
// Inside a statement or query record, a line `bind v1, v2, ...` placed before the SQL
// binds $1, $2, ... with SQL-style literals: 42, -1.5, 'text', NULL, true, false, X'0A'.
// The SQL runs until the blank line (statement) or the `----` line (query).
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "decentdb.h"
#include "harness/test.h"

namespace {

struct Param {
  enum Kind { kNull, kInt, kFloat, kText, kBool, kBlob } kind = kNull;
  int64_t i = 0;
  double f = 0;
  std::string s;
};

std::string Trim(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool ParseParams(const std::string& text, std::vector<Param>* out, std::string* err) {
  size_t p = 0;
  auto skip = [&] {
    while (p < text.size() && std::isspace(static_cast<unsigned char>(text[p]))) ++p;
  };
  for (;;) {
    skip();
    if (p >= text.size()) return true;
    Param v;
    if (text[p] == '\'') {
      v.kind = Param::kText;
      ++p;
      for (;;) {
        if (p >= text.size()) {
          *err = "unterminated string in bind";
          return false;
        }
        if (text[p] == '\'') {
          if (p + 1 < text.size() && text[p + 1] == '\'') {
            v.s.push_back('\'');
            p += 2;
            continue;
          }
          ++p;
          break;
        }
        v.s.push_back(text[p++]);
      }
    } else {
      size_t e = text.find(',', p);
      std::string tok = Trim(text.substr(p, e == std::string::npos ? std::string::npos : e - p));
      p = e == std::string::npos ? text.size() : e;
      std::string l = Lower(tok);
      if (l == "null") {
        v.kind = Param::kNull;
      } else if (l == "true" || l == "false") {
        v.kind = Param::kBool;
        v.i = l == "true";
      } else if (l.size() >= 3 && l[0] == 'x' && l[1] == '\'') {
        v.kind = Param::kBlob;
        for (size_t k = 2; k + 1 < tok.size() && tok[k] != '\''; k += 2)
          v.s.push_back(static_cast<char>(std::stoi(tok.substr(k, 2), nullptr, 16)));
      } else if (tok.find_first_of(".eE") != std::string::npos) {
        v.kind = Param::kFloat;
        v.f = std::strtod(tok.c_str(), nullptr);
      } else {
        char* end = nullptr;
        v.kind = Param::kInt;
        v.i = std::strtoll(tok.c_str(), &end, 10);
        if (tok.empty() || *end != '\0') {
          *err = "bad bind value: " + tok;
          return false;
        }
      }
    }
    out->push_back(v);
    skip();
    if (p < text.size() && text[p] == ',') ++p;
  }
}

std::string Render(decentdb_stmt* st, int c) {
  switch (decentdb_column_type(st, c)) {
    case 0: return "NULL";
    case 4: {
      int n = 0;
      const uint8_t* b = decentdb_column_blob(st, c, &n);
      std::string out = "X'";
      char buf[4];
      for (int i = 0; i < n; ++i) {
        std::snprintf(buf, sizeof buf, "%02X", b[i]);
        out += buf;
      }
      return out + "'";
    }
    default: {
      int n = 0;
      const char* t = decentdb_column_text(st, c, &n);
      if (t == nullptr) return "NULL";
      std::string s(t, static_cast<size_t>(n));
      return s.empty() ? "(empty)" : s;
    }
  }
}

bool TypeFits(char want, int type) {
  if (type == 0 || want == '?') return true;
  switch (want) {
    case 'I': return type == 1;
    case 'R': return type == 2;
    case 'T': return type == 3;
    case 'X': return type == 4;
    case 'B': return type == 5;
  }
  return false;
}

class ScriptRunner {
 public:
  ScriptRunner(std::string path, std::string db_path) : path_(std::move(path)), db_path_(std::move(db_path)) {}
  ~ScriptRunner() {
    for (auto& [name, db] : conns_) decentdb_close(db);
  }

  void Run() {
    std::ifstream in(path_);
    if (!in) {
      Fail(0, "cannot read script");
      return;
    }
    std::string line;
    while (std::getline(in, line)) lines_.push_back(line);
    if (!Use("main", "")) return;
    size_t i = 0;
    while (i < lines_.size()) {
      std::string t = Trim(lines_[i]);
      if (t.empty() || t[0] == '#') {
        ++i;
        continue;
      }
      i = RunRecord(i);
    }
  }

 private:
  void Fail(size_t line, const std::string& what) {
    ::ddbtest::ReportFailure(path_.c_str(), static_cast<int>(line + 1), what);
  }

  bool Use(const std::string& name, const std::string& options) {
    auto it = conns_.find(name);
    if (it == conns_.end()) {
      decentdb_db* db = decentdb_open(db_path_.c_str(), options.empty() ? nullptr : options.c_str());
      if (db == nullptr) {
        Fail(0, "cannot open connection " + name + ": " + decentdb_last_error_message(nullptr));
        return false;
      }
      it = conns_.emplace(name, db).first;
    }
    db_ = it->second;
    return true;
  }

  // Runs the record starting at line `start`; returns the line after it.
  size_t RunRecord(size_t start) {
    std::istringstream head(Trim(lines_[start]));
    std::string verb, mode;
    head >> verb;
    size_t i = start + 1;
    if (verb == "connection") {
      std::string name, options;
      head >> name;
      std::getline(head, options);
      Use(name, Trim(options));
      return i;
    }
    if (verb == "reopen") {
      for (auto& [name, db] : conns_) decentdb_close(db);
      conns_.clear();
      db_ = nullptr;
      Use("main", "");
      return i;
    }
    if (verb != "statement" && verb != "query") {
      Fail(start, "unknown record: " + lines_[start]);
      return SkipRecord(i);
    }
    std::vector<Param> params;
    if (i < lines_.size() && Trim(lines_[i]).rfind("bind ", 0) == 0) {
      std::string err;
      if (!ParseParams(Trim(lines_[i]).substr(5), &params, &err)) Fail(i, err);
      ++i;
    }
    std::string sql;
    while (i < lines_.size() && !Trim(lines_[i]).empty() && Trim(lines_[i]) != "----") {
      sql += lines_[i] + "\n";
      ++i;
    }
    std::vector<std::string> expected;
    bool has_results = false;
    if (i < lines_.size() && Trim(lines_[i]) == "----") {
      has_results = true;
      ++i;
      while (i < lines_.size() && !Trim(lines_[i]).empty()) expected.push_back(lines_[i++]);
    }
    if (verb == "statement") {
      head >> mode;
      std::string rest;
      std::getline(head, rest);
      RunStatement(start, mode, Trim(rest), sql, params);
    } else {
      std::string types, sort;
      head >> types >> sort;
      RunQuery(start, types, sort == "rowsort", sql, params, expected, has_results);
    }
    return i;
  }

  size_t SkipRecord(size_t i) {
    while (i < lines_.size() && !Trim(lines_[i]).empty()) ++i;
    return i;
  }

  // Prepares, binds and runs sql; rows go to *rows when given. Returns the C API code.
  int Execute(const std::string& sql, const std::vector<Param>& params, const std::string& types,
              std::vector<std::string>* rows, int64_t* affected, size_t line) {
    decentdb_stmt* st = nullptr;
    int rc = decentdb_prepare(db_, sql.c_str(), &st);
    if (rc != DECENTDB_OK) return rc;
    for (size_t k = 0; k < params.size() && rc == DECENTDB_OK; ++k) {
      const Param& p = params[k];
      int idx = static_cast<int>(k + 1);
      switch (p.kind) {
        case Param::kNull: rc = decentdb_bind_null(st, idx); break;
        case Param::kInt: rc = decentdb_bind_int64(st, idx, p.i); break;
        case Param::kFloat: rc = decentdb_bind_float64(st, idx, p.f); break;
        case Param::kText: rc = decentdb_bind_text(st, idx, p.s.data(), static_cast<int>(p.s.size())); break;
        case Param::kBool: rc = decentdb_bind_bool(st, idx, static_cast<int>(p.i)); break;
        case Param::kBlob:
          rc = decentdb_bind_blob(st, idx, reinterpret_cast<const uint8_t*>(p.s.data()), static_cast<int>(p.s.size()));
          break;
      }
    }
    if (rc == DECENTDB_OK && rows != nullptr && !types.empty() &&
        decentdb_column_count(st) != static_cast<int>(types.size())) {
      Fail(line, "query has " + std::to_string(decentdb_column_count(st)) + " columns, the record declares " +
                     std::to_string(types.size()));
    }
    while (rc == DECENTDB_OK) {
      int s = decentdb_step(st);
      if (s == DECENTDB_DONE) break;
      if (s != DECENTDB_ROW) {
        rc = s;
        break;
      }
      if (rows != nullptr) {
        std::string r;
        const int n = decentdb_column_count(st);
        for (int c = 0; c < n; ++c) {
          if (c > 0) r += " ";
          const int type = decentdb_column_type(st, c);
          if (c < static_cast<int>(types.size()) && !TypeFits(types[c], type))
            Fail(line, "column " + std::to_string(c) + " has type code " + std::to_string(type) +
                           ", the record declares " + types[c]);
          r += Render(st, c);
        }
        rows->push_back(r);
      }
    }
    if (affected != nullptr) *affected = decentdb_rows_affected(st);
    decentdb_finalize(st);
    return rc;
  }

  std::string ErrorText() {
    return std::string(decentdb_last_error_sqlstate(db_)) + " " + decentdb_last_error_message(db_);
  }

  void RunStatement(size_t line, const std::string& mode, const std::string& rest, const std::string& sql,
                    const std::vector<Param>& params) {
    int64_t affected = 0;
    int rc = Execute(sql, params, "", nullptr, &affected, line);
    if (mode == "ok" || mode == "count") {
      if (rc != DECENTDB_OK) {
        Fail(line, "statement failed: " + ErrorText() + "\n    " + sql);
        return;
      }
      if (mode == "count" && std::to_string(affected) != rest)
        Fail(line, "rows affected " + std::to_string(affected) + ", expected " + rest);
      return;
    }
    if (mode != "error") {
      Fail(line, "unknown statement mode: " + mode);
      return;
    }
    if (rc == DECENTDB_OK) {
      Fail(line, "statement succeeded, expected an error: " + sql);
      return;
    }
    CheckError(line, rest);
  }

  void CheckError(size_t line, const std::string& expect) {
    std::string state, fragment = expect;
    if (expect.size() >= 5 && (expect.size() == 5 || expect[5] == ' ')) {
      bool code = true;
      for (size_t k = 0; k < 5; ++k)
        code &= std::isdigit(static_cast<unsigned char>(expect[k])) || std::isupper(static_cast<unsigned char>(expect[k]));
      if (code) {
        state = expect.substr(0, 5);
        fragment = Trim(expect.substr(5));
      }
    }
    const std::string got_state = decentdb_last_error_sqlstate(db_);
    const std::string got_msg = decentdb_last_error_message(db_);
    if (!state.empty() && got_state != state)
      Fail(line, "expected SQLSTATE " + state + ", got " + ErrorText());
    if (!fragment.empty() && Lower(got_msg).find(Lower(fragment)) == std::string::npos)
      Fail(line, "expected an error containing \"" + fragment + "\", got " + ErrorText());
  }

  void RunQuery(size_t line, const std::string& types, bool rowsort, const std::string& sql,
                const std::vector<Param>& params, std::vector<std::string> expected, bool has_results) {
    if (!has_results) Fail(line, "query record without ---- line");
    std::vector<std::string> rows;
    int rc = Execute(sql, params, types, &rows, nullptr, line);
    if (rc != DECENTDB_OK) {
      Fail(line, "query failed: " + ErrorText() + "\n    " + sql);
      return;
    }
    if (rowsort) {
      std::sort(rows.begin(), rows.end());
      std::sort(expected.begin(), expected.end());
    }
    if (rows != expected) {
      std::string msg = "wrong result for\n    " + sql + "  expected:\n";
      for (const std::string& r : expected) msg += "    " + r + "\n";
      msg += "  got:\n";
      for (const std::string& r : rows) msg += "    " + r + "\n";
      Fail(line, msg);
    }
  }

  std::string path_;
  std::string db_path_;
  std::vector<std::string> lines_;
  std::map<std::string, decentdb_db*> conns_;
  decentdb_db* db_ = nullptr;
};

// Registers one test per script at start-up.
int RegisterScripts() {
  const std::filesystem::path dir = std::filesystem::path(__FILE__).parent_path();
  std::vector<std::filesystem::path> scripts;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (entry.path().extension() == ".test") scripts.push_back(entry.path());
  std::sort(scripts.begin(), scripts.end());
  for (const std::filesystem::path& p : scripts) {
    // Names must outlive the registry: they are kept for the whole process.
    static std::vector<std::string>* names = new std::vector<std::string>();
    names->reserve(scripts.size());
    names->push_back(p.stem().string());
    const std::string path = p.string();
    ::ddbtest::Register("SqlLogic", names->back().c_str(), [path] {
      ScriptRunner runner(path, ::ddbtest::TempDir() + "/script.ddb");
      runner.Run();
    });
  }
  return 0;
}

int registered = RegisterScripts();

}  // namespace
