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
  // source's own URL; k > 0 for the k-th following page of a paged listing (one-off).
  uint32_t step = 0;
  uint32_t failures = 0;  // consecutive failed attempts of this step

  bool operator==(const Task&) const = default;
};

// A compact, versioned, tab-separated text form: "1\t<kind>\t<due>\t<step>\t<failures>\t
// <source>\t<url>". URLs and source names never contain tabs or newlines (checked).
std::string EncodeTask(const Task& task);

// nullopt for anything that is not a well-formed encoding (a damaged record).
std::optional<Task> DecodeTask(std::string_view bytes);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_SCHEDULE_TASK_H_
