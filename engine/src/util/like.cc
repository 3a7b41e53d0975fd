// LIKE / ILIKE matcher (see like.h). Matching is the classic greedy wildcard walk with one
// backtrack point (the last '%'), which is linear for typical patterns and never recursive.
#include "util/like.h"

#include <cstring>

#include "util/unicode.h"
#include "util/utf8.h"

namespace decentdb {

Status LikePattern::ParseEscape(std::string_view text, int32_t* out_escape) {
  if (text.empty()) {
    *out_escape = kNoEscape;
    return Status::OK();
  }
  const char* p = text.data();
  const char* end = p + text.size();
  uint32_t cp = DecodeUtf8(&p, end);
  if (p != end) return Status::Sql("invalid escape string: ESCAPE must be one character", "22019");
  *out_escape = static_cast<int32_t>(cp);
  return Status::OK();
}

Status LikePattern::Compile(std::string_view pattern, int32_t escape, bool case_insensitive,
                            LikePattern* out) {
  out->elems_.clear();
  out->segments_.clear();
  out->literal_.clear();
  out->fold_ = case_insensitive;
  std::string segment;
  auto flush = [&] {
    if (!segment.empty()) out->segments_.push_back(std::move(segment));
    segment.clear();
  };
  const char* p = pattern.data();
  const char* end = p + pattern.size();
  while (p < end) {
    uint32_t cp = DecodeUtf8(&p, end);
    if (escape != kNoEscape && cp == static_cast<uint32_t>(escape)) {
      if (p >= end) {
        return Status::Sql("LIKE pattern must not end with the escape character", "22025");
      }
      cp = DecodeUtf8(&p, end);
    } else if (cp == '%') {
      flush();
      if (out->elems_.empty() || out->elems_.back() != kAnySeq) out->elems_.push_back(kAnySeq);
      continue;
    } else if (cp == '_') {
      flush();
      out->elems_.push_back(kAnyOne);
      continue;
    }
    if (case_insensitive) cp = FoldCase(cp);
    out->elems_.push_back(static_cast<int32_t>(cp));
    AppendUtf8(&segment, cp);
  }
  flush();

  // Shapes with a byte-level fast path (LIKE only; ILIKE must fold the text).
  out->shape_ = Shape::kGeneral;
  if (!case_insensitive) {
    size_t n = out->elems_.size();
    size_t wild = 0, any_one = 0;
    for (int32_t e : out->elems_) {
      if (e == kAnySeq) ++wild;
      if (e == kAnyOne) ++any_one;
    }
    if (any_one == 0) {
      if (wild == 0) {
        out->shape_ = Shape::kExact;
      } else if (wild == 1 && n > 1 && out->elems_.back() == kAnySeq) {
        out->shape_ = Shape::kPrefix;
      } else if (wild == 2 && n > 2 && out->elems_.front() == kAnySeq &&
                 out->elems_.back() == kAnySeq) {
        out->shape_ = Shape::kContains;
      } else if (wild == 1 && n == 1) {
        out->shape_ = Shape::kPrefix;  // '%' alone: every value matches
      }
    }
    if (out->shape_ != Shape::kGeneral) {
      out->literal_ = out->segments_.empty() ? std::string() : out->segments_.front();
    }
  }
  return Status::OK();
}

bool LikePattern::Match(std::string_view text) const {
  switch (shape_) {
    case Shape::kExact:
      return text == literal_;
    case Shape::kPrefix:
      return text.size() >= literal_.size() &&
             std::memcmp(text.data(), literal_.data(), literal_.size()) == 0;
    case Shape::kContains:
      return text.find(literal_) != std::string_view::npos;
    case Shape::kGeneral:
      break;
  }
  return MatchGeneral(text);
}

bool LikePattern::MatchGeneral(std::string_view text) const {
  const char* t = text.data();
  const char* end = t + text.size();
  size_t p = 0;
  const size_t n = elems_.size();
  size_t star_p = SIZE_MAX;
  const char* star_t = nullptr;
  while (t < end) {
    if (p < n && elems_[p] == kAnySeq) {
      star_p = p++;
      star_t = t;
      continue;
    }
    if (p < n) {
      const char* next = t;
      uint32_t cp = DecodeUtf8(&next, end);
      if (elems_[p] == kAnyOne ||
          static_cast<uint32_t>(elems_[p]) == (fold_ ? FoldCase(cp) : cp)) {
        ++p;
        t = next;
        continue;
      }
    }
    if (star_p == SIZE_MAX) return false;
    // Let the last '%' absorb one more code point and retry from just after it.
    p = star_p + 1;
    DecodeUtf8(&star_t, end);
    t = star_t;
  }
  while (p < n && elems_[p] == kAnySeq) ++p;
  return p == n;
}

}  // namespace decentdb
