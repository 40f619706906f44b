#include "capture/search_feed.h"

#include <utility>

namespace sinmun {

SearchIndexFeed::SearchIndexFeed(Archive& archive, const std::string& index_dir)
    : archive_(archive) {
  Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(index_dir, SearchIndex::Mode::kReadWrite);
  if (index.ok()) {
    index_ = std::move(*index);
  } else {
    error_ = index.status();
  }
}

void SearchIndexFeed::Added(const std::string& id, uint32_t version) {
  if (!index_ || !error_.ok()) return;
  Result<StoredVersion> v = archive_.Version(id, version);
  Status s = v.ok() ? index_->Add(id, version, v->article, v->info.fetched_at) : v.status();
  if (!s.ok()) {
    error_ = std::move(s);
    return;
  }
  pending_ = true;
}

Status SearchIndexFeed::Commit() {
  if (!error_.ok()) return error_;
  if (!pending_) return Status::Ok();
  pending_ = false;
  return index_->Commit();
}

}  // namespace sinmun
