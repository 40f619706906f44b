// The reading room's URL parameters: reading them from outside input (every value may be
// hostile: a clear error, never a crash) and writing them into links.
//
//   since, until     a time as the CLI reads it (RFC 3339, or KST without a zone: 2026-03-21)
//   class            a change class name (repeatable); "all" for every class
//   cursor           an edit list position: "<unix seconds>.<version>.<id>" — the last entry
//                    shown; the next page starts after it, so a page's URL keeps showing the
//                    same edits while new ones arrive
//   v, from, to      version numbers (1 … 2^32-1)
//   portal           a portal's name (common/portals.h: daum, naver) or web
//
// Thread-safety: pure functions.
#ifndef SINMUN_WEB_PARAMS_H_
#define SINMUN_WEB_PARAMS_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "storage/change_class.h"
#include "web/request.h"

namespace sinmun::web {

struct EditCursor {
  Instant fetched_at;
  uint32_t version = 0;
  std::string id;
};

// nullopt when absent; InvalidArgument naming the parameter when malformed.
Result<std::optional<Instant>> TimeParam(const WebRequest& r, const std::string& name);
// `since` and `until`, either absent: `until` read by ParsePeriodEnd (a bare date, as a
// date field sends it, means the end of that day, so until=2026-03-21 includes the 21st),
// as the CLI reads them. InvalidArgument when either is malformed or the period is empty
// (since not before the end until gives: CheckPeriod).
Result<Period> PeriodParams(const WebRequest& r);
Result<std::optional<uint32_t>> VersionParam(const WebRequest& r, const std::string& name);
// A checkbox: false when absent; true for "1" (what the pages' forms send), "on", "true" or
// "yes"; false for "0", "off", "false" or "no" (any case); InvalidArgument naming the
// parameter otherwise.
Result<bool> FlagParam(const WebRequest& r, const std::string& name);
// `format`: OK when absent (HTML) or one of `allowed` (what the page answers in besides
// HTML); InvalidArgument naming them otherwise.
Status CheckFormat(const WebRequest& r, const std::vector<std::string>& allowed);
// Whole number in [min, max]; `fallback` when absent.
Result<long long> IntParam(const WebRequest& r, const std::string& name, long long min,
                           long long max, long long fallback);
Result<std::string> PortalParam(const WebRequest& r);
// Every `class` value (also comma-separated); empty for "all"; without any: every class
// but new and reextracted (the outlet's edits).
Result<std::vector<ChangeClass>> ClassParams(const WebRequest& r);

std::string FormatCursor(const EditCursor& c);
Result<EditCursor> ParseCursor(std::string_view text);

// Percent-encodes everything but RFC 3986's unreserved characters.
std::string UrlEncode(std::string_view s);
// "/path?a=1&b=2" with each value encoded; pairs with an empty value are left out.
std::string BuildUrl(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& params);

// Only http and https URLs become links (an archived "javascript:" URL is shown as text).
bool IsWebUrl(std::string_view url);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_PARAMS_H_
