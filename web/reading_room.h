// ReadingRoom: the web interface over an archive (`sinmun serve`): it opens the archive
// read-only (a RocksDB secondary instance, like every reading command) and answers requests
// with the pages of web/pages.h.
//
// Following the daemon: before a request, when `catch_up_interval` has passed since the
// last time, the archive catches up with the writer's latest writes and the search index is
// reopened, so new edits appear without a restart.
//
// Every response carries: X-Content-Type-Options: nosniff, Referrer-Policy: no-referrer,
// and a Content-Security-Policy — for pages `default-src 'none'; style-src 'self';
// img-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none';
// frame-ancestors 'none'` (no script at all, nothing from elsewhere); the stored page
// (/page) its own stricter one (web/article_page.cc). HTML pages vary by Accept-Language.
//
// Thread-safety: Handle is safe for concurrent use (the HTTP server calls it from its
// worker threads).
#ifndef SINMUN_WEB_READING_ROOM_H_
#define SINMUN_WEB_READING_ROOM_H_

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <string>

#include "common/clock.h"
#include "common/status.h"
#include "storage/archive.h"
#include "web/page_common.h"
#include "web/request.h"
#include "web/search_adapter.h"
#include "web/stats_cache.h"

namespace sinmun::web {

struct ReadingRoomOptions {
  std::string archive_dir;
  // How often the archive catches up with the daemon. Default: 2 s.
  std::chrono::milliseconds catch_up_interval{2000};
  // How long computed edit statistics are reused. Default: 60 s.
  std::chrono::seconds stats_ttl{60};
  PageLimits limits;
  // Where the Sources page reads the sources' status. Default: LoadSourceStatus.
  SourceStatusFn source_status = LoadSourceStatus;
};

class ReadingRoom {
 public:
  // Opens the archive read-only: NotFound when there is none at archive_dir, otherwise
  // Archive::Open's errors. A missing search index is not an error (search says so).
  static Result<std::unique_ptr<ReadingRoom>> Open(ReadingRoomOptions options, const Clock& clock);

  WebResponse Handle(const WebRequest& request);

 private:
  ReadingRoom(ReadingRoomOptions options, const Clock& clock, std::unique_ptr<Archive> archive);
  void MaybeCatchUp();
  WebResponse Route(PageContext& ctx, const WebRequest& request);

  const ReadingRoomOptions options_;
  const Clock& clock_;
  std::unique_ptr<Archive> archive_;
  SearchAdapter search_;
  StatsCache stats_;
  std::mutex catch_up_mu_;  // one catch-up at a time; others go on reading
  std::atomic<long long> last_catch_up_ms_;
};

}  // namespace sinmun::web

#endif  // SINMUN_WEB_READING_ROOM_H_
