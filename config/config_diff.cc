#include "config/config_diff.h"

#include <algorithm>

#include "config/config_keys.h"

namespace sinmun {
namespace {

const SourceConfig* FindSource(const Config& config, const std::string& name) {
  auto it = std::find_if(config.sources.begin(), config.sources.end(),
                         [&name](const SourceConfig& s) { return s.name == name; });
  return it == config.sources.end() ? nullptr : &*it;
}

void Add(ConfigDiff& diff, Reload reload, std::string key) {
  (reload == Reload::kLive ? diff.live : diff.restart).push_back(std::move(key));
}

}  // namespace

ConfigDiff DiffConfig(const Config& running, const Config& next) {
  ConfigDiff diff;
  for (const ConfigKey& key : ConfigKeys()) {
    if (!key.Same(running, next)) {
      Add(diff, key.reload, "[" + std::string(key.section) + "] " + std::string(key.name));
    }
  }
  // Adding or removing a source is live: the daemon polls the sources of its config.
  for (const SourceConfig& source : next.sources) {
    const std::string section = "[source." + source.name + "]";
    const SourceConfig* before = FindSource(running, source.name);
    if (before == nullptr) {
      Add(diff, Reload::kLive, section);
      continue;
    }
    for (const SourceKey& key : SourceKeys()) {
      if (!key.Same(*before, source)) Add(diff, key.reload, section + " " + std::string(key.name));
    }
  }
  for (const SourceConfig& source : running.sources) {
    if (FindSource(next, source.name) == nullptr) {
      Add(diff, Reload::kLive, "[source." + source.name + "]");
    }
  }
  return diff;
}

Config ApplyLiveChanges(const Config& running, const Config& next) {
  Config applied = next;
  for (const ConfigKey& key : ConfigKeys()) {
    if (key.reload == Reload::kRestart) key.CopyValue(running, applied);
  }
  for (SourceConfig& source : applied.sources) {
    const SourceConfig* before = FindSource(running, source.name);
    if (before == nullptr) continue;
    for (const SourceKey& key : SourceKeys()) {
      if (key.reload == Reload::kRestart) key.CopyValue(*before, source);
    }
  }
  return applied;
}

}  // namespace sinmun
