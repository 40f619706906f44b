// Related articles: the other archived articles that carry the same story, earliest first
// seen first — who published it first, and who copied it (`sinmun related`, the reading
// room's article page).
//
// Related are: the article its Naver "기사원문" link (origin_url) names ("origin"); the
// articles whose origin link names it ("copy") or names the same origin ("same origin");
// and the articles whose latest version shares most of the paragraphs of the smaller of
// the two ("shared": a wire story printed by several outlets, a portal copy). Candidates
// come from the search index (paragraph-hash and origin terms), not from a scan.
//
// Thread-safety: FindRelated reads the archive (safe for concurrent use) and the index (one
// SearchIndex per thread).
#ifndef SINMUN_STORAGE_RELATED_H_
#define SINMUN_STORAGE_RELATED_H_

#include <set>
#include <string>
#include <vector>

#include "common/article_json.h"
#include "common/status.h"
#include "storage/archive.h"
#include "storage/search_index.h"

namespace sinmun {

struct RelatedArticle {
  ArticleHead head;
  std::set<std::string> relations;  // "origin", "copy", "same origin", "shared"
  size_t shared = 0;                // paragraphs in common, when the index knows them
  double share = 0;                 // shared over the article's own `paragraphs`
};

struct RelatedReport {
  ArticleHead head;  // the article asked about
  size_t paragraphs = 0;  // its paragraphs of at least kMinSharedParagraphChars characters
  std::vector<RelatedArticle> related;  // earliest first seen first
};

// The related articles of `id` (a known id; NotFound otherwise), as of its latest version.
// Errors are the archive's and the index's own.
Result<RelatedReport> FindRelated(Archive& archive, SearchIndex& index, const std::string& id);

// `sinmun related --json`: {"id", "url", "first_seen", "paragraphs", "related": [{"id",
// "url", "portal", "press", "title", "published", "first_seen", "relations",
// "shared_paragraphs", "share"}]}.
Json RelatedJson(const RelatedReport& report);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_RELATED_H_
