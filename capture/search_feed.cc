#include "capture/search_feed.h"

#include <utility>

#include "storage/search/catch_up.h"

namespace sinmun {

namespace {

constexpr char kRepair[] = "; sinmund rebuilds it when it starts, or run sinmun reindex";

}  // namespace

SearchIndexFeed::SearchIndexFeed(Archive& archive, IndexDir dir) : archive_(archive), dir_(std::move(dir)) {
  Result<IndexDir::State> state = dir_.Read();
  if (!state.ok()) {
    error_ = state.status();
    return;
  }
  if (state->kind == IndexDir::Kind::kXapian) {
    error_ = Status::Unsupported("not updated: it is of an older layout" + std::string(kRepair));
    return;
  }
  std::string path = state->path;
  if (state->kind == IndexDir::Kind::kNone) {
    Result<std::string> fresh = dir_.NewIndexPath();
    if (!fresh.ok()) {
      error_ = fresh.status();
      return;
    }
    path = new_path_ = *fresh;
  }
  Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(path, SearchIndex::Mode::kReadWrite);
  if (!index.ok()) {
    // Unsupported (another layout), Corruption (a damaged file), Busy or IOError: each
    // means the same here, an index this command cannot bring up to date.
    error_ = Status::IOError("not updated: " + index.status().message() + (new_path_.empty() ? kRepair : ""));
    return;
  }
  index_ = std::move(*index);
}

void SearchIndexFeed::Added(const std::string& id, uint32_t version) {
  if (!index_ || !error_.ok()) return;
  Result<StoredVersion> v = archive_.Version(id, version);
  Status s = v.ok() ? index_->Add(id, version, v->article, v->info.fetched_at) : v.status();
  if (!s.ok()) error_ = std::move(s);
}

Status SearchIndexFeed::Commit() {
  if (!error_.ok()) return error_;
  if (Status s = index_->Commit(); !s.ok()) return error_ = s;
  if (!new_path_.empty()) {
    // A new index (there was none): it gets every version of the archive before it becomes
    // current, as a rebuild would.
    if (Result<CatchUpResult> r = CatchUp(archive_, *index_); !r.ok()) return error_ = r.status();
    if (Status s = dir_.Install(new_path_); !s.ok()) return error_ = s;
    new_path_.clear();
  }
  return Status::Ok();
}

}  // namespace sinmun
