// The reading room's pages over a real archive that a writer in this process records into
// while the reading room reads it as a secondary instance: escaping of hostile text, the
// permanent cursor of the edit list while new edits arrive, the diff marks, the JSON forms,
// the headers every response carries.
#include "web/reading_room.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <regex>

#include "crawler/frontier/source_status.h"
#include "storage/diff.h"
#include "storage/edit_stats.h"
#include "storage/search/index_dir.h"
#include "storage/search/rebuild.h"
#include "storage/version_json.h"
#include "web/params.h"

namespace sinmun::web {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;
using std::chrono::minutes;
using std::chrono::seconds;

const Instant kT0{seconds(1774097005)};  // 2026-03-21T21:43:25+09:00
constexpr const char* kHostile = "<script>alert(1)</script><img src=x onerror=alert(2)>\"'";

Article Make(const std::string& n, const std::string& title) {
  Article a;
  a.id = "url:https://news.example/" + n;
  a.url = "https://news.example/" + n;
  a.portal = "web";
  a.source = "feed-" + n;
  a.press = n == "evil" ? kHostile : "가신문";
  a.title = title;
  a.authors = {n == "evil" ? std::string(kHostile) : "홍길동"};
  a.published = kT0;
  for (int i = 0; i < 3; ++i) {
    Block b;
    b.text = "문단 " + std::to_string(i) + ": 국회는 오늘 본회의를 열고 예산안을 처리했다.";
    a.blocks.push_back(b);
  }
  if (n == "evil") {
    a.blocks[1].text = kHostile;
    a.origin_url = "javascript:alert(3)";
  }
  return a;
}

std::string Get(const WebResponse& r, const std::string& header) {
  for (const auto& [name, value] : r.headers) {
    if (name == header) return value;
  }
  return "";
}

class ReadingRoomTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-reading-room-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    auto archive = Archive::Open(dir_ + "/archive", Archive::Mode::kReadWrite, ArchiveOptions{false, true});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    writer_ = std::move(*archive);
  }
  void TearDown() override {
    room_.reset();
    writer_.reset();
    std::filesystem::remove_all(dir_);
  }

  void Record(const Article& a, Instant at, int status = 200, std::string raw = "") {
    sinmun::Fetch f;
    f.url = a.url;
    f.fetched_at = at;
    f.http_status = status;
    if (status == 200) f.article = a;
    f.raw = std::move(raw);
    f.content_type = "text/html; charset=utf-8";
    auto r = writer_->Record(f);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }

  void OpenRoom(PageLimits limits = {}, SourceStatusFn sources = LoadSourceStatus) {
    ReadingRoomOptions options;
    options.archive_dir = dir_ + "/archive";
    options.limits = limits;
    options.source_status = std::move(sources);
    auto room = ReadingRoom::Open(options, clock_);
    ASSERT_TRUE(room.ok()) << room.status().ToString();
    room_ = std::move(*room);
  }

  WebResponse Fetch(const std::string& path, std::multimap<std::string, std::string> params = {},
                    const std::string& lang = "") {
    WebRequest r;
    r.path = path;
    r.params = std::move(params);
    r.accept_language = lang;
    return room_->Handle(r);
  }

  // Three edits of article "a" (v2, v3, v4) five minutes apart.
  void ThreeEdits() {
    Article a = Make("a", "국회, 예산안 처리");
    Record(a, kT0);
    a.title = "국회, 예산안 통과";
    Record(a, kT0 + minutes(5));
    a.blocks[1].text = "문단 1: 국회는 내일 본회의를 열고 예산안을 처리할 예정이다.";
    Record(a, kT0 + minutes(10));
    Block corr;
    corr.text = "[정정] 처음 기사에서 날짜를 잘못 적었기에 바로잡습니다.";
    a.blocks.push_back(corr);
    Record(a, kT0 + minutes(15));
  }

  std::string dir_;
  FakeClock clock_{kT0 + minutes(60)};
  std::unique_ptr<Archive> writer_;
  std::unique_ptr<ReadingRoom> room_;
};

