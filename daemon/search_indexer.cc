#include "daemon/search_indexer.h"

#include <optional>
#include <sys/resource.h>
#include <unistd.h>

#include <spdlog/spdlog.h>

#include "storage/search/catch_up.h"
#include "storage/search/rebuild.h"

namespace sinmun {
namespace {

using Clock = std::chrono::steady_clock;

// A failed rebuild that left sinmund without a usable index is tried again after this.
constexpr std::chrono::minutes kRetryRebuildAfter{5};
// Pages of work per upkeep step (SearchIndex::Maintain): a few tenths of a second.
constexpr int kUpkeepPages = 1000;
constexpr uint64_t kRebuildProgressEvery = 100'000;

// Background work yields the CPU to the crawl.
void LowerPriority() { (void)setpriority(PRIO_PROCESS, static_cast<id_t>(gettid()), 10); }

}  // namespace

// The worker thread's state: the current index, a rebuild in progress, the clocks of its
// periodic work. Used by the worker thread only (the rebuild thread touches the atomics and,
// before setting done_, its own result fields).
class SearchIndexer::Worker {
 public:
  Worker(SearchIndexer& owner, Archive& archive, IndexDir dir)
      : owner_(owner), archive_(archive), dir_(std::move(dir)) {}
  ~Worker() { StopRebuild(); }

  void Run();

 private:
  struct Rebuilding {
    std::thread thread;
    std::string path;
    std::atomic<bool> done{false}, stop{false};
    Status status;      // set by the thread before done
    uint64_t versions = 0;
    bool requested = false;  // `sinmun reindex` asked for it: its request is cleared when it ends
  };

  void Open();
  void StartRebuild(const std::string& why);
  void FinishRebuild();
  void StopRebuild();
  void Index(const std::string& id, uint32_t version);
  void Commit();
  void CatchUpNow();
  void CheckGap();
  bool OutOfTime() const;
  // A rebuild failed or could not start, and its retry is not due yet at `now`: nothing else
  // starts one meanwhile (a request, a damaged index), so that a lasting fault (a full disk)
  // costs one rebuild per kRetryRebuildAfter, not one after another.
  bool Waiting(Clock::time_point now) const {
    return retry_rebuild_at_ != Clock::time_point::max() && now < retry_rebuild_at_;
  }
  // One step of periodic work; true when it did something (look again at once).
  bool Periodic(bool idle);

