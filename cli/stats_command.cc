// sinmun stats [--json]: what the archive holds.
#include "cli/commands.h"
#include "cli/output.h"
#include "crawler/frontier/source_status.h"

namespace sinmun::cli {
namespace {

// Sources whose last kept status is not ok: name -> "status: detail".
std::map<std::string, std::string> SourcesNotOk(Archive& archive) {
  std::map<std::string, std::string> out;
  Result<std::map<std::string, std::string>> kept = archive.LoadSourceRecords();
  if (!kept.ok()) return out;
  for (const auto& [name, text] : *kept) {
    std::optional<SourceRecord> r = DecodeSourceRecord(text);
    if (!r || r->status.state == SourceState::kOk) continue;
    out[name] = std::string(SourceStateName(r->status.state)) +
                (r->status.detail.empty() ? "" : ": " + r->status.detail);
  }
  return out;
}

int RunStats(const Args& args, Io& io) {
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<ArchiveStats> stats = (*archive)->Stats();
  if (!stats.ok()) return Fail(io, stats.status());
  const std::map<std::string, std::string> not_ok = SourcesNotOk(**archive);
  if (args.Has("json")) {
    Json j;
    j["articles"] = stats->articles;
    j["versions"] = stats->versions;
    j["blocks"] = stats->blocks;
    j["fetches"] = stats->fetches;
    j["bytes_on_disk"] = stats->bytes_on_disk;
    Json portals = Json::object();
    for (const auto& [name, p] : stats->per_portal) {
      portals[name] = Json{{"articles", p.articles}, {"versions", p.versions}};
    }
    j["portals"] = std::move(portals);
    j["unhealthy_sources"] = stats->unhealthy_sources;
    j["sources_not_ok"] = not_ok;
    PrintJson(io.out, j, io.terminal);
    return kExitOk;
  }
  io.out << "archive   " << ArchiveDir(args) << '\n'
         << "articles  " << stats->articles << '\n'
         << "versions  " << stats->versions << '\n'
         << "blocks    " << stats->blocks << '\n'
         << "fetches   " << stats->fetches << '\n'
         << "on disk   " << stats->bytes_on_disk << " bytes\n";
  if (!stats->per_portal.empty()) {
    io.out << '\n';
    Table table({"PORTAL", "ARTICLES", "VERSIONS"});
    for (const auto& [name, p] : stats->per_portal) {
      table.AddRow({name, std::to_string(p.articles), std::to_string(p.versions)});
    }
    table.Print(io.out);
  }
  for (const auto& [source, note] : stats->unhealthy_sources) {
    if (!not_ok.contains(source)) io.out << "\nWARNING source " << source << ": " << note << '\n';
  }
  for (const auto& [source, what] : not_ok) io.out << "\nWARNING source " << source << ": " << what << '\n';
  return kExitOk;
}

}  // namespace

Command StatsCommand() {
  return {"stats", "stats [--json]",
          "articles, versions, blocks, fetches, bytes on disk, per portal", {{"json", false}},
          RunStats};
}

}  // namespace sinmun::cli
