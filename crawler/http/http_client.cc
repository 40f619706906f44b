#include "crawler/http/http_client.h"

namespace sinmun {
namespace {

char Lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (Lower(a[i]) != Lower(b[i])) return false;
  }
  return true;
}

}  // namespace

const std::vector<std::string>& PageContentTypes() {
  static const std::vector<std::string> kTypes = {
      "text/html",      "application/xhtml+xml", "application/xml",
      "text/xml",       "application/rss+xml",   "application/atom+xml",
  };
  return kTypes;
}

const std::vector<std::string>& RobotsContentTypes() {
  static const std::vector<std::string> kTypes = [] {
    std::vector<std::string> t = PageContentTypes();
    t.emplace_back("text/plain");
    t.emplace_back("");
    return t;
  }();
  return kTypes;
}

bool ContentTypeAllowed(std::string_view content_type, const std::vector<std::string>& allowed) {
  std::string_view media = content_type.substr(0, content_type.find(';'));
  while (!media.empty() && (media.front() == ' ' || media.front() == '\t')) media.remove_prefix(1);
  while (!media.empty() && (media.back() == ' ' || media.back() == '\t')) media.remove_suffix(1);
  const std::vector<std::string>& set = allowed.empty() ? PageContentTypes() : allowed;
  for (const std::string& a : set) {
    if (EqualsIgnoreCase(media, a)) return true;
  }
  return false;
}

}  // namespace sinmun
