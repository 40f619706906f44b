#include "web/params.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include "common/portals.h"

namespace sinmun::web {
namespace {

constexpr std::string_view kTimeForms =
    "is not a time: use 2026-03-21, 2026-03-21T21:43:25+09:00 or 2026. 3. 21. 오후 9:43 (KST)";

Status Bad(const std::string& name, std::string_view value, const std::string& expected) {
  std::string shown(value.substr(0, 80));
  return Status::InvalidArgument("parameter '" + name + "' ('" + shown + "') " + expected);
}

template <typename T>
std::optional<T> ParseWhole(std::string_view s) {
  T n{};
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), n);
  if (ec != std::errc() || end != s.data() + s.size() || s.empty()) return std::nullopt;
  return n;
}

}  // namespace

std::optional<std::string> WebRequest::Param(const std::string& name) const {
  auto it = params.find(name);
  if (it == params.end() || it->second.empty()) return std::nullopt;
  return it->second;
}

std::vector<std::string> WebRequest::Params(const std::string& name) const {
  std::vector<std::string> out;
  auto [a, b] = params.equal_range(name);
  for (auto it = a; it != b; ++it) {
    if (!it->second.empty()) out.push_back(it->second);
  }
  return out;
}

Result<std::optional<Instant>> TimeParam(const WebRequest& r, const std::string& name) {
  std::optional<std::string> v = r.Param(name);
  if (!v) return std::optional<Instant>();
  std::optional<Instant> t = ParseTime(*v);
  if (!t) return Bad(name, *v, std::string(kTimeForms));
  return std::optional<Instant>(*t);
}

Result<Period> PeriodParams(const WebRequest& r) {
  Result<std::optional<Instant>> since = TimeParam(r, "since");
  if (!since.ok()) return since.status();
  Period out{*since, std::nullopt};
  if (std::optional<std::string> v = r.Param("until")) {
    out.until = ParsePeriodEnd(*v);
    if (!out.until) return Bad("until", *v, std::string(kTimeForms));
  }
  const std::string until = r.Param("until").value_or("");
  if (Status s = CheckPeriod(out, "parameter 'since' (" + r.Param("since").value_or("") + ")",
                             "'until' (" + until + ")", until);
      !s.ok()) {
    return s;
  }
  return out;
}

Result<bool> FlagParam(const WebRequest& r, const std::string& name) {
  std::optional<std::string> v = r.Param(name);
  if (!v) return false;
  std::string lower = *v;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* on : {"1", "on", "true", "yes"}) {
    if (lower == on) return true;
  }
  for (const char* off : {"0", "off", "false", "no"}) {
    if (lower == off) return false;
  }
  return Bad(name, *v, "must be 1 or 0 (on/off, true/false, yes/no)");
}

Status CheckFormat(const WebRequest& r, const std::vector<std::string>& allowed) {
  std::optional<std::string> v = r.Param("format");
  if (!v || std::find(allowed.begin(), allowed.end(), *v) != allowed.end()) return Status::Ok();
  std::string names;
  for (const std::string& a : allowed) names += (names.empty() ? "" : " or ") + a;
  return Bad("format", *v, "must be " + names + ", or absent for HTML");
}

Result<std::optional<uint32_t>> VersionParam(const WebRequest& r, const std::string& name) {
  std::optional<std::string> v = r.Param(name);
  if (!v) return std::optional<uint32_t>();
  std::string_view s = *v;
  if (!s.empty() && s.front() == 'v') s.remove_prefix(1);
  std::optional<uint32_t> n = ParseWhole<uint32_t>(s);
  if (!n || *n == 0) return Bad(name, *v, "is not a version number");
  return std::optional<uint32_t>(*n);
}

Result<long long> IntParam(const WebRequest& r, const std::string& name, long long min,
                           long long max, long long fallback) {
  std::optional<std::string> v = r.Param(name);
  if (!v) return fallback;
  std::optional<long long> n = ParseWhole<long long>(*v);
  if (!n || *n < min || *n > max) {
    return Bad(name, *v, "must be a whole number from " + std::to_string(min) + " to " +
                             std::to_string(max));
  }
  return *n;
}

Result<std::string> PortalParam(const WebRequest& r) {
  std::string portal = r.Param("portal").value_or("");
  if (!portal.empty() && !IsPortalFilter(portal)) {
    return Bad("portal", portal, "must be " + PortalFilterList());
  }
  return portal;
}

Result<std::vector<ChangeClass>> ClassParams(const WebRequest& r) {
  std::vector<ChangeClass> out;
  std::vector<std::string> values = r.Params("class");
  if (values.empty()) {
    for (ChangeClass c : {ChangeClass::kHeadline, ChangeClass::kBody, ChangeClass::kByline,
                          ChangeClass::kCorrectionAppended, ChangeClass::kMinor,
                          ChangeClass::kDeleted, ChangeClass::kRestored}) {
      out.push_back(c);
    }
    return out;
  }
  for (const std::string& value : values) {
    size_t start = 0;
    while (start <= value.size()) {
      size_t comma = value.find(',', start);
      std::string name = value.substr(start, comma == std::string::npos ? comma : comma - start);
      start = comma == std::string::npos ? value.size() + 1 : comma + 1;
      if (name.empty()) continue;
      if (name == "all") return std::vector<ChangeClass>();
      std::optional<ChangeClass> c = ParseChangeClass(name);
      if (!c) return Bad("class", name, "is not a change class");
      out.push_back(*c);
    }
  }
  return out;
}

std::string FormatCursor(const EditCursor& c) {
  return std::to_string(c.fetched_at.time_since_epoch().count()) + "." +
         std::to_string(c.version) + "." + c.id;
}

Result<EditCursor> ParseCursor(std::string_view text) {
  size_t dot1 = text.find('.');
  size_t dot2 = dot1 == std::string_view::npos ? dot1 : text.find('.', dot1 + 1);
  if (dot2 == std::string_view::npos) return Bad("cursor", text, "is not a position in the list");
  std::optional<int64_t> t = ParseWhole<int64_t>(text.substr(0, dot1));
  std::optional<uint32_t> v = ParseWhole<uint32_t>(text.substr(dot1 + 1, dot2 - dot1 - 1));
  std::string_view id = text.substr(dot2 + 1);
  // The archive keeps times from 1970 to 9999; ids are non-empty.
  if (!t || *t < 0 || *t > 253402300799 || !v || id.empty()) {
    return Bad("cursor", text, "is not a position in the list");
  }
  return EditCursor{Instant(std::chrono::seconds(*t)), *v, std::string(id)};
}

std::string UrlEncode(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(s.size());
  for (unsigned char c : s) {
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
        c == '.' || c == '_' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

std::string BuildUrl(const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& params) {
  std::string url = path;
  char sep = '?';
  for (const auto& [name, value] : params) {
    if (value.empty()) continue;
    url += sep + UrlEncode(name) + "=" + UrlEncode(value);
    sep = '&';
  }
  return url;
}

bool IsWebUrl(std::string_view url) {
  auto starts = [&](std::string_view p) {
    if (url.size() < p.size()) return false;
    for (size_t i = 0; i < p.size(); ++i) {
      if (std::tolower(static_cast<unsigned char>(url[i])) != p[i]) return false;
    }
    return true;
  };
  return starts("https://") || starts("http://");
}

}  // namespace sinmun::web
