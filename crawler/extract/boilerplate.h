// Boilerplate: what sits inside an article's body container but is not the article, and
// the bylines that end it.
//
// Elements (BoilerplateElement): navigation and page furniture by tag (nav, aside, form,
// button, footer, header, menu, select) and ARIA role; hidden elements (the hidden
// attribute, aria-hidden="true", display:none); and elements whose class or id words name a
// widget — ads, banners, sponsors, related/recommended/popular/most-read boxes, share and SNS
// buttons, copyright, reporter/byline boxes, tags, comments, subscription and newsletter
// prompts, toolbars (print, font size, bookmark, reactions), pay and login walls. Words are
// the class/id split at '-', '_', spaces and lower-to-upper case changes, compared whole
// ("ad" matches "ad_box", "sideAd", not "head" or "read"), so an ordinary container is never
// taken for a widget by a substring.
//
// Lines (ClassifyLine), applied to each text block of a body:
//   kCopyright  "ⓒ", "무단 전재 및 재배포 금지", "All rights reserved", ... (short lines)
//   kByline     a reporter line standing alone: names with a role word and/or e-mail
//               ("홍길동 기자 hong@example.co.kr", "YTN 김이영 (kim@ytn.co.kr)",
//               "/홍길동 기자", "정리=홍길동 기자")
//   kCredit     production credits ("영상기자 : 박경태", "[영상취재 이학진 영상편집 김지훈]")
//               and photo credits standing alone ("(사진=연합뉴스)", "[사진 출처 = 부산시]")
//   kPrompt     tip-off, subscription, app and share prompts ("※ '당신의 제보가 뉴스가
//               됩니다'", "[전화] 02-398-8585", "▶ 네이버에서 구독하기", "기사 URL이 복사되었습니다")
//   kText       everything else, including long paragraphs that merely mention such words.
// The rules are conservative: only short lines (at most ~120 characters) are ever taken
// for anything but text.
//
// TrailingEmail: " /hong@example.com" or " hong@example.com" at the end of a paragraph (a
// byline run into the last line) — its length, so the caller can cut it.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_EXTRACT_BOILERPLATE_H_
#define SINMUN_CRAWLER_EXTRACT_BOILERPLATE_H_

#include <cstddef>
#include <string_view>

#include "crawler/extract/html_document.h"

namespace sinmun {

// True when the element (and everything in it) is page furniture rather than article.
bool BoilerplateElement(HtmlNode node);

// The part of BoilerplateElement that never holds article text anywhere on a page:
// furniture tags and roles, hidden elements, and the unambiguous widget words (ads,
// banners, related/popular boxes, share buttons, comments, menus, footers). The search
// for a page's body leaves these out; the rest (reporter boxes, tags, toolbars, which some
// pages put around the body) only inside a body.
bool OutsideArticle(HtmlNode node);

// True when one of the words of the element's class or id names a widget (the class/id
// part of BoilerplateElement).
bool WidgetNamed(HtmlNode node);

enum class LineKind { kText, kCopyright, kByline, kCredit, kPrompt };

// REQUIRES: `text` is normalised. `link_only`: every letter of it was link text.
LineKind ClassifyLine(std::string_view text, bool link_only);

// True when `text` holds a reporter's role word (기자, 특파원, ...): a byline that names
// authors, not just an address.
bool NamesReporter(std::string_view text);

// The number of bytes at the end of `text` that are a trailing e-mail byline (0 when none).
size_t TrailingEmail(std::string_view text);

// True when `text` holds something shaped like an e-mail address.
bool HasEmail(std::string_view text);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_BOILERPLATE_H_
