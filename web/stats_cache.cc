#include "web/stats_cache.h"

namespace sinmun::web {
namespace {

constexpr size_t kMaxEntries = 16;

std::string Key(const EditStatsQuery& q) {
  auto t = [](const std::optional<Instant>& i) {
    return i ? std::to_string(i->time_since_epoch().count()) : std::string("-");
  };
  return t(q.since) + "/" + t(q.until) + "/" + q.portal;
}

}  // namespace

Result<EditStats> StatsCache::Get(Archive& archive, const EditStatsQuery& query) {
  const std::string key = Key(query);
  std::lock_guard<std::mutex> lock(mu_);
  const MonoTime now = clock_.Monotonic();
  for (auto it = entries_.begin(); it != entries_.end(); ++it) {
    if (it->key != key) continue;
    if (now - it->computed < ttl_) {
      entries_.splice(entries_.begin(), entries_, it);
      return it->stats;
    }
    entries_.erase(it);
    break;
  }
  Result<EditStats> stats = ComputeEditStats(archive, query);
  if (!stats.ok()) return stats.status();
  entries_.push_front(Entry{key, now, *stats});
  if (entries_.size() > kMaxEntries) entries_.pop_back();
  return stats;
}

}  // namespace sinmun::web
