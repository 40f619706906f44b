// SearchIndexer: keeps sinmund's search index (storage/search/) up with the archive on a
// thread of its own, so that indexing never holds up the crawl. The index is derived data:
// whatever it lacks is found and added, and whatever cannot be read is rebuilt, while the
// crawl goes on and `sinmun search` keeps answering.
//
//   * Enqueue hands over each version the loop recorded (never blocks); the worker reads it
//     back from the archive (a deletion thus indexes the last live text it keeps), adds it,
//     and commits at most once a second.
//   * Catch-up (storage/search/catch_up.h): at start, and whenever the worker finds a gap —
//     an Add that failed, a queue that overflowed, or, checked every kGapCheckEvery while
//     idle, fewer versions indexed than archived — it adds every version the index lacks:
//     after a kill -9 the last second of versions, after a stop the backlog it left,
//     versions recorded by `sinmun ingest`.
//   * Rebuild (storage/search/rebuild.h): when there is no index, when the index is of
//     another layout (the Xapian index of earlier releases included) or cannot be opened,
//     and when `sinmun reindex` asks (IndexDir::RebuildRequested, looked at every
//     kRequestCheckEvery), a new index is built on threads of lower priority (nice 10)
//     from a snapshot of the archive, caught up with what was recorded since, and made
//     current (IndexDir::Install). The current index, if readable, keeps being updated and
//     searched meanwhile.
//   * Upkeep: when the queue is empty and what was indexed is committed, SearchIndex::
//     Maintain merges FTS5's segments by levels, frees pages and, as the index grows by a quarter,
//     counts its common terms, a bounded step at a time: the index stays near a rebuild's
//     size however long and however fast sinmund appends.
// Failures are logged and the crawl goes on; what they left out is caught up later.
//
// API for whoever records versions: it is capture's IndexFeed (capture/capture.h; Added is
// Enqueue: a recorded version, committed within a second), and RequestCatchUp (find what
// the index lacks). Commands that record without sinmund (ingest, reextract) index through
// capture/search_feed.h instead.
//
// Thread-safety: Enqueue, RequestCatchUp and backlog are safe from any thread; Stop from the
// owner. The archive is read concurrently with the loop's writes, which Archive allows.
#ifndef SINMUN_DAEMON_SEARCH_INDEXER_H_
#define SINMUN_DAEMON_SEARCH_INDEXER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>

#include "capture/capture.h"
#include "storage/archive.h"
#include "storage/search/index_dir.h"
#include "storage/search/search_index.h"

namespace sinmun {

struct SearchIndexerOptions {
  // Versions queued beyond this are not queued (logged once); a catch-up adds them later.
  // Default: 1,000,000.
  size_t max_backlog = 1'000'000;
  // Tokenizing threads of a background rebuild. Default: 1 (the crawl keeps the other core).
  size_t rebuild_jobs = 1;
};

class SearchIndexer final : public IndexFeed {
 public:
  static constexpr std::chrono::seconds kCommitEvery{1};
  static constexpr std::chrono::seconds kRequestCheckEvery{2};
  static constexpr std::chrono::seconds kGapCheckEvery{60};

  // Starts the worker, which opens (or rebuilds) the index in `dir`.
  // REQUIRES: archive outlives the indexer.
  SearchIndexer(Archive& archive, IndexDir dir, SearchIndexerOptions options = {});
  ~SearchIndexer();  // Stop(0)
  SearchIndexer(const SearchIndexer&) = delete;
  SearchIndexer& operator=(const SearchIndexer&) = delete;

  void Enqueue(std::string id, uint32_t version);
  // IndexFeed: capture's recorded versions (same as Enqueue).
  void Added(const std::string& id, uint32_t version) override { Enqueue(id, version); }
  // Asks the worker to look for versions the index lacks (soon, not at once).
  void RequestCatchUp();
  size_t backlog() const;

  // Indexes what is queued for up to `deadline` (a rebuild or catch-up in progress is given
  // the same deadline, then stopped), commits, merges what appending left while time
  // remains (SearchIndex::Maintain), and ends the worker. Returns how many versions were
  // left unindexed (the next start catches them up).
  size_t Stop(std::chrono::milliseconds deadline);

 private:
  class Worker;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, uint32_t>> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                                // GUARDED_BY(mu_)
  std::chrono::steady_clock::time_point stop_by_;        // GUARDED_BY(mu_)
  bool overflowed_ = false;                              // GUARDED_BY(mu_)
  bool catch_up_ = true;                                 // GUARDED_BY(mu_)
  SearchIndexerOptions options_;
  std::unique_ptr<Worker> worker_;  // used by the worker thread only
  std::thread thread_;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_SEARCH_INDEXER_H_
