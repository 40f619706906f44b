#include "crawler/extract/boilerplate.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <string>
#include <vector>

#include "crawler/extract/page_fields.h"

namespace sinmun {
namespace {

bool Contains(std::string_view s, std::string_view part) {
  return s.find(part) != std::string_view::npos;
}

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

size_t CodePoints(std::string_view s) {
  size_t n = 0;
  for (char c : s) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

// Calls fn(word) for each word of a class or id attribute: split at non-alphanumerics and at
// lower→upper case changes ("sideAd" → "side", "Ad"). Words are views into `value`; compare
// them with EqualsLower. Stops and returns true as soon as fn does.
template <typename Fn>
bool AnyAttributeWord(std::string_view value, Fn fn) {
  size_t start = 0;
  for (size_t i = 0; i <= value.size(); ++i) {
    const auto u = i < value.size() ? static_cast<unsigned char>(value[i]) : 0;
    const bool alnum = i < value.size() && std::isalnum(u);
    const bool camel = alnum && std::isupper(u) && i > start &&
                       std::islower(static_cast<unsigned char>(value[i - 1]));
    if (!alnum || camel) {
      if (i > start && fn(value.substr(start, i - start))) return true;
      start = alnum ? i : i + 1;
    }
  }
  return false;
}

// `word` equals `lower` (all lower-case) ignoring the case of `word`.
bool EqualsLower(std::string_view word, std::string_view lower) {
  if (word.size() != lower.size()) return false;
  for (size_t i = 0; i < word.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(word[i])) != lower[i]) return false;
  }
  return true;
}

// Widgets that never hold the article: also kept out of the search for the body.
constexpr std::array<std::string_view, 44> kStrongWidgetWords = {
    "ad",        "ads",         "adv",        "advert",      "advertisement", "advertising",
    "adsense",   "banner",      "banners",    "sponsor",     "sponsored",     "promotion",
    "promo",     "related",     "relation",   "recommend",   "recommended",   "recommendation",
    "popular",   "ranking",     "mostview",   "mostread",    "share",         "sharing",
    "sns",       "social",      "copyright",  "comment",     "comments",      "cmt",
    "reply",     "replies",     "gnb",        "lnb",         "nav",           "navi",
    "navigation", "menu",       "breadcrumb", "breadcrumbs", "footer",        "sidebar",
    "paywall",   "login"};

// Widgets found inside a body: reporter boxes, tags, toolbars and the like.
// Not "font": typography classes ("font--size-md-18", "font--primary") mark paragraphs.
constexpr std::array<std::string_view, 32> kWeakWidgetWords = {
    "relate",  "recom",      "rank",     "hot",       "byline",   "reporter", "reporters",
    "journalist", "writer",  "tag",      "tags",      "hashtag",  "keyword",  "keywords",
    "subscribe", "subscription", "newsletter", "util", "utility", "toolbar", "tools",
    "print",   "fontsize", "bookmark",  "scrap",    "like",     "likes",
    "reaction", "reactions", "emotion",  "sympathy",  "widget"};

constexpr std::array<std::string_view, 5> kHiddenWidgetWords = {"popup", "modal", "lock", "locked",
                                                                "blind"};

template <size_t N>
bool In(const std::array<std::string_view, N>& words, std::string_view w) {
  return std::any_of(words.begin(), words.end(), [&](std::string_view l) { return EqualsLower(w, l); });
}

// True when a word of the class or id is in `strong` (or, with `weak`, in the other lists).
bool NamedAs(HtmlNode node, bool weak) {
  std::string scratch;
  for (const char* attr : {"class", "id"}) {
    const std::string_view value = HtmlDocument::AttrView(node, attr, &scratch);
    if (value.empty()) continue;
    const bool named = AnyAttributeWord(value, [&](std::string_view w) {
      return In(kStrongWidgetWords, w) ||
             (weak && (In(kWeakWidgetWords, w) || In(kHiddenWidgetWords, w) || EqualsLower(w, "floating")));
    });
    if (named) return true;
  }
  return false;
}

bool FurnitureTag(HtmlNode node) {
  const std::string_view name = HtmlDocument::Name(node);
  return name == "nav" || name == "aside" || name == "form" || name == "button" ||
         name == "footer" || name == "header" || name == "menu" || name == "select" ||
         name == "input" || name == "label";
}

bool FurnitureRole(HtmlNode node) {
  std::string scratch;
  const std::string_view role = HtmlDocument::AttrView(node, "role", &scratch);
  return role == "navigation" || role == "complementary" || role == "banner" ||
         role == "contentinfo" || role == "search" || role == "toolbar";
}

bool IsHidden(HtmlNode node) {
  if (HtmlDocument::HasAttr(node, "hidden")) return true;
  std::string scratch;
  if (HtmlDocument::AttrView(node, "aria-hidden", &scratch) == "true") return true;
  const std::string_view style = HtmlDocument::AttrView(node, "style", &scratch);
  if (style.empty()) return false;
  std::string compact;
  for (char c : style) {
    if (c != ' ') compact += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  }
  return Contains(compact, "display:none") || Contains(compact, "visibility:hidden");
}

// Role words that end a reporter line ("홍길동 기자").
constexpr std::array<std::string_view, 12> kRoleEndings = {
    "기자", "특파원", "논설위원", "선임기자", "객원기자", "인턴기자", "수습기자",
    "전문기자", "대기자", "기자단", "통신원", "PD"};

// Words that may stand beside names in a byline.
constexpr std::array<std::string_view, 14> kBylineWords = {
    "글", "사진", "정리", "취재", "글·사진", "영상", "기자", "특파원", "=", "·", ",", "/", "외", "및"};

// Production and photo credit labels.
constexpr std::array<std::string_view, 25> kCreditLabels = {
    "영상취재", "영상편집", "영상기자", "촬영기자", "영상촬영", "촬영",   "편집",     "그래픽",
    "CG",       "구성",     "연출",     "디자인",   "자료조사", "글·사진", "사진·영상", "영상",
    "사진",     "사진제공", "사진 제공", "자료사진", "출처",    "사진출처", "사진 출처", "일러스트",
    "제공"};

constexpr std::array<std::string_view, 8> kContactLabels = {
    "전화", "메일", "이메일", "카카오톡", "카톡", "홈페이지", "문의", "제보"};

constexpr std::array<std::string_view, 24> kPromptWords = {
    "제보", "구독", "채널 추가", "채널추가", "뉴스레터", "다운로드", "앱 설치", "바로가기",
    "클릭", "이벤트", "카카오톡", "카톡", "텔레그램", "유튜브", "팔로우", "네이버에서",
    "홈페이지", "앱에서", "무료", "신청", "알림", "받아보세요", "보러가기", "더보기"};

constexpr std::array<std::string_view, 16> kShareWords = {
    "URL이 복사", "URL 복사", "링크가 복사", "주소가 복사", "링크 복사", "공유하기",
    "기사공유",   "기사 공유", "스크랩",     "인쇄하기",   "글자크기", "글씨크기",
    "프린트",     "좋아요",    "SNS 보내기", "URL복사"};

// Markers that open a prompt or a see-also line.
constexpr std::array<std::string_view, 17> kMarkers = {
    "※", "▶", "▷", "☞", "■", "□", "◆", "◇", "●", "○", "★", "☆", "→", "➤", "[", "<", "【"};

bool StartsWithMarker(std::string_view text) {
  return std::any_of(kMarkers.begin(), kMarkers.end(),
                     [&](std::string_view m) { return StartsWith(text, m); });
}

bool ContainsAny(std::string_view text, const auto& words) {
  return std::any_of(words.begin(), words.end(),
                     [&](std::string_view w) { return Contains(text, w); });
}

bool IsPhoneLike(std::string_view text) {
  // "02-398-8585", "1588-1234": digit groups joined by '-'.
  size_t digits = 0;
  size_t dashes = 0;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      ++digits;
    } else if (c == '-') {
      ++dashes;
    }
  }
  return digits >= 7 && dashes >= 1;
}