TEST_F(ReadingRoomTest, EditListNewestFirstWithSummaryAndDelay) {
  ThreeEdits();
  OpenRoom();
  WebResponse r = Fetch("/edits");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.content_type, "text/html; charset=utf-8");
  const std::string list = r.body.substr(r.body.find("<ol class=\"edits\">"));
  const size_t correction = list.find("정정 추가"), body = list.find("본문 수정"),
               headline = list.find("제목 변경</span>");
  ASSERT_NE(correction, std::string::npos) << list;
  ASSERT_NE(body, std::string::npos);
  ASSERT_NE(headline, std::string::npos);
  EXPECT_LT(correction, body);
  EXPECT_LT(body, headline);
  EXPECT_THAT(r.body, HasSubstr("게시 후 15분"));  // published kT0, corrected kT0+15m
  EXPECT_THAT(r.body, HasSubstr("headline: «국회, 예산안 처리» → «국회, 예산안 통과»"));
  EXPECT_THAT(r.body, HasSubstr("lang=\"ko\""));
}

TEST_F(ReadingRoomTest, CursorPageKeepsShowingTheSameEditsWhileNewOnesArrive) {
  ThreeEdits();
  PageLimits limits;
  limits.edits_per_page = 2;
  OpenRoom(limits);
  WebResponse first = Fetch("/edits", {{"format", "json"}});
  ASSERT_EQ(first.status, 200) << first.body;
  Json j = Json::parse(first.body);
  ASSERT_EQ(j["edits"].size(), 2u);
  EXPECT_EQ(j["edits"][0]["version"], 4);
  EXPECT_EQ(j["edits"][1]["version"], 3);
  const std::string next = j["next"];
  std::smatch m;
  ASSERT_TRUE(std::regex_search(next, m, std::regex("cursor=([^&]+)"))) << next;
  std::string cursor = m[1];
  for (size_t p; (p = cursor.find("%3A")) != std::string::npos;) cursor.replace(p, 3, ":");
  for (size_t p; (p = cursor.find("%2F")) != std::string::npos;) cursor.replace(p, 3, "/");
  EXPECT_EQ(cursor, std::to_string((kT0 + minutes(10)).time_since_epoch().count()) +
                        ".3.url:https://news.example/a");

  // A new edit arrives; the reading room catches up after its interval.
  Article b = Make("b", "새 기사");
  Record(b, kT0 + minutes(20));
  b.title = "새 기사 제목 수정";
  Record(b, kT0 + minutes(21));
  clock_.Advance(seconds(3));

  Json second = Json::parse(Fetch("/edits", {{"format", "json"}, {"cursor", cursor}}).body);
  ASSERT_EQ(second["edits"].size(), 1u) << second.dump();
  EXPECT_EQ(second["edits"][0]["version"], 2);
  EXPECT_EQ(second["edits"][0]["id"], "url:https://news.example/a");
  EXPECT_EQ(second["next"], nullptr);
  Json fresh = Json::parse(Fetch("/edits", {{"format", "json"}}).body);
  EXPECT_EQ(fresh["edits"][0]["id"], "url:https://news.example/b");
}

TEST_F(ReadingRoomTest, EditListFiltersByClassAndPress) {
  ThreeEdits();
  Article evil = Make("evil", "다른 기사");
  Record(evil, kT0);
  evil.title = "다른 기사 제목";
  Record(evil, kT0 + minutes(30));
  OpenRoom();
  Json headlines = Json::parse(Fetch("/edits", {{"format", "json"}, {"class", "headline"}}).body);
  ASSERT_EQ(headlines["edits"].size(), 2u);
  for (const Json& e : headlines["edits"]) EXPECT_EQ(e["change_class"], "headline");
  Json press = Json::parse(Fetch("/edits", {{"format", "json"}, {"press", "가신문"}}).body);
  ASSERT_EQ(press["edits"].size(), 3u);
  for (const Json& e : press["edits"]) EXPECT_EQ(e["id"], "url:https://news.example/a");
  Json by_source = Json::parse(Fetch("/edits", {{"format", "json"}, {"source", "feed-evil"}}).body);
  ASSERT_EQ(by_source["edits"].size(), 1u);
  EXPECT_EQ(by_source["edits"][0]["version"], 2);
  // The edit list's objects are `sinmun changes --json`'s.
  auto changes = writer_->Changes(ChangesQuery{.limit = 1});
  ASSERT_TRUE(changes.ok());
  Json want = ChangeJson(changes->front());
  Json got = Json::parse(Fetch("/edits", {{"format", "json"}}).body)["edits"][0];
  for (auto& [k, v] : want.items()) EXPECT_EQ(got[k], v) << k;
}

