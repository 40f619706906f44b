// The status of each configured source, as `sinmun sources` shows it: the reading room's
// Sources page is built against this shape.
//
// The per-source status is recorded by the daemon in the archive (crawler/frontier/
// source_status.h: ok, robots-disallowed, unreachable, http-error, not-a-feed, not-a-listing,
// no-links, articles-refused, parser-failing, pending); an archive sinmund has not run on
// with sources has none, and the page says that none has been recorded. Errors: the
// archive's (IOError).
//
// Thread-safety: LoadSourceStatus reads the archive (safe for concurrent use).
#ifndef SINMUN_WEB_SOURCES_H_
#define SINMUN_WEB_SOURCES_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/status.h"
#include "common/time.h"
#include "storage/archive.h"

namespace sinmun::web {

struct SourceRow {
  std::string name, type, url, status, detail;
  std::optional<Instant> last_poll, next_poll;
  uint64_t found_24h = 0, new_24h = 0, archived_24h = 0;
};

// Every source's last known status, in name order.
Result<std::vector<SourceRow>> LoadSourceStatus(Archive& archive);

}  // namespace sinmun::web

#endif  // SINMUN_WEB_SOURCES_H_
