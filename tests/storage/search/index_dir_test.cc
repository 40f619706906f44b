// The search index's directory: which index is current, the switch to a new one, what an
// interrupted rebuild leaves, the Xapian index of earlier releases, the rebuild request.
#include "storage/search/index_dir.h"

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "storage/search/xapian_index.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::UnorderedElementsAre;

class IndexDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("sinmun_index_dir_test_" + std::to_string(getpid()) + "_" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
    dir_ = (root_ / "search").string();
  }
  void TearDown() override { fs::remove_all(root_); }

  std::vector<std::string> Files() const {
    std::vector<std::string> out;
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir_, ec)) out.push_back(e.path().filename());
    return out;
  }
  // A committed index of layout 3 with one version in it, at `path`.
  static void MakeIndex(const std::string& path) {
    auto index = SearchIndex::Open(path, SearchIndex::Mode::kReadWrite);
    ASSERT_TRUE(index.ok()) << index.status().message();
    Article a;
    a.title = "반도체 수출";
    ASSERT_TRUE((*index)->Add("a", 1, a, Instant(std::chrono::seconds(1'790'000'000))).ok());
    ASSERT_TRUE((*index)->Commit().ok());
  }

  fs::path root_;
  std::string dir_;
};

TEST_F(IndexDirTest, NoIndexThenAnInstalledOne) {
  IndexDir d(dir_);
  EXPECT_EQ(d.Read()->kind, IndexDir::Kind::kNone);
  bool older = true;
  auto none = OpenSearchReader(d, &older);
  ASSERT_FALSE(none.ok());
  EXPECT_TRUE(none.status().IsNotFound());

  Result<std::string> first = d.NewIndexPath();
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(fs::path(*first).filename(), "index-1.sqlite");
  MakeIndex(*first);
  EXPECT_EQ(d.Read()->kind, IndexDir::Kind::kNone) << "not current until installed";
  ASSERT_TRUE(d.Install(*first).ok());
  Result<IndexDir::State> s = d.Read();
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->kind, IndexDir::Kind::kCurrent);
  EXPECT_EQ(s->path, *first);
  auto reader = OpenSearchReader(d, &older);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_FALSE(older);
  EXPECT_EQ(*(*reader)->IndexedVersions(), 1u);
}

TEST_F(IndexDirTest, InstallingANewIndexRemovesTheOthers) {
  IndexDir d(dir_);
  std::string first = *d.NewIndexPath();
  MakeIndex(first);
  ASSERT_TRUE(d.Install(first).ok());
  std::string second = *d.NewIndexPath();
  EXPECT_EQ(fs::path(second).filename(), "index-2.sqlite");
  MakeIndex(second);
  // A reader of the first index, opened before the switch, reads it to the end.
  auto old_reader = SearchIndex::Open(first, SearchIndex::Mode::kReadOnly);
  ASSERT_TRUE(old_reader.ok());
  ASSERT_TRUE(d.Install(second).ok());
  EXPECT_EQ(d.Read()->path, second);
  EXPECT_THAT(Files(), UnorderedElementsAre("CURRENT", "index-2.sqlite"));
  EXPECT_EQ(*(*old_reader)->IndexedVersions(), 1u);
  EXPECT_FALSE(d.Install((root_ / "elsewhere.sqlite").string()).ok());
}

TEST_F(IndexDirTest, StaleFilesOfAnInterruptedRebuildAreRemoved) {
  IndexDir d(dir_);
  std::string current = *d.NewIndexPath();
  MakeIndex(current);
  ASSERT_TRUE(d.Install(current).ok());
  std::string partial = *d.NewIndexPath();
  std::ofstream(partial) << "half";
  std::ofstream(partial + "-wal") << "half";
  std::ofstream(dir_ + "/notes.txt") << "not ours";
  d.RemoveStale(partial);
  EXPECT_THAT(Files(), UnorderedElementsAre("CURRENT", "index-1.sqlite", "index-2.sqlite", "index-2.sqlite-wal", "notes.txt"));
  d.RemoveStale();
  EXPECT_THAT(Files(), UnorderedElementsAre("CURRENT", "index-1.sqlite", "notes.txt"));
}

TEST_F(IndexDirTest, AXapianIndexIsReadUntilReplaced) {
  {
    auto x = XapianIndex::Create(dir_);
    ASSERT_TRUE(x.ok()) << x.status().message();
    Article a;
    a.title = "반도체 수출";
    ASSERT_TRUE((*x)->Add("a", 1, a, Instant(std::chrono::seconds(1'790'000'000))).ok());
    ASSERT_TRUE((*x)->Commit().ok());
  }
  IndexDir d(dir_);
  EXPECT_EQ(d.Read()->kind, IndexDir::Kind::kXapian);
  bool older = false;
  auto reader = OpenSearchReader(d, &older);
  ASSERT_TRUE(reader.ok()) << reader.status().message();
  EXPECT_TRUE(older);
  EXPECT_EQ(*(*reader)->IndexedVersions(), 1u);

  std::string fresh = *d.NewIndexPath();
  MakeIndex(fresh);
  ASSERT_TRUE(d.Install(fresh).ok());
  EXPECT_THAT(Files(), UnorderedElementsAre("CURRENT", "index-1.sqlite"));
  EXPECT_EQ(d.Read()->kind, IndexDir::Kind::kCurrent);
}

TEST_F(IndexDirTest, RebuildRequest) {
  IndexDir d(dir_);
  EXPECT_FALSE(d.RebuildRequested());
  ASSERT_TRUE(d.RequestRebuild().ok());
  EXPECT_TRUE(d.RebuildRequested());
  d.ClearRebuildRequest();
  EXPECT_FALSE(d.RebuildRequested());
}

TEST_F(IndexDirTest, ACurrentFileNamingNothingIsAnError) {
  fs::create_directories(dir_);
  std::ofstream(dir_ + "/CURRENT") << "../../etc/passwd\n";
  EXPECT_EQ(IndexDir(dir_).Read().status().code(), Status::Code::kCorruption);
}

}  // namespace
}  // namespace sinmun
