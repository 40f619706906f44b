#include "crawler/extract/generic_extractor.h"

#include <algorithm>
#include <cctype>
#include <memory>

#include "common/text.h"
#include "crawler/extract/body_blocks.h"
#include "crawler/extract/boilerplate.h"
#include "crawler/extract/head_fields.h"
#include "crawler/extract/json_ld.h"
#include "crawler/extract/main_content.h"
#include "crawler/extract/page_time.h"
#include "crawler/extract/press_name.h"
#include "crawler/extract/script_data.h"
#include "crawler/extract/site_table.h"

namespace sinmun {
namespace {

// Without JSON-LD or og:type=article, a page is an article only if its main content holds
// at least this much text (bytes; ~170 Hangul syllables) in at least kMinBodyParagraphs
// runs: a listing card's summary is not an article.
constexpr size_t kMinBodyBytes = 500;
constexpr size_t kMinBodyParagraphs = 3;
// A markup body with less text than this (bytes) is a shell: look for script data.
constexpr size_t kShellBodyBytes = 300;

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::vector<std::string> JsonLdBlocks(const HtmlDocument& doc) {
  std::vector<std::string> blocks;
  for (HtmlNode script : doc.ByTag("script")) {
    if (Lower(HtmlDocument::Attr(script, "type")).find("ld+json") == std::string::npos) continue;
    blocks.push_back(HtmlDocument::RawText(script));
  }
  return blocks;
}

std::vector<PageScript> Scripts(const HtmlDocument& doc, std::vector<std::string>* storage) {
  const std::vector<HtmlNode>& nodes = doc.ByTag("script");
  storage->reserve(nodes.size() * 2);
  std::vector<PageScript> scripts;
  for (HtmlNode script : nodes) {
    storage->push_back(HtmlDocument::Attr(script, "id"));
    storage->push_back(HtmlDocument::RawText(script));
  }
  for (size_t i = 0; i + 1 < storage->size(); i += 2) {
    scripts.push_back(PageScript{(*storage)[i], (*storage)[i + 1]});
  }
  return scripts;
}

// The first text the first productive expression of `xpaths` gives; "" when none.
std::string FirstText(const HtmlDocument& doc, const std::vector<std::string>& xpaths) {
  for (const std::string& xpath : xpaths) {
    std::vector<std::string> texts = doc.SelectTexts(xpath);
    if (!texts.empty()) return std::move(texts.front());
  }
  return "";
}

std::vector<std::string> AllTexts(const HtmlDocument& doc, const std::vector<std::string>& xpaths) {
  for (const std::string& xpath : xpaths) {
    std::vector<std::string> texts = doc.SelectTexts(xpath);
    if (!texts.empty()) return texts;
  }
  return {};
}

std::optional<Instant> FirstTime(const HtmlDocument& doc, const std::vector<std::string>& xpaths) {
  for (const std::string& xpath : xpaths) {
    for (const std::string& text : doc.SelectTexts(xpath)) {
      if (auto t = ParsePageTime(text)) return t;
    }
  }
  return std::nullopt;
}

std::optional<Instant> MetaTime(const HtmlDocument& doc, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    if (auto t = ParsePageTime(doc.Meta(key))) return t;
  }
  return std::nullopt;
}

bool HasHangul(std::string_view s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto b = static_cast<unsigned char>(c);
    return b >= 0xEA && b <= 0xED;
  });
}

std::string Press(const HtmlDocument& doc, const ExtractContext& ctx, const JsonLdArticle& ld) {
  if (ctx.site != nullptr && !ctx.site->press.empty()) return ctx.site->press;
  const std::string publisher = NormalizePress(NormalizeText(ld.publisher), ctx.sites);
  const std::string site_name = NormalizePress(doc.Meta("og:site_name"), ctx.sites);
  // Readers name Korean outlets in Korean: prefer the name that is.
  for (const std::string* name : {&publisher, &site_name}) {
    if (HasHangul(*name)) return *name;
  }
  if (!publisher.empty()) return publisher;
  if (!site_name.empty()) return site_name;
  for (const char* key : {"publisher", "application-name"}) {
    if (std::string name = NormalizePress(doc.Meta(key), ctx.sites); !name.empty()) return name;
  }
  const std::vector<HtmlNode>& titles = doc.ByTag("title");
  for (const std::string& title : {titles.empty() ? std::string() : HtmlDocument::Text(titles.front()),
                                   doc.Meta("og:title")}) {
    if (std::string name = PressFromTitle(title, ctx.sites); !name.empty()) return name;
  }
  return "";
}

