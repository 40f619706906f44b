// SearchIndexFeed: an IndexFeed that indexes each recorded version at once, in the calling
// thread, and commits when told — for the CLI's writing commands (`ingest`, `reextract`),
// which index what they record and commit once at the end (a commit per version fsyncs
// each time). The daemon feeds its own indexing thread instead (daemon/search_indexer.h).
//
// The index is derived data: a failure to open or add is remembered and reported by
// Commit(), never fails the recording itself.
//
// Thread-safety: one thread.
#ifndef SINMUN_CAPTURE_SEARCH_FEED_H_
#define SINMUN_CAPTURE_SEARCH_FEED_H_

#include <memory>
#include <string>

#include "capture/capture.h"
#include "storage/archive.h"
#include "storage/search_index.h"

namespace sinmun {

class SearchIndexFeed final : public IndexFeed {
 public:
  // Opens (or creates) the index in index_dir; archive must outlive the feed.
  SearchIndexFeed(Archive& archive, const std::string& index_dir);
  void Added(const std::string& id, uint32_t version) override;
  // Commits what was added. The first error met since construction, if any.
  Status Commit();

 private:
  Archive& archive_;
  std::unique_ptr<SearchIndex> index_;
  Status error_;
  bool pending_ = false;
};

}  // namespace sinmun

#endif  // SINMUN_CAPTURE_SEARCH_FEED_H_
