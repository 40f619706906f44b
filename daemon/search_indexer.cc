#include "daemon/search_indexer.h"

#include <spdlog/spdlog.h>

namespace sinmun {
namespace {

constexpr std::chrono::seconds kCommitEvery{1};

}  // namespace

SearchIndexer::SearchIndexer(Archive& archive, std::unique_ptr<SearchIndex> index)
    : archive_(archive), index_(std::move(index)), worker_([this] { Run(); }) {}

SearchIndexer::~SearchIndexer() { Stop(std::chrono::milliseconds(0)); }

void SearchIndexer::Enqueue(std::string id, uint32_t version) {
  {
    std::lock_guard lock(mu_);
    if (stopping_) return;
    if (queue_.size() >= kMaxBacklog) {
      if (!overflowed_) {
        spdlog::error("search index: more than {} versions waiting; dropping (run sinmun reindex)",
                      kMaxBacklog);
        overflowed_ = true;
      }
      return;
    }
    queue_.emplace_back(std::move(id), version);
  }
  cv_.notify_one();
}

size_t SearchIndexer::backlog() const {
  std::lock_guard lock(mu_);
  return queue_.size();
}

size_t SearchIndexer::Stop(std::chrono::milliseconds deadline) {
  {
    std::lock_guard lock(mu_);
    if (!worker_.joinable()) return queue_.size();
    stopping_ = true;
    stop_by_ = std::chrono::steady_clock::now() + deadline;
  }
  cv_.notify_one();
  worker_.join();
  std::lock_guard lock(mu_);
  if (!queue_.empty()) {
    spdlog::warn("search index: {} versions left unindexed at shutdown (run sinmun reindex)",
                 queue_.size());
  }
  return queue_.size();
}

void SearchIndexer::Run() {
  auto last_commit = std::chrono::steady_clock::now();
  bool dirty = false;
  auto commit = [&] {
    if (Status s = index_->Commit(); !s.ok()) {
      spdlog::error("search index: {} (run sinmun reindex)", s.message());
    }
    dirty = false;
    last_commit = std::chrono::steady_clock::now();
  };
  while (true) {
    std::pair<std::string, uint32_t> item;
    {
      std::unique_lock lock(mu_);
      cv_.wait_for(lock, kCommitEvery, [&] { return stopping_ || !queue_.empty(); });
      bool out_of_time = stopping_ && std::chrono::steady_clock::now() >= stop_by_;
      if (queue_.empty() || out_of_time) {
        if (stopping_) break;
        lock.unlock();
        if (dirty) commit();
        continue;
      }
      item = std::move(queue_.front());
      queue_.pop_front();
    }
    Result<StoredVersion> v = archive_.Version(item.first, item.second);
    Status s = v.ok() ? index_->Add(item.first, item.second, v->article, v->info.fetched_at)
                      : v.status();
    if (!s.ok()) {
      spdlog::error("search index: cannot add {} v{}: {} (run sinmun reindex)", item.first,
                    item.second, s.message());
    }
    dirty = true;
    if (std::chrono::steady_clock::now() - last_commit >= kCommitEvery) commit();
  }
  if (dirty) commit();
}

}  // namespace sinmun