// A summary written as headings at the top of a body ("<h2 class=sub_tit>…<br>…</h2>" before
// the first paragraph) is the subtitle, not body text.
void TakeLeadingSubtitle(Article* article) {
  std::vector<Block>& blocks = article->blocks;
  const auto first_paragraph = std::find_if(blocks.begin(), blocks.end(), [](const Block& b) {
    return b.type == BlockType::kParagraph;
  });
  if (first_paragraph == blocks.end()) return;  // headings with no text after them are body
  std::string lines;
  for (auto it = blocks.begin(); it != first_paragraph; ++it) {
    if (it->type == BlockType::kSubheading) lines += (lines.empty() ? "" : " ") + it->text;
  }
  if (lines.empty()) return;
  if (article->subtitle.empty()) article->subtitle = lines;
  blocks.erase(std::remove_if(blocks.begin(), first_paragraph,
                              [](const Block& b) { return b.type == BlockType::kSubheading; }),
               first_paragraph);
}

std::string Title(const HtmlDocument& doc, const ExtractContext& ctx, const JsonLdArticle& ld,
                  const std::string& press) {
  if (ctx.site != nullptr) {
    if (std::string t = FirstText(doc, ctx.site->title); !t.empty()) return t;
  }
  const std::string site_name = doc.Meta("og:site_name");
  if (std::string t = NormalizeText(ld.headline); !t.empty()) return CleanTitle(t, press, site_name);
  for (const char* key : {"og:title", "twitter:title", "title"}) {
    if (std::string t = doc.Meta(key); !t.empty()) return CleanTitle(t, press, site_name);
  }
  const std::vector<HtmlNode>& titles = doc.ByTag("title");
  if (!titles.empty()) return CleanTitle(HtmlDocument::Text(titles.front()), press, site_name);
  const std::vector<HtmlNode>& h1 = doc.ByTag("h1");
  return h1.empty() ? "" : HtmlDocument::Text(h1.front());
}

void Times(const HtmlDocument& doc, const ExtractContext& ctx, const JsonLdArticle& ld,
           Article* a) {
  if (ctx.site != nullptr) {
    a->published = FirstTime(doc, ctx.site->published);
    a->modified = FirstTime(doc, ctx.site->modified);
  }
  if (!a->published) a->published = ParsePageTime(NormalizeText(ld.date_published));
  if (!a->modified) a->modified = ParsePageTime(NormalizeText(ld.date_modified));
  if (!a->published) {
    a->published = MetaTime(doc, {"article:published_time", "og:article:published_time",
                                  "article:published", "pubdate", "publishdate", "publish-date",
                                  "parsely-pub-date", "sailthru.date", "dc.date", "date",
                                  "og:regDate"});
  }
  if (!a->modified) {
    a->modified = MetaTime(doc, {"article:modified_time", "og:article:modified_time",
                                 "article:modified", "og:updated_time", "lastmod",
                                 "dc.date.modified"});
  }
  if (!a->published || !a->modified) {
    const PageTimes shown = FindPageTimes(doc);
    if (!a->published) a->published = shown.published;
    if (!a->modified) a->modified = shown.modified;
  }
}

// Splits JSON-LD articleBody (or any plain text body) into paragraph blocks.
std::vector<Block> TextBlocksOf(std::string_view text) {
  std::vector<Block> blocks;
  size_t pos = 0;
  while (pos <= text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string_view::npos) end = text.size();
    Block block;
    block.text = NormalizeText(text.substr(pos, end - pos));
    if (!block.text.empty() && ClassifyLine(block.text, false) == LineKind::kText) {
      blocks.push_back(std::move(block));
    }
    pos = end + 1;
  }
  return blocks;
}

size_t TextBytes(const std::vector<Block>& blocks) {
  size_t n = 0;
  for (const Block& b : blocks) {
    if (b.type == BlockType::kParagraph || b.type == BlockType::kSubheading) n += b.text.size();
  }
  return n;
}

