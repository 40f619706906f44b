// When to look at a thing again.
//
// Articles follow the revisit ladder (Default: 5m, 15m, 1h, 3h, 12h, 1d, 3d, 7d): the k-th
// revisit comes ladder[k] after the visit before it, so an article is seen about 12 days in
// all, densely at first. A change does not restart the ladder: a story that is being edited
// is still revisited on the same decaying schedule. After the last rung, no more visits.
//
// A failed visit that counts against the article (frontier.h says which do: never a
// failure of the host or the network) is retried on its own backoff, doubling from 1 minute
// up to the rung's interval; after kMaxFailures in a row the rung counts as done.
// Sources are polled every interval, with ±10% jitter so that sources with equal intervals
// do not fire together.
//
// Thread-safety: pure functions; the RNG is the caller's.
#ifndef SINMUN_CRAWLER_FRONTIER_REVISIT_H_
#define SINMUN_CRAWLER_FRONTIER_REVISIT_H_

#include <chrono>
#include <optional>
#include <random>
#include <vector>

#include "crawler/frontier/task.h"

namespace sinmun {

inline constexpr uint32_t kMaxFailures = 5;

// The task after a successful visit at `now`; nullopt when the ladder is finished.
std::optional<Task> NextArticleVisit(const Task& visited, Instant now,
                                     const std::vector<std::chrono::seconds>& ladder);

// The task after a failed visit at `now`: the same rung again after a backoff, or the
// next rung once kMaxFailures is reached; nullopt when that finishes the ladder.
std::optional<Task> RetryArticleVisit(const Task& failed, Instant now,
                                      const std::vector<std::chrono::seconds>& ladder);

// The next poll of a source polled at `now`.
Task NextSourcePoll(const Task& polled, Instant now, std::chrono::seconds interval,
                    std::mt19937_64& rng);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_REVISIT_H_