  SearchIndexer& owner_;
  Archive& archive_;
  IndexDir dir_;
  std::unique_ptr<SearchIndex> index_;  // null while there is no writable index of this layout
  std::unique_ptr<Rebuilding> rebuild_;
  bool dirty_ = false;
  Clock::time_point last_commit_ = Clock::now(), last_request_check_{}, last_gap_check_{};  // checked when first idle
  Clock::time_point retry_rebuild_at_ = Clock::time_point::max();
  uint64_t archived_at_last_check_ = 0;
  bool told_excess_ = false;
};

void SearchIndexer::Worker::Open() {
  Result<IndexDir::State> state = dir_.Read();
  if (!state.ok()) return StartRebuild(state.status().message());
  if (state->kind == IndexDir::Kind::kNone) return StartRebuild("there is no search index");
  if (state->kind == IndexDir::Kind::kXapian) return StartRebuild("the search index is of an older layout (Xapian)");
  Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(state->path, SearchIndex::Mode::kReadWrite);
  if (!index.ok()) return StartRebuild(index.status().message());
  index_ = std::move(*index);
  dir_.RemoveStale();
}

void SearchIndexer::Worker::StartRebuild(const std::string& why) {
  if (rebuild_ || Waiting(Clock::now())) return;
  Result<std::string> path = dir_.NewIndexPath();
  if (!path.ok()) {
    spdlog::error("search index: cannot rebuild ({}): {}", why, path.status().message());
    retry_rebuild_at_ = Clock::now() + kRetryRebuildAfter;
    return;
  }
  dir_.RemoveStale();
  spdlog::info("search index: {}; building a new one in the background ({})", why, *path);
  rebuild_ = std::make_unique<Rebuilding>();
  rebuild_->path = *path;
  Rebuilding* r = rebuild_.get();
  r->thread = std::thread([this, r] {
    LowerPriority();
    RebuildOptions options;
    options.jobs = owner_.options_.rebuild_jobs;
    options.stop = [r] { return r->stop.load(); };
    options.on_thread_start = LowerPriority;
    options.progress_every = kRebuildProgressEvery;
    options.progress = [](uint64_t n) { spdlog::info("search index: rebuild has read {} versions", n); };
    Result<RebuildResult> built = Rebuild(archive_, r->path, options);
    r->status = built.ok() ? Status::Ok() : built.status();
    r->versions = built.ok() ? built->versions : 0;
    r->done = true;
    owner_.cv_.notify_one();
  });
}

void SearchIndexer::Worker::FinishRebuild() {
  rebuild_->thread.join();
  std::unique_ptr<Rebuilding> r = std::move(rebuild_);
  if (!r->status.ok()) {
    if (r->requested) dir_.ClearRebuildRequest();  // not tried again and again: said here
    spdlog::error("search index: rebuild failed: {}", r->status.message());
    retry_rebuild_at_ = index_ ? Clock::time_point::max() : Clock::now() + kRetryRebuildAfter;
    return;
  }
  Result<std::unique_ptr<SearchIndex>> fresh = SearchIndex::Open(r->path, SearchIndex::Mode::kReadWrite);
  if (!fresh.ok()) {
    if (r->requested) dir_.ClearRebuildRequest();
    spdlog::error("search index: cannot open the rebuilt index: {}", fresh.status().message());
    retry_rebuild_at_ = index_ ? Clock::time_point::max() : Clock::now() + kRetryRebuildAfter;
    return;
  }
  // What was recorded since the rebuild's snapshot.
  Result<CatchUpResult> caught = CatchUp(archive_, **fresh, [this] { return OutOfTime(); });
  if (!caught.ok()) {
    if (r->requested) dir_.ClearRebuildRequest();
    spdlog::error("search index: catching up the rebuilt index: {}", caught.status().message());
    retry_rebuild_at_ = index_ ? Clock::time_point::max() : Clock::now() + kRetryRebuildAfter;
    return;  // the file is left for RemoveStale
  }
  if (caught->stopped) return;  // stopping: the file is left for RemoveStale; the next start rebuilds
  Commit();
  index_.reset();
  if (Status s = dir_.Install(r->path); !s.ok()) {
    if (r->requested) dir_.ClearRebuildRequest();
    spdlog::error("search index: cannot switch to the rebuilt index: {}", s.message());
    // Not at once again (a full disk, say): the current index, if it opens, goes on; if
    // none does, the rebuild is retried later.
    retry_rebuild_at_ = Clock::now() + kRetryRebuildAfter;
    Open();
    if (index_) retry_rebuild_at_ = Clock::time_point::max();
    return;
  }
  index_ = std::move(*fresh);
  if (r->requested) dir_.ClearRebuildRequest();
  retry_rebuild_at_ = Clock::time_point::max();
  spdlog::info("search index: rebuilt with {} versions (+{} recorded meanwhile); now searching {}", r->versions,
               caught->versions_added, r->path);
}

void SearchIndexer::Worker::StopRebuild() {
  if (!rebuild_) return;
  rebuild_->stop = true;
  rebuild_->thread.join();
  if (rebuild_->requested) {
    spdlog::warn("search index: the rebuild sinmun reindex asked for was stopped before it ended; it starts again "
                 "at the next start");
  }
  rebuild_.reset();
}

void SearchIndexer::Worker::Index(const std::string& id, uint32_t version) {
  if (!index_) return;  // a rebuild is under way: its catch-up adds this version
  Result<StoredVersion> v = archive_.Version(id, version);
  Status s = v.ok() ? index_->Add(id, version, v->article, v->info.fetched_at) : v.status();
  if (!s.ok()) {
    spdlog::error("search index: cannot add {} v{}: {} (it will be caught up)", id, version, s.message());
    owner_.RequestCatchUp();
    if (s.IsCorruption()) {
      index_.reset();  // until the rebuild replaces it
      StartRebuild("the search index is damaged");
    }
  }
  dirty_ = true;
}

void SearchIndexer::Worker::Commit() {
  if (index_ && dirty_) {
    if (Status s = index_->Commit(); !s.ok()) {
      spdlog::error("search index: {} (what it lost will be caught up)", s.message());
      owner_.RequestCatchUp();
    }
  }
  dirty_ = false;
  last_commit_ = Clock::now();
}

void SearchIndexer::Worker::CatchUpNow() {
  Commit();
  Result<CatchUpResult> r = CatchUp(archive_, *index_, [this] { return OutOfTime(); });
  if (!r.ok()) {
    spdlog::error("search index: catching up: {}", r.status().message());
    return;
  }
  if (r->versions_added > 0) {
    spdlog::info("search index: added {} versions it lacked ({} articles checked)", r->versions_added, r->articles);
  }
  if (r->stopped) owner_.RequestCatchUp();
}

void SearchIndexer::Worker::CheckGap() {
  // Everything archived a check ago has been handed over since: an index that holds less
  // lost some (an error, an overflow, versions recorded without sinmund).
  last_gap_check_ = Clock::now();
  Result<uint64_t> indexed = index_->IndexedVersions();
  Result<uint64_t> archived = archive_.VersionCount();
  if (!indexed.ok() || !archived.ok()) return;
  if (*indexed < archived_at_last_check_) owner_.RequestCatchUp();
  archived_at_last_check_ = *archived;
  // More than the archive holds (read after the index, so a recording in between cannot
  // cause it): versions the archive lost or never had, say an archive restored from an
  // older copy. A catch-up only adds, so the index is rebuilt (once a run: a count that
  // still disagrees after that is a fault to report, not to loop on).
  if (*indexed > *archived && !told_excess_) {
    told_excess_ = true;
    spdlog::error("search index: it holds {} versions, the archive {}", *indexed, *archived);
    StartRebuild("the search index disagrees with the archive");
  }
}

bool SearchIndexer::Worker::OutOfTime() const {
  std::lock_guard lock(owner_.mu_);
  return owner_.stopping_ && Clock::now() >= owner_.stop_by_;
}

bool SearchIndexer::Worker::Periodic(bool idle) {
  const auto now = Clock::now();
  if (dirty_ && now - last_commit_ >= kCommitEvery) Commit();
  if (rebuild_ && rebuild_->done) {
    FinishRebuild();
    return true;
  }
  if (!rebuild_ && now >= retry_rebuild_at_) StartRebuild("retrying the rebuild");
  if (now - last_request_check_ >= kRequestCheckEvery) {
    last_request_check_ = now;
    // The request stays until the rebuild it started ends: one that a stop cuts short starts
    // again at the next start.
    if (!Waiting(now) && dir_.RebuildRequested()) {
      if (!rebuild_) StartRebuild("sinmun reindex asked for a rebuild");
      if (rebuild_) rebuild_->requested = true;
    }
  }
  if (!idle || !index_) return false;
  bool catch_up = false;
  {
    std::lock_guard lock(owner_.mu_);
    std::swap(catch_up, owner_.catch_up_);
  }
  if (catch_up) {
    CatchUpNow();
    return true;
  }
  if (now - last_gap_check_ >= kGapCheckEvery) CheckGap();
  // Upkeep commits: it waits for the versions of the last second to be committed on time,
  // so that a steady crawl makes one segment a second, not one a version.
  if (dirty_) return false;
  Result<bool> more = index_->Maintain(kUpkeepPages);
  if (!more.ok()) spdlog::warn("search index: upkeep: {}", more.status().message());
  return more.ok() && *more;
}

void SearchIndexer::Worker::Run() {
  Open();
  bool busy = false;
  std::optional<Clock::time_point> stop_by;  // set when the queue was done before the deadline
  while (true) {
    std::pair<std::string, uint32_t> item;
    bool have = false;
    {
      std::unique_lock lock(owner_.mu_);
      if (!busy) {
        owner_.cv_.wait_for(lock, std::chrono::milliseconds(200),
                            [&] { return owner_.stopping_ || !owner_.queue_.empty(); });
      }
      const bool out_of_time = owner_.stopping_ && Clock::now() >= owner_.stop_by_;
      const bool finished = owner_.queue_.empty() && !rebuild_ && (!owner_.catch_up_ || !index_);
      if (owner_.stopping_ && (out_of_time || finished)) {
        if (!out_of_time) stop_by = owner_.stop_by_;
        break;
      }
      if (!owner_.queue_.empty()) {
        item = std::move(owner_.queue_.front());
        owner_.queue_.pop_front();
        have = true;
      }
    }
    if (have) Index(item.first, item.second);
    busy = Periodic(!have) || have;
  }
  StopRebuild();
  Commit();
  // Everything indexed with time left: merge what appending left, as the idle worker does,
  // until there is nothing left to merge by levels or the deadline comes.
  // No counting of terms: a count cut short by the deadline would be lost.
  while (index_ && stop_by && Clock::now() < *stop_by) {
    Result<bool> more = index_->Maintain(kUpkeepPages, false);
    if (!more.ok()) {
      spdlog::warn("search index: upkeep: {}", more.status().message());
      break;
    }
    if (!*more) break;
  }
}

SearchIndexer::SearchIndexer(Archive& archive, IndexDir dir, SearchIndexerOptions options)
    : options_(options), worker_(std::make_unique<Worker>(*this, archive, std::move(dir))) {
  thread_ = std::thread([this] { worker_->Run(); });
}

SearchIndexer::~SearchIndexer() { Stop(std::chrono::milliseconds(0)); }

void SearchIndexer::Enqueue(std::string id, uint32_t version) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    if (queue_.size() >= options_.max_backlog) {
      if (!overflowed_) {
        spdlog::error("search index: more than {} versions waiting; the rest will be caught up", options_.max_backlog);
        overflowed_ = true;
      }
      catch_up_ = true;
      return;
    }
    queue_.emplace_back(std::move(id), version);
  }
  cv_.notify_one();
}

void SearchIndexer::RequestCatchUp() {
  std::lock_guard lock(mu_);
  catch_up_ = true;
}

size_t SearchIndexer::backlog() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

size_t SearchIndexer::Stop(std::chrono::milliseconds deadline) {
  {
    std::lock_guard lock(mu_);
    if (!thread_.joinable()) return queue_.size();
    stopping_ = true;
    stop_by_ = Clock::now() + deadline;
  }
  cv_.notify_one();
  thread_.join();
  worker_.reset();
  std::lock_guard lock(mu_);
  if (!queue_.empty()) {
    spdlog::warn("search index: {} versions left unindexed at shutdown (the next start adds them)", queue_.size());
  }
  return queue_.size();
}

}  // namespace sinmun
