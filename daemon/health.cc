#include "daemon/health.h"

#include <algorithm>

namespace sinmun {

std::string_view HealthStateName(HealthState state) {
  switch (state) {
    case HealthState::kOk: return "ok";
    case HealthState::kDegraded: return "degraded";
    case HealthState::kUnhealthy: return "unhealthy";
  }
  return "unknown";
}

std::string HealthReport::Body() const {
  std::string body = std::string(HealthStateName(state)) + "\n";
  for (const auto& [name, reason] : reasons) body += name + ": " + reason + "\n";
  return body;
}

void Health::Set(const std::string& name, HealthState state, std::string reason) {
  std::lock_guard lock(mu_);
  if (state == HealthState::kOk) {
    conditions_.erase(name);
  } else {
    conditions_[name] = HealthCondition{state, std::move(reason)};
  }
}

void Health::Clear(const std::string& name) { Set(name, HealthState::kOk, ""); }

void Health::AddProbe(const std::string& name, std::function<std::optional<HealthCondition>()> probe) {
  std::lock_guard lock(mu_);
  probes_[name] = std::move(probe);
}

HealthReport Health::Report() const {
  std::map<std::string, HealthCondition> holding;
  std::map<std::string, std::function<std::optional<HealthCondition>()>> probes;
  {
    std::lock_guard lock(mu_);
    holding = conditions_;
    probes = probes_;
  }
  for (const auto& [name, probe] : probes) {
    std::optional<HealthCondition> c = probe();
    if (c && c->state != HealthState::kOk) holding[name] = std::move(*c);
  }
  std::vector<std::pair<std::string, HealthCondition>> sorted(holding.begin(), holding.end());
  // Worst first; std::map gave name order, which stable_sort keeps within a state.
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const auto& a, const auto& b) { return a.second.state > b.second.state; });
  HealthReport report;
  for (auto& [name, c] : sorted) {
    report.state = std::max(report.state, c.state);
    report.reasons.emplace_back(name, std::move(c.reason));
  }
  return report;
}

}  // namespace sinmun
