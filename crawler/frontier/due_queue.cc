#include "crawler/frontier/due_queue.h"

namespace sinmun {

void DueQueue::Upsert(Task task) {
  Remove(task.url);
  order_.emplace(task.due, task.url);
  std::string url = task.url;
  tasks_.emplace(std::move(url), std::move(task));
}

const Task* DueQueue::Find(const std::string& url) const {
  auto it = tasks_.find(url);
  return it == tasks_.end() ? nullptr : &it->second;
}

void DueQueue::Remove(const std::string& url) {
  auto it = tasks_.find(url);
  if (it == tasks_.end()) return;
  order_.erase({it->second.due, url});
  tasks_.erase(it);
}

std::optional<Task> DueQueue::PopDue(Instant now) {
  if (order_.empty() || order_.begin()->first > now) return std::nullopt;
  auto node = tasks_.extract(order_.begin()->second);
  order_.erase(order_.begin());
  return std::move(node.mapped());
}

std::optional<Instant> DueQueue::NextDue() const {
  if (order_.empty()) return std::nullopt;
  return order_.begin()->first;
}

}  // namespace sinmun
