// DaumExtractor: articles on Daum news (v.daum.net/v/<id>), 2023 and 2026 markup.
//
// Body: the children of section[dmcf-sid] in div.article_view. p[dmcf-ptype=general] is a
// paragraph (contents-hash → Block.publisher_hash, dmcf-pid → Block.publisher_id);
// figure[dmcf-ptype=figure] an image (the original image URL from data-org-src, else src;
// the figcaption is its text); h2-h4 or dmcf-ptype h2-h4 a subheading; elements holding an
// iframe or video an embed. Text outside dmcf elements (the 2023 div paragraphs) becomes
// paragraphs split at block boundaries and <br>. Copyright lines are dropped.
// Head: h3.tit_view (else og:title), og:regDate (KST, seconds) or the 입력 time for
// published, the 수정 time for modified, info_view names for authors, the service logo or
// og:site_name ("Daum | YTN") for press.
//
// Sets every Article field except id, url and encoding (ExtractArticle does those).
// Fails with InvalidArgument("no article found: daum layout without div.article_view").
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_EXTRACT_DAUM_EXTRACTOR_H_
#define SINMUN_CRAWLER_EXTRACT_DAUM_EXTRACTOR_H_

#include "common/article.h"
#include "common/status.h"
#include "crawler/extract/html_document.h"
#include "crawler/extract/page_fields.h"

namespace sinmun {

// True when the markup is Daum's article markup.
bool LooksLikeDaumArticle(const HtmlDocument& doc);

Result<Article> ExtractDaumArticle(const HtmlDocument& doc, const ExtractContext& ctx);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_DAUM_EXTRACTOR_H_
