// /changes.atom: the Atom rendering (storage/changes_feed.h) parsed back with libxml2, over
// an archive built from the example pages and over hostile text.
#include "storage/changes_feed.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "crawler/extract/extractor.h"

namespace sinmun {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kAtom = "http://www.w3.org/2005/Atom";
constexpr const char* kUrl = "https://v.daum.net/v/20261102093000123";
const Instant kT0{std::chrono::seconds(1793579700)};  // 2026-11-02T09:35:00+09:00

struct DocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using DocPtr = std::unique_ptr<xmlDoc, DocDeleter>;

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string Text(xmlNode* n) {
  xmlChar* c = xmlNodeGetContent(n);
  std::string s = c != nullptr ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

std::string Attr(xmlNode* n, const char* name) {
  xmlChar* c = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  std::string s = c != nullptr ? reinterpret_cast<const char*>(c) : "";
  xmlFree(c);
  return s;
}

std::vector<xmlNode*> Children(xmlNode* parent, const char* name) {
  std::vector<xmlNode*> out;
  for (xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0) {
      out.push_back(n);
    }
  }
  return out;
}

xmlNode* Child(xmlNode* parent, const char* name) {
  auto c = Children(parent, name);
  return c.empty() ? nullptr : c.front();
}

// Every element named `name` in an HTML fragment, by text.
std::vector<std::string> HtmlElements(const std::string& html, const char* name) {
  DocPtr doc(htmlReadMemory(html.data(), static_cast<int>(html.size()), nullptr, "utf-8",
                            HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET));
  std::vector<std::string> out;
  std::vector<xmlNode*> stack = {xmlDocGetRootElement(doc.get())};
  while (!stack.empty()) {
    xmlNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr) continue;
    if (n->type == XML_ELEMENT_NODE && xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(name)) == 0) {
      out.push_back(Text(n));
    }
    for (xmlNode* c = n->last; c != nullptr; c = c->prev) stack.push_back(c);
  }
  return out;
}

DocPtr ParseXml(const std::string& xml) {
  DocPtr doc(xmlReadMemory(xml.data(), static_cast<int>(xml.size()), "feed.xml", nullptr, XML_PARSE_NONET));
  EXPECT_NE(doc, nullptr) << xml;
  return doc;
}

