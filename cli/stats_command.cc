// sinmun stats [--json]: what the archive holds.
// sinmun stats --edits [--since T] [--until T] [--portal P] [--by press|source] [--json]: how
// often, how soon and how each outlet edited the articles first seen in the period
// (storage/edit_stats.h; the reading room's statistics page shows the same numbers).
#include <algorithm>
#include <cstdio>
#include <map>

#include "cli/commands.h"
#include "cli/output.h"
#include "crawler/frontier/source_status.h"
#include "storage/edit_stats.h"

namespace sinmun::cli {
namespace {

// The usage line; the --portal values are the portal table's (PortalChoices).
std::string Usage() {
  return "stats [--json] | stats --edits [--since TIME] [--until TIME] [--portal " +
         PortalChoices() + "] [--by press|source] [--json]";
}

std::string Pct(uint64_t part, uint64_t whole) {
  if (whole == 0) return "-";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.1f%%", 100.0 * double(part) / double(whole));
  return buf;
}

std::string Duration(const std::optional<std::chrono::seconds>& d) {
  if (!d) return "-";
  const long long s = d->count();
  if (s < 3600) return std::to_string(s / 60) + "m";
  if (s < 86400) return std::to_string(s / 3600) + "h" + std::to_string(s % 3600 / 60) + "m";
  return std::to_string(s / 86400) + "d" + std::to_string(s % 86400 / 3600) + "h";
}

void AddRow(Table& table, const std::string& name, const EditCounts& c) {
  char per[32];
  std::snprintf(per, sizeof per, "%.2f", c.edits_per_article());
  table.AddRow({name, std::to_string(c.articles), Pct(c.edited, c.articles), per,
                Pct(c.articles_headline, c.articles), Pct(c.articles_corrected, c.articles),
                Pct(c.articles_deleted, c.articles), Duration(c.median_delay),
                Duration(c.p90_delay)});
}

int RunEditStats(const Args& args, Io& io) {
  Result<Period> period = args.GetPeriod();
  if (!period.ok()) return Fail(io, period.status());
  Result<std::string> portal = PortalOption(args);
  if (!portal.ok()) return Fail(io, portal.status());
  const std::string by = args.Get("by").value_or("press");
  if (by != "press" && by != "source") {
    return Fail(io, Status::InvalidArgument("--by must be press or source"));
  }
  // Whole KST days; by default the 30 up to the end of today (storage/edit_stats.h).
  EditStatsQuery q = EditStatsPeriod(io.clock.Now(), period->since, period->until);
  q.portal = *portal;
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<EditStats> stats = ComputeEditStats(**archive, q);
  if (!stats.ok()) return Fail(io, stats.status());
  if (args.Has("json")) {
    PrintJson(io.out, EditStatsJson(*stats), io.terminal);
    return kExitOk;
  }
  io.out << "articles first seen " << FormatRfc3339Kst(*q.since) << " – "
         << FormatRfc3339Kst(*q.until) << "; re-extractions are not edits\n\n";
  Table table({by == "press" ? "PRESS" : "SOURCE", "ARTICLES", "EDITED", "EDITS/ART", "HEADLINE",
               "CORRECTED", "DELETED", "MEDIAN", "P90"});
  const auto& groups = by == "press" ? stats->by_press : stats->by_source;
  std::vector<std::pair<std::string, const EditCounts*>> order;
  for (const auto& [name, c] : groups) order.emplace_back(name, &c);
  std::stable_sort(order.begin(), order.end(),
                   [](const auto& a, const auto& b) { return a.second->articles > b.second->articles; });
  for (const auto& [name, c] : order) AddRow(table, name.empty() ? "(unknown)" : name, *c);
  AddRow(table, "all", stats->total);
  table.Print(io.out);
  io.out << "\nMEDIAN, P90: time from publication (first sight without one) to each edit\n";
  return kExitOk;
}

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
  if (args.Has("edits")) return RunEditStats(args, io);
  for (const char* option : {"since", "until", "portal", "by"}) {
    if (args.Has(option)) {
      return Fail(io, Status::InvalidArgument(std::string("--") + option + " needs --edits"));
    }
  }
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
  return {"stats", Usage(),
          "articles, versions, blocks, fetches, bytes on disk, per portal; --edits: how often, "
          "how soon and how each outlet edits",
          {{"json", false}, {"edits", false}, {"since", true}, {"until", true}, {"portal", true},
           {"by", true}},
          RunStats};
}

}  // namespace sinmun::cli
