// sinmun reextract [--portal P] [--source S] [--since T] [--dry-run] [--json]:
// runs today's extractors over the stored page of each article's latest version and
// records what now reads differently as a corrected version of class "reextracted".
//
// Only the latest version of each live article is re-read: it is what the archive says
// the article is now, and a correction appended after it keeps every earlier version (the
// record of what was seen) untouched. Deleted articles are skipped (their latest version
// is the deletion), as are versions whose page was not kept. When the latest version is
// itself a re-extraction, the page it came from is read again. --since keeps articles
// whose latest version was fetched at or after T; --source, those recorded from that
// configured source.
//
// Writing needs the archive to itself: like ingest it refuses (exit 75) while sinmund
// holds it. --dry-run opens the archive read-only (so it also works while sinmund runs)
// and reports what would change without writing.
#include "cli/commands.h"
#include "cli/output.h"
#include "crawler/extract/extractor.h"
#include "storage/change_summary.h"
#include "storage/content.h"
#include "storage/diff.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage =
    "reextract [--portal daum|naver|web] [--source NAME] [--since TIME] [--dry-run] [--json]";

struct Report {
  uint64_t checked = 0, corrected = 0, unchanged = 0, failed = 0, no_page = 0;
  Json changes = Json::array();
  Json failures = Json::array();
};

int RunReextract(const Args& args, Io& io) {
  if (!args.positionals().empty()) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::optional<Instant>> since = args.GetTime("since");
  if (!since.ok()) return Fail(io, since.status());
  ExportQuery q;
  q.since = *since;
  Result<std::string> portal = PortalOption(args);
  if (!portal.ok()) return Fail(io, portal.status());
  q.portal = std::move(*portal);
  const std::string source = args.Get("source").value_or("");
  const bool dry_run = args.Has("dry-run");
  const bool json = args.Has("json");

  Result<std::unique_ptr<Archive>> opened = dry_run ? OpenForReading(args) : OpenForWriting(args);
  if (!opened.ok()) return Fail(io, opened.status());
  Archive& archive = **opened;
  const Instant now = io.clock.Now();
  Report report;

  auto visit = [&](const StoredVersion& v, const ArticleHead& head) -> Status {
    if (v.info.change_class == ChangeClass::kDeleted) return Status::Ok();
    if (!source.empty() && v.article.source != source) return Status::Ok();
    const std::string& id = head.id;
    const uint32_t page = v.info.raw_version();
    Result<std::string> raw = archive.Raw(id, page);
    if (!raw.ok()) {
      if (!raw.status().IsNotFound()) return raw.status();
      ++report.no_page;
      return Status::Ok();
    }
    ++report.checked;
    // The Content-Type and URL the page was fetched with.
    std::string content_type = v.content_type, url = v.article.url;
    if (page != v.info.number) {
      Result<StoredVersion> from = archive.Version(id, page);
      if (!from.ok()) return from.status();
      content_type = from->content_type;
      if (!from->article.url.empty()) url = from->article.url;
    }
    auto fail = [&](const std::string& error) {
      ++report.failed;
      report.failures.push_back(Json{{"id", id}, {"version", v.info.number}, {"error", error}});
      if (!json) io.out << "failed " << id << " v" << v.info.number << ": " << error << '\n';
      return Status::Ok();
    };
    Result<Article> extracted = ExtractArticle(Page{*raw, url.empty() ? head.url : url, content_type});
    if (!extracted.ok()) return fail("extraction fails now: " + extracted.status().message());
    if (extracted->id != id) return fail("the page now extracts as " + extracted->id);
    extracted->source = v.article.source;
    if (SameContent(v.article, *extracted)) {
      ++report.unchanged;
      return Status::Ok();
    }
    ArticleDiff diff = DiffArticles(v.article, *extracted);
    ChangeSummaryInput in;
    in.change_class = ChangeClass::kReextracted;
    in.before = &v.article;
    in.after = &*extracted;
    in.diff = &diff;
    in.reextracted_from = page;
    std::string summary = SummarizeChange(in);
    Json entry{{"id", id}, {"from", page}, {"version", nullptr}, {"summary", summary}};
    if (!dry_run) {
      Result<RecordResult> r = archive.RecordReextraction(id, page, std::move(*extracted), now);
      if (!r.ok()) return r.status();
      if (r->outcome == Outcome::kUnchanged) {
        ++report.unchanged;
        return Status::Ok();
      }
      entry["version"] = r->version;
    }
    ++report.corrected;
    if (!json) {
      io.out << (dry_run ? "would correct " : "corrected ") << id << " v" << v.info.number;
      if (!dry_run) io.out << " → v" << entry["version"].get<uint32_t>();
      io.out << ": " << summary << '\n';
    }
    report.changes.push_back(std::move(entry));
    return Status::Ok();
  };
  if (Status st = archive.ForEachVersion(q, visit); !st.ok()) return Fail(io, st);

  if (json) {
    Json out;
    out["dry_run"] = dry_run;
    out["checked"] = report.checked;
    out["corrected"] = report.corrected;
    out["unchanged"] = report.unchanged;
    out["failed"] = report.failed;
    out["no_page"] = report.no_page;
    out["changes"] = std::move(report.changes);
    out["failures"] = std::move(report.failures);
    PrintJson(io.out, out, io.terminal);
  } else {
    io.out << report.checked << " checked, " << report.corrected
           << (dry_run ? " would be corrected, " : " corrected, ") << report.unchanged
           << " unchanged, " << report.failed << " failed, " << report.no_page
           << " without a stored page\n";
  }
  return kExitOk;
}

}  // namespace

Command ReextractCommand() {
  return {"reextract", kUsage,
          "re-read each article's stored page with today's extractors; record what differs as a "
          "re-extraction (not a publisher edit)",
          {{"portal", true}, {"source", true}, {"since", true}, {"dry-run", false}, {"json", false}},
          RunReextract};
}

}  // namespace sinmun::cli