// Strips the wrappers a line may stand in: brackets, a leading slash or dash.
std::string_view Unwrap(std::string_view t) {
  for (bool again = true; again && !t.empty();) {
    again = false;
    for (std::string_view open : {"[", "(", "<", "【", "/", "-", "–", "—", "〈", "《"}) {
      if (StartsWith(t, open)) {
        t.remove_prefix(open.size());
        again = true;
      }
    }
    for (std::string_view close : {"]", ")", ">", "】", "〉", "》"}) {
      if (t.size() >= close.size() && t.substr(t.size() - close.size()) == close) {
        t.remove_suffix(close.size());
        again = true;
      }
    }
    while (!t.empty() && t.front() == ' ') {
      t.remove_prefix(1);
      again = true;
    }
    while (!t.empty() && t.back() == ' ') {
      t.remove_suffix(1);
      again = true;
    }
  }
  return t;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i < s.size()) {
    while (i < s.size() && s[i] == ' ') ++i;
    size_t j = s.find(' ', i);
    if (j == std::string_view::npos) j = s.size();
    if (j > i) out.push_back(s.substr(i, j - i));
    i = j;
  }
  return out;
}

bool IsEmailWord(std::string_view w) {
  const size_t at = w.find('@');
  return at != std::string_view::npos && at > 0 && w.find('.', at) != std::string_view::npos;
}