TEST_F(ReadingRoomTest, HostileTextIsEscapedEverywhere) {
  Article evil = Make("evil", kHostile);
  Record(evil, kT0, 200, "<html><script>alert(9)</script></html>");
  evil.blocks[0].text = std::string("바뀐 문단 ") + kHostile;
  Record(evil, kT0 + minutes(5));
  OpenRoom();
  const std::string id = evil.id;
  struct Case {
    std::string path;
    std::multimap<std::string, std::string> params;
    bool shows_hostile_text = true;
  };
  for (const auto& [path, params, shows] : std::vector<Case>{
           {"/edits", {}},
           {"/article", {{"id", id}}},
           {"/article", {{"id", id}, {"v", "1"}}},
           {"/diff", {{"id", id}}},
           {"/diff", {{"id", id}, {"view", "side"}}},
           {"/stats", {{"since", "2026-03-01"}}},
           {"/stats", {{"since", "2026-03-01"}, {"by", "source"}}, false}}) {
    WebResponse r = Fetch(path, params);
    ASSERT_EQ(r.status, 200) << path << r.body;
    EXPECT_THAT(r.body, Not(HasSubstr("<script"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("<img"))) << path;
    EXPECT_THAT(r.body, Not(HasSubstr("href=\"javascript"))) << path;
    if (shows) {
      EXPECT_THAT(r.body, HasSubstr("&lt;script&gt;alert(1)&lt;")) << path;
    }
    EXPECT_THAT(Get(r, "Content-Security-Policy"), HasSubstr("default-src 'none'")) << path;
    EXPECT_THAT(Get(r, "Content-Security-Policy"), Not(HasSubstr("script-src"))) << path;
    EXPECT_EQ(Get(r, "X-Content-Type-Options"), "nosniff");
  }
  // The javascript: origin link is shown as text, not as a link.
  WebResponse article = Fetch("/article", {{"id", id}});
  EXPECT_THAT(article.body, HasSubstr("<span>javascript:alert(3)</span>"));
}

TEST_F(ReadingRoomTest, ArchivedPageIsSandboxedWithoutRequests) {
  Article a = Make("a", "제목");
  Record(a, kT0, 200, "<html><body><img src=\"https://cdn.example/x.jpg\"><script>alert(1)</script></body></html>");
  OpenRoom();
  WebResponse article = Fetch("/article", {{"id", a.url}});
  EXPECT_THAT(article.body, HasSubstr("<iframe class=\"archived\" src=\"&#x2F;page?id=url%3Ahttps%3A%2F%2Fnews.example%2Fa&amp;v=1\" sandbox=\"\""));
  WebResponse page = Fetch("/page", {{"id", a.id}, {"v", "1"}});
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type, "text/html; charset=utf-8");
  EXPECT_THAT(page.body, Not(HasSubstr("<script")));  // made inert
  EXPECT_THAT(page.body, Not(HasSubstr("cdn.example")));
  EXPECT_THAT(page.body, HasSubstr("<img alt=\"[image]\">"));
  const std::string csp = Get(page, "Content-Security-Policy");
  EXPECT_THAT(csp, HasSubstr("default-src 'none'"));
  EXPECT_THAT(csp, HasSubstr("sandbox"));
  EXPECT_THAT(csp, Not(HasSubstr("img-src")));
  EXPECT_EQ(Fetch("/page", {{"id", a.id}, {"v", "2"}}).status, 404);
}

TEST_F(ReadingRoomTest, DiffMarksExactlyTheChangedWords) {
  ThreeEdits();
  OpenRoom();
  WebResponse r = Fetch("/diff", {{"id", "url:https://news.example/a"}, {"from", "2"}, {"to", "3"}});
  ASSERT_EQ(r.status, 200) << r.body;
  // v2 → v3: "오늘 본회의를 열고 예산안을 처리했다." → "내일 본회의를 열고 예산안을 처리할 예정이다.":
  // the final full stop is a word of its own and unchanged.
  std::vector<std::string> dels, inss;
  std::smatch m;
  for (std::string s = r.body; std::regex_search(s, m, std::regex("<del>([^<]*)</del>")); s = m.suffix()) dels.push_back(m[1]);
  for (std::string s = r.body; std::regex_search(s, m, std::regex("<ins>([^<]*)</ins>")); s = m.suffix()) inss.push_back(m[1]);
  // The legend's two words first, then the paragraph's.
  EXPECT_EQ(dels, (std::vector<std::string>{"삭제", "오늘", "처리했다"}));
  EXPECT_EQ(inss, (std::vector<std::string>{"추가", "내일", "처리할 예정이다"}));
  // The headline change of v1 → v2 stands first.
  WebResponse h = Fetch("/diff", {{"id", "url:https://news.example/a"}, {"to", "2"}});
  EXPECT_THAT(h.body, HasSubstr("<del>처리</del><ins>통과</ins>"));
  EXPECT_LT(h.body.find("class=\"change headline\""), h.body.find("class=\"diff"));
}

