// Related articles: the other archived articles that carry the same story, earliest first
// seen first — who published it first, and who copied it (`sinmun related`, the reading
// room's article page).
//
// Related are: the article its Naver "기사원문" link (origin_url) names ("origin"); the
// articles whose origin link names it ("copy") or names the same origin ("same origin");
// and the articles whose latest version shares most of the paragraphs of the smaller of
// the two ("shared": a wire story printed by several outlets, a portal copy). Candidates
// come from the search index (storage/search/search_index.h: the origin URL, each
// paragraph's hash), not from a scan.
//
// The index can be ahead of the reader's view of the archive (sinmund records and indexes
// while a reader holds an older view) or disagree with it: an article or version the index
// names and the archive does not hold is left out and counted in `missing`, for the caller
// to tell its user (cli/commands.h TellMissingVersions).
//
// Thread-safety: FindRelated reads the archive (safe for concurrent use) and the index (a
// SearchReader is one thread's at a time).
#ifndef SINMUN_STORAGE_RELATED_H_
#define SINMUN_STORAGE_RELATED_H_

#include <set>
#include <string>
#include <vector>

#include "common/article_json.h"
#include "common/status.h"
#include "storage/archive.h"
#include "storage/search/search_index.h"

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
  size_t missing = 0;  // articles and versions the index names that the archive lacks
};

// The related articles of `id` (a known id; NotFound otherwise), as of its latest version.
// Errors are the archive's and the index's own.
Result<RelatedReport> FindRelated(Archive& archive, SearchReader& index, const std::string& id);

// `sinmun related --json`: {"id", "url", "first_seen", "paragraphs", "related": [{"id",
// "url", "portal", "press", "title", "published", "first_seen", "relations",
// "shared_paragraphs", "share"}]}.
Json RelatedJson(const RelatedReport& report);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_RELATED_H_
