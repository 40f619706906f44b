#include "crawler/extract/json_ld.h"

#include <nlohmann/json.hpp>

#include <array>
#include <deque>
#include <unordered_map>

namespace sinmun {
namespace {

using nlohmann::json;

constexpr size_t kMaxObjects = 256;

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

std::string_view TrimSpace(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

bool StripPrefix(std::string_view* s, std::string_view prefix) {
  if (s->substr(0, prefix.size()) != prefix) return false;
  s->remove_prefix(prefix.size());
  *s = TrimSpace(*s);
  return true;
}

bool StripSuffix(std::string_view* s, std::string_view suffix) {
  if (s->size() < suffix.size() || s->substr(s->size() - suffix.size()) != suffix) return false;
  s->remove_suffix(suffix.size());
  *s = TrimSpace(*s);
  return true;
}

// The wrappers pages put around a block so that old browsers do not show it.
std::string_view Unwrap(std::string_view s) {
  s = TrimSpace(s);
  for (bool again = true; again;) {
    again = StripPrefix(&s, "<!--") || StripPrefix(&s, "//<![CDATA[") ||
            StripPrefix(&s, "<![CDATA[") || StripSuffix(&s, "-->") ||
            StripSuffix(&s, "//]]>") || StripSuffix(&s, "]]>") || StripSuffix(&s, ";");
  }
  return s;
}

const std::array<std::string_view, 11> kArticleTypes = {
    "NewsArticle",        "Article",          "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BlogPosting",      "ReviewNewsArticle",    "BackgroundNewsArticle",
    "LiveBlogPosting",    "SatiricalArticle", "AskPublicNewsArticle"};

bool TypeIs(const json& obj, bool (*pred)(std::string_view)) {
  auto t = obj.find("@type");
  if (t == obj.end()) return false;
  if (t->is_string()) return pred(t->get_ref<const std::string&>());
  if (t->is_array()) {
    for (const json& v : *t) {
      if (v.is_string() && pred(v.get_ref<const std::string&>())) return true;
    }
  }
  return false;
}

bool IsArticleTypeName(std::string_view name) {
  // "schema:NewsArticle" and "http://schema.org/NewsArticle" name the same type.
  if (size_t cut = name.find_last_of(":/"); cut != std::string_view::npos) {
    name.remove_prefix(cut + 1);
  }
  for (std::string_view t : kArticleTypes) {
    if (name == t) return true;
  }
  return false;
}

bool IsOrganizationTypeName(std::string_view name) {
  return name.find("Organization") != std::string_view::npos || name == "Corporation" ||
         name == "NewsMediaOrganization";
}

// A string value, or the first string of an array; "" otherwise.
std::string StringOf(const json& v) {
  if (v.is_string()) return v.get<std::string>();
  if (v.is_array()) {
    for (const json& e : v) {
      if (e.is_string() && !e.get_ref<const std::string&>().empty()) return e.get<std::string>();
    }
  }
  return "";
}

std::string Field(const json& obj, const char* key) {
  auto it = obj.find(key);
  return it == obj.end() ? std::string() : StringOf(*it);
}

// Every object of a parsed block, breadth first: the value itself and anything nested in
// it, at most kMaxObjects.
void CollectObjects(const json& root, std::vector<const json*>* out) {
  std::deque<const json*> queue = {&root};
  size_t seen = 0;
  while (!queue.empty() && seen < kMaxObjects) {
    const json* v = queue.front();
    queue.pop_front();
    if (v->is_array()) {
      for (const json& e : *v) queue.push_back(&e);
      continue;
    }
    if (!v->is_object()) continue;
    ++seen;
    out->push_back(v);
    for (const auto& [key, value] : v->items()) {
      if (value.is_object() || value.is_array()) queue.push_back(&value);
    }
  }
}

class Merger {
 public:
  explicit Merger(const std::unordered_map<std::string, const json*>& ids) : ids_(ids) {}

  void Take(const json& obj, JsonLdArticle* out) const {
    out->found = true;
    Fill(&out->headline, Field(obj, "headline"));
    if (out->headline.empty()) Fill(&out->headline, Field(obj, "name"));
    Fill(&out->alternative_headline, Field(obj, "alternativeHeadline"));
    Fill(&out->description, Field(obj, "description"));
    Fill(&out->date_published, Field(obj, "datePublished"));
    if (out->date_published.empty()) Fill(&out->date_published, Field(obj, "dateCreated"));
    Fill(&out->date_modified, Field(obj, "dateModified"));
    Fill(&out->section, Field(obj, "articleSection"));
    Fill(&out->article_body, Field(obj, "articleBody"));
    Fill(&out->url, Field(obj, "url"));
    if (auto m = obj.find("mainEntityOfPage"); m != obj.end()) {
      if (m->is_string()) {
        Fill(&out->url, m->get<std::string>());
      } else if (m->is_object()) {
        Fill(&out->url, Field(*m, "@id"));
        Fill(&out->url, Field(*m, "url"));
      }
    }
    if (auto p = obj.find("publisher"); p != obj.end()) {
      const json& pub = Resolve(p->is_array() && !p->empty() ? p->front() : *p);
      Fill(&out->publisher, pub.is_object() ? Field(pub, "name") : StringOf(pub));
    }
    if (out->authors.empty() && out->author_organizations.empty()) {
      if (auto a = obj.find("author"); a != obj.end()) Authors(*a, out);
    }
  }

 private:
  static void Fill(std::string* field, std::string value) {
    if (field->empty()) *field = std::move(value);
  }

  // {"@id": "..."} alone stands for the object with that @id elsewhere on the page.
  const json& Resolve(const json& v) const {
    if (!v.is_object() || v.size() != 1) return v;
    auto id = v.find("@id");
    if (id == v.end() || !id->is_string()) return v;
    auto it = ids_.find(id->get<std::string>());
    return it != ids_.end() ? *it->second : v;
  }

  void Authors(const json& value, JsonLdArticle* out) const {
    const auto one = [&](const json& raw) {
      const json& a = Resolve(raw);
      if (a.is_string()) {
        out->authors.push_back(a.get<std::string>());
      } else if (a.is_object()) {
        std::string name = Field(a, "name");
        if (name.empty()) return;
        (TypeIs(a, IsOrganizationTypeName) ? out->author_organizations : out->authors)
            .push_back(std::move(name));
      }
    };
    if (value.is_array()) {
      for (const json& a : value) one(a);
    } else {
      one(value);
    }
  }

  const std::unordered_map<std::string, const json*>& ids_;
};

}  // namespace

std::string RepairJsonLd(std::string_view block) {
  const std::string_view s = Unwrap(block);
  std::string out;
  out.reserve(s.size() + 16);
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    const auto byte = static_cast<unsigned char>(c);
    if (in_string) {
      if (c == '\\' && i + 1 < s.size()) {
        const char next = s[i + 1];
        ++i;
        if (next == '\'') {
          out += '\'';
        } else if (static_cast<unsigned char>(next) < 0x20) {
          out += ' ';  // a backslash before a raw line break continues the line
        } else {
          out += c;
          out += next;
        }
        continue;
      }
      if (c == '"') in_string = false;
      if (byte < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        switch (c) {
          case '\n': out += "\\n"; break;
          case '\r': out += "\\r"; break;
          case '\t': out += "\\t"; break;
          default:
            out += "\\u00";
            out += kHex[byte >> 4];
            out += kHex[byte & 0xF];
        }
        continue;
      }
      out += c;
      continue;
    }
    if (c == '"') {
      in_string = true;
    } else if (c == ',') {
      size_t j = i + 1;
      while (j < s.size() && (IsSpace(s[j]) || static_cast<unsigned char>(s[j]) < 0x20)) ++j;
      if (j < s.size() && (s[j] == '}' || s[j] == ']')) continue;  // trailing comma
    } else if (byte < 0x20) {
      out += ' ';
      continue;
    }
    out += c;
  }
  return out;
}

JsonLdArticle ReadJsonLdArticle(const std::vector<std::string>& blocks) {
  JsonLdArticle article;
  std::vector<json> parsed;
  parsed.reserve(blocks.size());
  for (const std::string& raw : blocks) {
    if (raw.size() > kMaxJsonLdBlockBytes) {
      ++article.broken_blocks;
      continue;
    }
    json value = json::parse(raw, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) value = json::parse(RepairJsonLd(raw), nullptr, false);
    if (value.is_discarded()) {
      if (!TrimSpace(raw).empty()) ++article.broken_blocks;
      continue;
    }
    parsed.push_back(std::move(value));
  }
  std::vector<const json*> objects;
  for (const json& v : parsed) CollectObjects(v, &objects);
  std::unordered_map<std::string, const json*> ids;
  for (const json* o : objects) {
    auto id = o->find("@id");
    if (id != o->end() && id->is_string() && o->size() > 1) ids.emplace(id->get<std::string>(), o);
  }
  const Merger merger(ids);
  for (const json* o : objects) {
    if (TypeIs(*o, IsArticleTypeName)) merger.Take(*o, &article);
  }
  return article;
}

}  // namespace sinmun
