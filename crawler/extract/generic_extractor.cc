#include "crawler/extract/generic_extractor.h"

#include <nlohmann/json.hpp>

#include <string>
#include <unordered_map>

#include "common/text.h"
#include "crawler/extract/page_time.h"

namespace sinmun {
namespace {

using nlohmann::json;

constexpr size_t kMaxJsonLdBytes = 1u << 20;
constexpr int kMaxJsonLdObjects = 64;
// Without JSON-LD or og:type=article, a page is an article only if one element holds at
// least this much paragraph text (bytes of normalised UTF-8; ~170 Hangul syllables) in at
// least kMinBodyParagraphs <p> children: a listing card's summary is not an article.
constexpr size_t kMinBodyBytes = 500;
constexpr size_t kMinBodyParagraphs = 3;

bool IsArticleType(const json& type) {
  const auto is_article = [](const json& t) {
    if (!t.is_string()) return false;
    const std::string s = t.get<std::string>();
    return s == "NewsArticle" || s == "Article" || s == "ReportageNewsArticle" ||
           s == "AnalysisNewsArticle" || s == "OpinionNewsArticle" || s == "BlogPosting" ||
           s == "ReviewNewsArticle" || s == "BackgroundNewsArticle";
  };
  if (type.is_array()) {
    for (const json& t : type) {
      if (is_article(t)) return true;
    }
    return false;
  }
  return is_article(type);
}

// The first article object in a JSON-LD value: the value itself, an element of an array,
// or an element of @graph. Breadth-limited, not recursive beyond those two levels.
const json* FindArticleObject(const json& value) {
  std::vector<const json*> candidates;
  if (value.is_array()) {
    for (const json& v : value) candidates.push_back(&v);
  } else {
    candidates.push_back(&value);
  }
  for (int i = 0; i < static_cast<int>(candidates.size()) && i < kMaxJsonLdObjects; ++i) {
    const json& c = *candidates[static_cast<size_t>(i)];
    if (!c.is_object()) continue;
    if (auto t = c.find("@type"); t != c.end() && IsArticleType(*t)) return &c;
    if (auto g = c.find("@graph"); g != c.end() && g->is_array()) {
      for (const json& v : *g) candidates.push_back(&v);
    }
  }
  return nullptr;
}

std::string JsonString(const json& obj, const char* key) {
  auto it = obj.find(key);
  if (it == obj.end()) return "";
  if (it->is_string()) return NormalizeText(it->get<std::string>());
  if (it->is_array() && !it->empty() && it->front().is_string()) {
    return NormalizeText(it->front().get<std::string>());
  }
  return "";
}

// "author": "이름" | {"name": ...} | [ ... ] of either.
void JsonAuthors(const json& obj, std::vector<std::string>* authors) {
  auto it = obj.find("author");
  if (it == obj.end()) return;
  const auto one = [&](const json& a) {
    if (a.is_string()) {
      AddAuthors(a.get<std::string>(), authors);
    } else if (a.is_object()) {
      AddAuthors(JsonString(a, "name"), authors);
    }
  };
  if (it->is_array()) {
    for (const json& a : *it) one(a);
  } else {
    one(*it);
  }
}

NodeAction ClassifyGenericNode(HtmlNode n) {
  const std::string name = HtmlDocument::Name(n);
  if (name == "nav" || name == "aside" || name == "form" || name == "button" ||
      name == "footer" || name == "header" || name == "menu") {
    return NodeAction::kSkip;
  }
  if (name == "figure" || name == "img") return NodeAction::kItem;
  return NodeAction::kDescend;
}

// The element whose <p> children hold the most text: the article body on most sites.
// *text_bytes and *paragraphs receive that amount and the number of its <p> children.
HtmlNode MainTextElement(const HtmlDocument& doc, size_t* text_bytes, size_t* paragraphs) {
  std::unordered_map<HtmlNode, size_t> score;
  std::unordered_map<HtmlNode, size_t> count;
  HtmlNode best = nullptr;
  size_t best_score = 0;
  for (HtmlNode p : doc.ByTag("p")) {
    HtmlNode parent = HtmlDocument::Parent(p);
    if (parent == nullptr) continue;
    size_t& s = score[parent];
    s += HtmlDocument::Text(p).size();
    ++count[parent];
    if (s > best_score) {
      best_score = s;
      best = parent;
    }
  }
  *text_bytes = best_score;
  *paragraphs = best != nullptr ? count[best] : 0;
  return best;
}

}  // namespace

Result<Article> ExtractGenericArticle(const HtmlDocument& doc, const ExtractContext& ctx) {
  Article article;
  article.portal = "web";

  // JSON-LD first.
  std::string json_body;
  bool declared_article = doc.Meta("og:type") == "article";
  for (HtmlNode script : doc.ByTag("script")) {
    if (HtmlDocument::Attr(script, "type") != "application/ld+json") continue;
    const std::string raw = HtmlDocument::RawText(script);
    if (raw.empty() || raw.size() > kMaxJsonLdBytes) continue;
    json value = json::parse(raw, nullptr, /*allow_exceptions=*/false);
    if (value.is_discarded()) continue;
    const json* obj = FindArticleObject(value);
    if (obj == nullptr) continue;
    declared_article = true;
    article.title = JsonString(*obj, "headline");
    article.subtitle = JsonString(*obj, "alternativeHeadline");
    article.published = ParsePageTime(JsonString(*obj, "datePublished"));
    article.modified = ParsePageTime(JsonString(*obj, "dateModified"));
    article.section = JsonString(*obj, "articleSection");
    JsonAuthors(*obj, &article.authors);
    if (auto pub = obj->find("publisher"); pub != obj->end() && pub->is_object()) {
      article.press = JsonString(*pub, "name");
    }
    if (auto body = obj->find("articleBody"); body != obj->end() && body->is_string()) {
      json_body = body->get<std::string>();
    }
    break;
  }

  // Meta tags for what JSON-LD did not say.
  if (article.title.empty()) article.title = doc.Meta("og:title");
  if (article.title.empty()) article.title = HtmlDocument::Text(doc.ByTag("h1").empty() ? nullptr : doc.ByTag("h1").front());
  if (article.title.empty()) article.title = HtmlDocument::Text(doc.ByTag("title").empty() ? nullptr : doc.ByTag("title").front());
  if (article.press.empty()) article.press = doc.Meta("og:site_name");
  if (article.section.empty()) article.section = doc.Meta("article:section");
  if (!article.published) article.published = ParsePageTime(doc.Meta("article:published_time"));
  if (!article.modified) article.modified = ParsePageTime(doc.Meta("article:modified_time"));
  if (article.authors.empty()) AddAuthors(doc.Meta("author"), &article.authors);
  if (article.authors.empty()) AddAuthors(doc.Meta("article:author"), &article.authors);

  size_t main_bytes = 0;
  size_t main_paragraphs = 0;
  HtmlNode main = MainTextElement(doc, &main_bytes, &main_paragraphs);
  if (!declared_article && (main_bytes < kMinBodyBytes || main_paragraphs < kMinBodyParagraphs)) {
    return Status::InvalidArgument("no article found: no headline or body text");
  }
  if (main != nullptr) {
    for (const Segment& seg : HtmlDocument::Segments(main, ClassifyGenericNode)) {
      Block block;
      if (seg.item != nullptr) {
        HtmlNode img = HtmlDocument::Name(seg.item) == "img"
                           ? seg.item
                           : doc.SelectFirst(".//img", seg.item);
        block.type = BlockType::kImage;
        block.src = ImageSource(img, ctx);
        block.text = HtmlDocument::Text(doc.SelectFirst(".//figcaption", seg.item));
        if (block.text.empty()) block.text = NormalizeText(HtmlDocument::Attr(img, "alt"));
        if (!block.src.empty()) article.blocks.push_back(std::move(block));
        continue;
      }
      if (seg.link_only || IsBoilerplateLine(seg.text)) continue;
      block.text = seg.text;
      article.blocks.push_back(std::move(block));
    }
  }
  if (article.blocks.empty() && !json_body.empty()) {
    size_t pos = 0;
    while (pos <= json_body.size()) {
      size_t end = json_body.find('\n', pos);
      if (end == std::string::npos) end = json_body.size();
      Block block;
      block.text = NormalizeText(std::string_view(json_body).substr(pos, end - pos));
      if (!block.text.empty() && !IsBoilerplateLine(block.text)) {
        article.blocks.push_back(std::move(block));
      }
      pos = end + 1;
    }
  }
  if (article.title.empty() && article.blocks.empty()) {
    return Status::InvalidArgument("no article found: no headline or body text");
  }
  return article;
}

}  // namespace sinmun
