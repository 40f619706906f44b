#include "web/search_adapter.h"

#include <algorithm>

#include "storage/search/archive_texts.h"

namespace sinmun::web {

Status SearchAdapter::EnsureOpen() {
  if (index_ && refresh_) {
    refresh_ = false;
    // A rebuild installs a new file and names it in CURRENT; the old one stays readable
    // until closed. The Xapian index of an older release is reopened to see new commits.
    Result<IndexDir::State> state = dir_.Read();
    if (!state.ok() || state->path != path_ || older_layout_) index_.reset();
  }
  if (index_) return Status::Ok();
  Result<IndexDir::State> state = dir_.Read();
  if (!state.ok()) return state.status();
  bool older_layout = false;
  Result<std::unique_ptr<SearchReader>> index = OpenSearchReader(dir_, &older_layout);
  if (!index.ok()) {
    if (index.status().IsNotFound()) {
      return Status::NotFound("no search index: sinmund builds it when it starts, or run sinmun reindex");
    }
    return index.status();
  }
  index_ = std::move(*index);
  path_ = state->path;
  older_layout_ = older_layout;
  refresh_ = false;
  return Status::Ok();
}

void SearchAdapter::Refresh() {
  std::lock_guard<std::mutex> lock(mu_);
  refresh_ = true;
}

Result<WebSearchResults> SearchAdapter::Search(Archive& archive, SearchQuery query, size_t offset) {
  // The archive's count first: a daemon that records and indexes in between makes the
  // index look ahead, never behind.
  Result<uint64_t> versions = archive.VersionCount();
  if (!versions.ok()) return versions.status();
  const size_t wanted = query.limit;
  // One hit more than the page shows: whether there is a next page does not rest on the
  // estimate, which is low for words that go together and for terms grown common since
  // the index last counted them.
  query.limit = offset + wanted + 1;
  Result<SearchResults> results = Status::NotFound("no search index");
  WebSearchResults out;
  out.versions = *versions;
  ArchiveTexts texts(archive);
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (Status s = EnsureOpen(); !s.ok()) return s;
    Result<uint64_t> indexed = index_->IndexedVersions();
    if (!indexed.ok()) return indexed.status();
    out.behind = *indexed < *versions ? *versions - *indexed : 0;
    out.older_layout = older_layout_;
    results = index_->Search(query, texts);
  }
  if (!results.ok()) return results.status();
  out.more = results->hits.size() > offset + wanted;
  out.estimated_matches = std::max<uint64_t>(results->estimated_matches, results->hits.size());
  for (size_t i = offset; i < std::min(results->hits.size(), offset + wanted); ++i) {
    const SearchHit& hit = results->hits[i];
    Result<StoredVersion> v = texts.Version(hit.id, hit.version);
    if (!v.ok()) {
      if (!v.status().IsNotFound()) return v.status();
      // Indexed before this reader caught up (or the index disagrees): left out, counted.
      if (!texts.IsMissing(hit.id, hit.version)) ++out.missing;
      continue;
    }
    Result<ArticleHead> head = archive.Head(hit.id);
    if (!head.ok()) return head.status();
    out.hits.push_back(WebHit{hit, v->article.title, v->article.url, head->versions,
                              MakeSnippet(v->article, results->highlight),
                              v->info.change_class == ChangeClass::kDeleted});
  }
  out.missing += texts.missing();
  return out;
}

Result<RelatedReport> SearchAdapter::Related(Archive& archive, const std::string& id) {
  std::lock_guard<std::mutex> lock(mu_);
  if (Status s = EnsureOpen(); !s.ok()) return s;
  return FindRelated(archive, *index_, id);
}

Json SearchResultsJson(const std::string& query, const WebSearchResults& results) {
  Json hits = Json::array();
  for (const WebHit& h : results.hits) {
    Json j;
    j["id"] = h.hit.id;
    j["url"] = h.url;
    j["portal"] = h.hit.portal;
    j["press"] = StringOrNull(h.hit.press);
    j["title"] = h.title;
    j["published"] = TimeOrNull(h.hit.published);
    j["version"] = h.hit.version;
    j["versions"] = h.versions;
    j["matched_versions"] = h.hit.matched_versions;
    j["fetched_at"] = FormatRfc3339Kst(h.hit.fetched_at);
    j["deleted"] = h.deleted;
    j["score"] = h.hit.weight;
    Json marks = Json::array();
    for (const Mark& m : h.snippet.marks) marks.push_back({m.begin, m.end});
    j["snippet"] = {{"text", h.snippet.text}, {"marks", marks}};
    hits.push_back(std::move(j));
  }
  return Json{{"query", query}, {"estimated_matches", results.estimated_matches},
              {"hits", std::move(hits)}};
}

}  // namespace sinmun::web
