// Retry-After (RFC 9110 10.2.3): delta-seconds or an HTTP-date.
//
// Thread-safety: pure function.
#ifndef SINMUN_CRAWLER_HTTP_RETRY_AFTER_H_
#define SINMUN_CRAWLER_HTTP_RETRY_AFTER_H_

#include <chrono>
#include <optional>
#include <string_view>

#include "common/time.h"

namespace sinmun {

// "120" -> 120 s; "Fri, 31 Dec 2027 23:59:59 GMT" -> that date minus now (0 s when it
// is already past). Nullopt for anything else (negative numbers, junk). Huge values
// saturate rather than overflow; callers cap them to what they will obey.
std::optional<std::chrono::seconds> ParseRetryAfter(std::string_view value, Instant now);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_HTTP_RETRY_AFTER_H_
