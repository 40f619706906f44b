#include "storage/search/tokenizer.h"

#include <unicode/uchar.h>

namespace sinmun {
namespace {

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

bool IsWordChar(char32_t c) {
  if (c < 0x80) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }
  if (c == 0xFFFD) return false;
  if (u_isalnum(static_cast<UChar32>(c))) return true;
  const int8_t type = u_charType(static_cast<UChar32>(c));
  return type == U_NON_SPACING_MARK || type == U_COMBINING_SPACING_MARK ||
         type == U_ENCLOSING_MARK || type == U_CONNECTOR_PUNCTUATION;
}

bool IsDigit(char32_t c) { return c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(static_cast<UChar32>(c)) != 0; }
bool IsAsciiUpper(char32_t c) { return c >= 'A' && c <= 'Z'; }

void AppendUtf8(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

void AppendLower(char32_t c, std::string& out) {
  if (c < 0x80) {
    out += static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  } else {
    AppendUtf8(static_cast<char32_t>(u_tolower(static_cast<UChar32>(c))), out);
  }
}

// The code points of `text`, with white space between two CJK characters dropped, as
// code points (cps), as UTF-8 (utf8) and the offset of each code point in it (at, one more
// than cps: the end).
void Prepare(std::string_view text, std::u32string& cps, std::vector<uint32_t>& at, std::string& utf8) {
  cps.clear();
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    bool valid = len > 0 && i + len <= text.size();
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; valid && k < len; ++k) {
      const auto b = static_cast<unsigned char>(text[i + k]);
      valid = (b & 0xC0) == 0x80;
      cp = (cp << 6) | (b & 0x3F);
    }
    if (!valid || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
      cps += char32_t{0xFFFD};
      ++i;
      continue;
    }
    cps += cp;
    i += static_cast<size_t>(len);
  }
  // 수출 규제를 -> 수출규제를, 美 연준 -> 美연준.
  size_t w = 0;
  for (size_t r = 0; r < cps.size(); ++r) {
    if (IsSpace(cps[r]) && w > 0 && IsCjk(cps[w - 1])) {
      size_t k = r;
      while (k < cps.size() && IsSpace(cps[k])) ++k;
      if (k < cps.size() && IsCjk(cps[k])) {
        r = k - 1;
        continue;
      }
    }
    cps[w++] = cps[r];
  }
  cps.resize(w);
  utf8.clear();
  at.clear();
  for (char32_t c : cps) {
    at.push_back(static_cast<uint32_t>(utf8.size()));
    AppendUtf8(c, utf8);
  }
  at.push_back(static_cast<uint32_t>(utf8.size()));
}

// Calls fn(cjk, begin, end) for each run of CJK characters and each run of others.
template <typename Fn>
void ForEachRun(const std::u32string& cps, Fn fn) {
  for (size_t i = 0; i < cps.size();) {
    const bool cjk = IsCjk(cps[i]);
    size_t j = i + 1;
    while (j < cps.size() && IsCjk(cps[j]) == cjk) ++j;
    fn(cjk, i, j);
    i = j;
  }
}

// The end of an acronym (U.S., U.S.A) starting at i, with its letters lower-cased into
// `word`; i when there is none.
size_t Acronym(const std::u32string& cps, size_t i, size_t end, std::string& word) {
  word.clear();
  size_t k = i;
  while (k + 1 < end && IsAsciiUpper(cps[k]) && cps[k + 1] == '.') {
    AppendLower(cps[k], word);
    k += 2;
  }
  if (!word.empty() && k < end && IsAsciiUpper(cps[k]) && (k + 1 >= end || !IsWordChar(cps[k + 1]))) {
    AppendLower(cps[k], word);
    ++k;
  }
  if (word.size() < 2 || (k < end && IsWordChar(cps[k]))) return i;
  return k;
}

