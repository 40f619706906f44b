// HeadFields: an article's times and authors from what a page shows, for when its
// structured data (JSON-LD, meta tags) says nothing.
//
// PageTimes: the page's own 입력/수정 lines. A short text holding a label — published:
// 입력, 기사입력, 등록, 승인, 송고, 게재, 발행, 작성, Posted; modified: 수정, 최종수정, 업데이트,
// 갱신, Updated — is read together with its surroundings (the nearest ancestor of at most
// 100 characters, so "<dt>입력</dt><dd>2025-05-28 18:21</dd>" is one line) from the label
// on with ParsePageTime. The first line of each kind in document order wins. Also schema.org
// microdata: itemprop=datePublished/dateModified (content or datetime attributes).
//
// DatelineAuthors: the reporter named at the head of a first paragraph, as agencies and
// papers write it: "[서울=뉴시스]이현주 기자 = …", "(서울=연합뉴스) 홍길동 기자 = …",
// "[OSEN=길준영 기자] …", "[이데일리 조민정 기자] …".
//
// BylineElementAuthors: names in short elements whose class or id says byline, reporter,
// writer, journalist or author, and in schema.org author markup, when they read as a
// reporter line ("홍길동 기자", "홍길동 기자 hong@example.com").
//
// CleanAuthorList: bare names (page_fields.h CleanAuthors), without the press name, generic
// words, or anything too long to be a name.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_EXTRACT_HEAD_FIELDS_H_
#define SINMUN_CRAWLER_EXTRACT_HEAD_FIELDS_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"
#include "crawler/extract/html_document.h"

namespace sinmun {

struct PageTimes {
  std::optional<Instant> published;
  std::optional<Instant> modified;
};

PageTimes FindPageTimes(const HtmlDocument& doc);

std::vector<std::string> DatelineAuthors(std::string_view first_paragraph);

std::vector<std::string> BylineElementAuthors(const HtmlDocument& doc);

// Names from each of `bylines` (reporter lines), cleaned; `press` is dropped from them.
std::vector<std::string> CleanAuthorList(const std::vector<std::string>& bylines,
                                         std::string_view press);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_HEAD_FIELDS_H_
