#include "storage/related.h"

#include <algorithm>
#include <map>

#include "storage/search/archive_texts.h"

namespace sinmun {

Result<RelatedReport> FindRelated(Archive& archive, SearchReader& index, const std::string& id) {
  RelatedReport report;
  Result<ArticleHead> head = archive.Head(id);
  if (!head.ok()) return head.status();
  report.head = std::move(*head);
  Result<StoredVersion> latest = archive.Version(id, report.head.versions);
  if (!latest.ok()) return latest.status();
  const Article& article = latest->article;
  ArchiveTexts texts(archive);

  std::map<std::string, RelatedArticle> found;
  auto add = [&](const std::string& other, const std::string& relation) -> Status {
    if (other == id) return Status::Ok();
    auto it = found.find(other);
    if (it == found.end()) {
      Result<ArticleHead> h = archive.Head(other);
      if (!h.ok() && h.status().IsNotFound()) {
        ++report.missing;  // in the index, not in the archive
        return Status::Ok();
      }
      if (!h.ok()) return h.status();
      it = found.emplace(other, RelatedArticle{std::move(*h), {}, 0, 0}).first;
    }
    it->second.relations.insert(relation);
    return Status::Ok();
  };

  if (!article.origin_url.empty()) {
    if (Result<std::string> origin = archive.Resolve(article.origin_url); origin.ok()) {
      if (Status s = add(*origin, "origin"); !s.ok()) return s;
    } else if (!origin.status().IsNotFound()) {
      return origin.status();
    }
    Result<std::vector<std::string>> siblings = index.ArticlesWithOrigin(article.origin_url);
    if (!siblings.ok()) return siblings.status();
    for (const std::string& s : *siblings) {
      if (Status st = add(s, "same origin"); !st.ok()) return st;
    }
  }
  for (const std::string& url : {article.url, report.head.url}) {
    if (url.empty()) continue;
    Result<std::vector<std::string>> copies = index.ArticlesWithOrigin(url);
    if (!copies.ok()) return copies.status();
    for (const std::string& c : *copies) {
      if (Status st = add(c, "copy"); !st.ok()) return st;
    }
  }
  const std::vector<std::string> hashes = SharedParagraphHashes(article);
  report.paragraphs = hashes.size();
  Result<std::vector<SharedCandidate>> shared = index.SharedParagraphs(article, id, texts);
  if (!shared.ok()) return shared.status();
  for (const SharedCandidate& c : *shared) {
    // "Most of the paragraphs" of the shorter of the two.
    size_t smaller = std::min(hashes.size(), c.paragraphs);
    if (smaller == 0 || c.shared * 2 < smaller) continue;
    if (Status st = add(c.id, "shared"); !st.ok()) return st;
  }
  // Origin and copy links count their shared paragraphs too, when the index knows them.
  for (const SharedCandidate& c : *shared) {
    if (auto it = found.find(c.id); it != found.end()) it->second.shared = c.shared;
  }
  report.missing += texts.missing();
  for (auto& [other, r] : found) {
    r.share = hashes.empty() ? 0.0 : double(r.shared) / double(hashes.size());
    report.related.push_back(std::move(r));
  }
  std::stable_sort(report.related.begin(), report.related.end(),
                   [](const RelatedArticle& a, const RelatedArticle& b) {
                     return a.head.first_seen < b.head.first_seen;
                   });
  return report;
}

Json RelatedJson(const RelatedReport& report) {
  Json out;
  out["id"] = report.head.id;
  out["url"] = report.head.url;
  out["first_seen"] = FormatRfc3339Kst(report.head.first_seen);
  out["paragraphs"] = report.paragraphs;
  Json list = Json::array();
  for (const RelatedArticle& r : report.related) {
    Json j;
    j["id"] = r.head.id;
    j["url"] = r.head.url;
    j["portal"] = r.head.portal;
    j["press"] = StringOrNull(r.head.press);
    j["title"] = r.head.title;
    j["published"] = TimeOrNull(r.head.published);
    j["first_seen"] = FormatRfc3339Kst(r.head.first_seen);
    j["relations"] = std::vector<std::string>(r.relations.begin(), r.relations.end());
    j["shared_paragraphs"] = r.shared;
    j["share"] = r.share;
    list.push_back(std::move(j));
  }
  out["related"] = std::move(list);
  return out;
}

}  // namespace sinmun
