// libFuzzer target: robots.txt parsing and matching (outside input from every host).
// The input is split at the first NUL: robots.txt text before it, a path to check after
// it, so the fuzzer explores both rule patterns and the URLs matched against them.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crawler/frontier/robots.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const size_t nul = input.find('\0');
  const std::string_view text = input.substr(0, nul);
  const std::string_view path =
      nul == std::string_view::npos ? std::string_view("/") : input.substr(nul + 1);
  for (const std::string_view token : {"sinmun", "*", ""}) {
    const sinmun::RobotsRules rules = sinmun::ParseRobots(text, token);
    (void)rules.Allowed(path);
    (void)rules.Allowed("/");
    (void)rules.crawl_delay();
  }
  return 0;
}
