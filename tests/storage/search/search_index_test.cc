// SearchIndex over hand-made articles (Korean particles and spacing, phrases, exclusions,
// OR, filters, versions, shared paragraphs, origin links), and over the real pages the
// extractor reads (the real-page tier). Candidates the index's terms cannot decide are
// matched against the articles added, kept here (Texts).
#include "storage/search/search_index.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unicode/utf8.h>
#include <sqlite3.h>

#include "common/text.h"
#include "crawler/extract/extractor.h"
#include "storage/search/query.h"
#include "storage/search/searcher.h"
#include "storage/search/tokenizer.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::UnorderedElementsAre;

Instant At(const char* text) { return *ParseTime(text); }

Article Make(const std::string& id, const std::string& title, std::vector<std::string> paragraphs,
             const std::string& press = "신문일보", const std::string& portal = "daum",
             const char* published = "2026-11-02T09:30:00+09:00") {
  Article a;
  a.id = id;
  a.url = "https://example.com/" + id;
  a.portal = portal;
  a.press = press;
  a.source = portal + "-politics";
  a.title = title;
  a.published = At(published);
  for (std::string& p : paragraphs) a.blocks.push_back(Block{BlockType::kParagraph, std::move(p)});
  return a;
}

// The articles added, by id and version: what the index reads candidates back from.
class Texts : public VersionTexts {
 public:
  Result<Article> Read(const std::string& id, uint32_t version) override {
    ++reads;
    auto it = articles.find({id, version});
    if (it == articles.end()) return Status::NotFound(id + " v" + std::to_string(version));
    return it->second;
  }
  std::map<std::pair<std::string, uint32_t>, Article> articles;
  int reads = 0;
};

class SearchIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("sinmun_search_test_" + std::to_string(getpid()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_);
    path_ = (dir_ / "index.sqlite").string();
    auto index = SearchIndex::Open(path_, SearchIndex::Mode::kReadWrite);
    ASSERT_TRUE(index.ok()) << index.status().message();
    index_ = std::move(*index);
  }
  void TearDown() override {
    index_.reset();
    fs::remove_all(dir_);
  }

  void Add(const Article& a, uint32_t version = 1, const char* fetched = "2026-11-02T09:35:00+09:00") {
    ASSERT_TRUE(index_->Add(a.id, version, a, At(fetched)).ok());
    texts_.articles[{a.id, version}] = a;
  }
  Result<SearchResults> Search(const SearchQuery& q) { return index_->Search(q, texts_); }

  // The first column of the first row of `sql`, read beside the writer.
  int64_t Scalar(const char* sql) {
    sqlite3* db = nullptr;
    EXPECT_EQ(sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* st = nullptr;
    EXPECT_EQ(sqlite3_prepare_v2(db, sql, -1, &st, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    const int64_t value = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    sqlite3_close(db);
    return value;
  }
  // The index file's pages and how many of them are free.
  std::pair<int64_t, int64_t> Pages() {
    return {Scalar("SELECT page_count FROM pragma_page_count"), Scalar("SELECT freelist_count FROM pragma_freelist_count")};
  }
  // Upkeep steps (SearchIndex::Maintain) until one finds nothing to do, at most `limit`:
  // the steps taken (`limit` when it never came to rest).
  int UpkeepUntilRest(int limit) {
    int steps = 0;
    for (bool more = true; more && steps < limit; ++steps) {
      Result<bool> m = index_->Maintain(200);
      EXPECT_TRUE(m.ok()) << m.status().message();
      more = m.ok() && *m;
    }
    return steps;
  }
  // Pages of the index file in use (not on its free list).
  int64_t UsedPages() { return Scalar("SELECT page_count - freelist_count FROM pragma_page_count, pragma_freelist_count"); }

  // The ids found (in rank order), after committing.
  std::vector<std::string> Ids(SearchQuery q) {
    EXPECT_TRUE(index_->Commit().ok());
    Result<SearchResults> r = Search(q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) ids.push_back(h.id);
    }
    return ids;
  }
  std::vector<std::string> Ids(const std::string& text) {
    SearchQuery q;
    q.text = text;
    return Ids(q);
  }

  void AddNews() {
    Add(Make("a", "엔비디아, 미국 정부 비판", {"엔비디아가 미국의 수출 규제를 비판했다. Nvidia H20 칩이 대상이다."}));
    Add(Make("b", "삼성전자 대응", {"삼성전자는 수출규제에 대응하는 전략을 내놨다."}, "경제신문", "naver",
             "2026-11-05T12:00:00+09:00"));
    Add(Make("c", "게임 소식", {"엔진과 비디오, 디아블로 신작이 나왔다. 규제 없이 수출한다."}, "게임일보", "web",
             "2026-10-20T08:00:00+09:00"));
  }

  fs::path dir_;
  std::string path_;
  std::unique_ptr<SearchIndex> index_;
  Texts texts_;
};

TEST_F(SearchIndexTest, KoreanWordsMatchWithParticlesAttached) {
  AddNews();
  EXPECT_THAT(Ids("엔비디아"), ElementsAre("a"));        // 엔비디아가
  EXPECT_THAT(Ids("수출"), UnorderedElementsAre("a", "b", "c"));
  EXPECT_THAT(Ids("삼성전자"), ElementsAre("b"));        // 삼성전자는
}

TEST_F(SearchIndexTest, SpacingBetweenHangulWordsDoesNotMatter) {
  AddNews();
  // 수출규제 finds 수출 규제를 (a) and 수출규제에 (b), not 규제 없이 수출 (c).
  EXPECT_THAT(Ids("수출규제"), UnorderedElementsAre("a", "b"));
  EXPECT_THAT(Ids("\"수출 규제\""), UnorderedElementsAre("a", "b"));
  // Two words: both anywhere.
  EXPECT_THAT(Ids("수출 규제"), UnorderedElementsAre("a", "b", "c"));
}

TEST_F(SearchIndexTest, CharactersMustStandTogether) {
  AddNews();
  // c has 엔, 비디, 디아 but never 엔비디아.
  EXPECT_THAT(Ids("엔비디아"), ElementsAre("a"));
  EXPECT_THAT(Ids("비디오"), ElementsAre("c"));
}

TEST_F(SearchIndexTest, PhrasesExclusionsAndOr) {
  AddNews();
  EXPECT_THAT(Ids("\"미국의 수출\""), ElementsAre("a"));
  EXPECT_THAT(Ids("\"수출의 미국\""), ElementsAre());
  EXPECT_THAT(Ids("수출 -엔비디아"), UnorderedElementsAre("b", "c"));
  EXPECT_THAT(Ids("수출 -엔비디아 -디아블로"), ElementsAre("b"));
  EXPECT_THAT(Ids("삼성전자 OR 디아블로"), UnorderedElementsAre("b", "c"));
  EXPECT_THAT(Ids("nvidia"), ElementsAre("a"));  // Latin words: any case
  EXPECT_THAT(Ids("NVIDIA 칩"), ElementsAre("a"));
}

TEST_F(SearchIndexTest, WordsMixingScriptsAndSingleCharacters) {
  Add(Make("year", "올해 실적", {"2026년에는 AI반도체 매출이 늘었다. 쌀값도 올랐다."}));
  Add(Make("other", "작년 실적", {"2025년 매출 가운데 AI 비중은 작았다. 반도체 이야기는 없다."}));
  // A number or Latin word written onto Hangul matches as one word, in either spelling.
  EXPECT_THAT(Ids("2026년"), ElementsAre("year"));
  EXPECT_THAT(Ids("\"2026 년에는\""), ElementsAre("year"));
  EXPECT_THAT(Ids("AI반도체"), ElementsAre("year"));
  EXPECT_THAT(Ids("\"ai 반도체\""), ElementsAre("year"));
  // One Hangul character: wherever it stands (쌀 in 쌀값도; 년 in both).
  EXPECT_THAT(Ids("쌀"), ElementsAre("year"));
  EXPECT_THAT(Ids("년"), UnorderedElementsAre("year", "other"));
  EXPECT_THAT(Ids("값"), ElementsAre("year"));     // inside 쌀값도: only a bigram starts with it
  EXPECT_THAT(Ids("작"), ElementsAre("other"));    // 작았다, 작년
  EXPECT_THAT(Ids("반도체 -값"), ElementsAre("other"));
  EXPECT_THAT(Ids("비중 -다"), ElementsAre());     // 다 ends runs (작았다)
  EXPECT_THAT(Ids("반도체 -2026년"), ElementsAre("other"));
  // Parentheses around words, and punctuation alone.
  EXPECT_THAT(Ids("(쌀 OR 비중) 매출"), UnorderedElementsAre("year", "other"));
  EXPECT_THAT(Ids("(2026년)"), ElementsAre("year"));
  EXPECT_THAT(Ids("-(비중 OR 2025년) 매출"), ElementsAre("year"));
  EXPECT_THAT(Ids("(\"2026 년\" OR 비중)"), UnorderedElementsAre("year", "other"));
  SearchQuery grouped;
  grouped.text = "(쌀 OR 비중) -(없다)";
  Result<SearchResults> r = Search(grouped);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_THAT(r->highlight, ElementsAre("쌀", "비중"));  // without the parentheses
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].id, "year");
}

