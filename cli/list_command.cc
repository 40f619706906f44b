// sinmun list [--since T] [--until T] [--portal P] [--edited] [--limit N] [--json]
#include "cli/commands.h"
#include "cli/output.h"

namespace sinmun::cli {
namespace {

// The usage line; the --portal values are the portal table's (PortalChoices).
std::string Usage() {
  return "list [--since TIME] [--until TIME] [--portal " + PortalChoices() +
         "] [--edited] [--limit N] [--json]";
}

int RunList(const Args& args, Io& io) {
  if (!args.positionals().empty()) {
    io.err << "usage: sinmun " << Usage() << '\n';
    return kExitUsage;
  }
  ListQuery q;
  Result<Period> period = args.GetPeriod();
  if (!period.ok()) return Fail(io, period.status());
  Result<std::optional<long long>> limit = args.GetInt("limit", 1, 100'000'000);
  if (!limit.ok()) return Fail(io, limit.status());
  q.since = period->since;
  q.until = period->until;
  Result<std::string> portal = PortalOption(args);
  if (!portal.ok()) return Fail(io, portal.status());
  q.portal = std::move(*portal);
  q.edited_only = args.Has("edited");
  q.limit = static_cast<size_t>(limit->value_or(0));

  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::vector<ArticleHead>> heads = (*archive)->List(q);
  if (!heads.ok()) return Fail(io, heads.status());

  if (args.Has("json")) {
    Json out = Json::array();
    for (const ArticleHead& h : *heads) {
      Json j;
      j["id"] = h.id;
      j["url"] = h.url;
      j["portal"] = h.portal;
      j["press"] = StringOrNull(h.press);
      j["title"] = h.title;
      j["versions"] = h.versions;
      j["published"] = TimeOrNull(h.published);
      j["first_seen"] = FormatRfc3339Kst(h.first_seen);
      j["last_seen"] = FormatRfc3339Kst(h.last_seen);
      j["last_checked"] = FormatRfc3339Kst(h.last_checked);
      j["deleted"] = h.deleted;
      out.push_back(std::move(j));
    }
    PrintJson(io.out, out, io.terminal);
    return kExitOk;
  }
  Table table({"ID", "FIRST SEEN (KST)", "VER", "PRESS", "TITLE"});
  for (const ArticleHead& h : *heads) {
    std::string seen = FormatRfc3339Kst(h.first_seen).substr(0, 16);
    seen[10] = ' ';
    table.AddRow({h.id, seen, std::to_string(h.versions) + (h.deleted ? " ✗" : ""), h.press,
                  h.title});
  }
  table.Print(io.out);
  return kExitOk;
}

}  // namespace

Command ListCommand() {
  return {"list", Usage(), "articles first seen in a time range, newest first",
          {{"since", true}, {"until", true}, {"portal", true}, {"edited", false},
           {"limit", true}, {"json", false}},
          RunList};
}

}  // namespace sinmun::cli