// The body the site entry describes, or no roots when its rules select nothing.
std::vector<HtmlNode> RuleRoots(const HtmlDocument& doc, const SiteRule& rule, BodyOptions* options) {
  std::vector<HtmlNode> roots;
  for (const std::string& xpath : rule.body) {
    roots = doc.Select(xpath);
    if (!roots.empty()) break;
  }
  for (HtmlNode root : roots) {
    for (const std::string& xpath : rule.drop) {
      for (HtmlNode n : doc.Select(xpath, root)) options->drop.insert(n);
    }
  }
  return roots;
}

// Blocks of an HTML fragment (a body found in script data or JSON-LD).
BodyBlocks FragmentBlocks(const std::string& html, const ExtractContext& ctx,
                          const BodyOptions& options) {
  Result<std::unique_ptr<HtmlDocument>> fragment = HtmlDocument::Parse(html);
  if (!fragment.ok()) return {};
  const std::vector<HtmlNode>& body = (*fragment)->ByTag("body");
  std::vector<HtmlNode> roots = {body.empty() ? (*fragment)->Root() : body.front()};
  return BuildBodyBlocks(**fragment, roots, ctx, options);
}

struct Body {
  BodyBlocks blocks;
  bool found_in_markup = false;
  size_t markup_bytes = 0;      // main content's text, for the is-it-an-article test
  size_t markup_paragraphs = 0;
  ScriptBody script;
};

Body FindBody(const HtmlDocument& doc, const ExtractContext& ctx, const JsonLdArticle& ld,
              BodyOptions options) {
  Body body;
  std::vector<HtmlNode> roots;
  bool rule_matched = false;
  if (ctx.site != nullptr && !ctx.site->body.empty()) {
    roots = RuleRoots(doc, *ctx.site, &options);
    rule_matched = !roots.empty();
    if (roots.empty() && ctx.note != nullptr) {
      *ctx.note = "site table entry \"" + ctx.site->id +
                  "\": no body rule matched; read by the generic extractor";
    }
  }
  if (roots.empty()) {
    options.drop.clear();
    MainContent main = FindMainContent(doc);
    roots = std::move(main.roots);
    body.markup_bytes = main.text_bytes;
    body.markup_paragraphs = main.paragraphs;
  } else {
    body.markup_bytes = kMinBodyBytes;  // the site entry says this is the body
    body.markup_paragraphs = kMinBodyParagraphs;
  }
  body.blocks = BuildBodyBlocks(doc, roots, ctx, options);
  if (rule_matched) {
    // The entry's body holds (next to) nothing: its rules match the wrong element now, or
    // the page's markup is a shell. The generic search gets a say.
    if (TextBytes(body.blocks.blocks) < kShellBodyBytes) {
      MainContent main = FindMainContent(doc);
      BodyBlocks generic = BuildBodyBlocks(doc, main.roots, ctx, BodyOptions{{}, options.title, options.subtitle});
      if (TextBytes(generic.blocks) > TextBytes(body.blocks.blocks) + kShellBodyBytes / 2) {
        body.blocks = std::move(generic);
        body.markup_bytes = main.text_bytes;
        body.markup_paragraphs = main.paragraphs;
        if (ctx.note != nullptr) {
          *ctx.note = "site table entry \"" + ctx.site->id +
                      "\": the body rules select next to no text; read by the generic extractor";
        }
      }
    }
  }
  body.found_in_markup = TextBytes(body.blocks.blocks) >= kShellBodyBytes;
  if (!body.found_in_markup) {
    std::vector<std::string> storage;
    body.script = FindScriptBody(Scripts(doc, &storage));
    if (!body.script.html.empty()) {
      BodyBlocks from_script = FragmentBlocks(body.script.html, ctx, options);
      if (TextBytes(from_script.blocks) > TextBytes(body.blocks.blocks)) body.blocks = std::move(from_script);
    }
  }
  // JSON-LD articleBody: when the markup has no body, or clearly less than it.
  const std::string ld_body = ld.article_body;
  if (!ld_body.empty()) {
    BodyBlocks from_ld;
    from_ld.blocks = ld_body.find('<') != std::string::npos && ld_body.find("</") != std::string::npos
                         ? FragmentBlocks(ld_body, ctx, options).blocks
                         : TextBlocksOf(ld_body);
    if (TextBytes(from_ld.blocks) > 2 * TextBytes(body.blocks.blocks)) body.blocks = std::move(from_ld);
  }
  return body;
}

