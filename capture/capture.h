// Capture: the one way from fetched bytes to a recorded version — decode, extract, record,
// index (DESIGN.md "Data flow"). The daemon, `sinmun ingest` and `sinmun reextract` all go
// through it; it is the one place where crawler/ (the extractors) meets storage/ (the
// archive), so neither includes the other.
//
// A capture is two steps, so that the crawl schedule can be decided in between and written
// in the same batch as the version:
//   Read(page)             decodes and extracts a 200 page (no write). Its verdict:
//                          kRecord (an article, or a 304/404/410 of an article the archive
//                          holds), kUnusable (a 200 that yields no article: `error` says
//                          why), kUnknown (a 304/404/410 of an article never archived).
//   Write(read, schedule)  kRecord: records the fetch with `schedule` in one WriteBatch and
//                          hands each new version to the index feed; otherwise writes only
//                          `schedule` (when not empty).
// Reextract() re-reads a stored page with today's extractors and, unless dry, records what
// differs as a version of class kReextracted (never a publisher edit).
//
// What an article is comes from the extractor alone (its id and canonical URL); capture adds
// what only the fetch knows: the source name, every URL of the fetch as an alias, and a
// published time from the feed or sitemap when the page states none.
//
// Thread-safety: a Capture is used from one thread at a time; the Archive it writes is
// safe for concurrent use.
#ifndef SINMUN_CAPTURE_CAPTURE_H_
#define SINMUN_CAPTURE_CAPTURE_H_

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "common/time.h"
#include "crawler/extract/site_table.h"
#include "storage/archive.h"

namespace sinmun {

// Where recorded versions go to be indexed (the search index is derived data: a feed that
// falls behind is caught up from the archive). Implementations: the daemon's indexing
// thread; a direct indexer for the CLI's writing commands.
class IndexFeed {
 public:
  virtual ~IndexFeed() = default;
  // A version that was just written (outcome other than kUnchanged).
  virtual void Added(const std::string& id, uint32_t version) = 0;
};

// One fetch of an article page, as capture needs it.
struct FetchedPage {
  std::string url;                   // the URL asked for (the task's, or --url)
  std::vector<std::string> aliases;  // other URLs of the fetch: redirect hops, the last included
  Instant fetched_at;
  int http_status = 200;             // 200, 304, 404 or 410
  std::string body, content_type;    // the page as received (200 only)
  std::string headers;               // the response header block (for WARC export)
  std::string etag, last_modified;
  std::string source;                       // the config source that found it; may be ""
  std::optional<Instant> listed_published;  // from its feed or sitemap, when it says
  // The URL the bytes came from (the last hop): what relative links are resolved against.
  const std::string& page_url() const { return aliases.empty() ? url : aliases.back(); }
};

// The article in a page's bytes, storing nothing (`sinmun extract`): the extractors' answer
// as it is (crawler/extract/extractor.h has its errors). url and content_type may be "".
Result<Article> ExtractPage(std::string_view bytes, const std::string& url,
                            const std::string& content_type);

class Capture {
 public:
  enum class Verdict { kRecord, kUnusable, kUnknown };
  struct Read {
    Verdict verdict = Verdict::kRecord;
    Status error;  // kUnusable: why the page yields no article
    Fetch fetch;   // kRecord: what Write records
    // Non-empty when a site table entry's rules matched nothing and the generic extractor
    // read the page (crawler/extract/extractor.h's ExtractNotes::fallback): the entry needs
    // fixing.
    std::string site_fallback;
  };

  // archive (and feed, when not null) must outlive the Capture.
  Capture(Archive& archive, IndexFeed* feed) : archive_(archive), feed_(feed) {}

  // The site table extraction uses (LoadSiteTable: the operator's entries over the shipped
  // ones); until set, the shipped table. Not thread-safe against ReadPage: the owner's
  // thread swaps it (sinmund on SIGHUP).
  void SetSiteTable(std::shared_ptr<const SiteTable> sites) { sites_ = std::move(sites); }

  Read ReadPage(FetchedPage page) const;
  // REQUIRES: `read` came from this Capture's ReadPage. Errors: the archive's (IOError
  // when the disk fails or is full: nothing of the fetch was written).
  Result<RecordResult> Write(Read read, ScheduleChange schedule);

  struct Reextraction {
    bool changed = false;      // today's extractors read the page differently
    uint32_t version = 0;      // the version recorded (0 in a dry run or when unchanged)
    std::string summary;       // the one-line summary of what differs
  };
  // Re-reads the page kept with `stored` (of the article `head`) and, unless dry_run, records
  // what differs as a re-extraction dated `at`. InvalidArgument when today's extractors
  // refuse the page or read it as another article; NotFound when no page was kept.
  Result<Reextraction> Reextract(const StoredVersion& stored, const ArticleHead& head, Instant at,
                                 bool dry_run);

 private:
  Archive& archive_;
  IndexFeed* feed_;
  std::shared_ptr<const SiteTable> sites_;  // null: the shipped table
};

}  // namespace sinmun

#endif  // SINMUN_CAPTURE_CAPTURE_H_
