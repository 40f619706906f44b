// Metrics: the daemon's counters and gauges, rendered in the Prometheus text format.
//
// A metric is a name (with its TYPE and HELP declared once by Describe) and a set of
// label values. Counters only grow (Add); gauges are set (Set). Render() writes every
// series in name order, so the output is stable for tests and diffs.
//
// Thread-safety: safe for concurrent use (the loop updates, the metrics server renders).
#ifndef SINMUN_DAEMON_METRICS_H_
#define SINMUN_DAEMON_METRICS_H_

#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sinmun {

using Labels = std::vector<std::pair<std::string, std::string>>;

class Metrics {
 public:
  enum class Type { kCounter, kGauge };

  void Describe(const std::string& name, Type type, const std::string& help);
  void Add(const std::string& name, const Labels& labels, double delta = 1);
  void Set(const std::string& name, const Labels& labels, double value);
  double Get(const std::string& name, const Labels& labels) const;
  std::string Render() const;

 private:
  struct Family {
    Type type = Type::kGauge;
    std::string help;
    std::map<std::string, double> series;  // rendered label set → value
  };
  static std::string LabelText(const Labels& labels);

  mutable std::mutex mu_;
  std::map<std::string, Family> families_;  // GUARDED_BY(mu_)
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_METRICS_H_