// Calls fn(word) for each word of cps[begin, end) (no CJK there), lower-cased.
template <typename Fn>
void ForEachWord(const std::u32string& cps, size_t begin, size_t end, std::string& word, Fn fn) {
  for (size_t i = begin; i < end;) {
    if (!IsWordChar(cps[i])) {
      ++i;
      continue;
    }
    if (size_t k = Acronym(cps, i, end, word); k != i) {
      fn(std::string_view(word));
      i = k;
      continue;
    }
    word.clear();
    size_t j = i;
    while (j < end) {
      const char32_t c = cps[j];
      if (IsWordChar(c)) {
        AppendLower(c, word);
        ++j;
        continue;
      }
      const bool inside = j + 1 < end && IsWordChar(cps[j + 1]);
      const bool joins = (c == '&' || c == '\'' || c == 0x2019) ||
                         ((c == '.' || c == ',') && IsDigit(cps[j - 1]) && IsDigit(cps[j + 1]));
      if (!inside || !joins) break;
      AppendUtf8(c, word);
      ++j;
    }
    if (j < end && (cps[j] == '+' || cps[j] == '#')) {
      const char32_t s = cps[j];
      const size_t most = s == '+' ? 3 : 1;
      size_t k = j;
      while (k < end && cps[k] == s && k - j < most) ++k;
      if (k >= end || !IsWordChar(cps[k])) {
        for (; j < k; ++j) AppendUtf8(s, word);
      }
    }
    fn(std::string_view(word));
    i = j;
  }
}

}  // namespace

bool IsCjk(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F) || (c >= 0x3040 && c <= 0x30FF) ||
         (c >= 0x3400 && c <= 0x4DBF) || (c >= 0x4E00 && c <= 0x9FFF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF66 && c <= 0xFF9F) ||
         (c >= 0x20000 && c <= 0x2FFFF);
}

bool MakesWords(char32_t c) { return IsWordChar(c) && !IsCjk(c); }

uint32_t Tokenizer::Tokenize(std::string_view text, uint32_t position, const Emit& emit) {
  Prepare(text, cps_, at_, utf8_);
  auto view = [&](size_t begin, size_t end) {
    return std::string_view(utf8_).substr(at_[begin], at_[end] - at_[begin]);
  };
  ForEachRun(cps_, [&](bool cjk, size_t begin, size_t end) {
    if (!cjk) {
      ForEachWord(cps_, begin, end, word_, [&](std::string_view w) { emit(w, position++); });
      return;
    }
    const size_t n = end - begin;
    if (n == 1) {
      emit(view(begin, end), position++);
      return;
    }
    for (size_t k = 0; k + 1 < n; ++k) emit(view(begin + k, begin + k + 2), position + static_cast<uint32_t>(k));
    for (size_t k = 0; k < n; ++k) emit(view(begin + k, begin + k + 1), position + static_cast<uint32_t>(k));
    position += static_cast<uint32_t>(n);
  });
  return position;
}

QueryTerms TermsOf(std::string_view text) {
  std::u32string cps;
  std::vector<uint32_t> at;
  std::string utf8, word;
  Prepare(text, cps, at, utf8);
  struct Part {
    std::vector<std::string> terms;
    bool cjk, run;  // run: a CJK run of two or more characters (terms end with its last)
  };
  std::vector<Part> parts;
  ForEachRun(cps, [&](bool cjk, size_t begin, size_t end) {
    Part part{{}, cjk, cjk && end - begin > 1};
    auto add = [&](size_t b, size_t e) { part.terms.push_back(utf8.substr(at[b], at[e] - at[b])); };
    if (!cjk) {
      ForEachWord(cps, begin, end, word, [&](std::string_view w) { part.terms.emplace_back(w); });
    } else if (!part.run) {
      add(begin, end);
    } else {
      for (size_t k = begin; k + 1 < end; ++k) add(k, k + 2);
      add(end - 1, end);
    }
    if (!part.terms.empty()) parts.push_back(std::move(part));
  });
  if (!parts.empty() && parts.back().run) parts.back().terms.pop_back();
  QueryTerms out;
  for (Part& p : parts) {
    for (std::string& t : p.terms) out.terms.push_back(std::move(t));
  }
  out.prefix = parts.size() == 1 && parts[0].cjk && !parts[0].run;
  return out;
}

}  // namespace sinmun
