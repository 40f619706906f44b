// ExtractArticle over the small pages in tests/data/pages, one per layout. Every expected
// value below was read off the fixture's HTML by hand.
#include "crawler/extract/extractor.h"

#include <gtest/gtest.h>

#include "tests/crawler/extract/test_pages.h"

namespace sinmun {
namespace {

using ::sinmun::testing::KstOrNone;
using ::sinmun::testing::TestPage;
using ::sinmun::testing::TextBlocks;
using Strings = std::vector<std::string>;

Article MustExtract(const std::string& file, const std::string& url = "",
                    const std::string& content_type = "") {
  const std::string bytes = TestPage(file);
  EXPECT_FALSE(bytes.empty()) << "missing fixture " << file;
  Result<Article> a = ExtractArticle(Page{bytes, url, content_type});
  EXPECT_TRUE(a.ok()) << file << ": " << a.status().ToString();
  return a.ok() ? std::move(a).value() : Article{};
}

TEST(ExtractorTest, Daum2026WithContentsHash) {
  Article a = MustExtract("daum_2026.html");
  EXPECT_EQ(a.id, "daum:20260321214325415");
  EXPECT_EQ(a.url, "https://v.daum.net/v/20260321214325415");
  EXPECT_EQ(a.portal, "daum");
  EXPECT_EQ(a.press, "테스트일보");
  EXPECT_EQ(a.section, "사회");
  EXPECT_EQ(a.title, "시험 기사 제목");
  EXPECT_EQ(a.subtitle, "");
  EXPECT_EQ(a.authors, Strings{"홍길동"});
  EXPECT_EQ(KstOrNone(a.published), "2026-03-21T21:43:25+09:00");
  EXPECT_EQ(KstOrNone(a.modified), "2026-03-22T08:05:00+09:00");
  EXPECT_EQ(a.encoding, "UTF-8");
  EXPECT_EQ(a.origin_url, "");

  ASSERT_EQ(a.blocks.size(), 5u);
  EXPECT_EQ(a.blocks[0].type, BlockType::kEmbed);
  EXPECT_EQ(a.blocks[0].src, "https://kakaotv.daum.net/embed/player/cliplink/1?service=daum_news&x=1");
  EXPECT_EQ(a.blocks[0].publisher_id, "PIDvideo01");

  EXPECT_EQ(a.blocks[1].type, BlockType::kParagraph);
  EXPECT_EQ(a.blocks[1].text, "첫 문단입니다. & 엔티티도 풀립니다.");
  EXPECT_EQ(a.blocks[1].publisher_hash,
            "aaaa000000000000000000000000000000000000000000000000000000000001");
  EXPECT_EQ(a.blocks[1].publisher_id, "PIDpara001");

  EXPECT_EQ(a.blocks[2].type, BlockType::kImage);
  EXPECT_EQ(a.blocks[2].src, "https://t1.daumcdn.net/news/202603/21/test/photo1.jpg");
  EXPECT_EQ(a.blocks[2].text, "사진 설명 입니다");
  EXPECT_EQ(a.blocks[2].publisher_id, "PIDfigure1");

  EXPECT_EQ(a.blocks[3].type, BlockType::kSubheading);
  EXPECT_EQ(a.blocks[3].text, "소제목 하나");

  EXPECT_EQ(a.blocks[4].text, "둘째 문단, 줄바꿈이 있는 문단입니다.");
  EXPECT_EQ(a.blocks[4].publisher_id, "PIDpara002");
  // The empty paragraph (PIDpara003), the reporter's line standing alone
  // ("테스트일보 홍길동 (hong@test.example)", PIDpara004) and the copyright line (PIDpara005)
  // are not body.
}

TEST(ExtractorTest, Daum2023FragmentWithoutContentsHash) {
  Article a = MustExtract("daum_2023_fragment.html", "https://v.daum.net/v/20231101060040669");
  EXPECT_EQ(a.id, "daum:20231101060040669");
  EXPECT_EQ(a.portal, "daum");
  EXPECT_EQ(a.title, "");
  EXPECT_FALSE(a.published.has_value());
  ASSERT_EQ(a.blocks.size(), 5u);
  EXPECT_EQ(a.blocks[0].type, BlockType::kImage);
  EXPECT_EQ(a.blocks[0].src, "https://t1.daumcdn.net/news/202311/01/test/a.jpg");
  EXPECT_EQ(a.blocks[0].text, "구단 공식 캡쳐");
  EXPECT_EQ(a.blocks[0].publisher_hash, "");
  EXPECT_EQ(a.blocks[0].publisher_id, "PID2023fig");
  EXPECT_EQ(TextBlocks(a), (Strings{"[OSEN=시험 기자] 첫 문단.", "둘째 문단은 div 안에 있다.",
                                    "셋째 문단은 br 뒤에 온다.", "마지막 문단."}));
  // The byline run into the last paragraph is cut; the dateline names the reporter.
  EXPECT_EQ(a.authors, Strings{"시험"});
  EXPECT_EQ(a.blocks[1].publisher_id, "PID2023p01");
  EXPECT_EQ(a.blocks[2].publisher_id, "");
}

TEST(ExtractorTest, Daum2023FragmentWithoutUrlHasNoIdentity) {
  const std::string bytes = TestPage("daum_2023_fragment.html");
  Result<Article> a = ExtractArticle(Page{bytes, "", ""});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(),
            "no article URL: none was given and the page has no og:url or canonical link");
}

TEST(ExtractorTest, NaverCurrent) {
  Article a = MustExtract("naver_current.html");
  EXPECT_EQ(a.id, "naver:437:0000000001");
  EXPECT_EQ(a.url, "https://n.news.naver.com/mnews/article/437/0000000001");
  EXPECT_EQ(a.portal, "naver");
  EXPECT_EQ(a.press, "시험방송");
  EXPECT_EQ(a.section, "사회");
  EXPECT_EQ(a.title, "네이버 '시험' 기사");
  EXPECT_EQ(a.subtitle, "요약 첫 줄 요약 둘째 줄");
  EXPECT_EQ(a.authors, (Strings{"김시험", "이검증"}));
  EXPECT_EQ(KstOrNone(a.published), "2026-03-21T19:42:57+09:00");
  EXPECT_EQ(KstOrNone(a.modified), "2026-03-21T19:43:11+09:00");
  EXPECT_EQ(a.origin_url, "https://news.example.kr/article/NB1?influxDiv=NAVER");
  ASSERT_EQ(a.blocks.size(), 6u);
  EXPECT_EQ(a.blocks[0].type, BlockType::kImage);
  EXPECT_EQ(a.blocks[0].src, "https://imgnews.pstatic.net/image/437/2026/03/21/photo_001.jpg?type=w860");
  EXPECT_EQ(a.blocks[0].text, "사진 설명 (사진=시험방송)");
  // The summary is the subtitle, not a paragraph; the script, the comment and the link-only
  // promotion are not text.
  EXPECT_EQ(TextBlocks(a), (Strings{"[앵커]", "첫 문단입니다.", "둘째 문단입니다.",
                                    "셋째 문단, 굵게 이어집니다.", "마지막 문단입니다."}));
}

TEST(ExtractorTest, NaverCurrentFoundByMarkupWhateverTheUrl) {
  Article a = MustExtract("naver_current.html", "https://mirror.example/saved/page.html");
  EXPECT_EQ(a.portal, "naver");
  EXPECT_EQ(a.id, "naver:437:0000000001");  // from og:url
  EXPECT_EQ(a.title, "네이버 '시험' 기사");
}

TEST(ExtractorTest, Naver2022) {
  Article a = MustExtract("naver_2022.html");
  EXPECT_EQ(a.id, "naver:018:0000000002");
  EXPECT_EQ(a.title, "\"따옴표\"...2022 시험 기사");
  EXPECT_EQ(a.press, "이데일리");
  EXPECT_EQ(a.subtitle, "요약");
  EXPECT_EQ(a.authors, Strings{"조시험"});
  EXPECT_EQ(KstOrNone(a.published), "2022-09-14T16:04:03+09:00");
  EXPECT_EQ(KstOrNone(a.modified), "none");
  ASSERT_EQ(a.blocks.size(), 3u);
  EXPECT_EQ(a.blocks[0].text, "[이데일리 조시험 기자] 본문 첫 문단.");
  EXPECT_EQ(a.blocks[1].type, BlockType::kImage);
  EXPECT_EQ(a.blocks[1].src, "https://imgnews.pstatic.net/image/018/2022/09/14/a.jpg?type=w647");
  EXPECT_EQ(a.blocks[1].text, "설명");
  EXPECT_EQ(a.blocks[2].text, "본문 마지막 문단.");
}

TEST(ExtractorTest, NaverLegacyDeclaredEucKrButUtf8) {
  Article a = MustExtract("naver_legacy_utf8_declared_euckr.html", "",
                          "text/html;charset=EUC-KR");
  EXPECT_EQ(a.encoding, "UTF-8");
  EXPECT_EQ(a.id, "naver:001:0000000003");
  EXPECT_EQ(a.title, "[소식] 옛 네이버 시험 기사");
  EXPECT_EQ(a.press, "연합뉴스");
  EXPECT_EQ(a.authors, Strings{"우시험"});
  EXPECT_EQ(KstOrNone(a.published), "2017-04-20T15:53:00+09:00");
  EXPECT_EQ(KstOrNone(a.modified), "2017-04-20T00:05:00+09:00");
  EXPECT_EQ(a.origin_url, "http://app.yna.example/r.aspx?c=1");
  EXPECT_EQ(TextBlocks(a), (Strings{"(서울=연합뉴스) 첫 문단입니다.", "둘째 문단입니다."}));
  EXPECT_EQ(a.blocks.size(), 2u);
}

TEST(ExtractorTest, GenericJsonLd) {
  Article a = MustExtract("generic_jsonld.html");
  EXPECT_EQ(a.id, "url:https://www.outlet.example/arti/society/123.html");
  EXPECT_EQ(a.url, "https://www.outlet.example/arti/society/123.html");
  EXPECT_EQ(a.portal, "web");
  EXPECT_EQ(a.title, "제이슨 헤드라인");
  EXPECT_EQ(a.subtitle, "부제목");
  EXPECT_EQ(a.press, "시험 신문");
  EXPECT_EQ(a.section, "사회");
  EXPECT_EQ(a.authors, (Strings{"박기자", "최시험"}));
  EXPECT_EQ(KstOrNone(a.published), "2026-03-25T09:30:00+09:00");
  EXPECT_EQ(KstOrNone(a.modified), "2026-03-25T10:00:00+09:00");
  ASSERT_EQ(a.blocks.size(), 4u);
  EXPECT_EQ(a.blocks[1].type, BlockType::kImage);
  EXPECT_EQ(a.blocks[1].src, "https://www.outlet.example/images/photo.jpg");
  EXPECT_EQ(a.blocks[1].text, "사진 설명");
  // Navigation, the aside, the link-only line, the copyright line and the footer are not body.
  EXPECT_EQ(TextBlocks(a),
            (Strings{"첫 문단은 충분히 길다. 이 문단은 본문 추출기가 가장 많은 문단 글을 가진 "
                     "요소를 본문으로 고르는지 확인한다.",
                     "둘째 문단도 있다.", "셋째이자 마지막 문단."}));
}

TEST(ExtractorTest, RealEucKrBytes) {
  Article a = MustExtract("euc_kr.html");
  EXPECT_EQ(a.encoding, "EUC-KR");
  EXPECT_EQ(a.id, "url:https://www.oldpaper.example/news/view.php?idx=77");
  EXPECT_EQ(a.title, "진짜 EUC-KR 기사");
  EXPECT_EQ(TextBlocks(a), (Strings{"이 페이지는 진짜 EUC-KR 바이트로 저장되었다.",
                                    "똠방각하 쀍 같은 CP949 확장 글자도 들어 있다.",
                                    "마지막 문단."}));
}

TEST(ExtractorTest, PageWithoutArticle) {
  const std::string bytes = TestPage("no_article.html");
  Result<Article> a = ExtractArticle(Page{bytes, "https://www.outlet.example/", ""});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(a.status().message(), "no article found: no headline or body text");
}

TEST(ExtractorTest, PortalHostWithoutArticleMarkup) {
  const std::string bytes = TestPage("no_article.html");
  Result<Article> naver = ExtractArticle(Page{bytes, "https://news.naver.com/section/100", ""});
  ASSERT_FALSE(naver.ok());
  EXPECT_EQ(naver.status().message(), "no article found: naver layout without #dic_area");
  Result<Article> daum = ExtractArticle(Page{bytes, "https://news.daum.net/politics", ""});
  ASSERT_FALSE(daum.ok());
  EXPECT_EQ(daum.status().message(), "no article found: daum layout without div.article_view");
}

TEST(ExtractorTest, FeedIsNotAnArticle) {
  const std::string feed =
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<rss version=\"2.0\"><channel><title>t</title>"
      "<item><title>기사</title><link>https://x.example/1</link></item></channel></rss>";
  Result<Article> a = ExtractArticle(Page{feed, "https://x.example/rss", ""});
  ASSERT_FALSE(a.ok());
  EXPECT_EQ(a.status().message(), "not an article page: an RSS/Atom feed");
}

}  // namespace
}  // namespace sinmun

