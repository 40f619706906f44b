// sinmun verify [--json]: every reference resolves and every stored hash matches its text.
// Exit 0 only when nothing is damaged; otherwise 1, naming what is damaged.
#include "cli/commands.h"
#include "cli/output.h"

namespace sinmun::cli {
namespace {

int RunVerify(const Args& args, Io& io) {
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<VerifyReport> report = (*archive)->Verify();
  if (!report.ok()) return Fail(io, report.status());
  if (args.Has("json")) {
    Json j;
    j["ok"] = report->ok();
    j["articles"] = report->articles;
    j["versions"] = report->versions;
    j["blocks"] = report->blocks;
    j["problems"] = report->problems;
    PrintJson(io.out, j, io.terminal);
  } else {
    for (const std::string& p : report->problems) io.out << "damaged: " << p << '\n';
    io.out << (report->ok() ? "ok: " : "FAILED: ") << Plural(report->articles, "article") << ", "
           << Plural(report->versions, "version") << ", " << Plural(report->blocks, "block")
           << " checked";
    if (!report->ok()) io.out << ", " << Plural(report->problems.size(), "problem");
    io.out << '\n';
  }
  return report->ok() ? kExitOk : kExitFailure;
}

}  // namespace

Command VerifyCommand() {
  return {"verify", "verify [--json]",
          "check every reference and hash; exit 0 only when nothing is damaged",
          {{"json", false}}, RunVerify};
}

}  // namespace sinmun::cli
