// PressName: the outlet's name and the article's headline as readers write them, from
// what pages put in their metadata.
//
// NormalizePress turns what a page calls itself (og:site_name, JSON-LD publisher.name,
// meta author) into the outlet's name: a host or URL ("mk.co.kr", "https://www.hani.co.kr")
// is looked up in the site table; "Daum | YTN", "뉴스1 - 빠르고 정확한 뉴스" give their first
// part that is a name; a generic word ("뉴스", "News", "다음뉴스", "네이버", "Home", ...) is no
// name at all and gives "", and a trailing generic word goes ("KBS 뉴스" → "KBS").
//
// CleanTitle strips what sites append to a headline in og:title and <title>: a last part
// after " - ", " | ", " :: ", "ㅣ", "｜" or " < " that is the press name, the site name,
// a host, or a generic word — and then a section name left before it ("…-정치ㅣ한국일보").
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_EXTRACT_PRESS_NAME_H_
#define SINMUN_CRAWLER_EXTRACT_PRESS_NAME_H_

#include <string>
#include <string_view>

namespace sinmun {

class SiteTable;

// `sites` may be null. REQUIRES: `raw` is normalised.
std::string NormalizePress(std::string_view raw, const SiteTable* sites);

// True for words that name no outlet ("뉴스", "news", "홈", "다음뉴스", ...).
bool IsGenericPressWord(std::string_view name);

// The press a <title> or og:title names after its last separator ("제목 | SBS 뉴스" →
// "SBS"), when that part is short enough to be a name; "" otherwise.
std::string PressFromTitle(std::string_view title, const SiteTable* sites);

// REQUIRES: `title` is normalised. `press` and `site_name` may be empty.
std::string CleanTitle(std::string_view title, std::string_view press, std::string_view site_name);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_PRESS_NAME_H_