std::vector<std::string> Authors(const HtmlDocument& doc, const ExtractContext& ctx,
                                 const JsonLdArticle& ld, const Article& a,
                                 const BodyBlocks& body, const ScriptBody& script) {
  std::vector<std::string> names;
  if (ctx.site != nullptr) names = CleanAuthorList(AllTexts(doc, ctx.site->authors), a.press);
  if (names.empty()) names = CleanAuthorList(ld.authors, a.press);
  if (names.empty()) {
    // Every author meta (a page may have several: the outlet's, then the reporter's).
    std::vector<std::string> metas;
    for (HtmlNode meta : doc.ByTag("meta")) {
      std::string key = HtmlDocument::Attr(meta, "name");
      if (key.empty()) key = HtmlDocument::Attr(meta, "property");
      if (key != "author" && key != "article:author" && key != "og:article:author" &&
          key != "dable:author" && key != "byl") {
        continue;
      }
      std::string v = NormalizeText(HtmlDocument::Attr(meta, "content"));
      if (!v.empty() && v.find("://") == std::string::npos) metas.push_back(std::move(v));
    }
    names = CleanAuthorList(metas, a.press);
  }
  if (names.empty()) names = CleanAuthorList(script.authors, a.press);
  if (names.empty()) names = CleanAuthorList(body.bylines, a.press);
  if (names.empty()) {
    for (const Block& b : a.blocks) {
      if (b.type != BlockType::kParagraph) continue;
      names = CleanAuthorList(DatelineAuthors(b.text), a.press);
      break;
    }
  }
  if (names.empty()) names = CleanAuthorList(BylineElementAuthors(doc), a.press);
  if (names.empty()) names = CleanAuthorList(ld.author_organizations, a.press);
  return names;
}

}  // namespace

Result<Article> ExtractGenericArticle(const HtmlDocument& doc, const ExtractContext& ctx) {
  Article article;
  article.portal = "web";
  const JsonLdArticle ld = ReadJsonLdArticle(JsonLdBlocks(doc));
  const std::string og_type = doc.Meta("og:type");
  const bool declared = ld.found || og_type == "article" || og_type.rfind("article", 0) == 0;

  article.press = Press(doc, ctx, ld);
  article.title = Title(doc, ctx, ld, article.press);
  if (ctx.site != nullptr) article.subtitle = FirstText(doc, ctx.site->subtitle);
  if (article.subtitle.empty()) article.subtitle = NormalizeText(ld.alternative_headline);
  article.section = NormalizeText(ld.section);
  if (article.section.empty()) article.section = doc.Meta("article:section");

  BodyOptions options;
  options.title = article.title;
  options.subtitle = article.subtitle;
  Body body = FindBody(doc, ctx, ld, std::move(options));
  if (!declared && body.script.html.empty() &&
      (body.markup_bytes < kMinBodyBytes || body.markup_paragraphs < kMinBodyParagraphs)) {
    return Status::InvalidArgument("no article found: no headline or body text");
  }
  article.blocks = std::move(body.blocks.blocks);
  TakeLeadingSubtitle(&article);
  Times(doc, ctx, ld, &article);

  // What the script data says fills what the page did not.
  const ScriptBody& script = body.script;
  if (article.title.empty()) article.title = NormalizeText(script.title);
  if (article.subtitle.empty() && !script.subtitle.empty()) {
    Result<std::unique_ptr<HtmlDocument>> sub = HtmlDocument::Parse(script.subtitle);
    if (sub.ok()) article.subtitle = HtmlDocument::Text((*sub)->Root());
  }
  if (!article.published) article.published = ParsePageTime(NormalizeText(script.published));
  if (!article.modified) article.modified = ParsePageTime(NormalizeText(script.modified));
  article.authors = Authors(doc, ctx, ld, article, body.blocks, script);

  if (article.title.empty() && article.blocks.empty()) {
    return Status::InvalidArgument("no article found: no headline or body text");
  }
  return article;
}

}  // namespace sinmun
