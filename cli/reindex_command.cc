// sinmun reindex [--jobs N]: rebuilds the search index (<archive>/search) from every
// version in the archive. The new index is built beside the old one (search.new) and
// swapped in when complete, so readers see the old index or the new one, never half of one.
// Needs the archive to itself: refused (exit 75) while sinmund runs, since sinmund keeps
// the index.
//
// Indexing is CPU-bound (Xapian's inversion of each document), so with N jobs (default: the
// machine's cores, at most 8) this thread reads the archive and hands each version to one of
// N indexing threads, chosen by its article id so that each article's versions meet in the
// same shard (search.new.K); the shards are then merged and compacted into search.new (with
// one job too: a compacted index is smaller and faster to read than one built by appending).
#include <algorithm>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <functional>
#include <mutex>
#include <ostream>
#include <thread>

#include "cli/commands.h"

namespace sinmun::cli {
namespace {

constexpr const char* kUsage = "reindex [--jobs N]";
constexpr uint64_t kProgressEvery = 10'000;
constexpr size_t kQueueDepth = 64;  // versions waiting per indexing thread

namespace fs = std::filesystem;

struct Item {
  std::string id;
  uint32_t version;
  Article article;
  Instant fetched_at;
};

// One indexing thread and the versions waiting for it.
class Shard {
 public:
  explicit Shard(std::unique_ptr<SearchIndex> index) : index_(std::move(index)) {
    thread_ = std::thread([this] { Run(); });
  }
  ~Shard() { (void)Finish(); }

  // Waits while the queue is full. False once the thread has failed.
  bool Push(Item item) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return queue_.size() < kQueueDepth || !status_.ok(); });
    if (!status_.ok()) return false;
    queue_.push_back(std::move(item));
    ready_.notify_one();
    return true;
  }

  // Indexes what is queued, commits, and returns the first error.
  Status Finish() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
      ready_.notify_one();
    }
    if (thread_.joinable()) thread_.join();
    index_.reset();
    return status_;
  }

 private:
  void Run() {
    for (;;) {
      std::unique_lock lock(mu_);
      ready_.wait(lock, [&] { return !queue_.empty() || done_; });
      if (queue_.empty()) break;
      Item item = std::move(queue_.front());
      queue_.pop_front();
      room_.notify_one();
      lock.unlock();
      Status s = index_->Add(item.id, item.version, item.article, item.fetched_at);
      if (!s.ok()) return Fail(s);
    }
    if (Status s = index_->Commit(); !s.ok()) Fail(s);
  }
  void Fail(Status s) {
    std::lock_guard lock(mu_);
    status_ = std::move(s);
    room_.notify_all();
  }

  std::unique_ptr<SearchIndex> index_;
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<Item> queue_;
  bool done_ = false;
  Status status_;
  std::thread thread_;
};

// Removes the shard directories of `dir` (dir.0, dir.1, ...).
void RemoveShards(const fs::path& dir) {
  const std::string prefix = dir.filename().string() + ".";
  std::error_code ec;
  std::vector<fs::path> shards;
  for (const auto& e : fs::directory_iterator(dir.parent_path(), ec)) {
    const std::string name = e.path().filename().string();
    if (name.starts_with(prefix) && name.size() > prefix.size() &&
        name.find_first_not_of("0123456789", prefix.size()) == std::string::npos) {
      shards.push_back(e.path());
    }
  }
  for (const fs::path& p : shards) fs::remove_all(p, ec);
}

// Builds the index of every version in `archive` into `dir` with `jobs` threads.
Status Build(Archive& archive, const fs::path& dir, size_t jobs, uint64_t total, Io& io) {
  uint64_t done = 0;
  auto progress = [&] {
    if (++done % kProgressEvery == 0) {
      io.err << "indexed " << done << " of " << total << " versions\n" << std::flush;
    }
  };
  ExportQuery all;
  all.all_versions = true;
  std::vector<std::string> dirs;
  std::vector<std::unique_ptr<Shard>> shards;
  auto remove_shards = [&] {
    shards.clear();
    RemoveShards(dir);
  };
  RemoveShards(dir);  // what an interrupted run left, however many jobs it had
  for (size_t k = 0; k < jobs; ++k) {
    dirs.push_back(dir.string() + "." + std::to_string(k));
    Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(dirs.back(), SearchIndex::Mode::kReadWrite);
    if (!index.ok()) {
      remove_shards();
      return index.status();
    }
    shards.push_back(std::make_unique<Shard>(std::move(*index)));
  }
  Status st = archive.ForEachVersion(all, [&](const StoredVersion& v, const ArticleHead& head) {
    Shard& shard = *shards[std::hash<std::string>{}(head.id) % shards.size()];
    if (!shard.Push({head.id, v.info.number, v.article, v.info.fetched_at})) {
      return Status::IOError("an indexing thread failed");  // its own error is returned below
    }
    progress();
    return Status::Ok();
  });
  for (auto& shard : shards) {
    if (Status s = shard->Finish(); !s.ok()) st = s;
  }
  if (st.ok()) {
    io.err << (jobs == 1 ? "compacting the index\n" : "merging " + std::to_string(jobs) + " shards\n")
           << std::flush;
    st = SearchIndex::Merge(dirs, dir.string());
  }
  remove_shards();
  return st;
}

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
  Result<std::unique_ptr<Archive>> archive = OpenForWriting(args);
  if (!archive.ok()) return Fail(io, archive.status());
  Result<uint64_t> total = (*archive)->VersionCount();
  if (!total.ok()) return Fail(io, total.status());

  const fs::path dir = SearchIndexDir(args);
  const fs::path fresh = dir.string() + ".new", old = dir.string() + ".old";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  if (ec) return Fail(io, Status::IOError("cannot remove " + fresh.string() + ": " + ec.message()));
  Status built;
  try {
    built = Build(**archive, fresh, jobs, *total, io);
  } catch (const std::exception& e) {  // a thread that cannot start, memory
    built = Status::IOError(std::string("rebuilding the search index: ") + e.what());
    RemoveShards(fresh);
  }
  if (Status st = built; !st.ok()) {
    fs::remove_all(fresh, ec);
    return Fail(io, st);
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
  io.err << "indexed " << *total << " versions into " << dir.string() << '\n';
  return kExitOk;
}

}  // namespace

Command ReindexCommand() {
  return {"reindex", kUsage,
          "rebuilds the search index from the archive on N threads (not while sinmund runs)",
          {{"jobs", true}}, RunReindex};
}

}  // namespace sinmun::cli
