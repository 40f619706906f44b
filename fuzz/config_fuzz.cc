// ParseConfig on arbitrary bytes: must return a Config or an error, never crash, throw or
// trip a sanitizer. What it accepts must survive FormatConfig -> ParseConfig unchanged,
// and its own line scanner must never disagree with Boost's ("cannot be read").
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "config/config.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  sinmun::Result<sinmun::Config> config = sinmun::ParseConfig(text, "fuzz.conf");
  if (config.ok()) {
    sinmun::Result<sinmun::Config> again =
        sinmun::ParseConfig(sinmun::FormatConfig(*config), "formatted.conf");
    if (!again.ok() || !(*again == *config)) std::abort();
  } else if (config.status().message().find("cannot be read") != std::string::npos) {
    std::abort();
  }
  (void)sinmun::ParseDuration(text);
  (void)sinmun::ParseSize(text);
  return 0;
}
