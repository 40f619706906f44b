// DueQueue: the crawl's tasks ordered by due time, one per URL.
//
// Upsert replaces the task for a URL (and its place in the order); PopDue hands out the
// earliest task whose time has come and forgets it — the caller puts it back (rescheduled)
// or drops it when the visit is done. Memory is O(tasks): two indexes over the same Task
// values (~150 bytes + URL each).
//
// Thread-safety: none; owned by the frontier.
#ifndef SINMUN_CRAWLER_FRONTIER_DUE_QUEUE_H_
#define SINMUN_CRAWLER_FRONTIER_DUE_QUEUE_H_

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>

#include "crawler/frontier/task.h"

namespace sinmun {

class DueQueue {
 public:
  void Upsert(Task task);
  bool Contains(const std::string& url) const { return tasks_.count(url) > 0; }
  const Task* Find(const std::string& url) const;
  void Remove(const std::string& url);

  // The earliest task with due <= now, removed from the queue; nullopt when none is due.
  std::optional<Task> PopDue(Instant now);

  // When the next task falls due; nullopt when the queue is empty.
  std::optional<Instant> NextDue() const;

  size_t size() const { return tasks_.size(); }

  // Calls fn for every task, in no particular order. fn must not change the queue.
  template <typename Fn>
  void ForEach(Fn&& fn) const {
    for (const auto& [url, task] : tasks_) fn(task);
  }

 private:
  std::unordered_map<std::string, Task> tasks_;
  std::set<std::pair<Instant, std::string>> order_;
};

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_FRONTIER_DUE_QUEUE_H_
