// NaverExtractor: articles on Naver news, in the layouts seen since 2017:
//   current  n.news.naver.com/(mnews/)article/<oid>/<aid>: #dic_area, h2#title_area or
//            h2.media_end_head_headline (2022), _ARTICLE_DATE_TIME[data-date-time],
//            _ARTICLE_MODIFY_DATE_TIME[data-modify-date-time], media_end_head_origin_link;
//   legacy   news.naver.com/main/read.naver: #articleBodyContents, #articleTitle, span.t11;
//   sports   sports.news.naver.com legacy read: #newsEndContents, div.news_headline.
//
// Body: the article element's text split into paragraphs at <br> runs and block
// boundaries. span.end_photo_org is an image block (img data-src/src; em.img_desc is its
// text). strong.media_end_summary is the subtitle, never a body paragraph. Scripts,
// comments, bylines, source lines, copyright lines and paragraphs made only of links
// (outlet promotions) are dropped.
//
// Sets every Article field except id, url and encoding (ExtractArticle does those).
// Fails with InvalidArgument("no article found: naver layout without #dic_area").
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_EXTRACT_NAVER_EXTRACTOR_H_
#define SINMUN_CRAWLER_EXTRACT_NAVER_EXTRACTOR_H_

#include "common/article.h"
#include "common/status.h"
#include "crawler/extract/html_document.h"
#include "crawler/extract/page_fields.h"

namespace sinmun {

// True when the markup is one of Naver's article layouts (or the head of one).
bool LooksLikeNaverArticle(const HtmlDocument& doc);

Result<Article> ExtractNaverArticle(const HtmlDocument& doc, const ExtractContext& ctx);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_NAVER_EXTRACTOR_H_
