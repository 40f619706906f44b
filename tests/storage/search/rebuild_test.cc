// Rebuild and catch-up over a real archive (RocksDB in a temporary directory): a rebuilt
// index answers as one built version by version, on any number of threads; a catch-up adds
// exactly what the index lacks; Maintain keeps an appended index near its compact size.
#include "storage/search/rebuild.h"

#include <unistd.h>

#include <filesystem>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/identity.h"
#include "storage/search/archive_texts.h"
#include "storage/search/catch_up.h"
#include "storage/search/search_index.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

Instant At(int minutes) { return Instant(std::chrono::seconds(1'790'000'000 + minutes * 60)); }

Article Make(int n, const std::string& title, std::vector<std::string> paragraphs) {
  Article a;
  a.url = "https://www.ganada.example/news/" + std::to_string(n);
  a.id = ArticleIdForUrl(a.url).value_or("");
  a.portal = "web";
  a.press = n % 2 == 0 ? "가나일보" : "다라신문";
  a.title = title;
  a.published = At(n);
  for (std::string& p : paragraphs) a.blocks.push_back(Block{BlockType::kParagraph, std::move(p)});
  return a;
}

class RebuildTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("sinmun_rebuild_test_" + std::to_string(getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    auto a = Archive::Open((root_ / "archive").string(), Archive::Mode::kReadWrite,
                           ArchiveOptions{.sync = false, .keep_raw = false});
    ASSERT_TRUE(a.ok()) << a.status().message();
    archive_ = std::move(*a);
  }
  void TearDown() override {
    archive_.reset();
    fs::remove_all(root_);
  }

  std::string Record(const Article& a, int minute) {
    Fetch f;
    f.url = a.url;
    f.fetched_at = At(minute);
    f.article = a;
    auto r = archive_->Record(f);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? r->id : "";
  }
  // A small archive: six articles, one with three versions.
  void RecordNews() {
    for (int n = 0; n < 6; ++n) {
      Record(Make(n, "반도체 소식 " + std::to_string(n), {"정부는 반도체 장비 수출 심사를 강화한다고 밝혔다.",
                                                          "기사 번호 " + std::to_string(n) + "번이다."}),
             n);
    }
    Record(Make(0, "반도체 소식 고침", {"정부는 반도체 수출 규제를 풀었다."}), 10);
    Record(Make(0, "반도체 소식 다시 고침", {"정부는 반도체 수출 규제를 다시 풀었다."}), 20);
  }
  std::unique_ptr<SearchIndex> Build(const std::string& name, size_t jobs) {
    RebuildOptions o;
    o.jobs = jobs;
    const std::string path = (root_ / name).string();
    Result<RebuildResult> r = Rebuild(*archive_, path, o);
    EXPECT_TRUE(r.ok()) << r.status().message();
    auto index = SearchIndex::Open(path, SearchIndex::Mode::kReadWrite);
    EXPECT_TRUE(index.ok()) << index.status().message();
    return index.ok() ? std::move(*index) : nullptr;
  }
  // id -> matched versions and shown version, for each hit of `text`.
  std::map<std::string, std::string> Found(SearchIndex& index, const std::string& text, bool all_versions = false) {
    SearchQuery q;
    q.text = text;
    q.all_versions = all_versions;
    ArchiveTexts texts(*archive_);
    Result<SearchResults> r = index.Search(q, texts);
    EXPECT_TRUE(r.ok()) << r.status().message();
    std::map<std::string, std::string> out;
    if (!r.ok()) return out;
    for (const SearchHit& h : r->hits) {
      std::string versions;
      for (uint32_t v : h.matched_versions) versions += std::to_string(v) + ",";
      out[h.id] = versions + " v" + std::to_string(h.version);
    }
    return out;
  }

  fs::path root_;
  std::unique_ptr<Archive> archive_;
};

TEST_F(RebuildTest, ARebuildOnSeveralThreadsAnswersAsOneThread) {
  RecordNews();
  auto one = Build("one.sqlite", 1);
  auto three = Build("three.sqlite", 3);
  ASSERT_TRUE(one && three);
  EXPECT_EQ(*one->IndexedVersions(), 8u);
  EXPECT_EQ(*three->IndexedVersions(), 8u);
  const std::string first = "url:https://www.ganada.example/news/0";
  for (const char* text : {"반도체", "수출규제", "\"수출 심사\"", "반도체 -3번이다", "고침"}) {
    for (bool all : {false, true}) {
      EXPECT_EQ(Found(*one, text, all), Found(*three, text, all)) << text << (all ? " all" : "");
    }
  }
  EXPECT_EQ(Found(*one, "반도체").size(), 6u);
  EXPECT_THAT(Found(*one, "\"수출 심사\"", true)[first], "1, v1");
  EXPECT_THAT(Found(*one, "수출규제", true)[first], "2,3, v3");
  EXPECT_TRUE(Found(*one, "수출 심사").count(first) == 0) << "not in the latest version";
}

TEST_F(RebuildTest, AStoppedRebuildLeavesNoFile) {
  RecordNews();
  RebuildOptions o;
  o.stop = [] { return true; };
  const std::string path = (root_ / "stopped.sqlite").string();
  Result<RebuildResult> r = Rebuild(*archive_, path, o);
  EXPECT_FALSE(r.ok());
  EXPECT_FALSE(fs::exists(path));
  EXPECT_FALSE(Rebuild(*archive_, (root_ / "archive" / "CURRENT").string(), {}).ok()) << "an existing file";
}

TEST_F(RebuildTest, CatchUpAddsExactlyWhatTheIndexLacks) {
  RecordNews();
  auto index = Build("index.sqlite", 1);
  ASSERT_TRUE(index);
  // What happens while the index is not told: a new article, a new version, and a version
  // the index lost (here: never added to an index built before it).
  const std::string added = Record(Make(7, "새 기사 탄소중립", {"탄소중립 정책이 발표됐다."}), 30);
  Record(Make(3, "반도체 소식 3 고침", {"탄소중립 반도체 이야기."}), 31);
  Result<CatchUpResult> r = CatchUp(*archive_, *index);
  ASSERT_TRUE(r.ok()) << r.status().message();
  EXPECT_EQ(r->articles, 7u);
  EXPECT_EQ(r->versions_added, 2u);
  EXPECT_EQ(*index->IndexedVersions(), 10u);
  EXPECT_THAT(Found(*index, "탄소중립"), (std::map<std::string, std::string>{
                                             {added, "1, v1"}, {"url:https://www.ganada.example/news/3", "2, v2"}}));
  r = CatchUp(*archive_, *index);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->versions_added, 0u);

  // An index that lacks versions in the middle (v2 of three) gets just those.
  const std::string path = (root_ / "holes.sqlite").string();
  {
    auto holes = SearchIndex::Open(path, SearchIndex::Mode::kReadWrite);
    ASSERT_TRUE(holes.ok());
    Result<StoredVersion> v3 = archive_->Version("url:https://www.ganada.example/news/0", 3);
    ASSERT_TRUE(v3.ok());
    ASSERT_TRUE((*holes)->Add("url:https://www.ganada.example/news/0", 3, v3->article, v3->info.fetched_at).ok());
    r = CatchUp(*archive_, **holes);
    ASSERT_TRUE(r.ok()) << r.status().message();
    EXPECT_EQ(r->versions_added, 9u);
    EXPECT_THAT(*(*holes)->VersionsOf("url:https://www.ganada.example/news/0"), ElementsAre(1, 2, 3));
    EXPECT_EQ(Found(**holes, "고침"), Found(*index, "고침"));
  }
  // A stopped catch-up commits what it added.
  auto stopped = SearchIndex::Open((root_ / "stopped.sqlite").string(), SearchIndex::Mode::kReadWrite);
  ASSERT_TRUE(stopped.ok());
  int heads = 0;
  r = CatchUp(*archive_, **stopped, [&] { return ++heads > 2; });
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->stopped);
  EXPECT_EQ(r->articles, 2u);
  EXPECT_GT(*(*stopped)->IndexedVersions(), 0u);
}

}  // namespace
}  // namespace sinmun
