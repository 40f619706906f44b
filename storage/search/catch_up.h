// CatchUp: brings a search index up to the archive it is derived from. Every archived
// version the index lacks is read and added: the last second before a crash, a backlog
// left at a stop, versions recorded by `sinmun ingest`, versions whose indexing failed, the
// versions recorded while a rebuild read its snapshot.
//
// It reads every article's head (Archive::ForEachHead) and compares its version count
// with the index's (SearchIndex::Indexed): a few microseconds per article, so a catch-up
// of a million articles that lacks nothing takes seconds.
//
// Thread-safety: uses the index from the calling thread only; the archive as Archive allows.
#ifndef SINMUN_STORAGE_SEARCH_CATCH_UP_H_
#define SINMUN_STORAGE_SEARCH_CATCH_UP_H_

#include <cstdint>
#include <functional>

#include "storage/archive.h"
#include "storage/search/search_index.h"

namespace sinmun {

struct CatchUpResult {
  uint64_t articles = 0;        // heads read
  uint64_t versions_added = 0;  // versions the index lacked, now added
  bool stopped = false;         // `stop` said so before the end
};

// Adds what the index lacks, committing every kCatchUpCommitEvery versions and at the end.
// `stop` (may be empty) is asked between articles; when it returns true, CatchUp commits
// what it added and returns early. Fails with the first error of the archive or the index.
Result<CatchUpResult> CatchUp(Archive& archive, SearchIndex& index, const std::function<bool()>& stop = {});

inline constexpr uint64_t kCatchUpCommitEvery = 1000;

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_CATCH_UP_H_
