#include "daemon/parser_health.h"

namespace sinmun {

bool ParserHealth::Record(const std::string& source, const std::string& error) {
  std::deque<bool>& window = window_[source];
  window.push_back(!error.empty());
  if (window.size() > kWindow) window.pop_front();
  SourceHealth& h = summary_[source];
  h.samples = window.size();
  h.empty = 0;
  for (bool e : window) h.empty += e ? 1 : 0;
  if (!error.empty()) h.last_error = error;
  bool unhealthy = h.samples >= kMinSamples && h.EmptyShare() >= kAlarmShare;
  bool changed = unhealthy != h.unhealthy;
  h.unhealthy = unhealthy;
  return changed;
}

ParserHealth::SourceHealth ParserHealth::Get(const std::string& source) const {
  auto it = summary_.find(source);
  return it == summary_.end() ? SourceHealth{} : it->second;
}

}  // namespace sinmun
