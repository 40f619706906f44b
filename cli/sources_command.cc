// sinmun sources [--json]: each configured source's status as sinmund last kept it — why a
// source yields nothing, in one word (crawler/frontier/source_status.h) and one line.
#include "cli/commands.h"
#include "cli/output.h"
#include "common/time.h"
#include "crawler/frontier/source_status.h"

namespace sinmun::cli {
namespace {

std::string When(const std::optional<Instant>& t) { return t ? FormatRfc3339Kst(*t) : ""; }

Json ToJson(const SourceRecord& r) {
  Json j;
  j["name"] = r.name;
  j["type"] = r.type;
  j["url"] = r.url;
  j["status"] = SourceStateName(r.status.state);
  j["detail"] = r.status.detail;
  j["last_poll"] = r.status.last_poll ? Json(When(r.status.last_poll)) : Json(nullptr);
  j["next_poll"] = r.status.next_poll ? Json(When(r.status.next_poll)) : Json(nullptr);
  j["found_24h"] = r.status.found_24h;
  j["new_24h"] = r.status.new_24h;
  j["archived_24h"] = r.status.archived_24h;
  return j;
}

int RunSources(const Args& args, Io& io) {
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::map<std::string, std::string>> kept = (*archive)->LoadSourceRecords();
  if (!kept.ok()) return Fail(io, kept.status());
  std::vector<SourceRecord> records;
  for (const auto& [name, text] : *kept) {
    std::optional<SourceRecord> r = DecodeSourceRecord(text);
    if (!r) {
      io.err << "sinmun: the status of source " << name << " is unreadable; skipping it\n";
      continue;
    }
    records.push_back(std::move(*r));
  }
  if (args.Has("json")) {
    Json out = Json::array();
    for (const SourceRecord& r : records) out.push_back(ToJson(r));
    PrintJson(io.out, out, io.terminal);
    return kExitOk;
  }
  if (records.empty()) {
    io.out << "no source status kept: sinmund has not run on this archive with sources configured\n";
    return kExitOk;
  }
  Table table({"NAME", "TYPE", "STATUS", "FOUND 24H", "NEW 24H", "ARCHIVED 24H", "LAST POLL",
               "NEXT POLL"});
  for (const SourceRecord& r : records) {
    table.AddRow({r.name, r.type, std::string(SourceStateName(r.status.state)),
                  std::to_string(r.status.found_24h), std::to_string(r.status.new_24h),
                  std::to_string(r.status.archived_24h), When(r.status.last_poll),
                  When(r.status.next_poll)});
  }
  table.Print(io.out);
  for (const SourceRecord& r : records) {
    if (r.status.state == SourceState::kOk) continue;
    io.out << "\n" << r.name << " (" << r.url << "): " << SourceStateName(r.status.state);
    if (!r.status.detail.empty()) io.out << " — " << r.status.detail;
    io.out << '\n';
  }
  return kExitOk;
}

}  // namespace

Command SourcesCommand() {
  return {"sources", "sources [--json]",
          "each configured source's status (ok, robots-disallowed, unreachable, …) and its "
          "links found, new and archived over 24 hours",
          {{"json", false}},
          RunSources};
}

}  // namespace sinmun::cli
