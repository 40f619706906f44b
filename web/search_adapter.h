// SearchAdapter: the reading room's one door to the search index (storage/search/), opened
// as `sinmun search` opens it (storage/search/index_dir.h OpenSearchReader: read-only,
// whatever its layout), so that a change of the index's implementation is a change here
// only. It runs a query and
// returns hits with what a page shows (title, URL, snippet — read from the archive: the index
// keeps terms, not text), and finds related articles (storage/related.h).
//
// The index is opened on first use. SQLite in WAL mode lets each query see sinmund's last
// commit; Refresh() (the reading room calls it as it catches up with the daemon) makes the
// next use check which index is current and reopen when sinmund or `sinmun reindex` has
// installed a new one. An index that covers fewer versions than the archive still answers
// (the daemon indexes a moment after it records); Search says how far behind it is, whether
// it is an older release's index being replaced, and how many versions it holds that this
// view of the archive lacks (left out).
//
// Thread-safety: safe for concurrent use; queries are serialised (a SearchReader is one
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
#include "storage/search/index_dir.h"
#include "storage/search/search_index.h"

namespace sinmun::web {

struct WebHit {
  SearchHit hit;
  std::string title, url;
  uint32_t versions = 0;  // the article's count
  Snippet snippet;
  bool deleted = false;   // the version shown is a deletion: its text is the last live one
};

struct WebSearchResults {
  // The index's estimate, raised to the hits known to exist (it can be low).
  uint64_t estimated_matches = 0;
  std::vector<WebHit> hits;  // from `offset` on, at most query.limit
  bool more = false;         // a hit exists beyond these (asked for one more): another page
  uint64_t behind = 0;       // archive versions the index does not cover yet
  uint64_t versions = 0;     // archive versions, counted before the index was asked
  bool older_layout = false; // an older release's index, which sinmund is replacing
  size_t missing = 0;        // versions the index holds that the archive lacks: left out
};

class SearchAdapter {
 public:
  // `index_dir`: the archive's search directory (<archive>/search).
  explicit SearchAdapter(std::string index_dir) : dir_(std::move(index_dir)) {}

  // Hits offset … offset + query.limit - 1 of the query. NotFound "no search index: …"
  // without an index; Unsupported for an index of a layout this build does not read;
  // otherwise the index's and the archive's errors.
  Result<WebSearchResults> Search(Archive& archive, SearchQuery query, size_t offset);

  // storage/related.h FindRelated through this index (NotFound without an index).
  Result<RelatedReport> Related(Archive& archive, const std::string& id);

  // The next use reopens the index to see the writer's latest commit.
  void Refresh();

 private:
  Status EnsureOpen();  // REQUIRES: mu_ held

  const IndexDir dir_;
  std::mutex mu_;
  std::unique_ptr<SearchReader> index_;  // GUARDED_BY(mu_)
  std::string path_;                     // GUARDED_BY(mu_): the index file (or directory) open
  bool older_layout_ = false;            // GUARDED_BY(mu_)
  bool refresh_ = false;                 // GUARDED_BY(mu_)
};

// `sinmun search --json`'s form of the results (README).
Json SearchResultsJson(const std::string& query, const WebSearchResults& results);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_SEARCH_ADAPTER_H_
