// SearchAdapter: the reading room's one door to the search index (storage/search_index.h),
// so that a change of the index's implementation is a change here only. It runs a query and
// returns hits with what a page shows (title, URL, snippet — read from the archive: the index
// keeps terms, not text), and finds related articles (storage/related.h).
//
// The index is opened read-only on first use and reopened by Refresh() (the reading room
// calls it as it catches up with the daemon), so a long-running server sees new commits. An
// index that covers fewer versions than the archive still answers (the daemon indexes a
// moment after it records); Search says how far behind it is.
//
// Thread-safety: safe for concurrent use; queries are serialised (a SearchIndex is one
// thread's at a time).
#ifndef SINMUN_WEB_SEARCH_ADAPTER_H_
#define SINMUN_WEB_SEARCH_ADAPTER_H_

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "common/article_json.h"
#include "common/status.h"
#include "storage/archive.h"
#include "storage/related.h"
#include "storage/search_index.h"

namespace sinmun::web {

struct WebHit {
  SearchHit hit;
  std::string title, url;
  uint32_t versions = 0;  // the article's count
  Snippet snippet;
};

struct WebSearchResults {
  uint64_t estimated_matches = 0;
  std::vector<WebHit> hits;  // from `offset` on, at most query.limit
  uint64_t behind = 0;       // archive versions the index does not cover yet
};

class SearchAdapter {
 public:
  explicit SearchAdapter(std::string index_dir) : dir_(std::move(index_dir)) {}

  // Hits offset … offset + query.limit - 1 of the query. NotFound "no search index: run
  // sinmun reindex" without an index; otherwise the index's and the archive's errors.
  Result<WebSearchResults> Search(Archive& archive, SearchQuery query, size_t offset);

  // storage/related.h FindRelated through this index.
  Result<RelatedReport> Related(Archive& archive, const std::string& id);

  // The next use reopens the index to see the writer's latest commit.
  void Refresh();

 private:
  Status EnsureOpen();  // REQUIRES: mu_ held

  const std::string dir_;
  std::mutex mu_;
  std::unique_ptr<SearchIndex> index_;  // GUARDED_BY(mu_)
  bool reopen_ = false;                 // GUARDED_BY(mu_)
};

// `sinmun search --json`'s form of the results (README).
Json SearchResultsJson(const std::string& query, const WebSearchResults& results);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_SEARCH_ADAPTER_H_
