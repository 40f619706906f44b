#include "crawler/extract/naver_extractor.h"

#include <array>
#include <string>

#include "common/text.h"
#include "crawler/extract/body_blocks.h"
#include "crawler/extract/page_time.h"

namespace sinmun {
namespace {

// Classes of elements inside a Naver article body that are never article text.
constexpr std::array<std::string_view, 16> kSkipClasses = {
    "byline",          "byline_p",       "source",          "copyright",
    "c_inner",         "reporter_area",  "article_journalist", "journalistcard",
    "news_end_btn",    "vod_player_wrap", "_VIDEO_AREA_WRAP", "media_end_summary",
    "link_news",       "end_btn",        "categorize",      "media_end_categorize"};

// The article body element of whichever layout the page uses, or null.
HtmlNode FindBody(const HtmlDocument& doc) {
  for (const char* id : {"dic_area", "articleBodyContents", "newsEndContents", "articeBody"}) {
    if (HtmlNode n = doc.ElementById(id)) return n;
  }
  return nullptr;
}

std::string FirstText(std::initializer_list<HtmlNode> nodes) {
  for (HtmlNode n : nodes) {
    std::string text = HtmlDocument::Text(n);
    if (!text.empty()) return text;
  }
  return "";
}

std::string FirstAttr(std::initializer_list<HtmlNode> nodes, std::string_view attr) {
  for (HtmlNode n : nodes) {
    std::string value = NormalizeText(HtmlDocument::Attr(n, attr));
    if (!value.empty()) return value;
  }
  return "";
}

// The first <img> inside `node`, or null.
HtmlNode ImgIn(const HtmlDocument& doc, HtmlNode node) {
  return node != nullptr ? doc.SelectFirst(".//img", node) : nullptr;
}

// og:article:author is "JTBC | 네이버" or "네이버 스포츠 | 스포티비뉴스": the part that is
// not Naver itself.
std::string PressFromOgAuthor(const std::string& value) {
  size_t bar = value.find('|');
  if (bar == std::string::npos) return value;
  std::string left = NormalizeText(value.substr(0, bar));
  std::string right = NormalizeText(value.substr(bar + 1));
  return left.rfind("네이버", 0) == 0 ? right : left;
}

// Authors: the header's journalist names, else the byline under the body, else the
// journalist card, else a reporter line taken out of the body.
std::vector<std::string> NaverAuthors(const HtmlDocument& doc, const std::vector<std::string>& bylines) {
  std::vector<std::string> authors;
  for (const char* cls : {"media_end_head_journalist_name", "byline_s", "b_text", "byline",
                          "journalistcard_summary_name"}) {
    for (HtmlNode n : doc.ByClass(cls)) {
      // A "byline" class names the paragraph under the body only on <p>.
      if (std::string_view(cls) == "byline" && HtmlDocument::Name(n) != "p") continue;
      AddAuthors(HtmlDocument::Text(n), &authors);
    }
    if (!authors.empty()) return authors;
  }
  for (const std::string& byline : bylines) AddAuthors(byline, &authors);
  return authors;
}

}  // namespace

bool LooksLikeNaverArticle(const HtmlDocument& doc) {
  return FindBody(doc) != nullptr || doc.FirstByClass("media_end_head") != nullptr;
}

Result<Article> ExtractNaverArticle(const HtmlDocument& doc, const ExtractContext& ctx) {
  HtmlNode body = FindBody(doc);
  if (body == nullptr) {
    return Status::InvalidArgument("no article found: naver layout without #dic_area");
  }
  Article article;
  article.portal = "naver";

  // Photos (span.end_photo_org with em.img_desc, or a layout table of image and caption)
  // are image blocks with their captions; the skip classes are bylines, summaries, players.
  BodyOptions options;
  for (std::string_view cls : kSkipClasses) {
    for (HtmlNode n : doc.ByClass(cls)) options.drop.insert(n);
  }
  BodyBlocks built = BuildBodyBlocks(doc, {body}, ctx, options);
  article.blocks = std::move(built.blocks);

  HtmlNode headline = doc.FirstByClass("news_headline", "div");
  article.title = FirstText({doc.ElementById("title_area"),
                             doc.FirstByClass("media_end_head_headline"),
                             doc.ElementById("articleTitle"),
                             headline != nullptr ? doc.SelectFirst("./h4", headline) : nullptr});
  if (article.title.empty()) article.title = doc.Meta("og:title");
  article.subtitle = HtmlDocument::Text(
      doc.SelectFirst(".//strong[" + ClassPredicate("media_end_summary") + "]", body));

  article.press = FirstAttr({ImgIn(doc, doc.FirstByClass("media_end_head_top_logo")),
                             ImgIn(doc, doc.FirstByClass("press_logo")),
                             ImgIn(doc, doc.ElementById("pressLogo"))},
                            "alt");
  if (article.press.empty()) {
    article.press = FirstText({doc.FirstByClass("media_end_head_top_press"),
                               doc.FirstByClass("media_end_head_top_logo_text")});
  }
  if (article.press.empty()) article.press = PressFromOgAuthor(doc.Meta("og:article:author"));

  article.section = FirstText({doc.FirstByClass("media_end_categorize_item")});

  // Times: data attributes (seconds, current layout), else the displayed forms.
  article.published =
      ParsePageTime(FirstAttr({doc.FirstByClass("_ARTICLE_DATE_TIME")}, "data-date-time"));
  article.modified = ParsePageTime(
      FirstAttr({doc.FirstByClass("_ARTICLE_MODIFY_DATE_TIME")}, "data-modify-date-time"));
  if (!article.published) {
    const std::vector<HtmlNode>& stamps = doc.ByClass("t11");
    if (!stamps.empty()) article.published = ParsePageTime(HtmlDocument::Text(stamps[0]));
    if (stamps.size() > 1) article.modified = ParsePageTime(HtmlDocument::Text(stamps[1]));
  }
  if (!article.published && headline != nullptr) {
    for (HtmlNode span :
         doc.Select("./div[" + ClassPredicate("info") + "]/span", headline)) {
      const std::string text = HtmlDocument::Text(span);
      if (text.find("기사입력") != std::string::npos) {
        article.published = ParsePageTime(text);
      } else if (text.find("최종수정") != std::string::npos) {
        article.modified = ParsePageTime(text);
      }
    }
  }

  article.origin_url = ResolveUrl(FirstAttr({doc.FirstByClass("media_end_head_origin_link", "a"),
                                             doc.FirstByClass("btn_artialoriginal", "a"),
                                             doc.FirstByClass("press_link", "a")},
                                            "href"),
                                  ctx.base_url);

  article.authors = NaverAuthors(doc, built.bylines);
  return article;
}

}  // namespace sinmun