TEST_F(SearchIndexTest, NumbersSymbolsAndHanAsTheyAreWritten) {
  Add(Make("rate", "美 연준, 금리 0.25%p 인상", {"3월 회의에서 R&D 예산 1,000억원과 U.S. 국채, C++ 인력을 논의했다."}));
  Add(Make("months", "3개월 만에 1순위", {"R D 부서가 가나.다라 문서를 냈다. 美연준 소식은 없다."}));
  EXPECT_THAT(Ids("美연준"), UnorderedElementsAre("rate", "months"));  // either spacing
  EXPECT_THAT(Ids("\"美 연준\""), UnorderedElementsAre("rate", "months"));
  EXPECT_THAT(Ids("3월"), ElementsAre("rate"));       // not 3개월
  EXPECT_THAT(Ids("1위"), ElementsAre());             // not 1순위
  EXPECT_THAT(Ids("가.다"), ElementsAre());           // not 가나.다라
  EXPECT_THAT(Ids("0.25%p"), ElementsAre("rate"));
  EXPECT_THAT(Ids("R&D"), ElementsAre("rate"));
  EXPECT_THAT(Ids("1,000억원"), ElementsAre("rate"));
  EXPECT_THAT(Ids("U.S."), ElementsAre("rate"));
  EXPECT_THAT(Ids("C++"), ElementsAre("rate"));
}

TEST_F(SearchIndexTest, EveryQueryTextIsReadNoneIsASyntaxError) {
  Add(Make("s", "삼성전자(005930) 실적", {"반도체 부문이 OR 연산처럼 늘었다."}));
  Add(Make("p", "삼성전자 우선주", {"005930 종목 우선주 이야기."}));
  EXPECT_THAT(Ids("삼성전자(005930) -우선주"), ElementsAre("s"));  // parentheses inside a word
  EXPECT_THAT(Ids("\"OR\" 연산"), ElementsAre("s"));              // a quoted operator is a word
  EXPECT_THAT(Ids("OR"), ElementsAre("s"));
  EXPECT_THAT(Ids("삼성전자 AND"), UnorderedElementsAre("s", "p"));
  EXPECT_THAT(Ids("우선주 NOT 반도체"), ElementsAre("p"));
  EXPECT_THAT(Ids("-(반도체 OR 없는말) 삼성전자"), ElementsAre("p"));
  EXPECT_THAT(Ids("((삼성전자"), UnorderedElementsAre("s", "p"));
  EXPECT_THAT(Ids(") 반도체 )) OR OR"), ElementsAre("s"));
  for (const char* odd : {"\"", "-", "()", "\"\"", "NOT", "- -", "*", "AND OR NOT", "(-)", "+반도체"}) {
    SearchQuery q;
    q.text = odd;
    EXPECT_TRUE(Search(q).ok()) << odd;
  }
}

TEST_F(SearchIndexTest, AQueryLongerThanTheLimitIsRefusedSayingSo) {
  Add(Make("s", "삼성전자 실적", {"반도체 부문이 늘었다."}));
  SearchQuery q;
  q.text = std::string(kMaxQueryBytes - 6, ' ') + "삼성";  // "삼성" is 6 bytes: exactly the limit
  EXPECT_THAT(Ids(q.text), ElementsAre("s"));
  q.text += " ";
  Result<SearchResults> r = Search(q);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(r.status().message(), "a search text is at most 1024 bytes; this one has 1025");
}

