// ConfigDiff: what a reload changes, key by key, and which of those changes a running
// sinmund applies at once (STYLE.md rule 12: parse new, validate, diff, swap). Whether a
// key applies live is its row's `reload` in config_keys.cc; nothing else decides it.
//
// Thread-safety: pure functions; safe from any thread.
#ifndef SINMUN_CONFIG_CONFIG_DIFF_H_
#define SINMUN_CONFIG_CONFIG_DIFF_H_

#include <string>
#include <vector>

#include "config/config.h"

namespace sinmun {

// The keys whose values differ between two configs, named as in messages: "[crawler]
// timeout", "[source.yonhap] url", and "[source.yonhap]" alone for a source added or
// removed. Sources are matched by NAME. Fixed keys come in table order, then sources in
// the new config's order, then removed sources in the old one's.
struct ConfigDiff {
  std::vector<std::string> live;     // a reload applies these at once
  std::vector<std::string> restart;  // these wait for the next start

  bool empty() const { return live.empty() && restart.empty(); }
};

ConfigDiff DiffConfig(const Config& running, const Config& next);

// The config a reload runs with: `next`, except that each key that needs a restart keeps
// its value from `running` (a new source takes all of its keys from `next`). Equal to
// `next` when DiffConfig(running, next).restart is empty.
Config ApplyLiveChanges(const Config& running, const Config& next);

}  // namespace sinmun

#endif  // SINMUN_CONFIG_CONFIG_DIFF_H_
