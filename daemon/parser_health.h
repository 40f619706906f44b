// ParserHealth: per source, the share of recently fetched article pages that yielded no
// article body. A portal redesign shows up here first: the extractor still runs, the
// fetches still succeed, and nothing useful is archived. sinmund logs an error naming the
// source and what the extractor missed, exports the share as a metric and records it in
// the archive for `sinmun stats`.
//
// A source is unhealthy when at least kMinSamples of its last kWindow article fetches
// were seen and at least kAlarmShare of them yielded no body.
//
// Thread-safety: none; owned by the daemon's loop.
#ifndef SINMUN_DAEMON_PARSER_HEALTH_H_
#define SINMUN_DAEMON_PARSER_HEALTH_H_

#include <cstddef>
#include <deque>
#include <map>
#include <string>

namespace sinmun {

class ParserHealth {
 public:
  static constexpr size_t kWindow = 20;
  static constexpr size_t kMinSamples = 10;
  static constexpr double kAlarmShare = 0.8;

  struct SourceHealth {
    size_t samples = 0;
    size_t empty = 0;        // of the samples, pages that yielded no body
    std::string last_error;  // the extractor's words for the last empty page
    bool unhealthy = false;
    double EmptyShare() const { return samples == 0 ? 0 : double(empty) / double(samples); }
  };

  // Records one article page of `source`; `error` is empty when it yielded a body.
  // Returns true when this changed the source's unhealthy flag (either way).
  bool Record(const std::string& source, const std::string& error);

  SourceHealth Get(const std::string& source) const;
  const std::map<std::string, SourceHealth>& all() const { return summary_; }

 private:
  std::map<std::string, std::deque<bool>> window_;  // true = no body
  std::map<std::string, SourceHealth> summary_;
};

}  // namespace sinmun

#endif  // SINMUN_DAEMON_PARSER_HEALTH_H_
