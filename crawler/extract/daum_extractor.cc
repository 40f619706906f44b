#include "crawler/extract/daum_extractor.h"

#include <string>

#include "common/text.h"
#include "crawler/extract/body_blocks.h"
#include "crawler/extract/head_fields.h"
#include "crawler/extract/page_time.h"
#include "crawler/extract/press_name.h"

namespace sinmun {
namespace {

HtmlNode DmcfSection(const HtmlDocument& doc) {
  for (HtmlNode n : doc.ByTag("section")) {
    if (HtmlDocument::HasAttr(n, "dmcf-sid")) return n;
  }
  return nullptr;
}

bool IsSubheadingType(const std::string& ptype) {
  return ptype == "h2" || ptype == "h3" || ptype == "h4" || ptype == "subtitle" ||
         ptype == "heading";
}

// The block a dmcf element stands for; false when it stands for nothing worth keeping.
bool DmcfBlock(const HtmlDocument& doc, HtmlNode node, const ExtractContext& ctx,
               Block* block) {
  const std::string ptype = HtmlDocument::Attr(node, "dmcf-ptype");
  const std::string_view name = HtmlDocument::Name(node);
  block->publisher_hash = HtmlDocument::Attr(node, "contents-hash");
  block->publisher_id = HtmlDocument::Attr(node, "dmcf-pid");
  if (ptype == "general") {
    block->type = BlockType::kParagraph;
    block->text = HtmlDocument::Text(node);
    return !block->text.empty() && !IsBoilerplateLine(block->text);
  }
  if (IsSubheadingType(ptype) || name == "h2" || name == "h3" || name == "h4") {
    block->type = BlockType::kSubheading;
    block->text = HtmlDocument::Text(node);
    return !block->text.empty();
  }
  if (HtmlNode img = doc.SelectFirst(".//img", node)) {
    block->type = BlockType::kImage;
    block->src = ImageSource(img, ctx);
    block->text = HtmlDocument::Text(doc.SelectFirst(".//figcaption", node));
    if (block->text.empty()) block->text = NormalizeText(HtmlDocument::Attr(img, "alt"));
    return !block->src.empty();
  }
  if (HtmlNode media = doc.SelectFirst(".//iframe | .//video | .//embed", node)) {
    block->type = BlockType::kEmbed;
    block->src = ResolveUrl(HtmlDocument::Attr(media, "src"), ctx.base_url);
    block->text = HtmlDocument::Text(node);
    return !block->src.empty();
  }
  block->type = BlockType::kParagraph;
  block->text = HtmlDocument::Text(node);
  return !block->text.empty() && !IsBoilerplateLine(block->text);
}

// The press: the outlet logo's alt text in the article head (2015–2024 pages: em.info_cp),
// og:article:author, the header's press link (2025– pages: #kakaoServiceLogo, which older
// pages use for the service name "뉴스"), or og:site_name's "Daum | <press>".
std::string DaumPress(const HtmlDocument& doc) {
  std::vector<std::string> candidates;
  for (const char* cls : {"info_cp", "link_cp"}) {
    if (HtmlNode box = doc.FirstByClass(cls)) {
      if (HtmlNode img = doc.SelectFirst(".//img[@alt]", box)) {
        candidates.push_back(NormalizeText(HtmlDocument::Attr(img, "alt")));
      }
      candidates.push_back(HtmlDocument::Text(box));
    }
  }
  candidates.push_back(doc.Meta("og:article:author"));
  candidates.push_back(HtmlDocument::Text(doc.ElementById("kakaoServiceLogo")));
  const std::string site = doc.Meta("og:site_name");
  if (site.find('|') != std::string::npos) candidates.emplace_back(AfterSeparator(site, "|"));
  for (const std::string& name : candidates) {
    if (!name.empty() && !IsGenericPressWord(name)) return name;
  }
  return "";
}

}  // namespace

bool LooksLikeDaumArticle(const HtmlDocument& doc) {
  return doc.FirstByClass("article_view", "div") != nullptr || DmcfSection(doc) != nullptr;
}

Result<Article> ExtractDaumArticle(const HtmlDocument& doc, const ExtractContext& ctx) {
  HtmlNode view = doc.FirstByClass("article_view", "div");
  HtmlNode body = view != nullptr ? doc.SelectFirst(".//section[@dmcf-sid]", view)
                                  : DmcfSection(doc);
  if (body == nullptr) body = view;
  if (body == nullptr) {
    return Status::InvalidArgument("no article found: daum layout without div.article_view");
  }

  Article article;
  article.portal = "daum";

  for (const Segment& seg : HtmlDocument::Segments(body, [](HtmlNode n) {
         return HtmlDocument::HasAttr(n, "dmcf-ptype") ? NodeAction::kItem
                                                       : NodeAction::kDescend;
       })) {
    Block block;
    if (seg.item != nullptr) {
      if (DmcfBlock(doc, seg.item, ctx, &block)) article.blocks.push_back(std::move(block));
    } else if (!seg.link_only && !IsBoilerplateLine(seg.text)) {
      block.text = seg.text;
      article.blocks.push_back(std::move(block));
    }
  }

  std::vector<std::string> bylines;
  DropBoilerplateLines(&article.blocks, &bylines);

  // Head.
  article.title = HtmlDocument::Text(doc.FirstByClass("tit_view"));
  if (article.title.empty()) article.title = doc.Meta("og:title");
  article.subtitle =
      HtmlDocument::Text(doc.FirstByClass("summary_view"));

  article.press = DaumPress(doc);

  // The section's name is the hidden heading of the main column.
  if (HtmlNode main = doc.ElementById("kakaoContent")) {
    article.section = HtmlDocument::Text(
        doc.SelectFirst("./section/h2[" + ClassPredicate("screen_out") + "]", main));
  }

  article.published = ParsePageTime(doc.Meta("og:regDate"));
  HtmlNode info = doc.FirstByClass("info_view");
  for (HtmlNode span : doc.Select("./span[" + ClassPredicate("txt_info") + "]", info)) {
    HtmlNode date = doc.SelectFirst(".//span[" + ClassPredicate("num_date") + "]", span);
    if (date == nullptr) {
      AddAuthors(HtmlDocument::Text(span), &article.authors);
      continue;
    }
    const std::string label = HtmlDocument::Text(span);
    const auto when = ParsePageTime(HtmlDocument::Text(date));
    if (label.find("수정") != std::string::npos) {
      article.modified = when;
    } else if (!article.published) {
      article.published = when;
    }
  }
  if (article.authors.empty()) {
    for (const std::string& byline : bylines) AddAuthors(byline, &article.authors);
  }
  if (article.authors.empty()) {
    for (const Block& b : article.blocks) {
      if (b.type != BlockType::kParagraph) continue;
      article.authors = CleanAuthorList(DatelineAuthors(b.text), article.press);
      break;
    }
  }
  return article;
}

}  // namespace sinmun
