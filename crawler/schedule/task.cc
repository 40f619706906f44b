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
  const bool extended =
      task.listed_published.has_value() || !task.etag.empty() || !task.last_modified.empty();
  std::string out = extended ? "2\t" : "1\t";
  out += task.kind == TaskKind::kSource ? 's' : 'a';
  out += '\t' + std::to_string(task.due.time_since_epoch().count());
  out += '\t' + std::to_string(task.step);
  out += '\t' + std::to_string(task.failures);
  if (extended) {
    out += '\t';
    if (task.listed_published) {
      out += std::to_string(task.listed_published->time_since_epoch().count());
    }
    out += '\t' + (Clean(task.etag) ? task.etag : std::string());
    out += '\t' + (Clean(task.last_modified) ? task.last_modified : std::string());
  }
  out += '\t' + (Clean(task.source) ? task.source : std::string());
  out += '\t' + (Clean(task.url) ? task.url : std::string());
  return out;
}

std::optional<Task> DecodeTask(std::string_view bytes) {
  const bool extended = bytes.starts_with("2\t");
  if (!extended && !bytes.starts_with("1\t")) return std::nullopt;
  const size_t leading = extended ? 9 : 6;  // fields before the URL, which may hold anything
  std::vector<std::string_view> fields;
  size_t start = 0;
  while (fields.size() < leading) {
    size_t tab = bytes.find('\t', start);
    if (tab == std::string_view::npos) return std::nullopt;
    fields.push_back(bytes.substr(start, tab - start));
    start = tab + 1;
  }
  fields.push_back(bytes.substr(start));
  Task task;
  long long due = 0;
  if (fields[1] == "s") task.kind = TaskKind::kSource;
  else if (fields[1] == "a") task.kind = TaskKind::kArticle;
  else return std::nullopt;
  if (!ParseNumber(fields[2], &due) || !ParseNumber(fields[3], &task.step) ||
      !ParseNumber(fields[4], &task.failures)) {
    return std::nullopt;
  }
  task.due = Instant(std::chrono::seconds(due));
  size_t next = 5;
  if (extended) {
    if (!fields[5].empty()) {
      long long published = 0;
      if (!ParseNumber(fields[5], &published)) return std::nullopt;
      task.listed_published = Instant(std::chrono::seconds(published));
    }
    task.etag = std::string(fields[6]);
    task.last_modified = std::string(fields[7]);
    next = 8;
  }
  task.source = std::string(fields[next]);
  task.url = std::string(fields[next + 1]);
  if (task.url.empty() || !Clean(task.url)) return std::nullopt;
  return task;
}

}  // namespace sinmun
