#include "crawler/extract/site_table.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "crawler/extract/html_document.h"
#include "crawler/extract/shipped_sites.h"

namespace sinmun {
namespace {

using nlohmann::json;

constexpr size_t kMaxTableBytes = 16u << 20;

// The 1-based line of byte offset `pos` in `text`.
size_t LineAt(std::string_view text, size_t pos) {
  pos = std::min(pos, text.size());
  return 1 + static_cast<size_t>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

// The line of the entry whose id is `id`: where `"id"` is followed by `"<id>"`.
size_t EntryLine(std::string_view text, std::string_view id) {
  size_t at = 0;
  while ((at = text.find("\"id\"", at)) != std::string_view::npos) {
    size_t i = at + 4;
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t' || text[i] == '\n' ||
                               text[i] == '\r' || text[i] == ':')) {
      ++i;
    }
    if (text.compare(i, id.size() + 2, "\"" + std::string(id) + "\"") == 0) return LineAt(text, at);
    at += 4;
  }
  return 0;
}

bool ValidId(std::string_view id) {
  return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
  });
}

bool ValidHost(std::string_view host) {
  return !host.empty() && host.front() != '.' && host.back() != '.' &&
         std::all_of(host.begin(), host.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.';
         });
}

class EntryReader {
 public:
  EntryReader(std::string_view text, std::string_view origin, size_t index)
      : text_(text), origin_(origin), index_(index) {}

  Result<SiteRule> Read(const json& entry) {
    if (!entry.is_object()) return Error("an entry must be an object");
    SiteRule rule;
    auto id = entry.find("id");
    if (id == entry.end() || !id->is_string()) return Error("an entry needs a string \"id\"");
    rule.id = id->get<std::string>();
    if (!ValidId(rule.id)) return Error("id must be lower-case letters, digits, '-' or '_'");
    for (const auto& [key, value] : entry.items()) {
      Status s = Field(key, value, &rule);
      if (!s.ok()) return s;
    }
    if (rule.disabled) return rule;
    if (rule.hosts.empty()) return Error(rule.id, "\"hosts\" must list at least one host");
    return rule;
  }

 private:
  Status Field(const std::string& key, const json& value, SiteRule* rule) {
    if (key == "id" || key == "note") return Status::Ok();
    if (key == "press") return String(key, value, rule->id, &rule->press);
    if (key == "evidence") return String(key, value, rule->id, &rule->evidence);
    if (key == "verified" || key == "disabled") {
      if (!value.is_boolean()) return Error(rule->id, "\"" + key + "\" must be true or false");
      (key == "verified" ? rule->verified : rule->disabled) = value.get<bool>();
      return Status::Ok();
    }
    if (key == "hosts") {
      Status s = Strings(key, value, rule->id, &rule->hosts);
      if (!s.ok()) return s;
      for (const std::string& host : rule->hosts) {
        if (!ValidHost(host)) return Error(rule->id, "not a lower-case host name: \"" + host + "\"");
      }
      return Status::Ok();
    }
    static const std::pair<const char*, std::vector<std::string> SiteRule::*> kXPaths[] = {
        {"body", &SiteRule::body},         {"drop", &SiteRule::drop},
        {"title", &SiteRule::title},       {"subtitle", &SiteRule::subtitle},
        {"authors", &SiteRule::authors},   {"published", &SiteRule::published},
        {"modified", &SiteRule::modified}};
    for (const auto& [name, member] : kXPaths) {
      if (key != name) continue;
      std::vector<std::string>& list = rule->*member;
      Status s = Strings(key, value, rule->id, &list);
      if (!s.ok()) return s;
      for (size_t i = 0; i < list.size(); ++i) {
        const std::string error = HtmlDocument::XPathError(list[i]);
        if (!error.empty()) {
          return Error(rule->id, key + "[" + std::to_string(i) + "]: " + error + ": " + list[i]);
        }
      }
      return Status::Ok();
    }
    return Error(rule->id, "unknown key \"" + key + "\"");
  }

  Status String(const std::string& key, const json& value, const std::string& id, std::string* out) {
    if (!value.is_string()) return Error(id, "\"" + key + "\" must be a string");
    *out = value.get<std::string>();
    return Status::Ok();
  }

  Status Strings(const std::string& key, const json& value, const std::string& id,
                 std::vector<std::string>* out) {
    out->clear();
    if (value.is_string()) {
      out->push_back(value.get<std::string>());
      return Status::Ok();
    }
    if (!value.is_array()) return Error(id, "\"" + key + "\" must be a string or a list of strings");
    for (const json& v : value) {
      if (!v.is_string() || v.get_ref<const std::string&>().empty()) {
        return Error(id, "\"" + key + "\" must list non-empty strings");
      }
      out->push_back(v.get<std::string>());
    }
    return Status::Ok();
  }

  Status Error(const std::string& what) const {
    return Status::InvalidArgument(std::string(origin_) + ": sites[" + std::to_string(index_) +
                                   "]: " + what);
  }

  Status Error(const std::string& id, const std::string& what) const {
    const size_t line = EntryLine(text_, id);
    return Status::InvalidArgument(std::string(origin_) + (line > 0 ? ":" + std::to_string(line) : "") +
                                   ": site \"" + id + "\": " + what);
  }

  std::string_view text_;
  std::string_view origin_;
  size_t index_;
};

}  // namespace

