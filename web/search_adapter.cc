#include "web/search_adapter.h"

namespace sinmun::web {

Status SearchAdapter::EnsureOpen() {
  if (index_ && reopen_) {
    reopen_ = false;
    if (Status s = index_->Reopen(); !s.ok()) index_.reset();
  }
  if (index_) return Status::Ok();
  Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(dir_, SearchIndex::Mode::kReadOnly);
  if (!index.ok()) return index.status();
  index_ = std::move(*index);
  reopen_ = false;
  return Status::Ok();
}

void SearchAdapter::Refresh() {
  std::lock_guard<std::mutex> lock(mu_);
  reopen_ = true;
}

Result<WebSearchResults> SearchAdapter::Search(Archive& archive, SearchQuery query, size_t offset) {
  // The archive's count first: a daemon that records and indexes in between makes the
  // index look ahead, never behind.
  Result<uint64_t> versions = archive.VersionCount();
  if (!versions.ok()) return versions.status();
  const size_t wanted = query.limit;
  query.limit = offset + wanted;
  Result<SearchResults> results = Status::NotFound("no search index: run sinmun reindex");
  WebSearchResults out;
  {
    std::lock_guard<std::mutex> lock(mu_);
    if (Status s = EnsureOpen(); !s.ok()) return s;
    Result<uint64_t> indexed = index_->IndexedVersions();
    if (!indexed.ok()) return indexed.status();
    out.behind = *indexed < *versions ? *versions - *indexed : 0;
    results = index_->Search(query);
  }
  if (!results.ok()) return results.status();
  out.estimated_matches = results->estimated_matches;
  for (size_t i = offset; i < results->hits.size(); ++i) {
    const SearchHit& hit = results->hits[i];
    Result<StoredVersion> v = archive.Version(hit.id, hit.version);
    if (!v.ok()) {
      if (v.status().IsNotFound()) continue;  // indexed before this reader caught up
      return v.status();
    }
    Result<ArticleHead> head = archive.Head(hit.id);
    if (!head.ok()) return head.status();
    out.hits.push_back(WebHit{hit, v->article.title, v->article.url, head->versions,
                              MakeSnippet(v->article, results->highlight)});
  }
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
