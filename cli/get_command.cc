// sinmun get ID|URL [--version N | --at TIME] [--json]: the article as it was.
#include <ostream>

#include "cli/commands.h"
#include "cli/output.h"
#include "common/article_json.h"
#include "storage/version_json.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "get ID|URL [--version N | --at TIME] [--json]";

void PrintArticle(std::ostream& out, const StoredVersion& v, uint32_t versions,
                  const Style& style) {
  const Article& a = v.article;
  out << style.Bold(a.title) << '\n';
  if (!a.subtitle.empty()) out << a.subtitle << '\n';
  std::string byline = a.press;
  if (!a.section.empty()) byline += (byline.empty() ? "" : " · ") + a.section;
  for (size_t i = 0; i < a.authors.size(); ++i) {
    byline += (i == 0 ? (byline.empty() ? "" : " · ") : ", ") + a.authors[i];
  }
  if (!byline.empty()) out << byline << '\n';
  std::string times;
  if (a.published) times += "published " + FormatRfc3339Kst(*a.published);
  if (a.modified) times += (times.empty() ? "" : " · ") + ("modified " + FormatRfc3339Kst(*a.modified));
  if (!times.empty()) out << times << '\n';
  out << style.Dim(a.id + " · version " + std::to_string(v.info.number) + " of " +
                   std::to_string(versions) + " (" +
                   std::string(ChangeClassName(v.info.change_class)) +
                   (v.info.reextracted_from != 0
                        ? " from v" + std::to_string(v.info.reextracted_from) + "'s page"
                        : "") +
                   ") · fetched " + FormatRfc3339Kst(v.info.fetched_at))
      << '\n';
  if (!a.url.empty()) out << style.Dim(a.url) << '\n';
  if (!a.origin_url.empty()) out << style.Dim("원문 " + a.origin_url) << '\n';
  for (const Block& b : a.blocks) {
    out << '\n';
    switch (b.type) {
      case BlockType::kSubheading: out << style.Bold("■ " + b.text) << '\n'; break;
      case BlockType::kImage:
        out << "[사진] " << b.text << (b.text.empty() ? "" : " ") << style.Dim("<" + b.src + ">")
            << '\n';
        break;
      case BlockType::kEmbed: out << "[embed] " << style.Dim(b.src) << ' ' << b.text << '\n'; break;
      default: out << b.text << '\n';
    }
  }
}

int RunGet(const Args& args, Io& io) {
  if (args.positionals().size() != 1) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  if (args.Has("version") && args.Has("at")) {
    io.err << "sinmun get: give --version or --at, not both\n";
    return kExitUsage;
  }
  Result<std::optional<long long>> number = args.GetInt("version", 1, UINT32_MAX);
  if (!number.ok()) return Fail(io, number.status());
  Result<std::optional<Instant>> at = args.GetTime("at");
  if (!at.ok()) return Fail(io, at.status());

  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::string> id = (*archive)->Resolve(args.positionals()[0]);
  if (!id.ok()) return Fail(io, id.status());
  Result<ArticleHead> head = (*archive)->Head(*id);
  if (!head.ok()) return Fail(io, head.status());

  Result<StoredVersion> version =
      *number ? (*archive)->Version(*id, static_cast<uint32_t>(**number))
      : *at   ? (*archive)->VersionAt(*id, **at)
              : (*archive)->Version(*id, head->versions);
  if (!version.ok()) return Fail(io, version.status());

  if (args.Has("json")) {
    PrintJson(io.out, VersionJson(*version, head->versions), io.terminal);
  } else {
    PrintArticle(io.out, *version, head->versions, Style{io.color});
  }
  return kExitOk;
}

}  // namespace

Command GetCommand() {
  return {"get", kUsage,
          "the article as it was: the latest version, version N, or the one current at TIME",
          {{"version", true}, {"at", true}, {"json", false}}, RunGet};
}

}  // namespace sinmun::cli