TEST_F(SearchIndexTest, DateSortWithEveryVersionFillsItsLimitAcrossMonths) {
  // a: v1 late in October, v2 (its published time moved) in November; b, c earlier in
  // October. October's newest match is a's v1, which is already taken.
  Add(Make("a", "반도체 소식", {"반도체 이야기."}, "신문일보", "daum", "2026-10-25T09:00:00+09:00"), 1);
  Add(Make("a", "반도체 소식", {"반도체 이야기."}, "신문일보", "daum", "2026-11-10T09:00:00+09:00"), 2);
  Add(Make("b", "반도체 소식", {"반도체 이야기."}, "신문일보", "daum", "2026-10-20T09:00:00+09:00"));
  Add(Make("c", "반도체 소식", {"반도체 이야기."}, "신문일보", "daum", "2026-10-05T09:00:00+09:00"));
  SearchQuery q;
  q.text = "반도체";
  q.sort = SearchQuery::Sort::kDate;
  q.all_versions = true;
  q.limit = 2;
  EXPECT_THAT(Ids(q), ElementsAre("a", "b"));
  q.limit = 5;
  EXPECT_THAT(Ids(q), ElementsAre("a", "b", "c"));
}

TEST_F(SearchIndexTest, TitleWeighsMoreThanBody) {
  Add(Make("body", "경제 소식", {"반도체 이야기가 본문에만 나온다. 긴 본문이 이어진다."}));
  Add(Make("title", "반도체 수출 늘어", {"수출이 늘었다는 이야기가 본문에 있다. 긴 본문이 이어진다."}));
  EXPECT_THAT(Ids("반도체"), ElementsAre("title", "body"));
}

TEST_F(SearchIndexTest, FiltersByDatePortalPressAndSource) {
  AddNews();
  SearchQuery q;
  q.text = "수출";
  q.since = At("2026-11-01");
  EXPECT_THAT(Ids(q), UnorderedElementsAre("a", "b"));
  q.until = At("2026-11-05T12:00:00+09:00");  // exclusive
  EXPECT_THAT(Ids(q), ElementsAre("a"));
  q = SearchQuery{};
  q.text = "수출";
  q.portal = "naver";
  EXPECT_THAT(Ids(q), ElementsAre("b"));
  q.portal.clear();
  q.press = "게임일보";
  EXPECT_THAT(Ids(q), ElementsAre("c"));
  q.press.clear();
  q.source = "daum-politics";
  EXPECT_THAT(Ids(q), ElementsAre("a"));
}

TEST_F(SearchIndexTest, SortByDateIsNewestFirst) {
  AddNews();
  SearchQuery q;
  q.text = "수출";
  q.sort = SearchQuery::Sort::kDate;
  EXPECT_THAT(Ids(q), ElementsAre("b", "a", "c"));
  q.limit = 2;
  EXPECT_THAT(Ids(q), ElementsAre("b", "a"));
}

TEST_F(SearchIndexTest, SortByDateAndDateRangesAcrossMonths) {
  // Eleven articles over three years and months, added out of date order, one not matching.
  const std::vector<std::pair<std::string, const char*>> dated = {
      {"m05", "2026-05-20T10:00:00+09:00"}, {"y24", "2024-12-31T23:00:00+09:00"},
      {"m11b", "2026-11-30T09:00:00+09:00"}, {"m01", "2026-01-01T00:30:00+09:00"},
      {"m11a", "2026-11-01T12:00:00+09:00"}, {"m10", "2026-10-31T23:59:00+09:00"},
      {"y25", "2025-06-15T08:00:00+09:00"}, {"m05b", "2026-05-01T08:00:00+09:00"},
      {"m02", "2026-02-27T08:00:00+09:00"}, {"m11c", "2026-11-15T09:00:00+09:00"}};
  for (const auto& [id, at] : dated) Add(Make(id, "반도체 소식", {"반도체 수출이 늘었다."}, "신문일보", "daum", at));
  Add(Make("other", "날씨", {"비가 온다."}, "신문일보", "daum", "2026-11-29T09:00:00+09:00"));
  SearchQuery q;
  q.text = "반도체";
  q.sort = SearchQuery::Sort::kDate;
  EXPECT_THAT(Ids(q), ElementsAre("m11b", "m11c", "m11a", "m10", "m05", "m05b", "m02", "m01", "y25", "y24"));
  q.limit = 4;  // three from the newest month, one from the next
  EXPECT_THAT(Ids(q), ElementsAre("m11b", "m11c", "m11a", "m10"));
  Result<SearchResults> r = Search(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->estimated_matches, 10u);
  q.limit = 20;
  // [since, until) in KST; months are cut at the exact times, not at month ends.
  q.since = At("2026-05-01T08:00:00+09:00");
  q.until = At("2026-11-15T09:00:00+09:00");
  EXPECT_THAT(Ids(q), ElementsAre("m11a", "m10", "m05", "m05b"));
  q.sort = SearchQuery::Sort::kRelevance;
  EXPECT_THAT(Ids(q), UnorderedElementsAre("m11a", "m10", "m05", "m05b"));
  q.since = At("2027-01-01");  // no month of the index
  q.until.reset();
  EXPECT_THAT(Ids(q), ElementsAre());
}

// With every version, a hit found by its title (the first tier) still lists every version
// whose text holds the words, title or not, and shows the newest of them.
TEST_F(SearchIndexTest, AllVersionsListsEveryMatchingVersionWhateverTierFoundIt) {
  Article a = Make("t1", "정부 예산안 처리", {"국회는 예산안을 처리했다."});
  Add(a, 1, "2026-11-02T09:35:00+09:00");
  a.title = "국회 본회의 열려";  // the word leaves the title, stays in the body
  Add(a, 2, "2026-11-02T10:35:00+09:00");
  a.blocks[0].text = "국회는 본회의를 열었다.";  // and then the body
  Add(a, 3, "2026-11-02T11:35:00+09:00");
  a.blocks[0].text = "국회는 예산안을 다시 처리했다.";  // back in the body
  Add(a, 4, "2026-11-02T12:35:00+09:00");
  SearchQuery q;
  q.text = "처리";
  q.all_versions = true;
  for (const std::string text : {"처리", "처", "예산안 처리"}) {
    q.text = text;
    ASSERT_TRUE(index_->Commit().ok());
    Result<SearchResults> r = Search(q);
    ASSERT_TRUE(r.ok()) << r.status().message();
    ASSERT_EQ(r->hits.size(), 1u) << text;
    EXPECT_EQ(r->hits[0].weight, 3) << text;  // found by v1's title
    EXPECT_EQ(r->hits[0].version, 4u) << text;
    EXPECT_EQ(r->hits[0].matched_versions, (std::vector<uint32_t>{1, 2, 4})) << text;
  }
}