namespace sinmun {
namespace {

SiteTable TableWith(const std::string& entry) {
  Result<SiteTable> overlay = SiteTable::Parse("{\"sites\": [" + entry + "]}", "test.json");
  EXPECT_TRUE(overlay.ok()) << overlay.status().ToString();
  return SiteTable::Merge(ShippedSiteTable(), overlay.ok() ? *overlay : SiteTable());
}

TEST(ExtractorSiteTableTest, EntryRulesComeFirst) {
  const SiteTable sites = TableWith(
      "{\"id\": \"garam\", \"press\": \"가람\", \"hosts\": [\"garam.example\"],"
      " \"body\": \"//div[@class='story']\", \"drop\": \".//p[2]\","
      " \"title\": \"//h1\", \"authors\": \"string('문태호 기자')\"}");
  const std::string bytes = testing::TestPage("jsonld_raw_newline.html");
  ExtractNotes notes;
  Result<Article> a = ExtractArticle(Page{bytes, "https://news.garam.example/article/2026/0412/77", ""},
                                     sites, &notes);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(notes.site, "garam");
  EXPECT_EQ(notes.fallback, "");
  EXPECT_EQ(a->press, "가람");
  EXPECT_EQ(a->title, "한강 다리 조명, 밤 11시 이후 꺼진다");
  EXPECT_EQ(a->authors, Strings{"문태호"});
  ASSERT_EQ(testing::TextBlocks(*a).size(), 2u);  // the second paragraph was dropped
  EXPECT_EQ(testing::TextBlocks(*a)[1].rfind("다만 주말과 공휴일", 0), 0u);
}

TEST(ExtractorSiteTableTest, AnEntryWhoseBodyRuleMatchesNothingFallsBackAndSaysSo) {
  const std::string bytes = testing::TestPage("br_runs_most_read.html");
  const std::string url = "https://www.nuri.example/news/articleView.html?idxno=5521";
  for (const char* rule : {"//div[@id='gone']", "//h2[@class='tit']"}) {
    const SiteTable sites = TableWith(std::string("{\"id\": \"nuri\", \"hosts\": [\"nuri.example\"], \"body\": \"") +
                                      rule + "\"}");
    ExtractNotes notes;
    Result<Article> a = ExtractArticle(Page{bytes, url, ""}, sites, &notes);
    ASSERT_TRUE(a.ok()) << rule << ": " << a.status().ToString();
    EXPECT_EQ(testing::TextBlocks(*a).size(), 4u) << rule;
    EXPECT_EQ(notes.site, "nuri");
    EXPECT_NE(notes.fallback.find("site table entry \"nuri\""), std::string::npos) << notes.fallback;
  }
}

TEST(ExtractorSiteTableTest, CanonicalLinkOfAnotherSiteIsNotTheIdentity) {
  // A syndicated copy names the agency's page as canonical: the copy stays its own article.
  const std::string page =
      "<html><head><meta property=\"og:type\" content=\"article\">"
      "<link rel=\"canonical\" href=\"https://www.yna.co.kr/view/AKR1\"></head><body><p>"
      "지역 신문이 통신 기사를 그대로 실었다. 이 문장은 본문이 되기에 충분히 길게 쓴 문장이다.</p></body></html>";
  Result<Article> copy = ExtractArticle(Page{page, "http://www.localpaper.example/news/9?utm_source=x", ""});
  ASSERT_TRUE(copy.ok()) << copy.status().ToString();
  EXPECT_EQ(copy->id, "url:https://www.localpaper.example/news/9");
  EXPECT_EQ(copy->url, "http://www.localpaper.example/news/9");
  // The same site's canonical link (another host of it) is.
  Result<Article> mobile = ExtractArticle(Page{page, "https://m.yna.co.kr/view/AKR1?section=x", ""});
  ASSERT_TRUE(mobile.ok());
  EXPECT_EQ(mobile->id, "url:https://www.yna.co.kr/view/AKR1");
  // A canonical link to the front page is no article's identity.
  const std::string home = "<html><head><meta property=\"og:type\" content=\"article\">"
                           "<link rel=\"canonical\" href=\"https://www.localpaper.example/\"></head>"
                           "<body><p>앞 페이지를 가리키는 정규 링크는 기사의 정체가 아니다. 충분히 긴 문장.</p></body></html>";
  Result<Article> a = ExtractArticle(Page{home, "https://www.localpaper.example/news/10", ""});
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->id, "url:https://www.localpaper.example/news/10");
}

}  // namespace
}  // namespace sinmun
