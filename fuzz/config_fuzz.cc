// ParseConfig on arbitrary bytes: must return a Config or an error, never crash, throw or
// trip a sanitizer. What it accepts must survive FormatConfig -> ParseConfig unchanged,
// and the reload comparison must agree: no difference between the two, and a reload
// from the defaults to it leaves no restart-only key changed. What it rejects must be
// explained line by line ("fuzz.conf:LINE: ...").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.h"
#include "config/config_diff.h"

namespace {

bool IsLineError(std::string_view line) {
  constexpr std::string_view kFile = "fuzz.conf:";
  if (!line.starts_with(kFile)) return false;
  line.remove_prefix(kFile.size());
  if (line.starts_with(" ") && line.ends_with(" more errors")) return true;
  size_t digits = line.find_first_not_of("0123456789");
  if (digits == 0 || digits == std::string_view::npos) return false;
  line.remove_prefix(digits);
  return line.starts_with(": ") && line.size() > 2;
}

void CheckAccepted(const sinmun::Config& config) {
  sinmun::Result<sinmun::Config> again =
      sinmun::ParseConfig(sinmun::FormatConfig(config), "formatted.conf");
  if (!again.ok() || !(*again == config)) std::abort();
  if (!sinmun::DiffConfig(config, *again).empty()) std::abort();
  const sinmun::Config defaults = sinmun::DefaultConfig();
  sinmun::Config applied = sinmun::ApplyLiveChanges(defaults, config);
  if (!sinmun::DiffConfig(defaults, applied).restart.empty()) std::abort();
  if (!sinmun::DiffConfig(applied, config).live.empty()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sinmun::Result<sinmun::Config> config = sinmun::ParseConfig(text, "fuzz.conf");
  if (config.ok()) {
    CheckAccepted(*config);
  } else {
    std::string_view message = config.status().message();
    while (!message.empty()) {
      size_t eol = message.find('\n');
      if (!IsLineError(message.substr(0, eol))) std::abort();
      message = eol == std::string_view::npos ? std::string_view() : message.substr(eol + 1);
    }
  }
  (void)sinmun::ParseDuration(text);
  (void)sinmun::ParseSize(text);
  return 0;
}