// A byline: names, role words and e-mail addresses only, e.g. "홍길동 기자 hong@x.kr",
// "YTN 김이영 (kim@ytn.co.kr)", "워싱턴=홍길동 특파원".
bool IsByline(std::string_view text) {
  const std::string_view t = Unwrap(text);
  if (CodePoints(t) > 80) return false;
  std::string spaced;
  for (char c : t) {
    spaced += (c == '(' || c == ')' || c == '[' || c == ']' || c == '<' || c == '>' || c == '=' ||
               c == ',' || c == '/')
                  ? ' '
                  : c;
  }
  std::vector<std::string_view> words = Words(spaced);
  if (words.empty() || words.size() > 8) return false;
  const bool email = std::any_of(words.begin(), words.end(), IsEmailWord);
  const bool role_end = std::any_of(kRoleEndings.begin(), kRoleEndings.end(), [&](std::string_view r) {
    std::string_view last = words.back();
    return last == r || (last.size() > r.size() && last.substr(last.size() - r.size()) == r &&
                         CodePoints(last) <= 6);
  });
  if (!email && !role_end) return false;
  if (!email && (words.size() > 5 || CodePoints(t) > 30)) return false;
  // Every word must be short: a name, a role, a press name, an address; and one of them
  // must be a name ("[기자]" alone is a transcript's speaker label, not a byline).
  size_t names = 0;
  for (std::string_view w : words) {
    if (IsEmailWord(w)) continue;
    if (std::find(kBylineWords.begin(), kBylineWords.end(), w) != kBylineWords.end()) continue;
    if (std::find(kRoleEndings.begin(), kRoleEndings.end(), w) != kRoleEndings.end()) continue;
    if (CodePoints(w) > 7) return false;
    if (w.back() == '.' || w.back() == '!' || w.back() == '?' || w.back() == ':') return false;
    ++names;
  }
  return names > 0;
}

