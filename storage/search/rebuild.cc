#include "storage/search/rebuild.h"

#include <condition_variable>
#include <deque>
#include <filesystem>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include "storage/search/search_index.h"

namespace sinmun {
namespace {

constexpr size_t kQueueDepth = 256;

// A bounded queue between threads. Push waits for room; Pop waits for an item and returns
// nullopt once the queue is closed and empty. Fail closes it with an error that every
// side sees.
template <typename T>
class Pipe {
 public:
  bool Push(T item) {
    std::unique_lock lock(mu_);
    room_.wait(lock, [&] { return items_.size() < kQueueDepth || failed_; });
    if (failed_) return false;
    items_.push_back(std::move(item));
    ready_.notify_one();
    return true;
  }
  std::optional<T> Pop() {
    std::unique_lock lock(mu_);
    ready_.wait(lock, [&] { return !items_.empty() || closed_ || failed_; });
    if (failed_ || items_.empty()) return std::nullopt;
    T item = std::move(items_.front());
    items_.pop_front();
    room_.notify_one();
    return item;
  }
  void Close() {
    std::lock_guard lock(mu_);
    closed_ = true;
    ready_.notify_all();
  }
  void Fail() {
    std::lock_guard lock(mu_);
    failed_ = true;
    ready_.notify_all();
    room_.notify_all();
  }

 private:
  std::mutex mu_;
  std::condition_variable ready_, room_;
  std::deque<T> items_;
  bool closed_ = false, failed_ = false;
};

struct Read {
  std::string id;
  uint32_t version;
  Article article;
  Instant fetched_at;
};

// The first error of any thread.
class FirstError {
 public:
  void Set(Status s) {
    std::lock_guard lock(mu_);
    if (status_.ok()) status_ = std::move(s);
  }
  Status Get() {
    std::lock_guard lock(mu_);
    return status_;
  }

 private:
  std::mutex mu_;
  Status status_;
};

}  // namespace

Result<RebuildResult> Rebuild(Archive& archive, const std::string& path, const RebuildOptions& options) {
  std::error_code ec;
  if (std::filesystem::exists(path, ec)) return Status::InvalidArgument(path + " exists already");
  Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(path, SearchIndex::Mode::kReadWrite);
  if (!index.ok()) return index.status();
  Pipe<Read> reads;
  Pipe<IndexDocument> docs;
  FirstError error;
  auto fail = [&](Status s) {
    error.Set(std::move(s));
    reads.Fail();
    docs.Fail();
  };
  uint64_t written = 0;
  std::thread writer([&] {
    if (options.on_thread_start) options.on_thread_start();
    while (std::optional<IndexDocument> d = docs.Pop()) {
      if (Status s = (*index)->Add(*d); !s.ok()) return fail(s);
      if (++written % kRebuildCommitEvery == 0) {
        if (Status s = (*index)->Commit(); !s.ok()) return fail(s);
      }
    }
  });
  std::vector<std::thread> tokenizers;
  for (size_t k = 0; k < std::max<size_t>(1, options.jobs); ++k) {
    tokenizers.emplace_back([&] {
      if (options.on_thread_start) options.on_thread_start();
      while (std::optional<Read> r = reads.Pop()) {
        if (!docs.Push(MakeIndexDocument(r->id, r->version, r->article, r->fetched_at))) return;
      }
    });
  }
  uint64_t read = 0;
  ExportQuery all;
  all.all_versions = true;
  Status st = archive.ForEachVersion(all, [&](const StoredVersion& v, const ArticleHead& head) -> Status {
    if (options.stop && options.stop()) return Status::Busy("stopped");
    if (!reads.Push({head.id, v.info.number, v.article, v.info.fetched_at})) return Status::Busy("stopped");
    if (options.progress && ++read % options.progress_every == 0) options.progress(read);
    return Status::Ok();
  });
  if (!st.ok()) fail(st);
  reads.Close();
  for (std::thread& t : tokenizers) t.join();
  docs.Close();
  writer.join();
  st = error.Get();
  if (st.ok()) st = (*index)->Commit();
  if (st.ok()) st = (*index)->Compact(options.stop);
  index->reset();
  if (!st.ok()) {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path + suffix, ec);
    return st;
  }
  return RebuildResult{written};
}

}  // namespace sinmun