TEST_F(SearchIndexTest, NewestFirstHoldsWhenManyMatchesAreReadAnHourAtATime) {
  // More matches than kSortInMemory: the date order is read bucket by bucket, from the
  // newest year down to hours. Dates over three years, added in a shuffled order; every
  // seventh article is edited later (its latest version dated like the first).
  const int n = static_cast<int>(kSortInMemory) + 500;
  std::vector<int> order(n);
  for (int i = 0; i < n; ++i) order[i] = (i * 7919) % n;
  auto date = [](int i) { return Instant(std::chrono::seconds(1'700'000'000 + int64_t{i} * 37'000)); };
  for (int i : order) {
    Article a = Make("n" + std::to_string(i), "소식", {"반도체 이야기 " + std::to_string(i)});
    a.published = date(i);
    ASSERT_TRUE(index_->Add(a.id, 1, a, date(i)).ok());
    texts_.articles[{a.id, 1}] = a;
    if (i % 7 == 0) {
      a.blocks[0].text += " 고침";
      ASSERT_TRUE(index_->Add(a.id, 2, a, date(i) + std::chrono::hours(1)).ok());
      texts_.articles[{a.id, 2}] = a;
    }
  }
  SearchQuery q;
  q.text = "반도체";
  q.sort = SearchQuery::Sort::kDate;
  q.limit = 30;
  std::vector<std::string> want;
  for (int i = n - 1; i >= n - 30; --i) want.push_back("n" + std::to_string(i));
  EXPECT_EQ(Ids(q), want);
  // One syllable (the term 도, inside the run 반도체) gives the same order.
  q.text = "도";
  EXPECT_EQ(Ids(q), want);
  q.sort = SearchQuery::Sort::kRelevance;
  EXPECT_EQ(Ids(q), want);  // no title holds it: newest first
  q.sort = SearchQuery::Sort::kDate;
  // A range, newest first inside it, by the word and by the syllable.
  q.since = date(1000);
  q.until = date(1010);
  want.clear();
  for (int i = 1009; i >= 1000; --i) want.push_back("n" + std::to_string(i));
  EXPECT_EQ(Ids(q), want);
  q.text = "반도체";
  EXPECT_EQ(Ids(q), want);
  Result<SearchResults> r = Search(q);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->estimated_matches, 10u);
  // Every version, newest version first within an article.
  q = SearchQuery{};
  q.text = "고침";
  q.sort = SearchQuery::Sort::kDate;
  q.all_versions = true;
  q.limit = 3;
  r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 3u);
  const int last7 = (n - 1) / 7 * 7;
  EXPECT_EQ(r->hits[0].id, "n" + std::to_string(last7));
  EXPECT_EQ(r->hits[0].version, 2u);
  EXPECT_EQ(r->hits[1].id, "n" + std::to_string(last7 - 7));
  // The same by its last syllable (a one-character term at the run's end).
  q.text = "침";
  r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 3u);
  EXPECT_EQ(r->hits[0].id, "n" + std::to_string(last7));
  EXPECT_EQ(r->hits[0].version, 2u);
  EXPECT_EQ(r->hits[0].matched_versions, std::vector<uint32_t>{2});
  EXPECT_EQ(r->hits[1].id, "n" + std::to_string(last7 - 7));
  q.text = "반";  // in both versions of an edited article
  q.limit = 1;
  r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].id, "n" + std::to_string(n - 1));
  const int last_edited = (n - 1) / 7 * 7;
  q.text = "반도체 고침";
  r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].id, "n" + std::to_string(last_edited));
  EXPECT_EQ(r->hits[0].matched_versions, std::vector<uint32_t>{2});
  q.text = "반 고침";
  r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].matched_versions, std::vector<uint32_t>{2});
  q.text = "반";
  q.limit = 200;
  r = Search(q);
  ASSERT_TRUE(r.ok());
  bool both = false;
  for (const SearchHit& h : r->hits) {
    if (h.id == "n" + std::to_string(last_edited)) both = h.matched_versions == std::vector<uint32_t>{1, 2};
  }
  EXPECT_TRUE(both) << "an edited article's two versions both hold 반";
}

// Appended as sinmund appends under a steady crawl — a commit, then one upkeep step — the
// index stays near the size a rebuild of the same versions gives, not twice it in merges
// of the whole index that never end and the free pages they leave.
TEST_F(SearchIndexTest, UpkeepKeepsAnAppendedIndexNearARebuildsSize) {
  for (int i = 0; i < 12'000; ++i) {
    Add(Make("m" + std::to_string(i), "소식 " + std::to_string(i % 97), {"반도체 수출 " + std::to_string(i)}));
    if (i % 10 == 9) {
      ASSERT_TRUE(index_->Commit().ok());
      Result<bool> m = index_->Maintain(200);
      ASSERT_TRUE(m.ok()) << m.status().message();
    }
  }
  const auto [appended, appended_free] = Pages();
  ASSERT_TRUE(index_->Compact().ok());
  const auto [rebuilt, rebuilt_free] = Pages();
  EXPECT_EQ(rebuilt_free, 0);
  EXPECT_LE(double(appended), 1.2 * double(rebuilt)) << "file pages as appended, against merged into one segment";
  EXPECT_LE(appended_free, std::max<int64_t>(64, appended / 50)) << "free pages are given back as it goes";
}

