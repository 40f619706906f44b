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
#include "capture/capture.h"
#include "capture/search_feed.h"

namespace sinmun::cli {
namespace {

// The usage line; the --portal values are the portal table's (PortalChoices).
std::string Usage() {
  return "reextract [--portal " + PortalChoices() +
         "] [--source NAME] [--since TIME] [--dry-run] [--json]";
}

struct Report {
  uint64_t checked = 0, corrected = 0, unchanged = 0, failed = 0, no_page = 0;
  Json changes = Json::array();
  Json failures = Json::array();
};

int RunReextract(const Args& args, Io& io) {
  if (!args.positionals().empty()) {
    io.err << "usage: sinmun " << Usage() << '\n';
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

  Result<std::unique_ptr<Archive>> opened = dry_run ? OpenForReading(args) : OpenExistingForWriting(args);
  if (!opened.ok()) return Fail(io, opened.status());
  Archive& archive = **opened;
  const Instant now = io.clock.Now();
  Report report;

  std::unique_ptr<SearchIndexFeed> index;
  if (!dry_run) index = std::make_unique<SearchIndexFeed>(archive, SearchIndexDir(args));
  Capture capture(archive, index.get());

  auto visit = [&](const StoredVersion& v, const ArticleHead& head) -> Status {
    if (v.info.change_class == ChangeClass::kDeleted) return Status::Ok();
    if (!source.empty() && v.article.source != source) return Status::Ok();
    const std::string& id = head.id;
    Result<Capture::Reextraction> r = capture.Reextract(v, head, now, dry_run);
    if (!r.ok() && r.status().IsNotFound()) {
      ++report.no_page;
      return Status::Ok();
    }
    ++report.checked;
    if (!r.ok()) {
      if (r.status().code() != Status::Code::kInvalidArgument) return r.status();
      ++report.failed;
      report.failures.push_back(Json{{"id", id}, {"version", v.info.number}, {"error", r.status().message()}});
      if (!json) io.out << "failed " << id << " v" << v.info.number << ": " << r.status().message() << '\n';
      return Status::Ok();
    }
    if (!r->changed || (!dry_run && r->version == 0)) {
      ++report.unchanged;
      return Status::Ok();
    }
    const uint32_t page = v.info.raw_version();
    Json entry{{"id", id}, {"from", page}, {"version", nullptr}, {"summary", r->summary}};
    if (!dry_run) entry["version"] = r->version;
    ++report.corrected;
    if (!json) {
      io.out << (dry_run ? "would correct " : "corrected ") << id << " v" << v.info.number;
      if (!dry_run) io.out << " → v" << r->version;
      io.out << ": " << r->summary << '\n';
    }
    report.changes.push_back(std::move(entry));
    return Status::Ok();
  };
  if (Status st = archive.ForEachVersion(q, visit); !st.ok()) return Fail(io, st);
  if (index) {
    if (Status s = index->Commit(); !s.ok()) io.err << "sinmun: search index: " << s.message() << '\n';
  }

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
  return {"reextract", Usage(),
          "re-read each article's stored page with today's extractors; record what differs as a "
          "re-extraction (not a publisher edit)",
          {{"portal", true}, {"source", true}, {"since", true}, {"dry-run", false}, {"json", false}},
          RunReextract};
}

}  // namespace sinmun::cli