bool IsCredit(std::string_view text) {
  const std::string_view t = Unwrap(text);
  if (CodePoints(t) > 100) return false;
  for (std::string_view label : kCreditLabels) {
    if (!StartsWith(t, label)) continue;
    std::string_view rest = t.substr(label.size());
    while (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
    if (StartsWith(rest, ":") || StartsWith(rest, "=") || StartsWith(rest, "：") ||
        StartsWith(rest, "|")) {
      return true;
    }
    // "[영상취재 이학진 조용희 영상편집 김지훈]": a bracketed list of credits.
    const bool bracketed = (StartsWith(text, "[") && text.back() == ']') ||
                           (StartsWith(text, "(") && text.back() == ')');
    if (bracketed && label.size() >= 6 && CodePoints(t) <= 60) return true;
  }
  return false;
}

bool IsPrompt(std::string_view text, bool link_only) {
  const size_t chars = CodePoints(text);
  if (chars <= 40 && ContainsAny(text, kShareWords)) return true;
  if (chars > 80) return false;
  const std::string_view t = Unwrap(text);
  // "[전화] 02-398-8585", "[메일] social@ytn.co.kr".
  if (StartsWith(text, "[")) {
    for (std::string_view label : kContactLabels) {
      if (StartsWith(text.substr(1), label)) {
        std::string_view after = text.substr(1 + label.size());
        if (StartsWith(after, "]")) return true;
      }
    }
  }
  const bool contact = HasEmail(t) || IsPhoneLike(t);
  const bool keyword = ContainsAny(text, kPromptWords);
  if (StartsWith(text, "☞")) return true;
  if (keyword && (StartsWithMarker(text) || link_only || contact)) return true;
  // An address or number standing alone: "social@ytn.co.kr", "02-398-8585".
  if (contact && Words(t).size() <= 2) return true;
  return false;
}

}  // namespace

bool WidgetNamed(HtmlNode node) { return NamedAs(node, /*weak=*/true); }

bool OutsideArticle(HtmlNode node) {
  return FurnitureTag(node) || FurnitureRole(node) || IsHidden(node) ||
         NamedAs(node, /*weak=*/false);
}

bool BoilerplateElement(HtmlNode node) {
  return FurnitureTag(node) || FurnitureRole(node) || IsHidden(node) || NamedAs(node, true);
}

bool HasEmail(std::string_view text) {
  size_t at = text.find('@');
  while (at != std::string_view::npos) {
    if (at > 0 && std::isalnum(static_cast<unsigned char>(text[at - 1])) &&
        text.find('.', at) != std::string_view::npos) {
      return true;
    }
    at = text.find('@', at + 1);
  }
  return false;
}

LineKind ClassifyLine(std::string_view text, bool link_only) {
  if (IsBoilerplateLine(text)) return LineKind::kCopyright;
  if (CodePoints(text) > 120) return LineKind::kText;
  if (IsCredit(text)) return LineKind::kCredit;
  if (IsPrompt(text, link_only)) return LineKind::kPrompt;
  if (IsByline(text)) return LineKind::kByline;
  return LineKind::kText;
}

bool NamesReporter(std::string_view text) {
  return std::any_of(kRoleEndings.begin(), kRoleEndings.end(),
                     [&](std::string_view r) { return Contains(text, r); });
}

size_t TrailingEmail(std::string_view text) {
  size_t space = text.rfind(' ');
  if (space == std::string_view::npos) return 0;
  std::string_view last = text.substr(space + 1);
  size_t cut = text.size() - last.size() - 1;
  if (StartsWith(last, "/")) last.remove_prefix(1);
  if (StartsWith(last, "(") && last.back() == ')') last = last.substr(1, last.size() - 2);
  if (!IsEmailWord(last)) return 0;
  // "... 말했다. /hong@example.com": the text before must end a sentence.
  std::string_view before = text.substr(0, cut);
  while (!before.empty() && before.back() == ' ') before.remove_suffix(1);
  if (before.empty()) return 0;
  static constexpr std::array<std::string_view, 8> kSentenceEnds = {".", "\"", "'", ")", "”",
                                                                     "’", "」", "!"};
  const bool ends_sentence = std::any_of(kSentenceEnds.begin(), kSentenceEnds.end(), [&](std::string_view e) {
    return before.size() >= e.size() && before.substr(before.size() - e.size()) == e;
  });
  return ends_sentence ? text.size() - before.size() : 0;
}

}  // namespace sinmun
