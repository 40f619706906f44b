// Task: one thing the crawler will do at a time — poll a source, or visit an article.
//
// Tasks are plain values. The daemon keeps them in a DueQueue and persists each change in
// the archive's schedule (as EncodeTask bytes, opaque to storage), in the same write as the
// fetch that caused it, so a restart resumes exactly where the last acknowledged write left
// the queue.
//
// Thread-safety: values.
#ifndef SINMUN_CRAWLER_SCHEDULE_TASK_H_
#define SINMUN_CRAWLER_SCHEDULE_TASK_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "common/time.h"

namespace sinmun {

enum class TaskKind : uint8_t {
  kSource,   // fetch a listing page, feed or sitemap and discover article URLs
  kArticle,  // fetch an article page and record it
};

struct Task {
  TaskKind kind = TaskKind::kArticle;
  std::string url;     // the key: one task per URL
  std::string source;  // the config source that owns (kSource) or found (kArticle) it
  Instant due{};
  // kArticle: visits made so far (index of the next revisit interval). kSource: 0 for the
  // source's own URL; k > 0 for a one-off page followed from it: the k-th following page
  // of a paged listing, or a child sitemap k sitemap indexes below the source's URL.
  uint32_t step = 0;
  uint32_t failures = 0;  // consecutive failed attempts of this step
  // kArticle: the published time the listing gave (a feed's pubDate, a news sitemap's
  // publication_date), for an article page that states none. nullopt when it gave none.
  std::optional<Instant> listed_published;
  // kSource: the validators of the last 200 answer (ETag, Last-Modified), sent as
  // If-None-Match / If-Modified-Since so an unchanged listing costs a 304. "" when none.
  std::string etag, last_modified;

  bool operator==(const Task&) const = default;
};

// A compact, versioned, tab-separated text form: "1\t<kind>\t<due>\t<step>\t<failures>\t
// <source>\t<url>", or, when listed_published, etag or last_modified is set, "2\t<kind>\t
// <due>\t<step>\t<failures>\t<listed_published or empty>\t<etag>\t<last_modified>\t
// <source>\t<url>" (times in seconds since the epoch). URLs and source names never contain
// tabs or newlines (checked); a validator that does is dropped.
std::string EncodeTask(const Task& task);

// Reads both forms. nullopt for anything that is not a well-formed encoding (a damaged
// record).
std::optional<Task> DecodeTask(std::string_view bytes);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_SCHEDULE_TASK_H_
