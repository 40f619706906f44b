// sinmun diff ID|URL [A [B]] [--json]: what changed between two versions.
//
// No version: the last two. One version N: what version N changed (N-1 → N). Two: A → B.
// Paragraphs are compared first; edited paragraphs are refined to words. On a terminal
// deletions are red and insertions green; piped, they are marked [-deleted-] and
// {+inserted+} (the wdiff convention), so the output stays readable in a file.
#include <charconv>
#include <map>

#include "cli/commands.h"
#include "cli/output.h"
#include "storage/diff.h"
#include "storage/version_json.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "diff ID|URL [A [B]] [--json]";

std::string RenderWords(const std::vector<WordOp>& words, const Style& style) {
  std::string out;
  for (const WordOp& w : words) {
    switch (w.kind) {
      case WordOp::Kind::kSame: out += w.text; break;
      case WordOp::Kind::kDeleted: out += style.color ? style.Red(w.text) : "[-" + w.text + "-]"; break;
      case WordOp::Kind::kInserted: out += style.color ? style.Green(w.text) : "{+" + w.text + "+}"; break;
    }
  }
  return out;
}

std::string BlockLabel(const Block& b) {
  return b.type == BlockType::kParagraph ? "paragraph" : std::string(BlockTypeName(b.type));
}

Result<uint32_t> ParseVersion(const std::string& s) {
  std::string_view v = s;
  if (!v.empty() && v.front() == 'v') v.remove_prefix(1);
  uint32_t n = 0;
  auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), n);
  if (ec != std::errc() || end != v.data() + v.size() || n == 0) {
    return Status::InvalidArgument("'" + s + "' is not a version number (1, 2, … or v1, v2, …)");
  }
  return n;
}

int RunDiff(const Args& args, Io& io) {
  const auto& pos = args.positionals();
  if (pos.empty() || pos.size() > 3) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::unique_ptr<Archive>> archive = OpenForReading(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<std::string> id = (*archive)->Resolve(pos[0]);
  if (!id.ok()) return Fail(io, id.status());
  Result<ArticleHead> head = (*archive)->Head(*id);
  if (!head.ok()) return Fail(io, head.status());

  uint32_t from = 0, to = 0;
  if (pos.size() == 1) {
    to = head->versions;
    from = to > 1 ? to - 1 : 1;
  } else {
    Result<uint32_t> a = ParseVersion(pos[1]);
    if (!a.ok()) return Fail(io, a.status());
    if (pos.size() == 2) {
      to = *a;
      from = to > 1 ? to - 1 : 1;
    } else {
      Result<uint32_t> b = ParseVersion(pos[2]);
      if (!b.ok()) return Fail(io, b.status());
      from = *a;
      to = *b;
    }
  }
  // `to` is read first: with one version given it is the one the user named, and a missing
  // one must be reported as such (not the one before it).
  Result<StoredVersion> after = (*archive)->Version(*id, to);
  if (!after.ok()) return Fail(io, after.status());
  Result<StoredVersion> before = (*archive)->Version(*id, from);
  if (!before.ok()) return Fail(io, before.status());
  ArticleDiff diff = DiffArticles(before->article, after->article);

  if (args.Has("json")) {
    PrintJson(io.out, DiffJson(*id, *before, *after, diff), io.terminal);
    return kExitOk;
  }

  Style style{io.color};
  io.out << style.Bold(*id + "  v" + std::to_string(from) + " → v" + std::to_string(to)) << "  ("
         << ChangeClassName(after->info.change_class) << ")\n";
  if (after->info.reextracted_from != 0) {
    io.out << style.Dim("v" + std::to_string(to) + " is a re-extraction of v" +
                        std::to_string(after->info.reextracted_from) +
                        "'s stored page by a newer extractor, not a publisher edit")
           << '\n';
  }
  io.out
         << style.Dim("fetched " + FormatRfc3339Kst(before->info.fetched_at) + " → " +
                      FormatRfc3339Kst(after->info.fetched_at))
         << '\n';
  if (from == to) {
    io.out << "(the same version)\n";
    return kExitOk;
  }
  if (diff.title_changed) {
    io.out << "\ntitle: " << RenderWords(MergeWordOps(diff.title_words), style) << '\n';
  }
  // People count paragraphs, not blocks: "paragraph 2" is the second paragraph, whatever
  // images stand before it.
  std::map<BlockType, int> seen_before, seen_after;
  for (const BlockChange& c : diff.blocks) {
    int index_before = c.before ? ++seen_before[c.before->type] : 0;
    int index_after = c.after ? ++seen_after[c.after->type] : 0;
    switch (c.kind) {
      case BlockChange::Kind::kSame: break;
      case BlockChange::Kind::kEdited:
        io.out << '\n' << style.Dim("~ " + BlockLabel(*c.after) + " " +
                                    std::to_string(index_after) + " edited")
               << '\n' << RenderWords(MergeWordOps(c.words), style) << '\n';
        break;
      case BlockChange::Kind::kAdded:
        io.out << '\n' << style.Dim("+ " + BlockLabel(*c.after) + " " +
                                    std::to_string(index_after) + " added")
               << '\n' << (style.color ? style.Green(BlockDisplayText(*c.after))
                                       : "{+" + BlockDisplayText(*c.after) + "+}")
               << '\n';
        break;
      case BlockChange::Kind::kRemoved:
        io.out << '\n' << style.Dim("- " + BlockLabel(*c.before) + " " +
                                    std::to_string(index_before) + " removed")
               << '\n' << (style.color ? style.Red(BlockDisplayText(*c.before))
                                       : "[-" + BlockDisplayText(*c.before) + "-]")
               << '\n';
        break;
    }
  }
  if (diff.authors_changed) {
    auto join = [](const std::vector<std::string>& v) {
      std::string s;
      for (const auto& a : v) s += (s.empty() ? "" : ", ") + a;
      return s.empty() ? std::string("(none)") : s;
    };
    io.out << "\nauthors: " << join(before->article.authors) << " → "
           << join(after->article.authors) << '\n';
  }
  io.out << '\n' << Plural(diff.added, "paragraph") << " added, " << diff.removed << " removed, "
         << diff.edited << " edited\n";
  return kExitOk;
}

}  // namespace

Command DiffCommand() {
  return {"diff", kUsage,
          "paragraph diff refined to words; default the last two versions, one N: N-1 → N",
          {{"json", false}}, RunDiff};
}

}  // namespace sinmun::cli
