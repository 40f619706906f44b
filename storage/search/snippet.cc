#include "storage/search/snippet.h"

#include <algorithm>
#include <set>

#include <unicode/uchar.h>

#include "storage/search/tokenizer.h"


namespace sinmun {
namespace {

std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void Encode(char32_t cp, std::string& out) {
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

std::string Encode(const std::vector<char32_t>& cps, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) Encode(cps[i], out);
  return out;
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

char32_t Fold(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

bool IsDigit(char32_t c) { return c < 0x80 ? c >= '0' && c <= '9' : u_isdigit(static_cast<UChar32>(c)) != 0; }
bool IsLetter(char32_t c) { return MakesWords(c) && !IsDigit(c); }

// Whether a word of other text runs on across `cps[at]`, from `inside` (the needle's
// character next to it) outwards, `step` +1 or -1, by the tokenizer's rules
// (storage/search/tokenizer.h): a letter, digit, mark or '_'; '.' or ',' between digits
// (1,000, 0.25); '&' or an apostrophe between letters (R&D, don't); going forward, '+' or
// '#' ending a word (C++, C#).
bool WordGoesOn(const std::vector<char32_t>& cps, size_t at, int step, char32_t inside) {
  if (at >= cps.size()) return false;
  const char32_t c = cps[at];
  if (MakesWords(c)) return true;
  const size_t next = at + static_cast<size_t>(step);  // wraps past 0 to a huge index: checked
  const bool has_next = next < cps.size();
  if ((c == '.' || c == ',') && IsDigit(inside) && has_next && IsDigit(cps[next])) return true;
  if ((c == '&' || c == '\'' || c == 0x2019) && IsLetter(inside) && has_next && IsLetter(cps[next])) return true;
  return step > 0 && (c == '+' || c == '#') && MakesWords(inside);
}

// The marks of every needle in cps, merged where they overlap. Needles and text are
// compared folded, white space in the text skipped. A needle that begins (ends) with a
// letter or digit of a non-CJK word must begin (end) a word there, as the index matched it:
// 3 is not marked in 30일 nor in 3.5%, X not in MX.
std::vector<Mark> FindMarks(const std::vector<char32_t>& cps, const std::vector<std::vector<char32_t>>& needles) {
  std::vector<char32_t> folded;
  std::vector<size_t> at;  // folded index -> code point index
  for (size_t i = 0; i < cps.size(); ++i) {
    if (IsSpace(cps[i])) continue;
    folded.push_back(Fold(cps[i]));
    at.push_back(i);
  }
  std::vector<Mark> marks;
  for (const auto& n : needles) {
    if (n.size() > folded.size()) continue;
    for (size_t i = 0; i + n.size() <= folded.size(); ++i) {
      if (!std::equal(n.begin(), n.end(), folded.begin() + static_cast<long>(i))) continue;
      const size_t begin = at[i], end = at[i + n.size() - 1] + 1;
      if (MakesWords(n.front()) && begin > 0 && WordGoesOn(cps, begin - 1, -1, n.front())) continue;
      if (MakesWords(n.back()) && WordGoesOn(cps, end, +1, n.back())) continue;
      marks.push_back({begin, end});
    }
  }
  std::sort(marks.begin(), marks.end(), [](const Mark& a, const Mark& b) {
    return a.begin < b.begin || (a.begin == b.begin && a.end > b.end);
  });
  std::vector<Mark> merged;
  for (const Mark& m : marks) {
    if (!merged.empty() && m.begin < merged.back().end) {
      merged.back().end = std::max(merged.back().end, m.end);
    } else {
      merged.push_back(m);
    }
  }
  return merged;
}

// About max_chars of cps around the first mark, with the marks that fall inside.
Snippet Cut(const std::vector<char32_t>& cps, const std::vector<Mark>& marks, size_t max_chars) {
  Snippet s;
  size_t begin = 0;
  if (!marks.empty() && cps.size() > max_chars && marks[0].begin > max_chars / 3) {
    begin = std::min(marks[0].begin - max_chars / 3, cps.size() - max_chars);
  }
  size_t end = std::min(cps.size(), begin + max_chars);
  size_t shift = 0;
  if (begin > 0) {
    s.text = "…";
    shift = 1;
  }
  s.text += Encode(cps, begin, end);
  if (end < cps.size()) s.text += "…";
  for (const Mark& m : marks) {
    if (m.begin < begin || m.end > end) continue;
    s.marks.push_back({m.begin - begin + shift, m.end - begin + shift});
  }
  return s;
}

}  // namespace

std::vector<const Block*> SharedParagraphs(const Article& article) {
  std::vector<const Block*> out;
  std::set<std::string> seen;
  for (const Block& b : article.blocks) {
    if (b.type != BlockType::kParagraph && b.type != BlockType::kSubheading) continue;
    if (Decode(b.text).size() < kMinSharedParagraphChars) continue;
    if (seen.insert(BlockHash(b)).second) out.push_back(&b);
  }
  return out;
}

std::vector<std::string> SharedParagraphHashes(const Article& article) {
  std::vector<std::string> out;
  for (const Block* b : SharedParagraphs(article)) out.push_back(BlockHash(*b));
  return out;
}

Snippet MakeSnippet(const Article& article, const std::vector<std::string>& words, size_t max_chars) {
  std::vector<std::vector<char32_t>> needles;
  for (const std::string& w : words) {
    std::vector<char32_t> n;
    for (char32_t c : Decode(w)) {
      if (!IsSpace(c)) n.push_back(Fold(c));
    }
    if (!n.empty()) needles.push_back(std::move(n));
  }
  const std::string* first_text = nullptr;
  for (const Block& b : article.blocks) {
    if (b.text.empty() || b.type == BlockType::kEmbed) continue;
    if (first_text == nullptr && b.type == BlockType::kParagraph) first_text = &b.text;
    std::vector<char32_t> cps = Decode(b.text);
    std::vector<Mark> marks = FindMarks(cps, needles);
    if (!marks.empty()) return Cut(cps, marks, max_chars);
  }
  std::vector<char32_t> title = Decode(article.title);
  std::vector<Mark> marks = FindMarks(title, needles);
  if (!marks.empty()) return Cut(title, marks, max_chars);
  if (first_text == nullptr) return {};
  return Cut(Decode(*first_text), {}, max_chars);
}

}  // namespace sinmun
