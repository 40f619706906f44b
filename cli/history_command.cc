// sinmun history ID|URL [--json]: every version of an article.
#include "cli/commands.h"
#include "cli/output.h"
#include "storage/version_json.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "history ID|URL [--json]";

int RunHistory(const Args& args, Io& io) {
  if (args.positionals().size() != 1) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::string> id = (*archive)->Resolve(args.positionals()[0]);
  if (!id.ok()) return Fail(io, id.status());
  Result<std::vector<VersionInfo>> history = (*archive)->History(*id);
  if (!history.ok()) return Fail(io, history.status());

  if (args.Has("json")) {
    PrintJson(io.out, HistoryJson(*id, *history), io.terminal);
    return kExitOk;
  }
  io.out << *id << '\n';
  Table table({"VER", "FETCHED (KST)", "CHANGE", "+ADD", "-DEL", "~EDIT", "TITLE"});
  for (const VersionInfo& v : *history) {
    std::string fetched = FormatRfc3339Kst(v.fetched_at).substr(0, 19);
    fetched[10] = ' ';
    table.AddRow({"v" + std::to_string(v.number), fetched,
                  std::string(ChangeClassName(v.change_class)) +
                      (v.reextracted_from != 0 ? " (v" + std::to_string(v.reextracted_from) + ")" : ""),
                  std::to_string(v.added),
                  std::to_string(v.removed), std::to_string(v.edited), v.title});
  }
  table.Print(io.out);
  for (const VersionInfo& v : *history) {
    if (v.reextracted_from == 0) continue;
    io.out << "v" << v.number << ": re-extracted from v" << v.reextracted_from
           << "'s stored page by a newer extractor (not a publisher edit)\n";
  }
  return kExitOk;
}

}  // namespace

Command HistoryCommand() {
  return {"history", kUsage,
          "every version: number, fetch time, change class, paragraphs added/removed/edited, title",
          {{"json", false}}, RunHistory};
}

}  // namespace sinmun::cli