TEST(ChangesFeedTest, ExampleArchiveRendersValidAtomWithWordDiffs) {
  std::string templ = (std::filesystem::temp_directory_path() / "sinmun-feed-test-XXXXXX").string();
  const std::string dir = mkdtemp(templ.data());
  {
    auto archive = Archive::Open(dir + "/archive", Archive::Mode::kReadWrite, ArchiveOptions{.sync = false});
    ASSERT_TRUE(archive.ok());
    for (int v = 1; v <= 3; ++v) {
      std::string bytes = Slurp(std::string(SINMUN_EXAMPLES) + "/daum_v" + std::to_string(v) + ".html");
      Fetch f;
      f.url = kUrl;
      f.fetched_at = kT0 + std::chrono::hours(v - 1);
      auto article = ExtractArticle(Page{bytes, kUrl, "text/html"});
      ASSERT_TRUE(article.ok());
      f.article = *article;
      ASSERT_TRUE((*archive)->Record(f).ok());
    }
    Fetch gone;
    gone.url = kUrl;
    gone.fetched_at = kT0 + std::chrono::hours(3);
    gone.http_status = 410;
    ASSERT_TRUE((*archive)->Record(gone).ok());

    auto feed = ChangesFeed(**archive, kChangesFeedLength, kT0 + std::chrono::hours(5), "");
    ASSERT_TRUE(feed.ok()) << feed.status().ToString();
    DocPtr doc = ParseXml(*feed);
    ASSERT_NE(doc, nullptr);
    xmlNode* root = xmlDocGetRootElement(doc.get());
    ASSERT_STREQ(reinterpret_cast<const char*>(root->name), "feed");
    ASSERT_NE(root->ns, nullptr);
    EXPECT_STREQ(reinterpret_cast<const char*>(root->ns->href), kAtom);
    EXPECT_EQ(Text(Child(root, "updated")), "2026-11-02T12:35:00+09:00");  // the newest entry
    EXPECT_THAT(Text(Child(root, "id")), ::testing::StartsWith("urn:uuid:"));
    EXPECT_NE(Child(Child(root, "author"), "name"), nullptr);

    std::vector<xmlNode*> entries = Children(root, "entry");
    ASSERT_EQ(entries.size(), 3u);  // v4 deleted, v3 headline, v2 body; not v1 (new)
    std::vector<std::string> titles, ids;
    for (xmlNode* e : entries) {
      titles.push_back(Text(Child(e, "title")));
      ids.push_back(Text(Child(e, "id")));
      EXPECT_EQ(Attr(Child(e, "link"), "href"), kUrl);
      EXPECT_EQ(Attr(Child(e, "content"), "type"), "html");
    }
    EXPECT_THAT(titles, ElementsAre("국회, 677조 내년도 예산안 본회의 통과 (deleted)",
                                    "국회, 677조 내년도 예산안 본회의 통과 (headline)",
                                    "국회, 내년도 예산안 처리 (body)"));
    EXPECT_NE(ids[0], ids[1]);
    EXPECT_EQ(Text(Child(entries[1], "updated")), "2026-11-02T11:35:00+09:00");
    EXPECT_EQ(Text(Child(entries[0], "summary")), "deleted (410)");

    // The content is HTML (escaped once more in the XML): the headline's words and the
    // appended correction as <ins>, the old headline's words as <del>.
    const std::string headline = Text(Child(entries[1], "content"));
    EXPECT_THAT(headline, HasSubstr("<del>"));
    EXPECT_THAT(HtmlElements(headline, "ins"), ::testing::Contains(HasSubstr("[정정]")));
    EXPECT_THAT(HtmlElements(headline, "ins"), ::testing::Contains(HasSubstr("677조")));
    EXPECT_THAT(HtmlElements(headline, "del"), ::testing::Contains(HasSubstr("처리")));
    // v2 edited paragraph 2's numbers: deletions and insertions inside one paragraph.
    const std::string body = Text(Child(entries[2], "content"));
    EXPECT_FALSE(HtmlElements(body, "del").empty()) << body;
    EXPECT_FALSE(HtmlElements(body, "ins").empty()) << body;
    EXPECT_EQ(HtmlElements(body, "p").size(), 2u) << body;  // the summary and the edited paragraph
  }
  std::filesystem::remove_all(dir);
}

TEST(ChangesFeedTest, HostileTextIsEscaped) {
  FeedEntry e;
  e.change.id = "url:https://example.com/a?x=1&y=<2>";
  e.change.version = 2;
  e.change.fetched_at = kT0;
  e.change.change_class = ChangeClass::kBody;
  e.change.title = "<script>alert('x')</script> & \"따옴표\"\x01";
  e.change.url = "https://example.com/a?x=1&y=\"2\"";
  e.change.summary = "body: 1 paragraph edited";
  ArticleDiff d;
  BlockChange c;
  c.kind = BlockChange::Kind::kEdited;
  c.before = Block{};
  c.after = Block{};
  c.words = {{WordOp::Kind::kSame, "a < b "}, {WordOp::Kind::kDeleted, "<b>old</b>"},
             {WordOp::Kind::kInserted, "&amp; new"}};
  d.blocks.push_back(c);
  e.diff = d;
  std::string xml = RenderChangesFeed({e}, kT0, "http://127.0.0.1:9464/changes.atom");
  DocPtr doc = ParseXml(xml);
  ASSERT_NE(doc, nullptr);
  xmlNode* root = xmlDocGetRootElement(doc.get());
  EXPECT_EQ(Attr(Child(root, "link"), "href"), "http://127.0.0.1:9464/changes.atom");
  xmlNode* entry = Child(root, "entry");
  EXPECT_EQ(Text(Child(entry, "title")), "<script>alert('x')</script> & \"따옴표\" (body)");
  EXPECT_EQ(Attr(Child(entry, "link"), "href"), "https://example.com/a?x=1&y=\"2\"");
  const std::string html = Text(Child(entry, "content"));
  EXPECT_THAT(HtmlElements(html, "del"), ElementsAre("<b>old</b>"));  // text, not markup
  EXPECT_THAT(HtmlElements(html, "ins"), ElementsAre("&amp; new"));
  EXPECT_THAT(HtmlElements(html, "script"), ElementsAre());
  EXPECT_THAT(HtmlElements(html, "b"), ElementsAre());
}

}  // namespace
}  // namespace sinmun
