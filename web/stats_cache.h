// StatsCache: edit statistics (storage/edit_stats.h) kept per query for a while, so the
// statistics page reads a result instead of the archive on every view. A result older than
// `ttl` is computed again on the next request for it; one computation runs at a time, and
// requests for the same query wait for it rather than start their own. At most 16 queries
// are kept (the least recently used goes first).
//
// Thread-safety: safe for concurrent use.
#ifndef SINMUN_WEB_STATS_CACHE_H_
#define SINMUN_WEB_STATS_CACHE_H_

#include <chrono>
#include <list>
#include <mutex>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "storage/archive.h"
#include "storage/edit_stats.h"

namespace sinmun::web {

class StatsCache {
 public:
  StatsCache(const Clock& clock, std::chrono::seconds ttl) : clock_(clock), ttl_(ttl) {}

  Result<EditStats> Get(Archive& archive, const EditStatsQuery& query);

 private:
  struct Entry {
    std::string key;
    MonoTime computed;
    EditStats stats;
  };

  const Clock& clock_;
  const std::chrono::seconds ttl_;
  std::mutex mu_;
  std::list<Entry> entries_;  // GUARDED_BY(mu_); most recently used first
};

}  // namespace sinmun::web

#endif  // SINMUN_WEB_STATS_CACHE_H_
