// sinmun ingest FILE --url URL [--fetched-at TIME] [--status 200|404|410]
//                  [--content-type TYPE]: records a saved page as one fetch.
#include <iostream>

#include "cli/commands.h"
#include "capture/capture.h"
#include "capture/search_feed.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage =
    "ingest FILE|- --url URL [--fetched-at TIME] [--status 200|404|410] [--content-type TYPE]";

// Versions are kept in fetch order (VersionAt, the changes index and the revisit ladder
// rely on it): a fetch dated before the article's latest fetch is refused, not recorded
// out of order. Ok for an article the archive does not hold.
Status CheckFetchOrder(Archive& archive, const Fetch& fetch) {
  Result<std::string> id = fetch.article ? Result<std::string>(fetch.article->id) : archive.Resolve(fetch.url);
  if (!id.ok()) return id.status().IsNotFound() ? Status::Ok() : id.status();
  Result<ArticleHead> head = archive.Head(*id);
  if (!head.ok()) return head.status().IsNotFound() ? Status::Ok() : head.status();
  if (fetch.fetched_at >= head->last_checked) return Status::Ok();
  return Status::InvalidArgument("--fetched-at " + FormatRfc3339Kst(fetch.fetched_at) + " is before " +
                                 *id + "'s latest fetch (" + FormatRfc3339Kst(head->last_checked) +
                                 "): versions are recorded in the order they were fetched");
}

int RunIngest(const Args& args, Io& io) {
  std::optional<std::string> url = args.Get("url");
  if (args.positionals().size() != 1 || !url) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::optional<Instant>> at = args.GetTime("fetched-at");
  if (!at.ok()) return Fail(io, at.status());
  Result<std::optional<long long>> status_arg = args.GetInt("status", 100, 599);
  if (!status_arg.ok()) return Fail(io, status_arg.status());
  int http_status = static_cast<int>(status_arg->value_or(200));
  if (http_status != 200 && http_status != 404 && http_status != 410) {
    return Fail(io, Status::InvalidArgument("--status must be 200, 404 or 410"));
  }

  Result<std::unique_ptr<Archive>> archive = OpenForWriting(args);
  if (!archive.ok()) return Fail(io, archive.status());
  FetchedPage page;
  page.url = *url;
  page.fetched_at = at->value_or(io.clock.Now());
  page.http_status = http_status;
  const std::string& path = args.positionals()[0];
  if (http_status == 200) {
    Result<std::string> bytes = ReadInput(path, io.in);
    if (!bytes.ok()) return Fail(io, bytes.status());
    page.body = std::move(*bytes);
    page.content_type = args.Get("content-type").value_or("");
  }
  SearchIndexFeed index(**archive, SearchIndexDir(args));
  Capture capture(**archive, &index);
  Capture::Read read = capture.ReadPage(std::move(page));
  if (read.verdict == Capture::Verdict::kUnusable) {
    return Fail(io, Status::InvalidArgument(read.error.message() + " (in " + path + ")"));
  }
  if (read.verdict == Capture::Verdict::kUnknown) {
    return Fail(io, Status::NotFound("no archived article under " + *url +
                                     ": a " + std::to_string(http_status) +
                                     " of an article never archived records nothing"));
  }
  if (Status s = CheckFetchOrder(**archive, read.fetch); !s.ok()) return Fail(io, s);
  Result<RecordResult> result = capture.Write(std::move(read), {});
  if (!result.ok()) return Fail(io, result.status());
  if (Status s = index.Commit(); !s.ok()) io.err << "sinmun: search index: " << s.message() << '\n';
  io.out << OutcomeName(result->outcome) << ' ' << result->id << " v" << result->version;
  if (result->outcome == Outcome::kChanged) {
    io.out << " (" << ChangeClassName(result->change_class) << ')';
  }
  io.out << '\n';
  return kExitOk;
}

}  // namespace

Command IngestCommand() {
  return {"ingest", kUsage, "record a saved page as a fetch of URL at a time (default: now)",
          {{"url", true}, {"fetched-at", true}, {"status", true}, {"content-type", true}},
          RunIngest};
}

}  // namespace sinmun::cli
