// sinmun stats [--json]: what the archive holds.
#include "cli/commands.h"
#include "cli/output.h"

namespace sinmun::cli {
namespace {

int RunStats(const Args& args, Io& io) {
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<ArchiveStats> stats = (*archive)->Stats();
  if (!stats.ok()) return Fail(io, stats.status());
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
    io.out << "\nWARNING source " << source << ": " << note << '\n';
  }
  return kExitOk;
}

}  // namespace

Command StatsCommand() {
  return {"stats", "stats [--json]",
          "articles, versions, blocks, fetches, bytes on disk, per portal", {{"json", false}},
          RunStats};
}

}  // namespace sinmun::cli
