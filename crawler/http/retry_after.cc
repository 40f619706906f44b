#include "crawler/http/retry_after.h"

#include <cstdint>

namespace sinmun {

std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, Instant now) {
  while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
  while (!value.empty() && (value.back() == ' ' || value.back() == '\t')) value.remove_suffix(1);
  if (value.empty()) return std::nullopt;
  if (value.front() >= '0' && value.front() <= '9') {
    int64_t secs = 0;
    for (const char c : value) {
      if (c < '0' || c > '9') return std::nullopt;
      if (secs < (int64_t{1} << 40)) secs = secs * 10 + (c - '0');  // saturates
    }
    return std::chrono::seconds(secs);
  }
  const std::optional<Instant> when = ParseTime(value);
  if (!when) return std::nullopt;
  if (*when <= now) return std::chrono::seconds(0);
  return std::chrono::duration_cast<std::chrono::seconds>(*when - now);
}

}  // namespace sinmun
