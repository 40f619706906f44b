// SearchIndexer: keeps the search index (storage/search_index.h) up with the archive on a
// thread of its own, so that indexing never holds up the crawl.
//
// The loop hands over each version it recorded (Enqueue never blocks); the worker reads the
// version back from the archive (a deletion thus indexes the last live text it keeps), adds
// it, and commits at most once a second — a Xapian commit fsyncs, and indexing a Korean
// article (its bigrams with their positions) costs several milliseconds, many times the
// work of fetching, extracting and recording it. Under a burst the index lags behind and catches up later.
//
// Failures are logged and the crawl goes on: the index is derived data, and its freshness
// check at start (and in the CLI) says when `sinmun reindex` is needed — after an indexing
// error, or when Stop's deadline left versions unindexed.
//
// Thread-safety: Enqueue and backlog are safe from any thread; Stop from the owner. The
// archive is read concurrently with the loop's writes, which Archive allows.
#ifndef SINMUN_DAEMON_SEARCH_INDEXER_H_
#define SINMUN_DAEMON_SEARCH_INDEXER_H_

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
#include "storage/search_index.h"

namespace sinmun {

class SearchIndexer final : public IndexFeed {
 public:
  // Versions queued beyond this are not indexed (logged once; the index reports stale).
  static constexpr size_t kMaxBacklog = 1'000'000;

  // REQUIRES: archive outlives the indexer.
  SearchIndexer(Archive& archive, std::unique_ptr<SearchIndex> index);
  ~SearchIndexer();  // Stop(0)
  SearchIndexer(const SearchIndexer&) = delete;
  SearchIndexer& operator=(const SearchIndexer&) = delete;

  void Enqueue(std::string id, uint32_t version);
  // IndexFeed: capture's recorded versions.
  void Added(const std::string& id, uint32_t version) override { Enqueue(id, version); }
  size_t backlog() const;

  // Indexes what is queued for up to `deadline`, commits, and ends the worker. Returns how
  // many versions were left unindexed.
  size_t Stop(std::chrono::milliseconds deadline);

 private:
  void Run();

  Archive& archive_;
  std::unique_ptr<SearchIndex> index_;  // used by the worker only

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<std::string, uint32_t>> queue_;  // GUARDED_BY(mu_)
  bool stopping_ = false;                                // GUARDED_BY(mu_)
  std::chrono::steady_clock::time_point stop_by_;        // GUARDED_BY(mu_)
  bool overflowed_ = false;                              // GUARDED_BY(mu_)
  std::thread worker_;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_SEARCH_INDEXER_H_