Result<SiteTable> SiteTable::Parse(std::string_view json_text, std::string_view origin) {
  json doc;
  try {
    doc = json::parse(json_text);
  } catch (const json::parse_error& e) {
    // e.byte is the 1-based offset where parsing stopped.
    const size_t pos = e.byte > 0 ? e.byte - 1 : 0;
    const size_t line = LineAt(json_text, pos);
    const size_t line_start = json_text.rfind('\n', pos == 0 ? 0 : pos - 1);
    const size_t column = pos - (line_start == std::string_view::npos ? 0 : line_start + 1) + 1;
    std::string what = e.what();
    if (size_t cut = what.find(": "); cut != std::string::npos) what = what.substr(cut + 2);
    return Status::InvalidArgument(std::string(origin) + ":" + std::to_string(line) + ":" +
                                   std::to_string(column) + ": " + what);
  } catch (const json::exception& e) {
    // Not a syntax error but a value the reader refuses, such as a number beyond a double
    // (out_of_range.406 for "1e999"); it carries no position.
    std::string what = e.what();
    if (size_t cut = what.find("] "); cut != std::string::npos) what = what.substr(cut + 2);
    return Status::InvalidArgument(std::string(origin) + ": " + what);
  }
  if (!doc.is_object() || !doc.contains("sites") || !doc["sites"].is_array()) {
    return Status::InvalidArgument(std::string(origin) +
                                   ": a site table is an object with a \"sites\" list");
  }
  for (const auto& [key, value] : doc.items()) {
    if (key != "sites" && key != "note") {
      return Status::InvalidArgument(std::string(origin) + ": unknown key \"" + key + "\"");
    }
  }
  SiteTable table;
  std::unordered_map<std::string, std::string> host_owner;
  size_t index = 0;
  for (const json& entry : doc["sites"]) {
    EntryReader reader(json_text, origin, index++);
    Result<SiteRule> rule = reader.Read(entry);
    if (!rule.ok()) return rule.status();
    const size_t line = EntryLine(json_text, rule->id);
    const std::string where = std::string(origin) + (line > 0 ? ":" + std::to_string(line) : "") +
                              ": site \"" + rule->id + "\": ";
    if (table.by_id_.count(rule->id) != 0) {
      return Status::InvalidArgument(where + "a second entry with this id");
    }
    for (const std::string& host : rule->hosts) {
      auto [it, inserted] = host_owner.emplace(host, rule->id);
      if (!inserted) {
        return Status::InvalidArgument(where + "host \"" + host + "\" is already served by \"" +
                                       it->second + "\"");
      }
    }
    table.by_id_.emplace(rule->id, table.rules_.size());
    table.rules_.push_back(std::move(*rule));
  }
  table.Index();
  return table;
}

SiteTable SiteTable::Merge(const SiteTable& base, const SiteTable& overlay) {
  SiteTable merged;
  for (const SiteRule& rule : base.rules_) {
    if (overlay.ById(rule.id) == nullptr) merged.rules_.push_back(rule);
  }
  // An overlay entry takes over any host it names from the base entries kept above.
  for (const SiteRule& rule : overlay.rules_) {
    if (rule.disabled) continue;
    for (SiteRule& kept : merged.rules_) {
      std::erase_if(kept.hosts, [&](const std::string& h) {
        return std::find(rule.hosts.begin(), rule.hosts.end(), h) != rule.hosts.end();
      });
    }
    merged.rules_.push_back(rule);
  }
  merged.Index();
  return merged;
}

void SiteTable::Index() {
  by_host_.clear();
  by_id_.clear();
  for (size_t i = 0; i < rules_.size(); ++i) {
    by_id_.emplace(rules_[i].id, i);
    for (const std::string& host : rules_[i].hosts) by_host_[host] = i;
  }
}

const SiteRule* SiteTable::Find(std::string_view host) const {
  while (!host.empty()) {
    auto it = by_host_.find(std::string(host));
    if (it != by_host_.end()) return &rules_[it->second];
    const size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return nullptr;
}

const SiteRule* SiteTable::ById(std::string_view id) const {
  auto it = by_id_.find(std::string(id));
  return it == by_id_.end() ? nullptr : &rules_[it->second];
}

const SiteTable& ShippedSiteTable() {
  // Immutable once built. A shipped table that does not parse is a build defect, caught
  // by the tests; the binary then runs with no entries rather than not at all.
  static const SiteTable kTable = [] {
    Result<SiteTable> parsed = SiteTable::Parse(ShippedSiteTableJson(), "sites.json");
    return parsed.ok() ? std::move(parsed).value() : SiteTable();
  }();
  return kTable;
}

Result<SiteTable> LoadSiteTable(const std::string& path) {
  if (path.empty()) return ShippedSiteTable();
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) {
    return Status::InvalidArgument("site table " + path + " is a directory, not a JSON file");
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    const int err = errno;
    const std::string why = std::strerror(err);
    return err == ENOENT ? Status::NotFound("cannot read site table " + path + ": " + why)
                         : Status::IOError("cannot read site table " + path + ": " + why);
  }
  std::ostringstream bytes;
  bytes << in.rdbuf();
  if (in.bad()) return Status::IOError("cannot read site table " + path);
  const std::string text = bytes.str();
  if (text.size() > kMaxTableBytes) {
    return Status::InvalidArgument(path + ": larger than " + std::to_string(kMaxTableBytes) + " bytes");
  }
  Result<SiteTable> overlay = SiteTable::Parse(text, path);
  if (!overlay.ok()) return overlay.status();
  return SiteTable::Merge(ShippedSiteTable(), *overlay);
}

}  // namespace sinmun
