// sinmun search QUERY [--since T] [--until T] [--portal P] [--source S] [--press NAME]
//   [--limit N] [--all-versions] [--sort relevance|date] [--json]
// Full-text search over the search index (storage/search_index.h), which must cover every
// version in the archive: a missing or stale index is an error that says to run reindex.
#include <ostream>

#include "cli/commands.h"
#include "cli/output.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage =
    "search QUERY [--since TIME] [--until TIME] [--portal daum|naver|web] [--source NAME] "
    "[--press NAME] [--limit N] [--all-versions] [--sort relevance|date] [--json]";

// While sinmund runs it records a version, then indexes it: read in that order (archive
// first), the index may be a few versions ahead of what this reader sees, never behind.
constexpr uint64_t kIndexLeadAllowed = 100;

// The snippet's text with its marks wrapped: ANSI bold on a terminal, «» otherwise.
std::string Marked(const Snippet& s, bool color) {
  const std::string open = color ? "\x1b[1m" : "«", close = color ? "\x1b[0m" : "»";
  std::string out;
  size_t cp = 0, next = 0;
  for (size_t i = 0; i <= s.text.size(); ++i) {
    bool boundary = i == s.text.size() || (static_cast<unsigned char>(s.text[i]) & 0xC0) != 0x80;
    if (!boundary) {
      out += s.text[i];
      continue;
    }
    while (next < s.marks.size() && s.marks[next].end == cp) {
      out += close;
      ++next;
    }
    if (next < s.marks.size() && s.marks[next].begin == cp) out += open;
    if (i < s.text.size()) out += s.text[i];
    ++cp;
  }
  return out;
}

std::string Versions(const std::vector<uint32_t>& v) {
  std::string out;
  for (uint32_t n : v) out += (out.empty() ? "v" : ", v") + std::to_string(n);
  return out;
}

int RunSearch(const Args& args, Io& io) {
  if (args.positionals().size() != 1) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  SearchQuery q;
  q.text = args.positionals()[0];
  Result<std::optional<Instant>> since = args.GetTime("since");
  if (!since.ok()) return Fail(io, since.status());
  Result<std::optional<Instant>> until = args.GetTime("until");
  if (!until.ok()) return Fail(io, until.status());
  Result<std::optional<long long>> limit = args.GetInt("limit", 1, 10'000);
  if (!limit.ok()) return Fail(io, limit.status());
  q.since = *since;
  q.until = *until;
  q.limit = static_cast<size_t>(limit->value_or(20));
  Result<std::string> portal = PortalOption(args);
  if (!portal.ok()) return Fail(io, portal.status());
  q.portal = std::move(*portal);
  q.source = args.Get("source").value_or("");
  q.press = args.Get("press").value_or("");
  q.all_versions = args.Has("all-versions");
  std::string sort = args.Get("sort").value_or("relevance");
  if (sort == "date") {
    q.sort = SearchQuery::Sort::kDate;
  } else if (sort != "relevance") {
    return Fail(io, Status::InvalidArgument("--sort must be relevance or date"));
  }

  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::unique_ptr<SearchIndex>> index = OpenSearchIndex(args, **archive);
  if (!index.ok()) return Fail(io, index.status());
  Result<SearchResults> results = (*index)->Search(q);
  if (!results.ok()) return Fail(io, results.status());

  const bool json = args.Has("json");
  Json hits = Json::array();
  Style style{io.color};
  int rank = 0;
  for (const SearchHit& hit : results->hits) {
    // Title, URL and snippet come from the archive: the index keeps terms, not text.
    Result<StoredVersion> v = (*archive)->Version(hit.id, hit.version);
    if (!v.ok()) return Fail(io, v.status());
    Result<ArticleHead> head = (*archive)->Head(hit.id);
    if (!head.ok()) return Fail(io, head.status());
    Snippet snippet = MakeSnippet(v->article, results->highlight);
    if (json) {
      Json j;
      j["id"] = hit.id;
      j["url"] = v->article.url;
      j["portal"] = hit.portal;
      j["press"] = StringOrNull(hit.press);
      j["title"] = v->article.title;
      j["published"] = TimeOrNull(hit.published);
      j["version"] = hit.version;
      j["versions"] = head->versions;
      j["matched_versions"] = hit.matched_versions;
      j["fetched_at"] = FormatRfc3339Kst(hit.fetched_at);
      j["score"] = hit.weight;
      Json marks = Json::array();
      for (const Mark& m : snippet.marks) marks.push_back({m.begin, m.end});
      j["snippet"] = {{"text", snippet.text}, {"marks", marks}};
      hits.push_back(std::move(j));
      continue;
    }
    ++rank;
    io.out << rank << ". " << style.Bold(v->article.title) << '\n';
    std::string line = hit.press.empty() ? hit.portal : hit.press;
    if (hit.published) line += " · " + FormatRfc3339Kst(*hit.published);
    line += " · " + hit.id + " · " + Plural(head->versions, "version");
    if (q.all_versions) line += " · text in " + Versions(hit.matched_versions);
    io.out << "   " << style.Dim(line) << '\n';
    if (!snippet.text.empty()) io.out << "   " << Marked(snippet, io.color) << '\n';
  }
  if (json) {
    Json out;
    out["query"] = q.text;
    out["estimated_matches"] = results->estimated_matches;
    out["hits"] = std::move(hits);
    PrintJson(io.out, out, io.terminal);
  } else if (results->hits.empty()) {
    io.err << "no matches\n";
  }
  return kExitOk;
}

}  // namespace

std::string SearchIndexDir(const Args& args) { return ArchiveDir(args) + "/search"; }

Result<std::unique_ptr<SearchIndex>> OpenSearchIndex(const Args& args, Archive& archive) {
  // The archive's count is read first: a daemon that records and indexes in between makes
  // the index look ahead, never behind.
  Result<uint64_t> versions = archive.VersionCount();
  if (!versions.ok()) return versions.status();
  Result<std::unique_ptr<SearchIndex>> index =
      SearchIndex::Open(SearchIndexDir(args), SearchIndex::Mode::kReadOnly);
  if (!index.ok()) return index.status();
  Result<uint64_t> indexed = (*index)->IndexedVersions();
  if (!indexed.ok()) return indexed.status();
  if (*indexed < *versions || *indexed > *versions + kIndexLeadAllowed) {
    if (Status s = (*index)->CheckFresh(*versions); !s.ok()) return s;
  }
  return index;
}

Command SearchCommand() {
  return {"search", kUsage,
          "full-text search (Korean n-grams): words AND, \"phrases\", -exclusions, OR; "
          "latest versions unless --all-versions",
          {{"since", true}, {"until", true}, {"portal", true}, {"source", true}, {"press", true},
           {"limit", true}, {"all-versions", false}, {"sort", true}, {"json", false}},
          RunSearch};
}

}  // namespace sinmun::cli