TEST_F(ReadingRoomTest, JsonFormsAreTheCommandsObjects) {
  ThreeEdits();
  OpenRoom();
  const std::string id = "url:https://news.example/a";
  auto v3 = writer_->Version(id, 3);
  auto v2 = writer_->Version(id, 2);
  ASSERT_TRUE(v3.ok() && v2.ok());
  Json article = Json::parse(Fetch("/article", {{"id", id}, {"v", "3"}, {"format", "json"}}).body);
  const Json want = VersionJson(*v3, 4);
  for (auto& [k, v] : want.items()) EXPECT_EQ(article[k], v) << k;
  EXPECT_EQ(article["history"].size(), 4u);
  EXPECT_EQ(article["history"][1]["change_class"], "headline");
  EXPECT_EQ(article["urls"], Json::array({"https://news.example/a"}));
  Json diff = Json::parse(Fetch("/diff", {{"id", id}, {"from", "2"}, {"to", "3"}, {"format", "json"}}).body);
  EXPECT_EQ(diff, DiffJson(id, *v2, *v3, DiffArticles(v2->article, v3->article)));
  EXPECT_EQ(diff["blocks"][0]["change"], "edited");
  EditStatsQuery q;
  q.since = kT0 - std::chrono::hours(1);
  q.until = kT0 + std::chrono::hours(1);
  auto stats = ComputeEditStats(*writer_, q);
  ASSERT_TRUE(stats.ok());
  Json web_stats = Json::parse(
      Fetch("/stats", {{"since", "2026-03-21T20:43:25+09:00"}, {"until", "2026-03-21T22:43:25+09:00"},
                       {"format", "json"}}).body);
  EXPECT_EQ(web_stats, EditStatsJson(*stats));
  EXPECT_EQ(web_stats["total"]["edits"], 3);
}

TEST_F(ReadingRoomTest, EnglishWhenTheBrowserAsksForIt) {
  ThreeEdits();
  OpenRoom();
  WebResponse en = Fetch("/edits", {}, "en-US,en;q=0.9,ko;q=0.5");
  EXPECT_THAT(en.body, HasSubstr("lang=\"en\""));
  EXPECT_THAT(en.body, HasSubstr("Latest edits"));
  EXPECT_THAT(en.body, HasSubstr("15 min after publication"));
  EXPECT_EQ(Get(en, "Vary"), "Accept-Language");
  WebResponse ko = Fetch("/edits", {}, "ko-KR,ko;q=0.9,en;q=0.8");
  EXPECT_THAT(ko.body, HasSubstr("최근 편집"));
}

// A date field holds a day: a period given to the minute shows the days it spans, and a
// bare date shows itself.
TEST_F(ReadingRoomTest, DateFieldsShowDays) {
  ThreeEdits();
  OpenRoom();
  for (const char* page : {"/edits", "/search"}) {
    WebResponse exact = Fetch(page, {{"q", "x"}, {"since", "2026-03-20T10:00"}, {"until", "2026-03-21T12:00"}});
    ASSERT_EQ(exact.status, 200) << page;
    EXPECT_THAT(exact.body, HasSubstr(R"(name="since" type="date" value="2026-03-20")")) << page;
    EXPECT_THAT(exact.body, HasSubstr(R"(name="until" type="date" value="2026-03-21")")) << page;
    WebResponse bare = Fetch(page, {{"q", "x"}, {"until", "2026-03-21"}});
    EXPECT_THAT(bare.body, HasSubstr(R"(name="until" type="date" value="2026-03-21")")) << page;
    WebResponse midnight = Fetch(page, {{"q", "x"}, {"until", "2026-03-22T00:00:00+09:00"}});
    EXPECT_THAT(midnight.body, HasSubstr(R"(name="until" type="date" value="2026-03-21")")) << page;
  }
}

