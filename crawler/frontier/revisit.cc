#include "crawler/frontier/revisit.h"

#include <algorithm>

namespace sinmun {

std::optional<Task> NextArticleVisit(const Task& visited, Instant now,
                                     const std::vector<std::chrono::seconds>& ladder) {
  if (visited.step >= ladder.size()) return std::nullopt;
  Task next = visited;
  next.due = now + ladder[visited.step];
  next.step = visited.step + 1;
  next.failures = 0;
  return next;
}

std::optional<Task> RetryArticleVisit(const Task& failed, Instant now,
                                      const std::vector<std::chrono::seconds>& ladder) {
  if (failed.failures + 1 >= kMaxFailures) {
    Task skipped = failed;
    skipped.failures = 0;
    return NextArticleVisit(skipped, now, ladder);
  }
  Task retry = failed;
  retry.failures = failed.failures + 1;
  std::chrono::seconds cap =
      failed.step < ladder.size() ? ladder[failed.step] : std::chrono::seconds(3600);
  std::chrono::seconds backoff = std::chrono::seconds(60) * (1u << std::min(failed.failures, 10u));
  retry.due = now + std::min(backoff, std::max(cap, std::chrono::seconds(60)));
  return retry;
}

Task NextSourcePoll(const Task& polled, Instant now, std::chrono::seconds interval,
                    std::mt19937_64& rng) {
  long long spread = std::max<long long>(interval.count() / 10, 0);
  std::uniform_int_distribution<long long> jitter(-spread, spread);
  Task next = polled;
  next.failures = 0;
  next.due = now + std::max(std::chrono::seconds(1), interval + std::chrono::seconds(jitter(rng)));
  return next;
}

}  // namespace sinmun
