#include "crawler/frontier/task.h"

#include <charconv>
#include <vector>

#include "crawler/frontier/task.pb.h"

namespace sinmun {
namespace {

template <typename T>
bool ParseNumber(std::string_view s, T* out) {
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size() && !s.empty();
}

bool Clean(std::string_view s) { return s.find_first_of("\t\n\r") == std::string_view::npos; }

// Release 0.1's form: "1\t<s|a>\t<due>\t<step>\t<failures>\t<source>\t<url>".
std::optional<Task> DecodeLegacyTask(std::string_view bytes) {
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
  if (fields[1] == "s") {
    task.kind = TaskKind::kSource;
  } else if (fields[1] == "a") {
    task.kind = TaskKind::kArticle;
  } else {
    return std::nullopt;
  }
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

}  // namespace

bool IsLegacyTask(std::string_view bytes) { return bytes.starts_with("1\t"); }

std::string EncodeTask(const Task& task) {
  frontier::pb::TaskRecord r;
  r.set_format(kTaskFormat);
  r.set_source(task.kind == TaskKind::kSource);
  r.set_url(task.url);
  r.set_source_name(task.source);
  r.set_due_unix_seconds(task.due.time_since_epoch().count());
  r.set_step(task.step);
  r.set_failures(task.failures);
  r.set_etag(task.etag);
  r.set_last_modified(task.last_modified);
  if (task.listed_published) {
    r.set_listed_published_unix_seconds(task.listed_published->time_since_epoch().count());
  }
  r.set_held(task.held);
  return r.SerializeAsString();
}

std::optional<Task> DecodeTask(std::string_view bytes) {
  if (IsLegacyTask(bytes)) return DecodeLegacyTask(bytes);
  frontier::pb::TaskRecord r;
  if (!r.ParseFromArray(bytes.data(), static_cast<int>(bytes.size()))) return std::nullopt;
  if (r.format() != kTaskFormat || r.url().empty()) return std::nullopt;
  Task task;
  task.kind = r.source() ? TaskKind::kSource : TaskKind::kArticle;
  task.url = r.url();
  task.source = r.source_name();
  task.due = Instant(std::chrono::seconds(r.due_unix_seconds()));
  task.step = r.step();
  task.failures = r.failures();
  task.etag = r.etag();
  task.last_modified = r.last_modified();
  if (r.listed_published_unix_seconds() != 0) {
    task.listed_published = Instant(std::chrono::seconds(r.listed_published_unix_seconds()));
  }
  task.held = r.held();
  return task;
}

}  // namespace sinmun
