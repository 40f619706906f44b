// sinmun extract FILE|- [--url URL] [--content-type TYPE]: the article in a saved page, as
// JSON, storing nothing.
#include "cli/commands.h"
#include "cli/output.h"
#include "common/article_json.h"
#include "capture/capture.h"

namespace sinmun::cli {
namespace {

int RunExtract(const Args& args, Io& io) {
  if (args.positionals().size() != 1) {
    io.err << "usage: sinmun extract FILE|- [--url URL] [--content-type TYPE]\n";
    return kExitUsage;
  }
  const std::string& path = args.positionals()[0];
  Result<std::string> bytes = ReadInput(path, io.in);
  if (!bytes.ok()) return Fail(io, bytes.status());
  Result<Article> article =
      ExtractPage(*bytes, args.Get("url").value_or(""), args.Get("content-type").value_or(""));
  if (!article.ok()) {
    return Fail(io, Status::InvalidArgument(article.status().message() + " (in " +
                                            (path == "-" ? "standard input" : path) + ")"));
  }
  PrintJson(io.out, ArticleToJson(*article), io.terminal);
  return kExitOk;
}

}  // namespace

Command ExtractCommand() {
  return {"extract", "extract FILE|- [--url URL] [--content-type TYPE]",
          "print the article in a saved page as JSON; stores nothing",
          {{"url", true}, {"content-type", true}}, RunExtract};
}

}  // namespace sinmun::cli
