// Task: one thing the crawler will do at a time — poll a source, or visit an article.
//
// Tasks are plain values. The frontier keeps them in its DueQueue; the daemon persists
// each change in the archive's schedule (EncodeTask bytes, opaque to storage) in the same
// write as the fetch that caused it, so a restart resumes exactly where the last
// acknowledged write left the queue.
//
// What a fetch needs travels with its task: the validators for conditional GET (ETag,
// Last-Modified) of the last answer that was kept, so the fetch stage never reads the
// archive before it fetches.
//
// Thread-safety: values.
#ifndef SINMUN_CRAWLER_FRONTIER_TASK_H_
#define SINMUN_CRAWLER_FRONTIER_TASK_H_

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
  Instant due{};       // wall clock (UTC): the ladder's times mean the same after a restart
  // kArticle: visits made so far (index of the next revisit interval). kSource: 0 for the
  // source's own URL; k > 0 for a one-off page that poll led to (the k-th following page
  // of a paged listing, a child sitemap k levels down).
  uint32_t step = 0;
  // Consecutive failed attempts of this step that count against the article itself (see
  // frontier.h: failures of the host or the network never count).
  uint32_t failures = 0;
  // Conditional GET: sent as If-None-Match / If-Modified-Since when non-empty.
  std::string etag, last_modified;
  // kArticle: the publication time its feed or sitemap gave, for a page that states none.
  std::optional<Instant> listed_published;
  // Why the task is held back rather than fetched when due (e.g. robots.txt disallows its
  // URL); "" when it is fetched normally. Kept in the archive so that it can say why an
  // article is not being revisited.
  std::string held;

  bool operator==(const Task&) const = default;
};

// The current format: a TaskRecord (crawler/frontier/task.proto).
inline constexpr uint32_t kTaskFormat = 2;

// The TaskRecord bytes of the task.
std::string EncodeTask(const Task& task);

// Reads a TaskRecord, or the tab-separated text of release 0.1 ("1\t<kind>\t<due>\t<step>\t
// <failures>\t<source>\t<url>"); IsLegacyTask tells which, so a reader can convert.
// nullopt for anything else (a damaged record), or a record of a newer format.
std::optional<Task> DecodeTask(std::string_view bytes);
bool IsLegacyTask(std::string_view bytes);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_TASK_H_
