// Rebuild: a new search index of every version in the archive, written into a new file
// (IndexDir::NewIndexPath) and left compact, ready for IndexDir::Install. Used by
// `sinmun reindex` and by sinmund's background rebuild.
//
// The archive is read on the calling thread (one consistent snapshot, articles in id
// order, each article's versions oldest first); `jobs` threads turn versions into index
// documents (MakeIndexDocument: tokenizing is most of the CPU); one thread writes them,
// committing every kRebuildCommitEvery versions; then the index is compacted (FTS5's
// 'optimize': one segment, no free page).
//
// Thread-safety: starts and joins its own threads; the archive is read as Archive allows.
#ifndef SINMUN_STORAGE_SEARCH_REBUILD_H_
#define SINMUN_STORAGE_SEARCH_REBUILD_H_

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

#include "storage/archive.h"

namespace sinmun {

inline constexpr uint64_t kRebuildCommitEvery = 20'000;

struct RebuildOptions {
  size_t jobs = 1;  // tokenizing threads (at least one)
  // Called on the calling thread every `progress_every` versions read, with the count.
  std::function<void(uint64_t)> progress;
  uint64_t progress_every = 10'000;
  // Asked between versions and throughout the final merge; true gives up (Status Busy
  // "stopped"), the file removed.
  std::function<bool()> stop;
  // Runs first on each thread the rebuild starts (e.g. to lower its priority).
  std::function<void()> on_thread_start;
};

struct RebuildResult {
  uint64_t versions = 0;  // versions indexed
};

// Writes the index into `path`, which must not exist. On failure (the first error of the
// archive, the index or a thread) or when stopped, `path` is removed.
Result<RebuildResult> Rebuild(Archive& archive, const std::string& path, const RebuildOptions& options);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_REBUILD_H_