TEST_F(ReadingRoomTest, BadInputIsAClearErrorNotACrash) {
  ThreeEdits();
  OpenRoom();
  EXPECT_EQ(Fetch("/article", {{"id", "url:https://nowhere.example/"}}).status, 404);
  EXPECT_EQ(Fetch("/article", {}).status, 400);
  WebResponse bad_cursor = Fetch("/edits", {{"cursor", "x.y.z"}});
  EXPECT_EQ(bad_cursor.status, 400);
  EXPECT_THAT(bad_cursor.body, HasSubstr("parameter &#39;cursor&#39;"));
  EXPECT_EQ(Fetch("/edits", {{"class", "headline,bogus"}}).status, 400);
  EXPECT_EQ(Fetch("/diff", {{"id", "url:https://news.example/a"}, {"to", "99"}}).status, 404);
  EXPECT_EQ(Fetch("/stats", {{"since", "yesterday"}}).status, 400);
  for (const char* page : {"/edits", "/search", "/stats"}) {
    WebResponse backwards = Fetch(page, {{"q", "x"}, {"since", "2026-03-21"}, {"until", "2026-03-20"}});
    EXPECT_EQ(backwards.status, 400) << page;
    EXPECT_NE(backwards.body.find("is not before"), std::string::npos) << page;
  }
  WebResponse nothing = Fetch("/search", {{"q", "\""}});  // no word, no filter: not every article
  EXPECT_EQ(nothing.status, 400);
  EXPECT_THAT(nothing.body, HasSubstr("has no word to search for"));
  EXPECT_EQ(Fetch("/nowhere").status, 404);
  WebResponse json_error = Fetch("/edits", {{"since", "soon"}, {"format", "json"}});
  EXPECT_EQ(json_error.status, 400);
  EXPECT_TRUE(Json::parse(json_error.body).contains("error"));
  // A format a page does not answer in, a checkbox that is neither on nor off: said, not
  // taken for something else.
  WebResponse xml = Fetch("/edits", {{"format", "xml"}});
  EXPECT_EQ(xml.status, 400);
  EXPECT_THAT(xml.body, HasSubstr("parameter &#39;format&#39; (&#39;xml&#39;) must be json or atom, or absent for HTML"));
  EXPECT_EQ(Fetch("/edits", {{"format", "atom"}}).status, 200);
  EXPECT_EQ(Fetch("/stats", {{"format", "atom"}}).status, 400);
  WebResponse maybe = Fetch("/search", {{"q", "예산안"}, {"all_versions", "maybe"}});
  EXPECT_EQ(maybe.status, 400);
  EXPECT_THAT(maybe.body, HasSubstr("parameter &#39;all_versions&#39; (&#39;maybe&#39;) must be 1 or 0"));
  // What browsers and hand-typed links send for a checkbox stays accepted; a page without
  // formats does not look at one.
  EXPECT_NE(Fetch("/search", {{"q", "예산안"}, {"all_versions", "ON"}}).status, 400);
  EXPECT_NE(Fetch("/search", {{"q", "예산안"}, {"all_versions", "on"}}).status, 400);
  EXPECT_EQ(Fetch("/healthz", {{"format", "json"}}).status, 200);
  EXPECT_EQ(Fetch("/nosuch", {{"format", "json"}}).status, 404);
}

TEST_F(ReadingRoomTest, SearchWithoutAnIndexSaysSo) {
  ThreeEdits();
  OpenRoom();
  WebResponse r = Fetch("/search", {{"q", "예산안"}});
  EXPECT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("no search index: sinmund builds it when it starts, or run sinmun reindex"));
  EXPECT_EQ(Fetch("/search", {{"q", "예산안"}, {"format", "json"}}).status, 404);
}

