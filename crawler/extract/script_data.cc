#include "crawler/extract/script_data.h"

#include <nlohmann/json.hpp>

#include <array>
#include <cctype>
#include <unordered_map>

namespace sinmun {
namespace {

using nlohmann::json;

constexpr std::array<std::string_view, 17> kBodyKeys = {
    "contentHtml", "content_html", "bodyHtml",    "body_html",      "articleBody",
    "article_body", "articleContent", "article_content", "newsContent", "storyHtml",
    "body",        "content",      "contents",    "html",           "__html",
    "text",        "story"};
constexpr std::array<std::string_view, 3> kTitleKeys = {"headline", "title", "articleTitle"};
constexpr std::array<std::string_view, 5> kSubtitleKeys = {"subTitle", "subtitle", "sub_title",
                                                           "subheadline", "subHeadline"};
constexpr std::array<std::string_view, 14> kPublishedKeys = {
    "datePublished", "publishedAt",  "published_at", "firstPublishedAt", "first_publish_date",
    "display_date",  "deployDt",     "createdAt",    "created_at",       "regDt",
    "pubDate",       "publishDate",  "publish_date", "registDt"};
constexpr std::array<std::string_view, 10> kModifiedKeys = {
    "dateModified", "modifiedAt", "updatedAt", "updated_at", "last_updated_date",
    "reDeployDt",   "modDt",      "updateDt",  "modifyDate", "modified_at"};

bool IsHex(char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }

// The end (one past the closing quote) of the JSON string literal starting at s[pos] == '"',
// or npos when it is not closed.
size_t StringLiteralEnd(std::string_view s, size_t pos) {
  for (size_t i = pos + 1; i < s.size(); ++i) {
    if (s[i] == '\\') {
      ++i;
    } else if (s[i] == '"') {
      return i + 1;
    }
  }
  return std::string_view::npos;
}

// The end of the JSON value (object or array) starting at s[pos], by bracket depth outside
// strings; npos when it does not close.
size_t ValueEnd(std::string_view s, size_t pos) {
  int depth = 0;
  for (size_t i = pos; i < s.size(); ++i) {
    const char c = s[i];
    if (c == '"') {
      i = StringLiteralEnd(s, i);
      if (i == std::string_view::npos) return i;
      --i;
    } else if (c == '{' || c == '[') {
      ++depth;
    } else if (c == '}' || c == ']') {
      if (--depth == 0) return i + 1;
    }
  }
  return std::string_view::npos;
}

std::string EscapeHtml(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Removes ad placeholders such as $$ARTICLEAD$$.
std::string DropPlaceholders(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  size_t i = 0;
  while (i < s.size()) {
    if (s.compare(i, 2, "$$") == 0) {
      size_t j = i + 2;
      while (j < s.size() && (std::isupper(static_cast<unsigned char>(s[j])) ||
                              std::isdigit(static_cast<unsigned char>(s[j])) || s[j] == '_')) {
        ++j;
      }
      if (j > i + 2 && s.compare(j, 2, "$$") == 0) {
        i = j + 2;
        continue;
      }
    }
    out += s[i++];
  }
  return out;
}

// How much article text a string holds: bytes outside markup, counting only letters and
// digits of Hangul/Latin and CJK (every byte of a multi-byte character counts).
size_t TextWeight(std::string_view s) {
  size_t weight = 0;
  bool in_tag = false;
  for (char c : s) {
    if (c == '<') in_tag = true;
    if (!in_tag && (static_cast<unsigned char>(c) >= 0x80 || std::isalnum(static_cast<unsigned char>(c)))) {
      ++weight;
    }
    if (c == '>') in_tag = false;
  }
  return weight;
}

bool HasParagraphMarkup(std::string_view s) {
  return s.find("<p") != std::string_view::npos || s.find("<br") != std::string_view::npos;
}

// Plausible article text: paragraph markup, or plenty of text that is not a URL or code.
bool LooksLikeBody(std::string_view s) {
  if (HasParagraphMarkup(s)) return TextWeight(s) >= kMinScriptBodyChars / 2;
  if (s.find("://") == 0 || s.find("function") != std::string_view::npos) return false;
  return TextWeight(s) >= kMinScriptBodyChars;
}

std::string FirstString(const json& obj, std::string_view key) {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number()) return it->dump();
  if (it->is_object()) {  // Arc: "headlines": {"basic": "..."}
    auto basic = it->find("basic");
    if (basic != it->end() && basic->is_string()) return basic->get<std::string>();
  }
  return "";
}

template <size_t N>
std::string FirstOf(const json& obj, const std::array<std::string_view, N>& keys) {
  for (std::string_view k : keys) {
    std::string v = FirstString(obj, k);
    if (!v.empty()) return v;
  }
  return "";
}

void AddName(const json& v, std::vector<std::string>* out) {
  if (v.is_string()) {
    if (!v.get_ref<const std::string&>().empty()) out->push_back(v.get<std::string>());
    return;
  }
  if (!v.is_object()) return;
  for (const char* key : {"writerName", "name", "reporterName", "manualWriterName"}) {
    auto it = v.find(key);
    if (it != v.end() && it->is_string() && !it->get_ref<const std::string&>().empty()) {
      out->push_back(it->get<std::string>());
      return;
    }
  }
}

std::vector<std::string> AuthorsOf(const json& obj) {
  std::vector<std::string> names;
  for (const char* key : {"byLines", "bylines", "byline", "authors", "author", "writers",
                          "reporters"}) {
    auto it = obj.find(key);
    if (it == obj.end()) continue;
    if (it->is_array()) {
      for (const json& v : *it) AddName(v, &names);
    } else {
      AddName(*it, &names);
    }
    if (!names.empty()) return names;
  }
  if (auto credits = obj.find("credits"); credits != obj.end() && credits->is_object()) {
    if (auto by = credits->find("by"); by != credits->end() && by->is_array()) {
      for (const json& v : *by) AddName(v, &names);
    }
  }
  if (names.empty()) {
    for (const char* key : {"writerDisplay", "writerName", "reporterName"}) {
      if (std::string v = FirstString(obj, key); !v.empty()) {
        names.push_back(v);
        break;
      }
    }
  }
  return names;
}

// Arc ANS content elements as HTML. Quotes nest elements; past kMaxAnsDepth levels they
// are left out (the data is outside input).
constexpr int kMaxAnsDepth = 8;

std::string AnsHtml(const json& elements, int depth = 0) {
  std::string html;
  for (const json& e : elements) {
    if (!e.is_object()) continue;
    const std::string type = FirstString(e, "type");
    const std::string content = FirstString(e, "content");
    if (type == "text" || type == "paragraph") {
      html += "<p>" + content + "</p>";
    } else if (type == "header") {
      html += "<h3>" + content + "</h3>";
    } else if (type == "quote" || type == "blockquote") {
      if (auto inner = e.find("content_elements");
          inner != e.end() && inner->is_array() && depth < kMaxAnsDepth) {
        html += "<blockquote>" + AnsHtml(*inner, depth + 1) + "</blockquote>";
      }
    } else if (type == "list") {
      if (auto items = e.find("items"); items != e.end() && items->is_array()) {
        html += "<ul>";
        for (const json& item : *items) {
          if (item.is_object()) html += "<li>" + FirstString(item, "content") + "</li>";
        }
        html += "</ul>";
      }
    } else if (type == "image") {
      const std::string url = FirstString(e, "url");
      if (url.empty()) continue;
      html += "<figure><img src=\"" + EscapeHtml(url) + "\"><figcaption>" +
              EscapeHtml(FirstString(e, "caption")) + "</figcaption></figure>";
    }
  }
  return html;
}

struct Candidate {
  size_t weight = 0;
  std::string html;
  const json* owner = nullptr;
};

// Walks `root` for the heaviest body-like string (see the file comment); `text_rows`
// resolves "$<id>" references of flight data.
void SearchJson(const json& root, const std::unordered_map<std::string, std::string_view>& text_rows,
                size_t* budget, Candidate* best) {
  std::vector<const json*> stack = {&root};
  while (!stack.empty() && *budget > 0) {
    const json* v = stack.back();
    stack.pop_back();
    --*budget;
    if (v->is_array()) {
      for (const json& e : *v) {
        if (e.is_structured()) stack.push_back(&e);
      }
      continue;
    }
    if (!v->is_object()) continue;
    for (const auto& [key, value] : v->items()) {
      if (value.is_structured()) {
        if (key == "content_elements" && value.is_array()) {
          std::string html = AnsHtml(value);
          const size_t w = TextWeight(html);
          if (w > best->weight && w >= kMinScriptBodyChars / 2) *best = {w, std::move(html), v};
        }
        stack.push_back(&value);
        continue;
      }
      if (!value.is_string()) continue;
      bool body_key = false;
      for (std::string_view k : kBodyKeys) body_key = body_key || key == k;
      std::string_view text = value.get_ref<const std::string&>();
      if (text.size() > 1 && text[0] == '$') {
        auto row = text_rows.find(std::string(text.substr(1)));
        if (row != text_rows.end()) text = row->second;
      }
      // Under a body-like key, any article-like text; under another key (CMSs name their
      // fields freely: "contentArea", "articleHtml"), only markup with paragraphs.
      const bool plausible = body_key ? LooksLikeBody(text)
                                      : HasParagraphMarkup(text) && TextWeight(text) >= kMinScriptBodyChars;
      if (!plausible) continue;
      const size_t w = TextWeight(text);
      if (w > best->weight) *best = {w, std::string(text), v};
    }
  }
}

ScriptBody Finish(const Candidate& best, const char* source) {
  ScriptBody body;
  if (best.html.empty()) return body;
  body.html = DropPlaceholders(best.html);
  body.source = source;
  if (best.owner != nullptr) {
    const json& o = *best.owner;
    body.title = FirstOf(o, kTitleKeys);
    if (body.title.empty()) body.title = FirstString(o, "headlines");
    body.subtitle = FirstOf(o, kSubtitleKeys);
    if (body.subtitle.empty()) body.subtitle = FirstString(o, "subheadlines");
    body.published = FirstOf(o, kPublishedKeys);
    body.modified = FirstOf(o, kModifiedKeys);
    body.authors = AuthorsOf(o);
  }
  return body;
}

ScriptBody ReadJsonScript(std::string_view text, const char* source) {
  json value = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded()) return {};
  Candidate best;
  size_t budget = kMaxScriptJsonNodes;
  SearchJson(value, {}, &budget, &best);
  return Finish(best, source);
}

// The object literal assigned to Fusion.globalContent in `text`, or "".
std::string_view FusionContent(std::string_view text) {
  static constexpr std::string_view kName = "Fusion.globalContent";
  size_t at = text.find(kName);
  if (at == std::string_view::npos) return "";
  size_t i = at + kName.size();
  while (i < text.size() && (text[i] == ' ' || text[i] == '=' || text[i] == '\n')) ++i;
  if (i >= text.size() || text[i] != '{') return "";
  const size_t end = ValueEnd(text, i);
  return end == std::string_view::npos ? "" : text.substr(i, end - i);
}

}  // namespace

