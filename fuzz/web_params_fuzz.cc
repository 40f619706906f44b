// libFuzzer target: the reading room's URL parameters and Accept-Language header, read from
// arbitrary text. Whatever cursor it accepts must format and read back the same; encoded
// links hold only unreserved characters and %XX escapes.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "web/i18n.h"
#include "web/params.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace sinmun::web;
  sinmun::Result<EditCursor> cursor = ParseCursor(text);
  if (cursor.ok()) {
    sinmun::Result<EditCursor> again = ParseCursor(FormatCursor(*cursor));
    if (!again.ok() || again->fetched_at != cursor->fetched_at || again->version != cursor->version ||
        again->id != cursor->id) {
      std::abort();
    }
  }
  WebRequest r;
  for (const char* name : {"since", "until", "v", "class", "portal", "page", "all_versions", "format"}) {
    r.params.emplace(name, text);
  }
  (void)TimeParam(r, "since");
  // The same text as since and until: a period that is refused or runs forward, never back.
  sinmun::Result<sinmun::Period> period = PeriodParams(r);
  if (period.ok() && period->since && period->until && !(*period->since < *period->until)) std::abort();
  const std::optional<sinmun::Instant> start = sinmun::ParseTime(text), end = sinmun::ParsePeriodEnd(text);
  if (start.has_value() != end.has_value() || (start && *end < *start)) std::abort();
  (void)VersionParam(r, "v");
  (void)ClassParams(r);
  (void)PortalParam(r);
  (void)IntParam(r, "page", 1, 50, 1);
  (void)FlagParam(r, "all_versions");
  (void)CheckFormat(r, {"json", "atom"});
  (void)PickLang(text);
  for (char c : UrlEncode(text)) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '.' || c == '_' || c == '~' || c == '%';
    if (!ok) std::abort();
  }
  return 0;
}
