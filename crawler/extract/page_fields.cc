#include "crawler/extract/page_fields.h"

#include <algorithm>
#include <array>

#include "common/text.h"

namespace sinmun {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

// Whole words only: a name may itself end in the syllables of a role word.
constexpr std::array<std::string_view, 16> kRoleWords = {
    "기자",     "특파원",   "논설위원", "칼럼니스트", "객원기자", "선임기자",
    "인턴기자", "수습기자", "전문기자", "사진기자",   "영상기자", "취재기자",
    "편집위원", "통신원",   "기자단",   "대기자"};

bool IsRoleWord(std::string_view word) {
  return std::find(kRoleWords.begin(), kRoleWords.end(), word) != kRoleWords.end();
}

// Replaces bracketed spans ("(...)", "[...]", "<...>") with a space.
std::string DropBracketed(std::string_view s) {
  std::string out;
  int depth = 0;
  for (char c : s) {
    if (c == '(' || c == '[' || c == '<') {
      ++depth;
      continue;
    }
    if ((c == ')' || c == ']' || c == '>') && depth > 0) {
      --depth;
      if (depth == 0) out += ' ';
      continue;
    }
    if (depth == 0) out += c;
  }
  return out;
}

}  // namespace

std::vector<std::string> CleanAuthors(std::string_view byline) {
  std::vector<std::string> names;
  std::string text = NormalizeText(DropBracketed(NormalizeText(byline)));
  // Separators between names become spaces followed by a marker word.
  std::string spaced;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == ',' || text[i] == '/') {
      spaced += " , ";
    } else if (text.compare(i, 2, "\xC2\xB7") == 0) {  // U+00B7 middle dot
      spaced += " , ";
      ++i;
    } else {
      spaced += text[i];
    }
  }
  std::string current;
  const auto finish = [&] {
    if (!current.empty() &&
        std::find(names.begin(), names.end(), current) == names.end()) {
      names.push_back(current);
    }
    current.clear();
  };
  size_t pos = 0;
  while (pos < spaced.size()) {
    size_t end = spaced.find(' ', pos);
    if (end == std::string::npos) end = spaced.size();
    const std::string_view word = std::string_view(spaced).substr(pos, end - pos);
    pos = end + 1;
    if (word.empty()) continue;
    if (word == "," || IsRoleWord(word)) {
      finish();
    } else if (!Contains(word, "@") && word != "=" && word != "외" && word != "및") {
      if (!current.empty()) current += ' ';
      current += word;
    }
  }
  finish();
  return names;
}

void AddAuthors(std::string_view byline, std::vector<std::string>* authors) {
  for (std::string& name : CleanAuthors(byline)) {
    if (std::find(authors->begin(), authors->end(), name) == authors->end()) {
      authors->push_back(std::move(name));
    }
  }
}

bool IsBoilerplateLine(std::string_view text) {
  if (text == "기사원문") return true;
  // Count code points roughly: a long paragraph that merely mentions copyright is text.
  size_t chars = 0;
  for (char c : text) chars += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  if (chars > 120) return false;
  static constexpr std::array<std::string_view, 10> kMarks = {
      "무단 전재", "무단전재", "재배포 금지", "재배포금지", "All rights reserved",
      "all rights reserved", "ⓒ", "©", "저작권자(c)", "Copyright"};
  return std::any_of(kMarks.begin(), kMarks.end(),
                     [&](std::string_view m) { return Contains(text, m); });
}

std::string ImageSource(HtmlNode img, const ExtractContext& ctx) {
  for (std::string_view attr : {"data-org-src", "data-src", "src"}) {
    std::string value(Trim(HtmlDocument::Attr(img, attr)));
    if (value.empty() || value.rfind("data:", 0) == 0) continue;
    return ResolveUrl(value, ctx.base_url);
  }
  return "";
}

std::string ClassPredicate(std::string_view cls) {
  return "contains(concat(' ', normalize-space(@class), ' '), ' " + std::string(cls) + " ')";
}

std::string_view AfterSeparator(std::string_view text, std::string_view sep) {
  size_t pos = text.find(sep);
  if (pos == std::string_view::npos) return Trim(text);
  return Trim(text.substr(pos + sep.size()));
}

}  // namespace sinmun
