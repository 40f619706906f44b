#include "crawler/extract/press_name.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <vector>

#include "common/identity.h"
#include "crawler/extract/site_table.h"

namespace sinmun {
namespace {

constexpr std::array<std::string_view, 34> kGenericWords = {
    "뉴스",     "뉴스홈",   "news",     "홈",       "home",     "다음",     "다음뉴스",
    "daum",     "daum뉴스", "네이버",   "네이버뉴스", "네이버 뉴스", "naver",  "naver news",
    "기사",     "기사보기", "언론사",   "포털",     "인터넷신문", "신문",    "방송",
    "통신사",   "온라인",   "전체기사", "최신기사", "속보",     "기사원문", "본문",
    "website",  "web",      "media",    "newsroom", "언론",     "미디어"};

constexpr std::array<std::string_view, 24> kSectionWords = {
    "정치", "경제", "사회", "국제", "세계", "문화", "스포츠", "연예", "IT", "과학",
    "오피니언", "사설", "칼럼", "전국", "지역", "생활", "건강", "산업", "증권", "부동산",
    "라이프", "북한", "통일", "국회/정당"};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

bool HasHangul(std::string_view s) {
  // Hangul syllables are U+AC00..U+D7A3: lead bytes 0xEA..0xED in UTF-8.
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xEA && b <= 0xED;
  });
}

// "mk.co.kr", "www.hani.co.kr", "https://www.yna.co.kr/": the host, else "".
std::string HostLike(std::string_view s) {
  if (s.find("://") != std::string_view::npos) {
    auto parts = ParseUrl(s);
    return parts ? parts->host : "";
  }
  if (s.find('.') == std::string_view::npos || s.find(' ') != std::string_view::npos ||
      HasHangul(s)) {
    return "";
  }
  std::string host = Lower(s);
  while (!host.empty() && host.back() == '/') host.pop_back();
  const bool ok = std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
  });
  return ok ? host : "";
}

constexpr std::array<std::string_view, 8> kSeparators = {" | ", " - ", " – ", " — ", " :: ",
                                                         "ㅣ",  "｜",  " < "};

// `s` split at every separator, trimmed, empty parts dropped.
std::vector<std::string_view> Parts(std::string_view s) {
  std::vector<std::string_view> parts;
  while (!s.empty()) {
    size_t best = std::string_view::npos;
    size_t len = 0;
    for (std::string_view sep : kSeparators) {
      const size_t at = s.find(sep);
      if (at < best) {
        best = at;
        len = sep.size();
      }
    }
    std::string_view part = Trim(s.substr(0, best));
    if (!part.empty()) parts.push_back(part);
    if (best == std::string_view::npos) break;
    s.remove_prefix(best + len);
  }
  return parts;
}

// The last separator in `title` and its length; npos when none.
size_t LastSeparator(std::string_view title, size_t* len) {
  size_t best = std::string_view::npos;
  for (std::string_view sep : kSeparators) {
    const size_t at = title.rfind(sep);
    if (at != std::string_view::npos && (best == std::string_view::npos || at > best)) {
      best = at;
      *len = sep.size();
    }
  }
  return best;
}

}  // namespace

bool IsGenericPressWord(std::string_view name) {
  const std::string lower = Lower(Trim(name));
  return lower.empty() ||
         std::find(kGenericWords.begin(), kGenericWords.end(), lower) != kGenericWords.end();
}

std::string NormalizePress(std::string_view raw, const SiteTable* sites) {
  for (std::string_view part : Parts(Trim(raw))) {
    if (const std::string host = HostLike(part); !host.empty()) {
      const SiteRule* rule = sites != nullptr ? sites->Find(host) : nullptr;
      if (rule != nullptr && !rule->press.empty()) return rule->press;
      continue;
    }
    if (part.size() > 60 || IsGenericPressWord(part)) continue;
    // "KBS 뉴스", "JTBC News": the outlet, not its news section ("시험 신문" keeps its word).
    if (const size_t space = part.rfind(' '); space != std::string_view::npos) {
      const std::string last = Lower(part.substr(space + 1));
      const bool section_word = last == "뉴스" || last == "news" || last == "홈" ||
                                last == "home" || last == "닷컴" || last == "online";
      if (section_word) {
        part = Trim(part.substr(0, space));
        if (IsGenericPressWord(part)) continue;  // "Daum 뉴스", "네이버 뉴스"
      }
    }
    return std::string(part);
  }
  return "";
}

std::string PressFromTitle(std::string_view title, const SiteTable* sites) {
  size_t len = 0;
  const size_t at = LastSeparator(title, &len);
  if (at == std::string_view::npos || at == 0) return "";
  const std::string_view tail = Trim(title.substr(at + len));
  if (tail.size() > 45 || tail.find(' ') != tail.rfind(' ')) return "";  // a name, not a phrase
  return NormalizePress(tail, sites);
}

std::string CleanTitle(std::string_view title, std::string_view press, std::string_view site_name) {
  std::string_view t = Trim(title);
  bool stripped = false;
  for (int round = 0; round < 3; ++round) {
    size_t len = 0;
    const size_t at = LastSeparator(t, &len);
    if (at == std::string_view::npos || at == 0) break;
    const std::string_view tail = Trim(t.substr(at + len));
    const bool names_site =
        (!press.empty() && tail.find(press) != std::string_view::npos) ||
        (!site_name.empty() && (tail == site_name || site_name.find(tail) != std::string_view::npos)) ||
        !HostLike(tail).empty() || IsGenericPressWord(tail);
    const bool section =
        stripped && std::find(kSectionWords.begin(), kSectionWords.end(), tail) != kSectionWords.end();
    if (!names_site && !section) break;
    t = Trim(t.substr(0, at));
    stripped = true;
  }
  // "제목-정치" once the press part is gone: a section glued on with a bare '-'.
  if (stripped) {
    const size_t dash = t.rfind('-');
    if (dash != std::string_view::npos && dash > 0) {
      const std::string_view tail = Trim(t.substr(dash + 1));
      if (std::find(kSectionWords.begin(), kSectionWords.end(), tail) != kSectionWords.end()) {
        t = Trim(t.substr(0, dash));
      }
    }
  }
  return std::string(t);
}

}  // namespace sinmun
