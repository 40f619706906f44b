// The Xapian index of layout 2 that earlier releases wrote, read with today's query reader
// while sinmund replaces it: the same hits as the index of layout 3.
#include "storage/search/xapian_index.h"

#include <unistd.h>

#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

Instant At(const char* text) { return *ParseTime(text); }

Article Make(const std::string& title, std::vector<std::string> paragraphs, const std::string& portal,
             const char* published) {
  Article a;
  a.portal = portal;
  a.press = "신문일보";
  a.title = title;
  a.published = At(published);
  for (std::string& p : paragraphs) a.blocks.push_back(Block{BlockType::kParagraph, std::move(p)});
  return a;
}

class NoTexts : public VersionTexts {
 public:
  Result<Article> Read(const std::string& id, uint32_t) override { return Status::NotFound(id); }
};

class XapianIndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() / ("sinmun_xapian_test_" + std::to_string(getpid()) + "_" +
                                        ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    auto w = XapianIndex::Create(dir_.string());
    ASSERT_TRUE(w.ok()) << w.status().message();
    const char* fetched = "2026-11-06T09:00:00+09:00";
    ASSERT_TRUE((*w)->Add("a", 1, Make("엔비디아, 미국 정부 비판", {"엔비디아가 미국의 수출 규제를 비판했다. 250명"}, "daum",
                                      "2026-11-02T09:30:00+09:00"), At(fetched)).ok());
    ASSERT_TRUE((*w)->Add("a", 2, Make("엔비디아, 미국 정부 비판", {"엔비디아가 미국의 수출 규제를 비판했다. 252명"}, "daum",
                                      "2026-11-02T09:30:00+09:00"), At(fetched)).ok());
    ASSERT_TRUE((*w)->Add("b", 1, Make("삼성전자 대응", {"삼성전자는 수출규제에 대응하는 2026년 AI반도체 전략을 내놨다."},
                                      "naver", "2026-11-05T12:00:00+09:00"), At(fetched)).ok());
    ASSERT_TRUE((*w)->Add("c", 1, Make("게임 소식", {"엔진과 비디오, 디아블로 신작이 나왔다. 규제 없이 수출한다. 3개월"}, "web",
                                      "2026-10-20T08:00:00+09:00"), At(fetched)).ok());
    ASSERT_TRUE((*w)->Commit().ok());
    w->reset();
    auto r = XapianIndex::Open(dir_.string());
    ASSERT_TRUE(r.ok()) << r.status().message();
    index_ = std::move(*r);
  }
  void TearDown() override {
    index_.reset();
    fs::remove_all(dir_);
  }
  std::vector<std::string> Ids(SearchQuery q) {
    NoTexts texts;
    Result<SearchResults> r = index_->Search(q, texts);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::vector<std::string> out;
    if (r.ok()) {
      for (const SearchHit& h : r->hits) out.push_back(h.id);
    }
    return out;
  }
  std::vector<std::string> Ids(const std::string& text) {
    SearchQuery q;
    q.text = text;
    return Ids(q);
  }

  fs::path dir_;
  std::unique_ptr<XapianIndex> index_;
};

TEST_F(XapianIndexTest, AnswersEveryQueryForm) {
  EXPECT_EQ(*index_->IndexedVersions(), 4u);
  EXPECT_THAT(Ids("엔비디아"), ElementsAre("a"));
  EXPECT_THAT(Ids("수출규제"), UnorderedElementsAre("a", "b"));
  EXPECT_THAT(Ids("\"미국의 수출\""), ElementsAre("a"));
  EXPECT_THAT(Ids("수출 -엔비디아"), UnorderedElementsAre("b", "c"));
  EXPECT_THAT(Ids("삼성전자 OR 디아블로"), UnorderedElementsAre("b", "c"));
  EXPECT_THAT(Ids("2026년"), ElementsAre("b"));
  EXPECT_THAT(Ids("AI반도체"), ElementsAre("b"));
  EXPECT_THAT(Ids("3월"), ElementsAre());
  EXPECT_THAT(Ids("디"), UnorderedElementsAre("a", "c"));
  EXPECT_THAT(Ids("250명"), ElementsAre());
  SearchQuery q;
  q.text = "250명";
  q.all_versions = true;
  EXPECT_THAT(Ids(q), ElementsAre("a"));
  q = SearchQuery{};
  q.text = "수출";
  q.sort = SearchQuery::Sort::kDate;
  EXPECT_THAT(Ids(q), ElementsAre("b", "a", "c"));
  q.portal = "web";
  EXPECT_THAT(Ids(q), ElementsAre("c"));
  q.portal.clear();
  q.since = At("2026-11-01");
  EXPECT_THAT(Ids(q), ElementsAre("b", "a"));
}

TEST_F(XapianIndexTest, NoIndexIsNotFound) {
  EXPECT_TRUE(XapianIndex::Open((dir_ / "none").string()).status().IsNotFound());
}

}  // namespace
}  // namespace sinmun
