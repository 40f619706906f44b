// sinmun changes [--since T] [--until T] [--class C[,C…]] [--portal P] [--limit N] [--json]:
// the edits the archive saw, newest first, from the changes index (a range scan over fetch
// times, storage/keys.h), each with a one-line summary of what changed.
//
// Without --class every class but "new" is listed (first sightings are not edits);
// --class all lists every class.
#include <sstream>

#include "cli/commands.h"
#include "cli/output.h"
#include "storage/version_json.h"

namespace sinmun::cli {
namespace {

// The usage line; the --portal values are the portal table's (PortalChoices).
std::string Usage() {
  return "changes [--since TIME] [--until TIME] "
         "[--class headline|body|byline|correction|minor|deleted|restored|reextracted|new|all[,…]] "
         "[--portal " + PortalChoices() + "] [--limit N] [--json]";
}

constexpr ChangeClass kAllClasses[] = {
    ChangeClass::kNew,   ChangeClass::kHeadline, ChangeClass::kBody,
    ChangeClass::kByline, ChangeClass::kCorrectionAppended, ChangeClass::kMinor,
    ChangeClass::kDeleted, ChangeClass::kRestored, ChangeClass::kReextracted};

Result<std::vector<ChangeClass>> ParseClasses(const std::optional<std::string>& arg) {
  std::vector<ChangeClass> out;
  if (!arg) {
    for (ChangeClass c : kAllClasses) {
      if (c != ChangeClass::kNew) out.push_back(c);
    }
    return out;
  }
  std::stringstream ss(*arg);
  std::string name;
  while (std::getline(ss, name, ',')) {
    if (name == "all") return std::vector<ChangeClass>();  // empty: every class
    std::optional<ChangeClass> c = ParseChangeClass(name);
    if (!c) {
      return Status::InvalidArgument("--class '" + name +
                                     "' is not one of new, headline, body, byline, correction, "
                                     "minor, deleted, restored, reextracted, all");
    }
    out.push_back(*c);
  }
  if (out.empty()) return Status::InvalidArgument("--class needs at least one class");
  return out;
}

int RunChanges(const Args& args, Io& io) {
  if (!args.positionals().empty()) {
    io.err << "usage: sinmun " << Usage() << '\n';
    return kExitUsage;
  }
  ChangesQuery q;
  Result<Period> period = args.GetPeriod();
  if (!period.ok()) return Fail(io, period.status());
  Result<std::optional<long long>> limit = args.GetInt("limit", 1, 100'000'000);
  if (!limit.ok()) return Fail(io, limit.status());
  Result<std::vector<ChangeClass>> classes = ParseClasses(args.Get("class"));
  if (!classes.ok()) return Fail(io, classes.status());
  q.since = period->since;
  q.until = period->until;
  q.classes = std::move(*classes);
  Result<std::string> portal = PortalOption(args);
  if (!portal.ok()) return Fail(io, portal.status());
  q.portal = std::move(*portal);
  q.limit = static_cast<size_t>(limit->value_or(0));

  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::vector<ChangeEntry>> changes = (*archive)->Changes(q);
  if (!changes.ok()) return Fail(io, changes.status());

  if (args.Has("json")) {
    Json out = Json::array();
    for (const ChangeEntry& c : *changes) out.push_back(ChangeJson(c));
    PrintJson(io.out, out, io.terminal);
    return kExitOk;
  }
  Table table({"FETCHED (KST)", "ID", "VER", "CHANGE", "SUMMARY"});
  for (const ChangeEntry& c : *changes) {
    std::string fetched = FormatRfc3339Kst(c.fetched_at).substr(0, 16);
    fetched[10] = ' ';
    table.AddRow({fetched, c.id, "v" + std::to_string(c.version),
                  std::string(ChangeClassName(c.change_class)), c.summary});
  }
  table.Print(io.out);
  return kExitOk;
}

}  // namespace

Command ChangesCommand() {
  return {"changes", Usage(),
          "the edits the archive saw, newest first, each with what changed (not first sightings "
          "unless --class new or all)",
          {{"since", true}, {"until", true}, {"class", true}, {"portal", true}, {"limit", true},
           {"json", false}},
          RunChanges};
}

}  // namespace sinmun::cli
