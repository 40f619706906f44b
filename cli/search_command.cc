// sinmun search QUERY [--since T] [--until T] [--portal P] [--source S] [--press NAME]
//   [--limit N] [--all-versions] [--sort relevance|date] [--json]
// Full-text search over the search index (storage/search/search_index.h). The index is
// derived data that sinmund keeps up: when it lacks versions, search answers from what it
// holds and says on stderr how many it lacks; only a missing index is an error.
#include <ostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "storage/search/archive_texts.h"
#include "storage/search/search_index.h"

namespace sinmun::cli {
namespace {

// The usage line; the --portal values are the portal table's (PortalChoices).
std::string Usage() {
  return "search QUERY [--since TIME] [--until TIME] [--portal " + PortalChoices() +
         "] [--source NAME] [--press NAME] [--limit N] [--all-versions] "
         "[--sort relevance|date] [--json]";
}

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

// The query the options ask for; InvalidArgument for a bad option value.
Result<SearchQuery> QueryOf(const Args& args) {
  SearchQuery q;
  // Words given unquoted (sinmun search 광화문 -BTS) are the query they spell, one space apart.
  for (const std::string& word : args.positionals()) q.text += (q.text.empty() ? "" : " ") + word;
  Result<Period> period = args.GetPeriod();
  if (!period.ok()) return period.status();
  Result<std::optional<long long>> limit = args.GetInt("limit", 1, 10'000);
  if (!limit.ok()) return limit.status();
  q.since = period->since;
  q.until = period->until;
  q.limit = static_cast<size_t>(limit->value_or(20));
  Result<std::string> portal = PortalOption(args);
  if (!portal.ok()) return portal.status();
  q.portal = std::move(*portal);
  q.source = args.Get("source").value_or("");
  q.press = args.Get("press").value_or("");
  q.all_versions = args.Has("all-versions");
  std::string sort = args.Get("sort").value_or("relevance");
  if (sort == "date") {
    q.sort = SearchQuery::Sort::kDate;
  } else if (sort != "relevance") {
    return Status::InvalidArgument("--sort must be relevance or date");
  }
  return q;
}

Json HitJson(const SearchHit& hit, const StoredVersion& v, const ArticleHead& head, const Snippet& snippet) {
  Json j;
  j["id"] = hit.id;
  j["url"] = v.article.url;
  j["portal"] = hit.portal;
  j["press"] = StringOrNull(hit.press);
  j["title"] = v.article.title;
  j["published"] = TimeOrNull(hit.published);
  j["version"] = hit.version;
  j["versions"] = head.versions;
  j["matched_versions"] = hit.matched_versions;
  j["fetched_at"] = FormatRfc3339Kst(hit.fetched_at);
  j["deleted"] = v.info.change_class == ChangeClass::kDeleted;
  j["score"] = hit.weight;
  Json marks = Json::array();
  for (const Mark& m : snippet.marks) marks.push_back({m.begin, m.end});
  j["snippet"] = {{"text", snippet.text}, {"marks", marks}};
  return j;
}

int RunSearch(const Args& args, Io& io) {
  if (args.positionals().empty()) {
    io.err << "sinmun search: no QUERY given\nusage: sinmun " << Usage() << '\n';
    return kExitUsage;
  }
  Result<SearchQuery> q = QueryOf(args);
  if (!q.ok()) return Fail(io, q.status());
  if (AsksForNothing(*q)) {
    return Fail(io, Status::InvalidArgument("'" + q->text + "' has no word to search for: give a word, "
                                            "a \"phrase\", or a filter (--since, --until, --portal, "
                                            "--press, --source)"));
  }
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::unique_ptr<SearchReader>> index = OpenSearchIndex(args, **archive, io);
  if (!index.ok()) return Fail(io, index.status());
  ArchiveTexts texts(**archive);
  Result<SearchResults> results = (*index)->Search(*q, texts);
  if (!results.ok()) return Fail(io, results.status());

  const bool json = args.Has("json");
  Json hits = Json::array();
  Style style{io.color};
  int rank = 0;
  size_t missing = 0;  // hits the archive lacks that texts did not read
  for (const SearchHit& hit : results->hits) {
    // Title, URL and snippet come from the archive: the index keeps terms, not text. A hit
    // the index holds and this view of the archive does not yet is left out.
    Result<StoredVersion> v = texts.Version(hit.id, hit.version);
    if (!v.ok() && v.status().IsNotFound()) {
      if (!texts.IsMissing(hit.id, hit.version)) ++missing;
      continue;
    }
    if (!v.ok()) return Fail(io, v.status());
    Result<ArticleHead> head = (*archive)->Head(hit.id);
    if (!head.ok()) return Fail(io, head.status());
    Snippet snippet = MakeSnippet(v->article, results->highlight);
    if (json) {
      hits.push_back(HitJson(hit, *v, *head, snippet));
      continue;
    }
    ++rank;
    io.out << rank << ". " << style.Bold(v->article.title.empty() ? "(no title)" : v->article.title) << '\n';
    std::string line = hit.press.empty() ? hit.portal : hit.press;
    if (hit.published) line += " · " + FormatRfc3339Kst(*hit.published);
    line += " · " + hit.id + " · " + Plural(head->versions, "version");
    if (v->info.change_class == ChangeClass::kDeleted) {
      line += " · deleted " + FormatRfc3339Kst(v->info.fetched_at) + " (the text it had)";
    }
    if (q->all_versions) line += " · text in " + Versions(hit.matched_versions);
    io.out << "   " << style.Dim(line) << '\n';
    if (!snippet.text.empty()) io.out << "   " << Marked(snippet, io.color) << '\n';
  }
  TellMissingVersions(io, missing + texts.missing());
  if (json) {
    Json out;
    out["query"] = q->text;
    out["estimated_matches"] = results->estimated_matches;
    out["hits"] = std::move(hits);
    PrintJson(io.out, out, io.terminal);
  } else if (results->hits.empty()) {
    io.err << "no matches\n";
  }
  return kExitOk;
}

}  // namespace

void TellMissingVersions(Io& io, size_t missing) {
  if (missing == 0) return;
  io.err << "sinmun: " << missing << (missing == 1 ? " version" : " versions")
         << " the search index holds " << (missing == 1 ? "is" : "are")
         << " not in the archive and left out (recorded after this command read the archive, or the index "
            "disagrees with it: if this persists, run sinmun reindex)\n";
}

IndexDir SearchIndexDir(const Args& args) { return IndexDir(ArchiveDir(args) + "/search"); }

Result<std::unique_ptr<SearchReader>> OpenSearchIndex(const Args& args, Archive& archive, Io& io) {
  // The archive's count is read first: a daemon that records and indexes in between makes
  // the index look ahead, never behind.
  Result<uint64_t> versions = archive.VersionCount();
  if (!versions.ok()) return versions.status();
  bool older_layout = false;
  Result<std::unique_ptr<SearchReader>> index = OpenSearchReader(SearchIndexDir(args), &older_layout);
  if (!index.ok()) {
    if (index.status().IsNotFound()) {
      return Status::NotFound("no search index: sinmund builds it when it starts, or run sinmun reindex");
    }
    return index.status();
  }
  if (older_layout) {
    io.err << "sinmun: the search index was written by an older sinmun; sinmund replaces it in the "
              "background (or run sinmun reindex while it is stopped)\n";
  }
  Result<uint64_t> indexed = (*index)->IndexedVersions();
  if (!indexed.ok()) return indexed.status();
  if (*indexed < *versions) {
    io.err << "sinmun: " << (*versions - *indexed) << " of " << *versions
           << " versions are not in the search index yet and are left out (sinmund adds them; "
              "or run sinmun reindex while it is stopped)\n";
  }
  return index;
}

Command SearchCommand() {
  return {"search", Usage(),
          "full-text search (Korean bigrams): words AND, \"phrases\", -exclusions, OR; "
          "latest versions unless --all-versions",
          {{"since", true}, {"until", true}, {"portal", true}, {"source", true}, {"press", true},
           {"limit", true}, {"all-versions", false}, {"sort", true}, {"json", false}},
          RunSearch};
}

}  // namespace sinmun::cli