TEST_F(SearchIndexTest, UpkeepMergesWhatAppendingLeftAndKeepsEveryHit) {
  // 12,000 small versions committed 1,000 at a time, with no upkeep meanwhile: FTS5's own
  // merging at each commit does work in proportion to what the commit wrote, and leaves
  // merges of the segments of earlier commits unfinished.
  for (int i = 0; i < 12'000; ++i) {
    Add(Make("m" + std::to_string(i), "소식 " + std::to_string(i % 97), {"반도체 수출 " + std::to_string(i)}));
    if (i % 1000 == 999) {
      ASSERT_TRUE(index_->Commit().ok());
    }
  }
  ASSERT_TRUE(index_->Commit().ok());
  const int steps = UpkeepUntilRest(1000);
  EXPECT_GT(steps, 1) << "a level of four segments or more is merged";
  EXPECT_LT(steps, 1000);
  // Done: nothing more until more is appended.
  Result<bool> again = index_->Maintain(200);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(*again);
  SearchQuery q;
  q.text = "\"수출 11999\"";
  EXPECT_THAT(Ids(q), ElementsAre("m11999"));
  q.text = "소식 96";
  q.limit = 1000;
  EXPECT_EQ(Ids(q).size(), 12'000u / 97);
}

// Beyond 1,000 candidates a search estimates its matches from its terms' document counts;
// the common terms' are kept, counted by a rebuild (Compact) and by the upkeep whenever
// the index has grown by a quarter, and scaled by the versions added since, so that an
// estimate does not read each term's whole list.
TEST_F(SearchIndexTest, CommonTermsDocumentCountsAreKeptScaledAndRecountedAsTheIndexGrows) {
  auto add = [&](int from, int to, bool common) {
    for (int i = from; i < to; ++i) {
      // 공약 in every common one, 예산 in every second: only common terms are kept. The
      // others are of the next day.
      const std::string body = !common ? "날씨 맑음" : i % 2 == 0 ? "공약 예산" : "공약 발표";
      Add(Make("c" + std::to_string(i), "소식 " + std::to_string(i), {body}, "신문일보", "daum",
               common ? "2026-11-02T09:30:00+09:00" : "2026-11-03T09:30:00+09:00"));
    }
    ASSERT_TRUE(index_->Commit().ok());
  };
  auto upkeep = [&] { EXPECT_LT(UpkeepUntilRest(10'000), 10'000); };
  auto estimate = [&](const char* text, const char* since = nullptr, const char* until = nullptr) {
    SearchQuery q;
    q.text = text;
    if (since != nullptr) q.since = At(since);
    if (until != nullptr) q.until = At(until);
    Result<SearchResults> r = Search(q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->estimated_matches : 0;
  };
  add(0, 2'400, true);
  upkeep();
  EXPECT_EQ(Scalar("SELECT value FROM meta WHERE key = 'df_versions'"), 0)
      << "an index appended from empty is counted first at 100,000 versions";
  EXPECT_EQ(estimate("예산"), 1'200u) << "from the vocabulary";

  ASSERT_TRUE(index_->Compact().ok());
  EXPECT_EQ(Scalar("SELECT value FROM meta WHERE key = 'df_versions'"), 2'400);
  EXPECT_EQ(Scalar("SELECT max(df) FROM term_df"), 2'400) << "공약's terms, in every document";
  EXPECT_GE(Scalar("SELECT min(df) FROM term_df"), 1'000) << "no rare term is kept";
  EXPECT_GT(Scalar("SELECT count(*) FROM term_df WHERE df = 1200"), 0) << "예산's terms, in every second document";
  EXPECT_EQ(estimate("공약"), 2'400u);
  EXPECT_EQ(estimate("예산"), 1'200u);

  // 500 versions without either word: not yet a quarter more than the counted 2,400, so
  // the kept counts are scaled by 2,900 / 2,400 — the estimate of a term whose share fell
  // is high.
  add(2'400, 2'900, false);
  upkeep();
  EXPECT_EQ(Scalar("SELECT value FROM meta WHERE key = 'df_versions'"), 2'400);
  EXPECT_EQ(estimate("예산"), 1'450u);
  // A date's kept count stands unscaled: its day gained no document. 1,450 x 2,400 / 2,900
  // (the day's share of the index) is 예산's count of that day.
  EXPECT_EQ(estimate("예산", "2026-11-02T09:00:00+09:00", "2026-11-03T09:00:00+09:00"), 1'200u);

  // A quarter more than the counted versions, and 1,000 at least: the upkeep counts again,
  // and the estimates are exact.
  add(2'900, 3'399, false);
  upkeep();
  EXPECT_EQ(Scalar("SELECT value FROM meta WHERE key = 'df_versions'"), 2'400);
  add(3'399, 3'400, false);
  upkeep();
  EXPECT_EQ(Scalar("SELECT value FROM meta WHERE key = 'df_versions'"), 3'400);
  EXPECT_EQ(Scalar("SELECT max(df) FROM term_df"), 3'400) << "소식's terms, in every title";
  EXPECT_EQ(estimate("예산"), 1'200u);
  EXPECT_EQ(estimate("공약"), 2'400u);
}

// A rebuilt index of a few versions is counted once, not again at every upkeep: the upkeep
// finds nothing to do, and sinmund's indexer rests.
TEST_F(SearchIndexTest, UpkeepOfASmallRebuiltIndexComesToRest) {
  for (int i = 0; i < 3; ++i) Add(Make("r" + std::to_string(i), "소식", {"공약 예산"}));
  ASSERT_TRUE(index_->Compact().ok());
  ASSERT_EQ(Scalar("SELECT value FROM meta WHERE key = 'df_versions'"), 3);
  EXPECT_LT(UpkeepUntilRest(100), 100) << "the upkeep should come to rest";
  Result<bool> m = index_->Maintain(200);
  ASSERT_TRUE(m.ok());
  EXPECT_FALSE(*m);
}

// A rebuild being stopped (sinmund asked to stop) gives up its final merge within a step,
// leaving an index that answers as before; asked again, the merge goes on to one segment.
TEST_F(SearchIndexTest, ACompactionAskedToStopGivesUpAndLeavesAWholeIndex) {
  for (int i = 0; i < 6'000; ++i) {
    Add(Make("s" + std::to_string(i), "소식 " + std::to_string(i), {"공약 예산 발표 " + std::to_string(i * 7919)}));
    if (i % 200 == 199) {
      ASSERT_TRUE(index_->Commit().ok());  // thirty segments, merged by fours as they come
    }
  }
  auto hits = [&] {
    SearchQuery q;
    q.text = "공약";
    q.limit = 10'000;
    Result<SearchResults> r = Search(q);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->hits.size() : 0;
  };
  auto segments = [&] { return Scalar("SELECT count(DISTINCT segid) FROM terms_idx"); };
  const int64_t before = segments();
  ASSERT_GT(before, 1);
  int asked = 0;
  Status stopped = index_->Compact([&] { return ++asked > 1; }, 16);
  EXPECT_TRUE(stopped.IsBusy()) << stopped.ToString();
  EXPECT_EQ(stopped.message(), "stopped");
  EXPECT_EQ(asked, 2) << "asked before each step, until it answered yes";
  EXPECT_GT(segments(), 1) << "one step does not merge everything";
  EXPECT_EQ(hits(), 6'000u);
  EXPECT_EQ(Scalar("SELECT count(*) FROM term_df"), 0) << "no count taken";
  ASSERT_TRUE(index_->Compact().ok());
  EXPECT_EQ(segments(), 1);
  EXPECT_EQ(hits(), 6'000u);
  EXPECT_EQ(Scalar("SELECT value FROM meta WHERE key = 'df_versions'"), 6'000);
}

TEST_F(SearchIndexTest, LatestVersionsByDefaultEveryVersionOnRequest) {
  Add(Make("x", "예산안 처리", {"재석 의원 250명 가운데 찬성 180명으로 가결됐다."}), 1);
  Add(Make("x", "예산안 처리", {"재석 의원 252명 가운데 찬성 181명으로 가결됐다."}), 2,
      "2026-11-02T10:10:00+09:00");
  Add(Make("x", "677조 예산안 통과", {"재석 의원 252명 가운데 찬성 181명으로 가결됐다."}), 3,
      "2026-11-02T11:25:00+09:00");
  EXPECT_THAT(Ids("250명"), ElementsAre());
  EXPECT_THAT(Ids("252명"), ElementsAre("x"));

  SearchQuery q;
  q.text = "250명";
  q.all_versions = true;
  ASSERT_TRUE(index_->Commit().ok());
  Result<SearchResults> r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].version, 1u);
  EXPECT_THAT(r->hits[0].matched_versions, ElementsAre(1));
  EXPECT_EQ(r->hits[0].fetched_at, At("2026-11-02T09:35:00+09:00"));

  q.text = "\"예산안 처리\"";  // the headline before v3 changed it
  r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);
  EXPECT_EQ(r->hits[0].version, 2u);
  EXPECT_THAT(r->hits[0].matched_versions, ElementsAre(1, 2));

  q.text = "가결";
  r = Search(q);
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->hits.size(), 1u);  // one hit per article
  EXPECT_THAT(r->hits[0].matched_versions, ElementsAre(1, 2, 3));
}

TEST_F(SearchIndexTest, AddingAVersionAgainReplacesIt) {
  Article a = Make("x", "제목", {"첫 문단"});
  Add(a, 1);
  Add(a, 1);
  // An older version indexed after a newer one does not take the latest marker.
  Article v2 = Make("x", "새 제목", {"둘째 문단"});
  Add(v2, 2);
  Add(a, 1);
  ASSERT_TRUE(index_->Commit().ok());
  EXPECT_EQ(*index_->IndexedVersions(), 2u);
  EXPECT_THAT(Ids("첫"), ElementsAre());
  EXPECT_THAT(Ids("둘째"), ElementsAre("x"));
}

TEST_F(SearchIndexTest, ReadersSeeCommitsAndCannotWrite) {
  Result<std::unique_ptr<SearchIndex>> none =
      SearchIndex::Open((dir_ / "nothing.sqlite").string(), SearchIndex::Mode::kReadOnly);
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(none.status().IsNotFound());

  AddNews();
  auto reader = SearchIndex::Open(path_, SearchIndex::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_EQ(*(*reader)->IndexedVersions(), 0u);  // not committed yet
  ASSERT_TRUE(index_->Commit().ok());
  EXPECT_EQ(*(*reader)->IndexedVersions(), 3u);
  SearchQuery q;
  q.text = "수출";
  Result<SearchResults> r = (*reader)->Search(q, texts_);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->hits.size(), 3u);
  EXPECT_EQ((*reader)->Add("z", 1, Article{}, At("2026-01-01")).code(), Status::Code::kUnsupported);
}

TEST_F(SearchIndexTest, AnIndexOfAnotherLayoutIsRefused) {
  index_.reset();
  {
    auto w = SearchIndex::Open(path_, SearchIndex::Mode::kReadWrite);
    ASSERT_TRUE(w.ok());
    EXPECT_FALSE((*w)->older_layout());
  }
  // What a later sinmun would write, and what no release wrote in SQLite: the same tables,
  // another layout number.
  for (int layout : {kSearchLayout + 1, kOldestReadLayout - 1}) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
    const std::string sql = "UPDATE meta SET value = " + std::to_string(layout) + " WHERE key = 'layout'";
    EXPECT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK);
    sqlite3_close(db);
    for (auto mode : {SearchIndex::Mode::kReadOnly, SearchIndex::Mode::kReadWrite}) {
      auto other = SearchIndex::Open(path_, mode);
      ASSERT_FALSE(other.ok());
      EXPECT_EQ(other.status().code(), Status::Code::kUnsupported);
      EXPECT_THAT(other.status().message(), HasSubstr("layout " + std::to_string(layout)));
    }
  }
}

// An index of layout 3 (a run's first and last characters only) is read until sinmund's
// rebuild replaces it: a one-character word is then a prefix of the terms. It is not written.
TEST_F(SearchIndexTest, AnIndexOfLayoutThreeIsReadTheOldWay) {
  // Documents as layout 3 wrote them: no term for a character inside a run (one with a
  // bigram on either side), unless it stands at a run's edge elsewhere in the document.
  auto layout3 = [](const Article& a) {
    IndexDocument d = MakeIndexDocument(a.id, 1, a, At("2026-11-02T09:35:00+09:00"));
    std::set<std::string> inner, edge;
    Tokenizer tokenizer;
    ForEachField(a, [&](std::string_view text, bool) {
      std::map<uint32_t, std::string> bigram_at;
      std::vector<std::pair<std::string, uint32_t>> chars;
      tokenizer.Tokenize(text, 0, [&](std::string_view t, uint32_t p) {
        if (t.size() == 6) bigram_at[p] = std::string(t);  // two Hangul syllables
        if (t.size() == 3) chars.emplace_back(std::string(t), p);
      });
      for (const auto& [c, p] : chars) {
        const bool in = p > 0 && bigram_at.count(p - 1) && bigram_at.count(p);
        (in ? inner : edge).insert(c);
      }
    });
    std::string kept;
    for (size_t at = 0; at < d.terms.size();) {
      const size_t end = d.terms.find('\x1f', at);
      const std::string term = d.terms.substr(at, end - at);
      if (!inner.count(term) || edge.count(term)) kept += term + '\x1f';
      at = end + 1;
    }
    d.terms = kept;
    return d;
  };
  const std::string wire = "반도체 관련 소식을 전했다. 정부는 수출 심사를 강화한다.";
  for (const Article& a : {Make("a1", "수출 규제", {wire}), Make("a2", "다른 소식", {"날씨가 맑다."})}) {
    ASSERT_TRUE(index_->Add(layout3(a)).ok());
    texts_.articles[{a.id, 1}] = a;
  }
  ASSERT_TRUE(index_->Commit().ok());
  auto found = [&](SearchIndex& index, const char* text) {
    SearchQuery q;
    q.text = text;
    Result<SearchResults> r = index.Search(q, texts_);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> ids;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) ids.push_back(h.id);
    }
    return ids;
  };
  // Read as layout 4, the characters inside a run are missing.
  EXPECT_THAT(found(*index_, "도"), ElementsAre());
  index_.reset();
  sqlite3* db = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &db), SQLITE_OK);
  EXPECT_EQ(sqlite3_exec(db, "UPDATE meta SET value = 3 WHERE key = 'layout'", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(db);
  auto write = SearchIndex::Open(path_, SearchIndex::Mode::kReadWrite);
  ASSERT_FALSE(write.ok());
  EXPECT_EQ(write.status().code(), Status::Code::kUnsupported);
  auto read = SearchIndex::Open(path_, SearchIndex::Mode::kReadOnly);
  ASSERT_TRUE(read.ok()) << read.status().message();
  EXPECT_TRUE((*read)->older_layout());
  // Read as layout 3: a character is a prefix (도 of 도체, 관 of 관련, 소 of 소식).
  EXPECT_THAT(found(**read, "도"), ElementsAre("a1"));
  EXPECT_THAT(found(**read, "관"), ElementsAre("a1"));
  EXPECT_THAT(found(**read, "맑"), ElementsAre("a2"));
  EXPECT_THAT(found(**read, "소"), UnorderedElementsAre("a1", "a2"));
  // A paragraph is looked for by its bigrams, which layout 3 holds too.
  Result<std::vector<SharedCandidate>> shared = (*read)->SharedParagraphs(Make("a9", "x", {wire}), "a9", texts_, 10);
  ASSERT_TRUE(shared.ok()) << shared.status().message();
  ASSERT_EQ(shared->size(), 1u);
  EXPECT_EQ((*shared)[0].id, "a1");
}

// A character inside a run is a term of its own (layout 4): a one-character word finds it
// wherever it stands, as one term.
TEST_F(SearchIndexTest, AOneCharacterWordFindsTheCharacterAnywhereInARun) {
  Add(Make("a1", "수출 규제", {"반도체 관련 소식을 전했다."}));
  Add(Make("a2", "다른 소식", {"날씨가 맑다."}));
  for (const char* inner : {"관", "련", "도", "했"}) EXPECT_THAT(Ids(inner), ElementsAre("a1")) << inner;
  EXPECT_THAT(Ids("맑"), ElementsAre("a2"));
  EXPECT_THAT(Ids("식"), UnorderedElementsAre("a1", "a2"));
  EXPECT_THAT(Ids("흙"), ElementsAre());
  EXPECT_THAT(Ids("관 -맑"), ElementsAre("a1"));
  EXPECT_THAT(Ids("\"관련\" 련"), ElementsAre("a1"));
}

TEST_F(SearchIndexTest, SharedParagraphsFindTheWireStoryInOtherOutlets) {
  std::vector<std::string> wire = {
      "정부는 내년부터 반도체 장비 수출 심사를 강화한다고 2일 밝혔다.",
      "산업통상자원부는 이날 관계부처 합동 회의를 열고 이같이 결정했다.",
      "업계는 심사 기간이 길어질 수 있다며 우려를 나타냈다.",
  };
  Article yonhap = Make("yonhap", "반도체 장비 수출 심사 강화", wire, "연합뉴스");
  Article outlet = Make("outlet", "정부, 반도체 수출 심사 강화", wire, "지역일보");
  outlet.blocks.push_back(Block{BlockType::kParagraph, "지역 업체들도 대응책 마련에 나섰다고 지역일보가 전했다."});
  outlet.blocks.push_back(Block{BlockType::kParagraph, "홍길동 기자"});  // too short to count
  Article other = Make("other", "날씨", {"내일은 전국이 대체로 맑겠고 낮 기온은 평년보다 높겠다."}, "기상신문");
  Add(yonhap);
  Add(outlet);
  Add(other);
  ASSERT_TRUE(index_->Commit().ok());

  EXPECT_EQ(SharedParagraphHashes(outlet).size(), 4u);
  Result<std::vector<SharedCandidate>> c = index_->SharedParagraphs(yonhap, "yonhap", texts_);
  ASSERT_TRUE(c.ok());
  ASSERT_EQ(c->size(), 1u);
  EXPECT_EQ((*c)[0].id, "outlet");
  EXPECT_EQ((*c)[0].shared, 3u);
  EXPECT_EQ((*c)[0].paragraphs, 4u);

  // Once the outlet rewrites its copy, its latest version no longer shares them.
  Article rewritten = Make("outlet", "정부, 반도체 수출 심사 강화", {"완전히 새로 쓴 기사 본문이 여기에 들어간다고 하자."});
  Add(rewritten, 2);
  ASSERT_TRUE(index_->Commit().ok());
  c = index_->SharedParagraphs(yonhap, "yonhap", texts_);
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->empty());
}

TEST_F(SearchIndexTest, OriginLinks) {
  Article copy = Make("naver:001:0000000001", "제목", {"본문"}, "연합뉴스", "naver");
  copy.origin_url = "https://WWW.Outlet.example/news/1?utm_source=naver";
  Add(copy);
  ASSERT_TRUE(index_->Commit().ok());
  Result<std::vector<std::string>> ids = index_->ArticlesWithOrigin("https://www.outlet.example/news/1");
  ASSERT_TRUE(ids.ok());
  EXPECT_THAT(*ids, ElementsAre("naver:001:0000000001"));
  EXPECT_TRUE(index_->ArticlesWithOrigin("https://www.outlet.example/news/2")->empty());
}

TEST(SnippetTest, MarksMatchesIgnoringSpacingAndCase) {
  Article a = Make("a", "제목", {"관련 없는 첫 문단.", "엔비디아가 미국의 수출 규제를 비판했다. Nvidia 칩."});
  Snippet s = MakeSnippet(a, {"수출규제", "nvidia"});
  EXPECT_EQ(s.text, "엔비디아가 미국의 수출 규제를 비판했다. Nvidia 칩.");
  ASSERT_EQ(s.marks.size(), 2u);
  EXPECT_EQ(s.marks[0].begin, 10u);  // 수출 규제 (code points)
  EXPECT_EQ(s.marks[0].end, 15u);
  EXPECT_EQ(s.marks[1].begin, 23u);  // Nvidia
  EXPECT_EQ(s.marks[1].end, 29u);
}

// A Latin word or a number is marked where the index found it: whole, not inside another.
TEST(SnippetTest, LatinWordsAndNumbersAreMarkedWhole) {
  const std::string text = "[서울=뉴시스]30일 MX사업부는 X 엘리트와 3호선, 13.5%와 3.5%, 3,000명을 말했다.";
  Article a = Make("a", "제목", {text});
  auto marked = [&](const std::vector<std::string>& words) {
    Snippet s = MakeSnippet(a, words, 200);
    EXPECT_EQ(s.text, text);
    std::u32string cps;
    for (size_t i = 0; i < s.text.size();) {  // the text's code points, to read the marks by
      UChar32 c;
      U8_NEXT(s.text.data(), i, s.text.size(), c);
      cps.push_back(static_cast<char32_t>(c));
    }
    std::vector<std::string> out;
    for (const Mark& m : s.marks) {
      std::string word;
      for (size_t i = m.begin; i < m.end; ++i) {
        char buf[4];
        size_t len = 0;
        U8_APPEND_UNSAFE(buf, len, cps[i]);
        word.append(buf, len);
      }
      out.push_back(word + "@" + std::to_string(m.begin));
    }
    return out;
  };
  EXPECT_THAT(marked({"3"}), ElementsAre("3@26"));  // 3호선: not 30일, 13.5%, 3.5% nor 3,000
  EXPECT_THAT(marked({"x"}), ElementsAre("X@19"));  // not MX
  EXPECT_THAT(marked({"3.5%"}), ElementsAre("3.5%@38"));  // not inside 13.5%
  EXPECT_THAT(marked({"30"}), ElementsAre("30@8"));
  EXPECT_THAT(marked({"사업"}), ElementsAre("사업@14"));  // Hangul inside a run, as the index finds it
}

// Words the tokenizer joins (R&D, AT&T, don't, C++) are not marked in part.
TEST(SnippetTest, JoinedWordsAreNotMarkedInPart) {
  Article a = Make("a", "제목", {"R&D 예산과 AT&T, C++ 그리고 don't 또 D와 C"});
  Snippet s = MakeSnippet(a, {"d", "at", "c", "don", "r&d"}, 200);
  std::vector<std::pair<size_t, size_t>> marks;
  for (const Mark& m : s.marks) marks.emplace_back(m.begin, m.end);
  // R&D whole (0-3); D (30-31) and C (33-34) alone; not D in R&D, AT in AT&T, C in C++, don in don't.
  EXPECT_THAT(marks, ElementsAre(std::pair<size_t, size_t>{0, 3}, std::pair<size_t, size_t>{30, 31},
                                 std::pair<size_t, size_t>{33, 34}));
}

TEST(SnippetTest, CutsLongBlocksAroundTheFirstMatch) {
  std::string text(300, 'x');
  text += " 표적 ";
  text += std::string(300, 'y');
  Article a = Make("a", "제목", {text});
  Snippet s = MakeSnippet(a, {"표적"}, 60);
  EXPECT_EQ(s.text.rfind("…", 0), 0u);
  ASSERT_EQ(s.marks.size(), 1u);
  EXPECT_THAT(s.text, HasSubstr("표적"));
  EXPECT_EQ(s.marks[0].end - s.marks[0].begin, 2u);
}

TEST(SnippetTest, NoMatchGivesTheFirstParagraph) {
  Article a = Make("a", "제목", {"첫 문단이다.", "둘째."});
  Snippet s = MakeSnippet(a, {"없는말"});
  EXPECT_EQ(s.text, "첫 문단이다.");
  EXPECT_TRUE(s.marks.empty());
}

// The project's own fixture pages and the saved real portal pages, extracted and indexed.
std::string Slurp(const fs::path& p) {
  std::ifstream f(p, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

TEST_F(SearchIndexTest, RealPagesAreFoundByWordsWithParticles) {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  fs::path real = env != nullptr && *env != '\0' ? fs::path(env) : fs::path(SINMUN_REAL_PAGES_DEFAULT);
  if (!fs::exists(real / "naver_article_018_0005316196.html")) {
    GTEST_SKIP() << "real pages not found in " << real << " (set SINMUN_REAL_PAGES)";
  }
  struct Page {
    const char* file;
    const char* url;
  };
  const Page pages[] = {
      {"naver_article_018_0005316196.html", "https://n.news.naver.com/mnews/article/018/0005316196"},
      {"naver_article_003_0012577249.html", "https://n.news.naver.com/mnews/article/003/0012577249"},
      {"naver_article_421_0008770777.html", "https://n.news.naver.com/mnews/article/421/0008770777"},
      {"naver_article_437_0000483987.html", "https://n.news.naver.com/mnews/article/437/0000483987"},
      {"daum_article_20260321214325415.html", "https://v.daum.net/v/20260321214325415"},
  };
  std::vector<Article> articles;
  for (const Page& p : pages) {
    Result<Article> a = ExtractArticle(sinmun::Page{Slurp(real / p.file), p.url, "text/html"});
    ASSERT_TRUE(a.ok()) << p.file << ": " << a.status().message();
    ASSERT_FALSE(a->blocks.empty()) << p.file;
    Add(*a);
    articles.push_back(*a);
  }
  ASSERT_TRUE(index_->Commit().ok());
  // For each article: the first two syllables of a longer word of its title find it.
  int checked = 0;
  for (const Article& a : articles) {
    std::vector<std::string> words = SplitWords(a.title);
    std::string word;
    for (const std::string& w : words) {
      // A Hangul word of at least three syllables: its first two syllables.
      if (w.size() >= 9 && static_cast<unsigned char>(w[0]) >= 0xEA) {
        word = w.substr(0, 6);
        break;
      }
    }
    if (word.empty()) continue;
    ++checked;
    SearchQuery q;
    q.text = word;
    q.limit = 10;
    Result<SearchResults> r = Search(q);
    ASSERT_TRUE(r.ok());
    std::vector<std::string> ids;
    for (const SearchHit& h : r->hits) ids.push_back(h.id);
    EXPECT_THAT(ids, ::testing::Contains(a.id)) << word << " in " << a.title;
  }
  EXPECT_GE(checked, 3);
}

}  // namespace
}  // namespace sinmun
