#include "crawler/extract/head_fields.h"

#include <algorithm>
#include <array>
#include <cctype>

#include "common/text.h"
#include "crawler/extract/boilerplate.h"
#include "crawler/extract/page_fields.h"
#include "crawler/extract/page_time.h"
#include "crawler/extract/press_name.h"

namespace sinmun {
namespace {

constexpr std::array<std::string_view, 10> kPublishedLabels = {
    "입력", "기사입력", "등록", "승인", "송고", "게재", "발행", "작성", "Posted", "Published"};
constexpr std::array<std::string_view, 6> kModifiedLabels = {"수정", "최종수정", "업데이트",
                                                             "갱신", "Updated", "Modified"};
constexpr std::array<std::string_view, 5> kRoleWords = {"기자", "특파원", "논설위원", "선임기자",
                                                        "대기자"};

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

bool HasYear(std::string_view s) {
  size_t run = 0;
  for (char c : s) {
    run = std::isdigit(static_cast<unsigned char>(c)) ? run + 1 : 0;
    if (run == 4) return true;
  }
  return false;
}

// The time written after `label` in `line`, when a date follows it closely.
std::optional<Instant> TimeAfter(std::string_view line, std::string_view label) {
  size_t at = line.find(label);
  while (at != std::string_view::npos) {
    std::string_view rest = line.substr(at + label.size());
    size_t digit = 0;
    while (digit < rest.size() && !std::isdigit(static_cast<unsigned char>(rest[digit]))) ++digit;
    if (digit < rest.size() && digit <= 20) {
      // Stop at the next label so "입력 … 수정 …" reads each part alone.
      std::string_view part = rest;
      for (std::string_view other : {"수정", "입력", "업데이트", "최종", "|"}) {
        const size_t cut = part.find(other, digit);
        if (cut != std::string_view::npos) part = part.substr(0, cut);
      }
      if (auto t = ParsePageTime(part)) return t;
    }
    at = line.find(label, at + label.size());
  }
  return std::nullopt;
}

// The text around a short text node: its nearest ancestor of at most 100 characters.
std::string LineAround(HtmlNode text_node) {
  std::string line = NormalizeText(HtmlDocument::NodeText(text_node));
  for (HtmlNode up = HtmlDocument::Parent(text_node); up != nullptr; up = HtmlDocument::Parent(up)) {
    std::optional<std::string> wider = HtmlDocument::TextUpTo(up, 400);
    if (!wider || CodePoints(*wider) > 100) break;
    line = std::move(*wider);
    if (HasYear(line)) break;
  }
  return line;
}

std::string LabelXPath() {
  std::string xpath = "//text()[(false()";
  for (std::string_view l : kPublishedLabels) xpath += " or contains(., '" + std::string(l) + "')";
  for (std::string_view l : kModifiedLabels) xpath += " or contains(., '" + std::string(l) + "')";
  xpath += ") and string-length(normalize-space(.)) <= 60 and not(ancestor::script) and "
           "not(ancestor::style)]";
  return xpath;
}

std::optional<Instant> Microdata(const HtmlDocument& doc, std::string_view prop) {
  const std::string p(prop);
  for (const std::string& v :
       doc.SelectTexts("//*[@itemprop='" + p + "']/@content | //*[@itemprop='" + p + "']/@datetime")) {
    if (auto t = ParsePageTime(v)) return t;
  }
  return std::nullopt;
}

// Inside a part of the page that speaks of other articles or of the site: menus,
// sidebars, footers, comments, related and popular boxes. (Headers are not: an article's
// head — title, byline, dates — is often a <header>.)
bool InsideFurniture(HtmlNode node) {
  for (HtmlNode up = node; up != nullptr; up = HtmlDocument::Parent(up)) {
    const std::string_view name = HtmlDocument::Name(up);
    if (name == "header") continue;
    if (OutsideArticle(up)) return true;
  }
  return false;
}

}  // namespace

PageTimes FindPageTimes(const HtmlDocument& doc) {
  PageTimes times;
  times.published = Microdata(doc, "datePublished");
  times.modified = Microdata(doc, "dateModified");
  if (times.published && times.modified) return times;
  static const std::string kXPath = LabelXPath();
  for (HtmlNode node : doc.Select(kXPath)) {
    if (InsideFurniture(node)) continue;
    const std::string line = LineAround(node);
    if (!HasYear(line)) continue;
    if (!times.published) {
      for (std::string_view label : kPublishedLabels) {
        if (auto t = TimeAfter(line, label)) {
          times.published = t;
          break;
        }
      }
    }
    if (!times.modified) {
      for (std::string_view label : kModifiedLabels) {
        if (auto t = TimeAfter(line, label)) {
          times.modified = t;
          break;
        }
      }
    }
    if (times.published && times.modified) break;
  }
  return times;
}

std::vector<std::string> DatelineAuthors(std::string_view text) {
  const std::string_view head = text.substr(0, std::min<size_t>(text.size(), 160));
  for (std::string_view role : kRoleWords) {
    size_t at = head.find(role);
    while (at != std::string_view::npos) {
      std::string_view after = head.substr(at + role.size());
      while (!after.empty() && after.front() == ' ') after.remove_prefix(1);
      const bool closes = !after.empty() && (after.front() == '=' || after.front() == ']' ||
                                             after.front() == ')' || after.substr(0, 3) == "】");
      if (closes) {
        std::string_view before = head.substr(0, at);
        size_t cut = 0;
        for (std::string_view d : {"[", "(", "=", "]", ")", "【", "】"}) {
          const size_t p = before.rfind(d);
          if (p != std::string_view::npos && p + d.size() > cut) cut = p + d.size();
        }
        std::string_view name = before.substr(cut);
        if (!name.empty() && CodePoints(name) <= 30) {
          return CleanAuthors(std::string(name) + " " + std::string(role));
        }
      }
      at = head.find(role, at + role.size());
    }
  }
  return {};
}

std::vector<std::string> BylineElementAuthors(const HtmlDocument& doc) {
  static const std::string kXPath =
      "//*[contains(@class,'byline') or contains(@class,'reporter') or contains(@class,'writer') or "
      "contains(@class,'journalist') or contains(@class,'author') or contains(@id,'byline') or "
      "contains(@id,'reporter') or contains(@id,'writer') or contains(@class,'editor') or "
      "contains(@class,'info-name') or @itemprop='author' or @rel='author']";
  std::vector<std::string> bylines;
  for (HtmlNode n : doc.Select(kXPath)) {
    if (bylines.size() >= 10) break;
    const std::optional<std::string> bounded = HtmlDocument::TextUpTo(n, 240);
    if (!bounded) continue;
    const std::string& text = *bounded;
    if (text.empty() || CodePoints(text) > 60) continue;
    const bool role = std::any_of(kRoleWords.begin(), kRoleWords.end(), [&](std::string_view r) {
      return text.find(r) != std::string::npos;
    });
    if (!role && HtmlDocument::Attr(n, "itemprop") != "author") continue;
    if (InsideFurniture(n)) continue;
    // "김경진 기자 kkj@… 다른기사 보기": the byline ends with its last role word.
    size_t end = 0;
    for (std::string_view r : kRoleWords) {
      const size_t at = text.rfind(r);
      if (at != std::string::npos) end = std::max(end, at + r.size());
    }
    bylines.push_back(end > 0 ? text.substr(0, end) : text);
  }
  return bylines;
}

std::vector<std::string> CleanAuthorList(const std::vector<std::string>& bylines,
                                         std::string_view press) {
  std::vector<std::string> names;
  for (const std::string& byline : bylines) {
    for (const std::string& name : CleanAuthors(byline)) {
      std::string kept;
      size_t pos = 0;
      while (pos < name.size()) {
        size_t end = name.find(' ', pos);
        if (end == std::string::npos) end = name.size();
        const std::string_view word = std::string_view(name).substr(pos, end - pos);
        pos = end + 1;
        if (word.empty() || (!press.empty() && word == press) || IsGenericPressWord(word)) continue;
        if (!kept.empty()) kept += ' ';
        kept += word;
      }
      const bool plausible =
          !kept.empty() && CodePoints(kept) <= 20 && kept.find("http") == std::string::npos &&
          std::none_of(kept.begin(), kept.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
      if (plausible && std::find(names.begin(), names.end(), kept) == names.end()) {
        names.push_back(std::move(kept));
      }
    }
  }
  return names;
}

}  // namespace sinmun
