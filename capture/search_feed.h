// SearchIndexFeed: an IndexFeed that indexes each recorded version at once, in the calling
// thread, and commits when told — for the CLI's writing commands (`ingest`, `reextract`),
// which index what they record and commit once at the end (a commit per version fsyncs
// each time). The daemon feeds its own indexing thread instead (daemon/search_indexer.h).
//
// The index is the current one of the archive's index directory (storage/search/
// index_dir.h). When there is none, the feed creates one, which Commit fills with every
// archived version (storage/search/catch_up.h) and makes current. When the current one
// cannot be written here (an index of an older layout, a damaged file), the feed indexes
// nothing and Commit says so: sinmund rebuilds such an index when it starts, and `sinmun
// reindex` does it at once. Versions the index lacked before (a kill -9 of sinmund) are left
// to sinmund's catch-up at its next start.
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
#include "storage/search/index_dir.h"
#include "storage/search/search_index.h"

namespace sinmun {

class SearchIndexFeed final : public IndexFeed {
 public:
  // Opens the current index in `dir`, or creates one when there is none; archive must
  // outlive the feed.
  SearchIndexFeed(Archive& archive, IndexDir dir);
  void Added(const std::string& id, uint32_t version) override;
  // Commits what was added; a new index is filled with the whole archive and made current. The first error met since construction, if any (nothing is committed
  // after an error; the next sinmund start or `sinmun reindex` repairs the index).
  Status Commit();

 private:
  Archive& archive_;
  IndexDir dir_;
  std::unique_ptr<SearchIndex> index_;
  std::string new_path_;  // set when the feed created the index: installed by Commit
  Status error_;
};

}  // namespace sinmun

#endif  // SINMUN_CAPTURE_SEARCH_FEED_H_
