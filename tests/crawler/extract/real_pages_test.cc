// Extraction over real saved portal pages (see SOURCES.md in the real-pages folder).
//
// The folder is SINMUN_REAL_PAGES, else the build's SINMUN_REAL_PAGES_DEFAULT; when it is
// absent every test here is skipped, saying where it looked. The expected values were read
// off each page's HTML by hand (headline element, date attributes, the first and last
// paragraphs of the body as written in the markup), not copied from the extractor's output.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "crawler/extract/charset.h"
#include "crawler/extract/extractor.h"
#include "tests/crawler/extract/test_pages.h"

namespace sinmun {
namespace {

using ::sinmun::testing::KstOrNone;
using ::sinmun::testing::ReadFileBytes;
using ::sinmun::testing::TextBlocks;
namespace fs = std::filesystem;

std::string RealPagesDir() {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  return (env != nullptr && *env != '\0') ? env : SINMUN_REAL_PAGES_DEFAULT;
}

#define SKIP_WITHOUT_REAL_PAGES()                                                    \
  do {                                                                               \
    if (!fs::is_directory(RealPagesDir())) {                                         \
      GTEST_SKIP() << "real pages folder absent; looked for " << RealPagesDir()      \
                   << " (set SINMUN_REAL_PAGES)";                                    \
    }                                                                                \
  } while (0)

struct Expected {
  std::string file;
  std::string url;  // given to the extractor; "" = the page's own og:url
  std::string id;
  std::string press;
  std::string title;
  std::string published;
  std::string modified;
  std::vector<std::string> authors;
  std::string first_paragraph;
  std::string last_paragraph;
  size_t images;
};

const std::vector<Expected>& ArticlePages() {
  static const std::vector<Expected> pages = {
      {"daum_article_20260321214325415.html", "", "daum:20260321214325415", "YTN",
       "BTS 컴백 공연 종료...4만 인파 해산·교통 통제", "2026-03-21T21:43:25+09:00", "none",
       {"김이영"}, "[앵커]", "지금까지 서울 광화문광장에서 YTN 김이영입니다.", 0},
      {"daum_article_view_fragment_osen_20231101.html", "https://v.daum.net/v/20231101060040669",
       "daum:20231101060040669", "", "", "none", "none", {"길준영"},
       "[OSEN=길준영 기자] 한신 타이거즈가 일본시리즈에서 1차전 승리 이후 2차전과 3차전에서 "
       "연달아 패했다.",
       "일본매체 주니치 신문은 “한신이 3차전에서 패했지만 오카다 감독은 경기 이후를 내다보며 "
       "운영을 했다”라고 전했다. 한신 오카다 아키노부 감독은 “1승을 추월 당했지만 또 내일이 "
       "있다. 여러가지 생각을 많이 하고 있다”라며 역전을 다짐했다.",
       4},
      {"naver_article_437_0000483987.html", "", "naver:437:0000483987", "JTBC",
       "전 세계 아미 모였다…'보랏빛 물결' 펼쳐진 광화문 광장", "2026-03-21T19:42:57+09:00",
       "2026-03-21T19:43:11+09:00", {"김영민"}, "[앵커]",
       "이곳을 방문하실 분들은 사전에 실시간 운행 정보를 반드시 확인하셔야겠습니다.", 0},
      {"naver_article_421_0008770777.html", "", "naver:421:0008770777", "뉴스1",
       "3분의 물이 지키는 것…예비주수, 산불 대응의 새로운 전략 [기고]",
       "2026-02-12T10:30:00+09:00", "2026-02-12T10:30:13+09:00", {},
       "지난해 3월, 경북 영남 지역을 덮친 대형 산불은 초속 20m가 넘는 강풍을 타고 하루 만에 "
       "축구장 수천 개 면적의 산림을 집어삼켰다. 잿더미 위에 선 주민들의 얼굴에는 공포나 분노가 "
       "아닌 체념이 서려 있었다. 거대한 자연재해 앞에서 기존의 대응 방식이 얼마나 무력할 수 "
       "있는지를 여실히 보여준 장면이었다.",
       "소방청은 앞으로도 국민의 생명과 안전을 최우선 가치로 삼아 산림·군·경찰 등 관계 부처 및 "
       "지자체와 단단하게 연대해 철저한 예방과 빈틈없는 대응으로 국민 곁을 든든히 지키겠다고 "
       "약속드린다.",
       2},
      {"naver_article_003_0012577249.html", "", "naver:003:0012577249", "뉴시스",
       "AI 노트북 3대 중 2대…삼성 '갤럭시 북4 엣지' 뜬다", "2024-05-30T11:40:08+09:00",
       "2024-05-30T11:41:15+09:00", {"이현주"},
       "[서울=뉴시스]이현주 기자 = 삼성전자가 올해 더 강력한 인공지능(AI) 기능을 갖춘 '갤럭시 "
       "북4 엣지'로 국내 AI PC 시장을 주도한다. 올해 국내 AI 노트북 시장에서 3대 중 2대는 "
       "갤럭시가 될 것이라는 자신감도 드러냈다.",
       "'갤럭시 북4 엣지'는 내달 18일 출시되며 사전 구매알림은 내달 3일부터 신청할 수 있다. "
       "가격은 35.6㎝(14인치) 215만원, 40.6㎝(16인치)는 235만원과 265만원이다.",
       3},
      {"naver_article_018_0005316196.html", "", "naver:018:0005316196", "이데일리",
       "\"비상상황 조작vs정당 자율성\"...'이준석 가처분' 날선 공방",
       "2022-09-14T16:04:03+09:00", "none", {"조민정"},
       "[이데일리 조민정 기자] 국민의힘 비상대책위원회 관련 가처분 심문기일에서 이준석 전 "
       "국민의힘 대표와 국민의힘 측이 개정 당헌 효력을 두고 치열한 법적 공방을 펼쳤다. 법원은 "
       "오는 28일로 예정된 4차 가처분 신청 심문기일에 남은 변론을 진행하고 “최대한 빨리 "
       "마무리하겠다”고 밝혔다.",
       "앞서 국민의힘은 1차 가처분 결정 이후 전국위에서 당헌을 개정해 비대위 설립 요건을 △당 "
       "대표 사퇴 등 궐위 △선출직 최고위원 및 청년 최고위원 5인 중 4인 이상 사퇴 등 궐위 "
       "△그밖에 최고위에서 전원 찬성으로 비대위 설치를 의결한 경우로 이전보다 구체화한 바 있다.",
       1},
      {"naver_legacy_read_001_0009205077.html", "", "naver:001:0009205077", "연합뉴스",
       "[연천소식] 군-초록우산어린이재단, 아동복지 협약", "2017-04-20T15:53:00+09:00", "none",
       {"우영식"},
       "(연천=연합뉴스) 경기도 연천군은 20일 군청 상황실에서 초록우산 어린이재단 "
       "경기북부지역본부와 '연천사랑 아이사랑 캠페인 아동복지 업무협약'을 체결했다고 밝혔다.",
       "연천군 관계자는 \"이번 협약으로 복지의 사각지대에 놓인 아동에 대한 신속한 지원과 아동 "
       "빈곤을 해소하고 아동의 정서 함양에 도움이 될 것으로 기대한다\"고 말했다.",
       0},
      {"naver_sports_legacy_read_477_0000073768.html", "", "naver:477:0000073768",
       "스포티비뉴스", "인판티노 회장, FIFA 비판에 \"가짜 뉴스·FIFA 때리기\"",
       "2017-05-12T14:09:00+09:00", "2017-05-12T14:09:00+09:00", {"유현태"},
       "[스포티비뉴스=유현태 기자] 지아니 인판티노 국제축구연맹(FIFA) 회장이 최근 FIFA "
       "윤리위원회 수장 해임 등을 둘러싼 비판에 대해 'FIFA 때리기'와 '가짜 뉴스'라며 날을 세웠다.",
       "그는 또 \"새로워진 FIFA는 투명하고 빈둥대지 않는 조직\"이라면서 \"여전히 축구로 사익을 "
       "추구할 수 있다고 생각하는 사람이 있다면 축구를 떠나라고 당부하고 싶다\"고 덧붙였다.",
       1},
  };
  return pages;
}

class RealArticlePageTest : public ::testing::TestWithParam<Expected> {};

TEST_P(RealArticlePageTest, Extracts) {
  SKIP_WITHOUT_REAL_PAGES();
  const Expected& want = GetParam();
  const std::string bytes = ReadFileBytes(RealPagesDir() + "/" + want.file);
  ASSERT_FALSE(bytes.empty()) << "missing " << want.file;
  Result<Article> got = ExtractArticle(Page{bytes, want.url, ""});
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  const Article& a = *got;
  EXPECT_EQ(a.id, want.id);
  EXPECT_EQ(a.press, want.press);
  EXPECT_EQ(a.title, want.title);
  EXPECT_EQ(KstOrNone(a.published), want.published);
  EXPECT_EQ(KstOrNone(a.modified), want.modified);
  EXPECT_EQ(a.authors, want.authors);
  const std::vector<std::string> text = TextBlocks(a);
  ASSERT_FALSE(text.empty());
  EXPECT_EQ(text.front(), want.first_paragraph);
  EXPECT_EQ(text.back(), want.last_paragraph);
  size_t images = 0;
  for (const Block& b : a.blocks) {
    if (b.type == BlockType::kImage) {
      ++images;
      EXPECT_EQ(b.src.rfind("https://", 0), 0u) << b.src;
    }
  }
  EXPECT_EQ(images, want.images);
  EXPECT_EQ(a.encoding, "UTF-8");
}

INSTANTIATE_TEST_SUITE_P(Pages, RealArticlePageTest, ::testing::ValuesIn(ArticlePages()),
                         [](const ::testing::TestParamInfo<Expected>& info) {
                           std::string name = info.param.file.substr(0, info.param.file.find('.'));
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(RealPagesTest, DaumContentsHashesAreKept) {
  SKIP_WITHOUT_REAL_PAGES();
  const std::string bytes = ReadFileBytes(RealPagesDir() + "/daum_article_20260321214325415.html");
  Result<Article> a = ExtractArticle(Page{bytes, "", ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->section, "사회");
  // 33 general paragraphs on the page; 8 are not body: two production credits, the
  // reporter's e-mail line, the four lines of the tip-off prompt and the copyright line.
  size_t hashed = 0;
  for (const Block& b : a->blocks) hashed += !b.publisher_hash.empty();
  EXPECT_EQ(hashed, 25u);
  ASSERT_GE(a->blocks.size(), 2u);
  EXPECT_EQ(a->blocks[0].type, BlockType::kEmbed);  // the kakaotv player
  EXPECT_EQ(a->blocks[1].publisher_hash,
            "f110e1942b18ea1f5683d501992c682c20a2f00c498747500e8a4cfd6da3e738");
  EXPECT_EQ(a->blocks[1].publisher_id, "0cabaewanv");
}

TEST(RealPagesTest, NaverSubtitleAndOriginLink) {
  SKIP_WITHOUT_REAL_PAGES();
  const std::string bytes = ReadFileBytes(RealPagesDir() + "/naver_article_003_0012577249.html");
  Result<Article> a = ExtractArticle(Page{bytes, "", ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->subtitle,
            "6월18일 '갤럭시 북4 엣지' 출시 온디바이스·클라우드 AI 모두 지원 스마트폰 연동으로 AI "
            "더 쉽게 사용");
  EXPECT_EQ(a->origin_url,
            "https://www.newsis.com/view/?id=NISX20240530_0002754461&cID=13001&pID=13000");
  EXPECT_EQ(a->section, "경제");
}

TEST(RealPagesTest, Latin1MojibakeCapturesAreRecoveredExactly) {
  SKIP_WITHOUT_REAL_PAGES();
  for (const char* stem : {"daum_news_home_20260520", "daum_news_politics_20260520"}) {
    const std::string mojibake = ReadFileBytes(RealPagesDir() + "/" + stem + ".utf16le-mojibake.html");
    const std::string recovered = ReadFileBytes(RealPagesDir() + "/" + stem + ".recovered.utf8.html");
    ASSERT_FALSE(mojibake.empty());
    Result<DecodedText> d = DecodeToUtf8(mojibake, "");
    ASSERT_TRUE(d.ok());
    EXPECT_EQ(d->encoding, "UTF-16LE (mojibake of UTF-8)") << stem;
    EXPECT_TRUE(d->utf8 == recovered) << stem << ": recovered bytes differ";
  }
}

TEST(RealPagesTest, LegacyEucKrListIsDecodedAsEucKr) {
  SKIP_WITHOUT_REAL_PAGES();
  const std::string bytes =
      ReadFileBytes(RealPagesDir() + "/naver_list_LSD_sid1-100_20260530.euc-kr.html");
  Result<DecodedText> d = DecodeToUtf8(bytes, "");
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->encoding, "EUC-KR");
  EXPECT_NE(d->utf8.find("네이버"), std::string::npos);
}

TEST(RealPagesTest, LossyUtf16CaptureKeepsItsStructure) {
  SKIP_WITHOUT_REAL_PAGES();
  const std::string bytes =
      ReadFileBytes(RealPagesDir() + "/naver_article_018_0005236061.utf16le-mojibake.html");
  Result<Article> a = ExtractArticle(Page{bytes, "", ""});
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->encoding, "UTF-16LE");
  EXPECT_EQ(a->id, "naver:018:0005236061");
  EXPECT_EQ(KstOrNone(a->published), "2022-06-08T09:00:01+09:00");
  EXPECT_EQ(a->origin_url, "http://www.edaily.co.kr/news/newspath.asp?newsid=33990646632359752");
}

// Listing pages, feeds and stubs hold no article: each says so in one line.
TEST(RealPagesTest, NonArticlePagesFailCleanly) {
  SKIP_WITHOUT_REAL_PAGES();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"daum_news_home_20260520.utf16le-mojibake.html", "no article found: no headline or body text"},
      {"daum_news_politics_20260520.recovered.utf8.html", "no article found: no headline or body text"},
      {"naver_section_100_20260530.html", "no article found: naver layout without #dic_area"},
      {"naver_list_LSD_sid1-100_20260530.euc-kr.html", "no article found: naver layout without #dic_area"},
      {"naver_news_home_20260530.html", "no article found: naver layout without #dic_area"},
      {"naver_section_home_LSD_sid1-100_20221229.html", "no article found: naver layout without #dic_area"},
      {"naver_list_LS2D_sid1-100_sid2-267_20220218.html", "no article found: naver layout without #dic_area"},
      {"naver_list_LS2D_sid1-100_sid2-254_20220218.html", "no article found: naver layout without #dic_area"},
      {"naver_read_redirect_stub_018_0005236061.utf16le.html", "no article found: no headline or body text"},
      {"hanion_rss_popular_20260829.xml", "not an article page: an RSS/Atom feed"},
      {"hani_rss_thirdparty_regenerated_20260325.xml", "not an article page: an RSS/Atom feed"},
  };
  for (const auto& [file, message] : cases) {
    const std::string bytes = ReadFileBytes(RealPagesDir() + "/" + file);
    ASSERT_FALSE(bytes.empty()) << "missing " << file;
    Result<Article> a = ExtractArticle(Page{bytes, "", ""});
    ASSERT_FALSE(a.ok()) << file << " gave an article titled " << a->title;
    EXPECT_EQ(a.status().message(), message) << file;
  }
}

// Whatever else lands in the folder: no crash, and an Article or an InvalidArgument.
TEST(RealPagesTest, EveryFileInTheFolder) {
  SKIP_WITHOUT_REAL_PAGES();
  size_t files = 0;
  for (const fs::directory_entry& entry : fs::directory_iterator(RealPagesDir())) {
    const std::string ext = entry.path().extension().string();
    if (!entry.is_regular_file() || (ext != ".html" && ext != ".xml")) continue;
    ++files;
    const std::string bytes = ReadFileBytes(entry.path().string());
    Result<Article> a = ExtractArticle(Page{bytes, "", ""});
    if (!a.ok()) {
      EXPECT_EQ(a.status().code(), Status::Code::kInvalidArgument) << entry.path();
    } else {
      EXPECT_FALSE(a->id.empty()) << entry.path();
      EXPECT_FALSE(a->blocks.empty()) << entry.path();
    }
  }
  EXPECT_GT(files, 0u);
}

}  // namespace
}  // namespace sinmun
