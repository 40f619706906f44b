// sinmun ingest FILE --url URL [--fetched-at TIME] [--status 200|404|410]
//                  [--content-type TYPE]: records a saved page as one fetch.
#include <iostream>

#include "cli/commands.h"
#include "crawler/extract/extractor.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage =
    "ingest FILE|- --url URL [--fetched-at TIME] [--status 200|404|410] [--content-type TYPE]";

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

  Fetch fetch;
  fetch.url = *url;
  fetch.fetched_at = at->value_or(io.clock.Now());
  fetch.http_status = http_status;
  if (http_status == 200) {
    const std::string& path = args.positionals()[0];
    Result<std::string> bytes = ReadInput(path, io.in);
    if (!bytes.ok()) return Fail(io, bytes.status());
    Page page{*bytes, *url, args.Get("content-type").value_or("")};
    Result<Article> article = ExtractArticle(page);
    if (!article.ok()) {
      return Fail(io, Status::InvalidArgument(article.status().message() + " (in " + path + ")"));
    }
    fetch.article = std::move(*article);
    fetch.raw = std::move(*bytes);
    fetch.content_type = args.Get("content-type").value_or("");
  }

  Result<std::unique_ptr<Archive>> archive = OpenForWriting(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<RecordResult> result = (*archive)->Record(fetch);
  if (!result.ok()) return Fail(io, result.status());
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
