// Health: what sinmund's /healthz answers — one state, and the reasons for it, made of
// named conditions.
//
//   state      HTTP  when
//   ok         200   no condition holds
//   degraded   200   only degraded conditions hold: sinmund works, something lags or fails
//                    (some sources failing, the search index lagging)
//   unhealthy  503   an unhealthy condition holds: sinmund cannot do its work (the archive
//                    is not writable, the loop has stalled)
//
// A condition is either set by its owner when it starts or stops holding (Set, Clear:
// "archive" by daemon/archive_watch.h), or computed when /healthz is asked (a probe: the
// daemon's "loop" probe reads its heartbeat). Adding a condition ("sources", "index") is a
// Set/Clear pair or one AddProbe; the state, the reasons and the HTTP status follow.
//
// The body: the state word on the first line, then "name: reason" for each condition
// that holds, the worst first (by name within a state), e.g.
//   unhealthy
//   archive: not writable (no space left): 0 bytes free on /var/lib/sinmun
//
// Thread-safety: safe for concurrent use (the loop sets, the endpoint's thread reports).
// Probes run on the reporting thread, outside the lock; they must be thread-safe.
#ifndef SINMUN_DAEMON_HEALTH_H_
#define SINMUN_DAEMON_HEALTH_H_

#include <functional>
#include <map>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinmun {

enum class HealthState { kOk, kDegraded, kUnhealthy };  // worst last

// "ok", "degraded", "unhealthy".
std::string_view HealthStateName(HealthState state);

struct HealthCondition {
  HealthState state = HealthState::kOk;
  std::string reason;
};

struct HealthReport {
  HealthState state = HealthState::kOk;
  // Conditions that hold (name, reason), the worst first.
  std::vector<std::pair<std::string, std::string>> reasons;

  int http_status() const { return state == HealthState::kUnhealthy ? 503 : 200; }
  std::string Body() const;  // see the file comment
};

class Health {
 public:
  // Sets condition `name`; a kOk state clears it.
  void Set(const std::string& name, HealthState state, std::string reason);
  void Clear(const std::string& name);
  // A condition computed at each Report(): nullopt (or kOk) when it does not hold.
  void AddProbe(const std::string& name, std::function<std::optional<HealthCondition>()> probe);

  HealthReport Report() const;

 private:
  mutable std::mutex mu_;
  std::map<std::string, HealthCondition> conditions_;                              // GUARDED_BY(mu_)
  std::map<std::string, std::function<std::optional<HealthCondition>()>> probes_;  // GUARDED_BY(mu_)
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_HEALTH_H_
