#include "storage/search/catch_up.h"

#include <algorithm>

namespace sinmun {
namespace {

// A Status that stops ForEachHead without being an error.
Status Stopped() { return Status::Busy("stopped"); }

}  // namespace

Result<CatchUpResult> CatchUp(Archive& archive, SearchIndex& index, const std::function<bool()>& stop) {
  CatchUpResult result;
  uint64_t uncommitted = 0;
  Status st = archive.ForEachHead([&](const ArticleHead& head) -> Status {
    if (stop && stop()) {
      result.stopped = true;
      return Stopped();
    }
    ++result.articles;
    Result<IndexedArticle> indexed = index.Indexed(head.id);
    if (!indexed.ok()) return indexed.status();
    if (indexed->count == head.versions && indexed->latest == head.versions) return Status::Ok();
    Result<std::vector<uint32_t>> have = index.VersionsOf(head.id);
    if (!have.ok()) return have.status();
    for (uint32_t v = 1; v <= head.versions; ++v) {
      if (std::binary_search(have->begin(), have->end(), v)) continue;
      Result<StoredVersion> version = archive.Version(head.id, v);
      if (!version.ok()) return version.status();
      if (Status s = index.Add(head.id, v, version->article, version->info.fetched_at); !s.ok()) return s;
      ++result.versions_added;
      if (++uncommitted >= kCatchUpCommitEvery) {
        if (Status s = index.Commit(); !s.ok()) return s;
        uncommitted = 0;
      }
    }
    return Status::Ok();
  });
  if (!st.ok() && !result.stopped) return st;
  if (Status s = index.Commit(); !s.ok()) return s;
  return result;
}

}  // namespace sinmun
