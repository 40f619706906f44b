// sinmun related ID|URL [--json]: the other archived articles that carry the same story,
// earliest first seen first — who published it first, and who copied it.
//
// Related are: the article its Naver "기사원문" link (origin_url) names ("origin"); the
// articles whose origin link names it ("copy") or names the same origin ("same origin");
// and the articles whose latest version shares most of the paragraphs of the smaller of
// the two ("shared": a wire story printed by several outlets, a portal copy). Candidates
// come from the search index (the terms of each paragraph, the origin URL), not from a scan.
#include <algorithm>
#include <map>
#include <ostream>
#include <set>

#include "cli/commands.h"
#include "cli/output.h"
#include "common/identity.h"
#include "storage/search/archive_texts.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "related ID|URL [--json]";

struct Related {
  ArticleHead head;
  std::set<std::string> relations;  // "origin", "copy", "same origin", "shared"
  size_t shared = 0;
};

int RunRelated(const Args& args, Io& io) {
  if (args.positionals().size() != 1) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::string> id = (*archive)->Resolve(args.positionals()[0]);
  if (!id.ok()) return Fail(io, id.status());
  Result<ArticleHead> head = (*archive)->Head(*id);
  if (!head.ok()) return Fail(io, head.status());
  Result<StoredVersion> latest = (*archive)->Version(*id, head->versions);
  if (!latest.ok()) return Fail(io, latest.status());
  Result<std::unique_ptr<SearchReader>> index = OpenSearchIndex(args, **archive, io);
  if (!index.ok()) return Fail(io, index.status());
  ArchiveTexts texts(**archive);
  const Article& article = latest->article;

  std::map<std::string, Related> found;
  size_t missing = 0;
  auto add = [&](const std::string& other, const std::string& relation) -> Status {
    if (other == *id) return Status::Ok();
    auto it = found.find(other);
    if (it == found.end()) {
      Result<ArticleHead> h = (*archive)->Head(other);
      if (!h.ok() && h.status().IsNotFound()) {
        ++missing;  // in the index, not in the archive
        return Status::Ok();
      }
      if (!h.ok()) return h.status();
      it = found.emplace(other, Related{std::move(*h), {}, 0}).first;
    }
    it->second.relations.insert(relation);
    return Status::Ok();
  };

  if (!article.origin_url.empty()) {
    if (Result<std::string> origin = (*archive)->Resolve(article.origin_url); origin.ok()) {
      if (Status s = add(*origin, "origin"); !s.ok()) return Fail(io, s);
    } else if (!origin.status().IsNotFound()) {
      return Fail(io, origin.status());
    }
    Result<std::vector<std::string>> siblings = (*index)->ArticlesWithOrigin(article.origin_url);
    if (!siblings.ok()) return Fail(io, siblings.status());
    for (const std::string& s : *siblings) {
      if (Status st = add(s, "same origin"); !st.ok()) return Fail(io, st);
    }
  }
  for (const std::string& url : {article.url, head->url}) {
    if (url.empty()) continue;
    Result<std::vector<std::string>> copies = (*index)->ArticlesWithOrigin(url);
    if (!copies.ok()) return Fail(io, copies.status());
    for (const std::string& c : *copies) {
      if (Status st = add(c, "copy"); !st.ok()) return Fail(io, st);
    }
  }
  const std::vector<std::string> hashes = SharedParagraphHashes(article);
  Result<std::vector<SharedCandidate>> shared = (*index)->SharedParagraphs(article, *id, texts);
  if (!shared.ok()) return Fail(io, shared.status());
  for (const SharedCandidate& c : *shared) {
    // "Most of the paragraphs" of the shorter of the two.
    size_t smaller = std::min(hashes.size(), c.paragraphs);
    if (smaller == 0 || c.shared * 2 < smaller) continue;
    if (Status st = add(c.id, "shared"); !st.ok()) return Fail(io, st);
    if (auto it = found.find(c.id); it != found.end()) it->second.shared = c.shared;
  }
  // Origin and copy links count their shared paragraphs too, when the index knows them.
  for (const SharedCandidate& c : *shared) {
    if (auto it = found.find(c.id); it != found.end()) it->second.shared = c.shared;
  }

  std::vector<const Related*> order;
  for (const auto& [other, r] : found) order.push_back(&r);
  std::stable_sort(order.begin(), order.end(), [](const Related* a, const Related* b) {
    return a->head.first_seen < b->head.first_seen;
  });
  TellMissingVersions(io, missing + texts.missing());
  auto share = [&](size_t n) { return hashes.empty() ? 0.0 : double(n) / double(hashes.size()); };

  if (args.Has("json")) {
    Json out;
    out["id"] = *id;
    out["url"] = head->url;
    out["first_seen"] = FormatRfc3339Kst(head->first_seen);
    out["paragraphs"] = hashes.size();
    Json list = Json::array();
    for (const Related* r : order) {
      Json j;
      j["id"] = r->head.id;
      j["url"] = r->head.url;
      j["portal"] = r->head.portal;
      j["press"] = StringOrNull(r->head.press);
      j["title"] = r->head.title;
      j["published"] = TimeOrNull(r->head.published);
      j["first_seen"] = FormatRfc3339Kst(r->head.first_seen);
      j["relations"] = std::vector<std::string>(r->relations.begin(), r->relations.end());
      j["shared_paragraphs"] = r->shared;
      j["share"] = share(r->shared);
      list.push_back(std::move(j));
    }
    out["related"] = std::move(list);
    PrintJson(io.out, out, io.terminal);
    return kExitOk;
  }
  if (order.empty()) {
    io.err << "no related articles in the archive\n";
    return kExitOk;
  }
  // The article itself stands in the timeline, marked, so "who was first" reads off the list.
  Table table({"FIRST SEEN (KST)", "SHARED", "RELATION", "ID", "PRESS", "TITLE"});
  auto seen = [](Instant t) {
    std::string s = FormatRfc3339Kst(t).substr(0, 16);
    s[10] = ' ';
    return s;
  };
  bool placed = false;
  auto self_row = [&]() {
    table.AddRow({seen(head->first_seen), "-", "▶ this", *id, head->press, head->title});
    placed = true;
  };
  for (const Related* r : order) {
    if (!placed && head->first_seen < r->head.first_seen) self_row();
    std::string relations;
    for (const std::string& rel : r->relations) relations += (relations.empty() ? "" : ", ") + rel;
    std::string pct = std::to_string(static_cast<int>(share(r->shared) * 100 + 0.5)) + "%";
    table.AddRow({seen(r->head.first_seen), pct, relations, r->head.id, r->head.press, r->head.title});
  }
  if (!placed) self_row();
  table.Print(io.out);
  return kExitOk;
}

}  // namespace

Command RelatedCommand() {
  return {"related", kUsage,
          "other articles carrying the same story (origin link, copies, shared paragraphs), "
          "earliest first",
          {{"json", false}}, RunRelated};
}

}  // namespace sinmun::cli