std::string NextFlightPayload(const std::vector<PageScript>& scripts) {
  static constexpr std::string_view kPush = "self.__next_f.push(";
  std::string payload;
  for (const PageScript& script : scripts) {
    std::string_view s = script.text;
    size_t at = 0;
    while ((at = s.find(kPush, at)) != std::string_view::npos) {
      at += kPush.size();
      // [1,"..."]: type 1 carries payload text.
      size_t i = at;
      if (s.compare(i, 1, "[") != 0) continue;
      ++i;
      while (i < s.size() && s[i] == ' ') ++i;
      if (s.compare(i, 1, "1") != 0) continue;
      ++i;
      while (i < s.size() && (s[i] == ' ' || s[i] == ',')) ++i;
      if (i >= s.size() || s[i] != '"') continue;
      const size_t end = StringLiteralEnd(s, i);
      if (end == std::string_view::npos) break;
      json str = json::parse(s.substr(i, end - i), nullptr, /*allow_exceptions=*/false);
      if (str.is_string()) payload += str.get_ref<const std::string&>();
      at = end;
    }
  }
  return payload;
}

ScriptBody ReadNextFlight(std::string_view payload) {
  std::unordered_map<std::string, std::string_view> text_rows;
  std::vector<json> rows;
  size_t pos = 0;
  while (pos < payload.size()) {
    size_t colon = pos;
    while (colon < payload.size() && IsHex(payload[colon])) ++colon;
    if (colon >= payload.size() || payload[colon] != ':') {
      // Not a row start: skip to the next line.
      const size_t nl = payload.find('\n', pos);
      if (nl == std::string_view::npos) break;
      pos = nl + 1;
      continue;
    }
    const std::string id(payload.substr(pos, colon - pos));
    size_t i = colon + 1;
    if (i < payload.size() && payload[i] == 'T') {
      size_t comma = i + 1;
      while (comma < payload.size() && IsHex(payload[comma])) ++comma;
      if (comma < payload.size() && payload[comma] == ',' && comma > i + 1 && comma - i <= 9) {
        const size_t length = std::stoul(std::string(payload.substr(i + 1, comma - i - 1)), nullptr, 16);
        const size_t start = comma + 1;
        const size_t take = std::min(length, payload.size() - start);
        text_rows.emplace(id, payload.substr(start, take));
        pos = start + take;
        continue;
      }
    }
    size_t nl = payload.find('\n', i);
    if (nl == std::string_view::npos) nl = payload.size();
    std::string_view value = payload.substr(i, nl - i);
    // Tagged rows ("I[...]", "HL[...]") are module references and hints, not data.
    if (!value.empty() && (value[0] == '[' || value[0] == '{')) {
      json parsed = json::parse(value, nullptr, /*allow_exceptions=*/false);
      if (!parsed.is_discarded()) rows.push_back(std::move(parsed));
    }
    pos = nl + 1;
  }

  Candidate best;
  size_t budget = kMaxScriptJsonNodes;
  for (const json& row : rows) SearchJson(row, text_rows, &budget, &best);
  if (best.html.empty()) {
    for (const auto& [id, text] : text_rows) {
      const size_t w = TextWeight(text);
      if (HasParagraphMarkup(text) && w > best.weight) best = {w, std::string(text), nullptr};
    }
  }
  return Finish(best, "next-flight");
}

ScriptBody FindScriptBody(const std::vector<PageScript>& scripts) {
  for (const PageScript& s : scripts) {
    if (s.id == "__NEXT_DATA__") {
      ScriptBody body = ReadJsonScript(s.text, "next-data");
      if (!body.html.empty()) return body;
    }
  }
  const std::string payload = NextFlightPayload(scripts);
  if (!payload.empty()) {
    ScriptBody body = ReadNextFlight(payload);
    if (!body.html.empty()) return body;
  }
  for (const PageScript& s : scripts) {
    std::string_view fusion = FusionContent(s.text);
    if (fusion.empty()) continue;
    ScriptBody body = ReadJsonScript(fusion, "fusion");
    if (!body.html.empty()) return body;
  }
  return {};
}

}  // namespace sinmun
