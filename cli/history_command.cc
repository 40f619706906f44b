// sinmun history ID|URL [--json]: every version of an article, and its revisit as sinmund's
// schedule in the archive keeps it: when it is visited next, or why it is held back (robots.txt
// disallows its URL now: held until those rules are read again), or that none is scheduled.
#include "cli/commands.h"
#include "cli/output.h"
#include "crawler/frontier/task.h"
#include "storage/version_json.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "history ID|URL [--json]";

// The article's task in the schedule: it is kept under the URL sinmund fetches, which is
// the head's URL or the URL the latest version was fetched from.
Result<std::optional<Task>> RevisitOf(Archive& archive, const std::string& id, const std::vector<VersionInfo>& history) {
  std::vector<std::string> urls;
  Result<ArticleHead> head = archive.Head(id);
  if (!head.ok()) return head.status();
  urls.push_back(head->url);
  if (!history.empty()) {
    Result<StoredVersion> latest = archive.Version(id, history.back().number);
    if (!latest.ok()) return latest.status();
    urls.push_back(latest->fetched_url);
    urls.push_back(latest->article.url);
  }
  for (const std::string& url : urls) {
    if (url.empty()) continue;
    Result<std::optional<std::string>> entry = archive.ScheduleEntry(url);
    if (!entry.ok()) return entry.status();
    if (!*entry) continue;
    std::optional<Task> task = DecodeTask(**entry);
    if (task && task->kind == TaskKind::kArticle) return task;
  }
  return std::optional<Task>();
}

std::string Kst(Instant t) {
  std::string s = FormatRfc3339Kst(t).substr(0, 16);
  s[10] = ' ';
  return s + " (KST)";
}

int RunHistory(const Args& args, Io& io) {
  if (args.positionals().size() != 1) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  const std::string& asked = args.positionals()[0];
  Result<std::string> id = (*archive)->Resolve(asked);
  Result<std::vector<VersionInfo>> history = std::vector<VersionInfo>();
  Result<std::optional<Task>> revisit = std::optional<Task>();
  if (id.ok()) {
    history = (*archive)->History(*id);
    if (!history.ok()) return Fail(io, history.status());
    revisit = RevisitOf(**archive, *id, *history);
  } else if (id.status().IsNotFound()) {
    // A URL sinmund knows but has no version of yet (robots.txt held it before its first
    // fetch): the schedule still says why.
    Result<std::optional<std::string>> entry = (*archive)->ScheduleEntry(asked);
    if (!entry.ok()) return Fail(io, entry.status());
    std::optional<Task> task = *entry ? DecodeTask(**entry) : std::nullopt;
    if (!task || task->kind != TaskKind::kArticle) return Fail(io, id.status());
    revisit = task;
  } else {
    return Fail(io, id.status());
  }
  if (!revisit.ok()) return Fail(io, revisit.status());

  if (args.Has("json")) {
    Json j = HistoryJson(id.ok() ? *id : "", *history);
    if (!id.ok()) j["id"] = nullptr;
    j["revisit"] = *revisit ? Json{{"url", (*revisit)->url},
                                   {"due", FormatRfc3339Kst((*revisit)->due)},
                                   {"held", (*revisit)->held.empty() ? Json(nullptr) : Json((*revisit)->held)}}
                            : Json(nullptr);
    PrintJson(io.out, j, io.terminal);
    return kExitOk;
  }
  if (!id.ok()) {
    io.out << asked << "\nno version archived yet\n";
  } else {
    io.out << *id << '\n';
  }
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
  if (!history->empty()) table.Print(io.out);
  for (const VersionInfo& v : *history) {
    if (v.reextracted_from == 0) continue;
    io.out << "v" << v.number << ": re-extracted from v" << v.reextracted_from
           << "'s stored page by a newer extractor (not a publisher edit)\n";
  }
  if (!*revisit) {
    io.out << "revisit: none scheduled (its revisits have ended, or sinmund never fetched it)\n";
  } else if (!(*revisit)->held.empty()) {
    io.out << "revisit: held, " << (*revisit)->held << "; robots.txt is read again at "
           << Kst((*revisit)->due) << '\n';
  } else {
    io.out << "revisit: next visit at " << Kst((*revisit)->due) << '\n';
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
