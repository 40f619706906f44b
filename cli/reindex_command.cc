// sinmun reindex [--jobs N]: rebuilds the search index (<archive>/search) from every
// version in the archive.
//
// With sinmund stopped, the new index is built here (storage/search/rebuild.h: the archive
// read on this thread, versions tokenized on N threads, default one per core, at most 8),
// compacted, and made current (storage/search/index_dir.h), so readers see the old index or
// the new one, never half of one.
//
// While sinmund runs it holds the archive, and keeps the index itself: this command then
// leaves a request in the index's directory (IndexDir::RequestRebuild), which sinmund picks
// up within seconds to rebuild in the background and switch to the new index when done;
// search keeps answering from the current one meanwhile.
#include <algorithm>
#include <ostream>
#include <thread>

#include "cli/commands.h"
#include "storage/search/rebuild.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "reindex [--jobs N]";

int RunReindex(const Args& args, Io& io) {
  if (!args.positionals().empty()) {
    io.err << "usage: sinmun " << kUsage << '\n';
    return kExitUsage;
  }
  Result<std::optional<long long>> jobs_option = args.GetInt("jobs", 1, 64);
  if (!jobs_option.ok()) return Fail(io, jobs_option.status());
  const size_t jobs = jobs_option->has_value()
                          ? static_cast<size_t>(**jobs_option)
                          : std::clamp<size_t>(std::thread::hardware_concurrency(), 1, 8);
  const IndexDir dir = SearchIndexDir(args);
  Result<std::unique_ptr<Archive>> archive = OpenExistingForWriting(args);
  if (!archive.ok() && archive.status().IsBusy()) {
    if (Status s = dir.RequestRebuild(); !s.ok()) return Fail(io, s);
    io.err << "sinmund is running: it rebuilds the search index in the background and switches to "
              "the new one when it is complete (see its log); search answers from the current index "
              "meanwhile\n";
    return kExitOk;
  }
  if (!archive.ok()) return Fail(io, archive.status());
  Result<uint64_t> total = (*archive)->VersionCount();
  if (!total.ok()) return Fail(io, total.status());

  dir.RemoveStale();  // what an interrupted rebuild left
  Result<std::string> path = dir.NewIndexPath();
  if (!path.ok()) return Fail(io, path.status());
  RebuildOptions options;
  options.jobs = jobs;
  options.progress = [&](uint64_t done) {
    io.err << "indexed " << done << " of " << *total << " versions\n" << std::flush;
  };
  Result<RebuildResult> built = Rebuild(**archive, *path, options);
  if (!built.ok()) return Fail(io, built.status());
  if (Status s = dir.Install(*path); !s.ok()) return Fail(io, s);
  dir.ClearRebuildRequest();
  io.err << "indexed " << built->versions << " versions into " << *path << '\n';
  return kExitOk;
}

}  // namespace

Command ReindexCommand() {
  return {"reindex", kUsage,
          "rebuilds the search index from the archive on N threads (while sinmund runs: asks it to, "
          "in the background)",
          {{"jobs", true}}, RunReindex};
}

}  // namespace sinmun::cli
