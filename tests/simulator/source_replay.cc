#include "tests/simulator/source_replay.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "common/time.h"

namespace sinmun::test_support {
namespace {

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  std::stringstream ss(line);
  for (std::string field; std::getline(ss, field, '\t');) {
    if (!field.empty()) out.push_back(field);
  }
  return out;
}

bool ReadWhole(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::stringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

std::string HostOf(std::string_view url) {
  size_t start = url.find("://");
  if (start == std::string_view::npos) return "";
  start += 3;
  size_t end = url.find_first_of(":/?#", start);
  return std::string(url.substr(start, end == std::string_view::npos ? url.size() - start
                                                                      : end - start));
}

bool HostChar(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-';
}

// "Sat, 21 Mar 2026 21:43:25 +0900"
std::string FormatRfc822Kst(Instant t) {
  static constexpr const char* kDays[] = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};
  static constexpr const char* kMonths[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                            "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const Instant local = t + kKstOffset;
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::year_month_day ymd(day);
  const std::chrono::weekday wd(day);
  const std::chrono::hh_mm_ss hms(local - day);
  char buf[64];
  std::snprintf(buf, sizeof buf, "%s, %02u %s %04d %02d:%02d:%02d +0900", kDays[wd.c_encoding()],
                unsigned(ymd.day()), kMonths[unsigned(ymd.month()) - 1], int(ymd.year()),
                int(hms.hours().count()), int(hms.minutes().count()),
                int(hms.seconds().count()));
  return buf;
}

// Every match of `re` in `text` that ParseTime reads, moved by `shift` and written by
// `format`.
std::string MoveDates(const std::string& text, const std::regex& re, std::chrono::seconds shift,
                      std::string (*format)(Instant)) {
  std::string out;
  size_t last = 0;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), re); it != std::sregex_iterator();
       ++it) {
    const std::smatch& m = *it;
    std::optional<Instant> t = ParseTime(m.str());
    if (!t) continue;
    out.append(text, last, static_cast<size_t>(m.position()) - last);
    out += format(*t + shift);
    last = static_cast<size_t>(m.position() + m.length());
  }
  out.append(text, last);
  return out;
}

}  // namespace

std::unique_ptr<SourceReplay> SourceReplay::Load(const std::string& manifest_path,
                                                 const std::string& real_pages_dir,
                                                 std::chrono::system_clock::time_point now,
                                                 std::string* error) {
  std::string manifest;
  if (!ReadWhole(manifest_path, &manifest)) {
    *error = "cannot read " + manifest_path;
    return nullptr;
  }
  const std::filesystem::path folder = std::filesystem::path(manifest_path).parent_path();
  std::unique_ptr<SourceReplay> replay(new SourceReplay());
  std::map<std::string, std::string> missing_by_host;  // served host -> missing file
  std::stringstream lines(manifest);
  int number = 0;
  for (std::string line; std::getline(lines, line);) {
    ++number;
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> f = SplitTabs(line);
    const std::string where = manifest_path + ":" + std::to_string(number) + ": ";
    if (f[0] == "captured" && f.size() == 2) {
      std::optional<Instant> captured = ParseTime(f[1]);
      if (!captured) {
        *error = where + "bad time " + f[1];
        return nullptr;
      }
      replay->shift_ = std::chrono::floor<std::chrono::seconds>(now) - *captured;
    } else if (f[0] == "source" && f.size() == 4) {
      replay->sources_.push_back(Source{f[1], f[2], f[3]});
    } else if (f[0] == "alias" && f.size() == 3) {
      replay->replay_host_[f[1]] = f[2] + ".localhost";
    } else if (f[0] == "route" && f.size() == 6) {
      const std::string served = f[1] + ".localhost";
      replay->replay_host_.emplace(f[1], served);
      Route route;
      route.content_type = f[4] == "-" ? "" : f[4];
      route.listing = f[5].starts_with("listing");
      route.gzip = f[5].ends_with("+gzip");
      const std::string path = f[3].starts_with("real:")
                                   ? real_pages_dir + "/" + f[3].substr(5)
                                   : (folder / f[3]).string();
      if (!ReadWhole(path, &route.file_bytes)) {
        if (!f[3].starts_with("real:")) {
          *error = where + "cannot read " + path;
          return nullptr;
        }
        missing_by_host.emplace(served, path);
      }
      replay->routes_[served + f[2]] = std::move(route);
    } else {
      *error = where + "not a manifest entry: " + line;
      return nullptr;
    }
  }
  for (Source& s : replay->sources_) {
    auto host = replay->replay_host_.find(HostOf(s.url));
    if (host == replay->replay_host_.end()) {
      *error = manifest_path + ": source " + s.name + " has no route for " + s.url;
      return nullptr;
    }
    if (auto m = missing_by_host.find(host->second); m != missing_by_host.end()) {
      s.available = false;
      s.missing = m->second;
    }
  }
  return replay;
}

bool SourceReplay::Serves(std::string_view host) const {
  return std::any_of(replay_host_.begin(), replay_host_.end(),
                     [&](const auto& entry) { return entry.second == host; });
}

std::string SourceReplay::ReplayUrl(std::string_view real_url, uint16_t port) const {
  const std::string host = HostOf(real_url);
  auto it = replay_host_.find(host);
  if (it == replay_host_.end()) return std::string(real_url);
  const size_t rest = real_url.find(host) + host.size();
  return "http://" + it->second + ":" + std::to_string(port) + std::string(real_url.substr(rest));
}

std::string SourceReplay::Rewrite(const std::string& bytes, uint16_t port) const {
  // Links: "http(s)://<real host>" followed by anything but more host name.
  std::string out;
  out.reserve(bytes.size());
  for (size_t i = 0; i < bytes.size();) {
    bool replaced = false;
    for (std::string_view scheme : {"https://", "http://"}) {
      if (bytes.compare(i, scheme.size(), scheme) != 0) continue;
      for (const auto& [real, served] : replay_host_) {
        const size_t end = i + scheme.size() + real.size();
        if (bytes.compare(i + scheme.size(), real.size(), real) != 0) continue;
        if (end < bytes.size() && HostChar(bytes[end])) continue;
        out += "http://" + served + ":" + std::to_string(port);
        i = end;
        replaced = true;
        break;
      }
      if (replaced) break;
    }
    if (!replaced) out += bytes[i++];
  }
  if (shift_.count() == 0) return out;
  // Dates: RFC 3339 with a zone, RFC 822 with a numeric zone or GMT.
  static const std::regex kIso(
      R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:?\d{2}))");
  static const std::regex kRfc822(
      R"((Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d{1,2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}(:\d{2})? ([+-]\d{4}|GMT))");
  out = MoveDates(out, kIso, shift_, FormatRfc3339Kst);
  return MoveDates(out, kRfc822, shift_, FormatRfc822Kst);
}

Response SourceReplay::Handle(const Request& request, std::string_view host, uint16_t port) const {
  auto it = routes_.find(std::string(host) + request.target);
  if (it == routes_.end() || it->second.file_bytes.empty()) {
    return Response::WithType("text/html; charset=utf-8",
                              "<html><body><h1>404 Not Found</h1></body></html>", 404);
  }
  const Route& route = it->second;
  Response r;
  r.body = route.listing ? Rewrite(route.file_bytes, port) : route.file_bytes;
  if (route.gzip) r.body = Gzip(r.body);
  if (!route.content_type.empty()) r.headers.emplace_back("Content-Type", route.content_type);
  return r;
}

}  // namespace sinmun::test_support
