// sinmun related ID|URL [--json]: the other archived articles that carry the same story,
// earliest first seen first (storage/related.h; the reading room's article page shares it).
#include <ostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "storage/related.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "related ID|URL [--json]";

int RunRelated(const Args& args, Io& io) {
  if (args.positionals().size() != 1) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::string> id = (*archive)->Resolve(args.positionals()[0]);
  if (!id.ok()) return Fail(io, id.status());
  Result<std::unique_ptr<SearchReader>> index = OpenSearchIndex(args, **archive, io);
  if (!index.ok()) return Fail(io, index.status());
  Result<RelatedReport> report = FindRelated(**archive, **index, *id);
  if (!report.ok()) return Fail(io, report.status());
  TellMissingVersions(io, report->missing);
  if (args.Has("json")) {
    PrintJson(io.out, RelatedJson(*report), io.terminal);
    return kExitOk;
  }
  const ArticleHead* head = &report->head;
  const std::vector<RelatedArticle>& order = report->related;
  if (order.empty()) {
    io.err << "no related articles in the archive\n";
    return kExitOk;
  }
  // The article itself stands in the timeline, marked, so "who was first" reads off the list.
  Table table({"FIRST SEEN (KST)", "SHARED", "RELATION", "ID", "PRESS", "TITLE"});
  auto seen = [](Instant t) {
    std::string s = FormatRfc3339Kst(t).substr(0, 16);
    s[10] = ' ';
    return s;
  };
  bool placed = false;
  auto self_row = [&]() {
    table.AddRow({seen(head->first_seen), "-", "▶ this", *id, head->press, head->title});
    placed = true;
  };
  for (const RelatedArticle& r : order) {
    if (!placed && head->first_seen < r.head.first_seen) self_row();
    std::string relations;
    for (const std::string& rel : r.relations) relations += (relations.empty() ? "" : ", ") + rel;
    std::string pct = std::to_string(static_cast<int>(r.share * 100 + 0.5)) + "%";
    table.AddRow({seen(r.head.first_seen), pct, relations, r.head.id, r.head.press, r.head.title});
  }
  if (!placed) self_row();
  table.Print(io.out);
  return kExitOk;
}

}  // namespace

Command RelatedCommand() {
  return {"related", kUsage,
          "other articles carrying the same story (origin link, copies, shared paragraphs), "
          "earliest first",
          {{"json", false}}, RunRelated};
}

}  // namespace sinmun::cli
