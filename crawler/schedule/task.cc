#include "crawler/schedule/task.h"

#include <charconv>
#include <vector>

namespace sinmun {
namespace {

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool Clean(std::string_view s) {
  return s.find_first_of("\t\n\r") == std::string_view::npos;
}

}  // namespace

std::string EncodeTask(const Task& task) {
  std::string out = "1\t";
  out += task.kind == TaskKind::kSource ? 's' : 'a';
  out += '\t' + std::to_string(task.due.time_since_epoch().count());
  out += '\t' + std::to_string(task.step);
  out += '\t' + std::to_string(task.failures);
  out += '\t' + (Clean(task.source) ? task.source : std::string());
  out += '\t' + (Clean(task.url) ? task.url : std::string());
  return out;
}

std::optional<Task> DecodeTask(std::string_view bytes) {
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (fields.size() < 6) {
    size_t tab = bytes.find('\t', start);
    if (tab == std::string_view::npos) return std::nullopt;
    fields.push_back(bytes.substr(start, tab - start));
    start = tab + 1;
  }
  fields.push_back(bytes.substr(start));
  Task task;
  long long due = 0;
  if (fields[0] != "1") return std::nullopt;
  if (fields[1] == "s") task.kind = TaskKind::kSource;
  else if (fields[1] == "a") task.kind = TaskKind::kArticle;
  else return std::nullopt;
  if (!ParseNumber(fields[2], &due) || !ParseNumber(fields[3], &task.step) ||
      !ParseNumber(fields[4], &task.failures)) {
    return std::nullopt;
  }
  task.due = Instant(std::chrono::seconds(due));
  task.source = std::string(fields[5]);
  task.url = std::string(fields[6]);
  if (task.url.empty() || !Clean(task.url)) return std::nullopt;
  return task;
}

}  // namespace sinmun
