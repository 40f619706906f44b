// sinmun reindex: rebuilds the search index (<archive>/search) from every version in the
// archive. The new index is built beside the old one (search.new) and swapped in when
// complete, so readers see the old index or the new one, never half of one. Needs the
// archive to itself: refused (exit 75) while sinmund runs, since sinmund keeps the index.
#include <filesystem>
#include <ostream>

#include "cli/commands.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "reindex";
constexpr uint64_t kProgressEvery = 10'000;

int RunReindex(const Args& args, Io& io) {
  if (!args.positionals().empty()) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  namespace fs = std::filesystem;
  Result<std::unique_ptr<Archive>> archive = OpenForWriting(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<uint64_t> total = (*archive)->VersionCount();
  if (!total.ok()) return Fail(io, total.status());

  const fs::path dir = SearchIndexDir(args);
  const fs::path fresh = dir.string() + ".new", old = dir.string() + ".old";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  if (ec) return Fail(io, Status::IOError("cannot remove " + fresh.string() + ": " + ec.message()));
  uint64_t done = 0;
  {
    Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(fresh, SearchIndex::Mode::kReadWrite);
    if (!index.ok()) return Fail(io, index.status());
    ExportQuery all;
    all.all_versions = true;
    Status st = (*archive)->ForEachVersion(all, [&](const StoredVersion& v, const ArticleHead& head) {
      if (Status s = (*index)->Add(head.id, v.info.number, v.article, v.info.fetched_at); !s.ok()) return s;
      if (++done % kProgressEvery == 0) {
        io.err << "indexed " << done << " of " << *total << " versions\n" << std::flush;
      }
      return Status::Ok();
    });
    if (st.ok()) st = (*index)->Commit();
    if (!st.ok()) {
      index->reset();
      fs::remove_all(fresh, ec);
      return Fail(io, st);
    }
  }
  // Swap: search -> search.old, search.new -> search, drop search.old.
  fs::remove_all(old, ec);
  if (fs::exists(dir, ec)) {
    fs::rename(dir, old, ec);
    if (ec) return Fail(io, Status::IOError("cannot move " + dir.string() + " aside: " + ec.message()));
  }
  fs::rename(fresh, dir, ec);
  if (ec) return Fail(io, Status::IOError("cannot move the new index into " + dir.string() + ": " + ec.message()));
  fs::remove_all(old, ec);
  io.err << "indexed " << done << " versions into " << dir.string() << '\n';
  return kExitOk;
}

}  // namespace

Command ReindexCommand() {
  return {"reindex", kUsage,
          "rebuilds the search index from every version in the archive (not while sinmund runs)",
          {}, RunReindex};
}

}  // namespace sinmun::cli