// The next-page link comes from the hits themselves (one more is asked for than a page
// shows), not from the estimate: it is there while hits remain and gone on the last page,
// also when the last page is full.
TEST_F(ReadingRoomTest, SearchPagesLinkToTheNextWhileHitsRemain) {
  for (int n = 0; n < 5; ++n) Record(Make("p" + std::to_string(n), "예산안 처리 " + std::to_string(n)), kT0 + minutes(n));
  Record(Make("other", "날씨"), kT0 + minutes(9));  // its body has 예산안 too: six hits
  IndexDir search(dir_ + "/archive/search");
  Result<std::string> path = search.NewIndexPath();
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  ASSERT_TRUE(Rebuild(*writer_, *path, {}).ok());
  ASSERT_TRUE(search.Install(*path).ok());
  PageLimits limits;
  limits.hits_per_page = 2;
  OpenRoom(limits);
  auto page = [&](int n) {
    WebResponse r = Fetch("/search", {{"q", "예산안"}, {"page", std::to_string(n)}});
    EXPECT_EQ(r.status, 200) << r.body;
    return r.body;
  };
  auto json = [&](int n) {
    return Json::parse(Fetch("/search", {{"q", "예산안"}, {"page", std::to_string(n)}, {"format", "json"}}).body);
  };
  auto hits = [&](int n) { return json(n)["hits"].size(); };
  const std::string first = page(1), second = page(2);
  EXPECT_THAT(first, HasSubstr("rel=\"next\""));
  EXPECT_THAT(first, HasSubstr("page=2\""));
  EXPECT_THAT(second, HasSubstr("rel=\"next\""));
  EXPECT_THAT(second, HasSubstr("page=3\""));
  EXPECT_THAT(page(3), Not(HasSubstr("rel=\"next\"")));
  EXPECT_EQ(hits(1), 2u);
  EXPECT_EQ(hits(3), 2u);
  EXPECT_EQ(hits(4), 0u);
  // The JSON form names the next page as the HTML form links it.
  EXPECT_EQ(json(2)["next"], "/search?q=%EC%98%88%EC%82%B0%EC%95%88&page=3&format=json");
  EXPECT_EQ(json(3)["next"], nullptr);
}

TEST_F(ReadingRoomTest, SourcesPageShowsEveryRowEscaped) {
  OpenRoom({}, [](Archive&) -> Result<std::vector<SourceRow>> {
    SourceRow ok{"daum-politics", "daum", "https://news.daum.net/politics", "ok", "", kT0, kT0 + minutes(5), 40, 3, 3};
    SourceRow bad{kHostile, "rss", "https://x.example/rss", "not-a-feed", kHostile, std::nullopt, std::nullopt, 0, 0, 0};
    return std::vector<SourceRow>{ok, bad};
  });
  WebResponse r = Fetch("/sources");
  ASSERT_EQ(r.status, 200);
  EXPECT_THAT(r.body, HasSubstr("daum-politics"));
  EXPECT_THAT(r.body, HasSubstr("<span class=\"status bad\">not-a-feed</span>"));
  EXPECT_THAT(r.body, Not(HasSubstr("<script")));
  Json j = Json::parse(Fetch("/sources", {{"format", "json"}}).body);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["last_poll"], "2026-03-21T21:43:25+09:00");
  EXPECT_EQ(j[1]["status"], "not-a-feed");
  EXPECT_EQ(j[1]["last_poll"], nullptr);
}

// The page reads what sinmund keeps in the archive (crawler/frontier/source_status.h).
TEST_F(ReadingRoomTest, SourcesPageReadsTheStatusesTheDaemonKept) {
  SourceRecord r;
  r.name = "naver-politics";
  r.type = "naver";
  r.url = "https://news.naver.com/section/100";
  r.status.state = SourceState::kRobotsDisallowed;
  r.status.detail = "https://news.naver.com/robots.txt: \"User-agent: *\" \"Disallow: /\"";
  r.status.last_poll = kT0;
  r.written = kT0;
  SourceRecord ok = r;
  ok.name = "yonhap";
  ok.type = "rss";
  ok.url = "https://www.yna.co.kr/rss/news.xml";
  ok.status.state = SourceState::kOk;
  ok.status.detail = "";
  ASSERT_TRUE(writer_->PutSourceRecords({{r.name, EncodeSourceRecord(r)}, {ok.name, EncodeSourceRecord(ok)}}).ok());
  ASSERT_TRUE(writer_->SyncWal().ok());
  OpenRoom();
  Json j = Json::parse(Fetch("/sources", {{"format", "json"}}).body);
  ASSERT_EQ(j.size(), 2u) << j.dump();
  EXPECT_EQ(j[1]["name"], "yonhap");
  EXPECT_EQ(j[1]["status"], "ok");
  EXPECT_EQ(j[1]["detail"], "") << "the same as sources --json";
  EXPECT_EQ(j[0]["name"], "naver-politics");
  EXPECT_EQ(j[0]["status"], "robots-disallowed");
  EXPECT_EQ(j[0]["detail"], r.status.detail);
  EXPECT_EQ(j[0]["last_poll"], "2026-03-21T21:43:25+09:00");
  EXPECT_THAT(Fetch("/sources").body, HasSubstr("robots-disallowed"));
}

}  // namespace
}  // namespace sinmun::web
