// Edit statistics over a small archive whose numbers are worked out by hand below.
#include "storage/edit_stats.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>

namespace sinmun {
namespace {

using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;

const Instant kT0{seconds(1774097005)};  // 2026-03-21T21:43:25+09:00

Article Make(const std::string& n, const std::string& press, const std::string& source,
             std::optional<Instant> published) {
  Article a;
  a.id = "url:https://news.example/" + n;
  a.url = "https://news.example/" + n;
  a.portal = "web";
  a.source = source;
  a.press = press;
  a.title = "기사 " + n + " 제목";
  a.published = published;
  for (int i = 0; i < 3; ++i) {
    Block b;
    b.text = "기사 " + n + "의 " + std::to_string(i) + "번째 문단은 충분히 길게 씁니다.";
    a.blocks.push_back(b);
  }
  return a;
}

class EditStatsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-edit-stats-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    auto archive = Archive::Open(dir_ + "/archive", Archive::Mode::kReadWrite, ArchiveOptions{false, true});
    ASSERT_TRUE(archive.ok()) << archive.status().ToString();
    archive_ = std::move(*archive);
  }
  void TearDown() override {
    archive_.reset();
    std::filesystem::remove_all(dir_);
  }
  RecordResult Record(const Article& a, Instant at, int status = 200) {
    Fetch f;
    f.url = a.url;
    f.fetched_at = at;
    f.http_status = status;
    if (status == 200) f.article = a;
    auto r = archive_->Record(f);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : RecordResult{};
  }

  std::string dir_;
  std::unique_ptr<Archive> archive_;
};

TEST_F(EditStatsTest, CountsEditsDelaysAndGroupsButNotReextractions) {
  // A1: published T0, seen T0+5m; headline at T0+30m (delay 30 min), correction at T0+2h (2 h).
  Article a1 = Make("1", "가신문", "s1", kT0);
  Record(a1, kT0 + minutes(5));
  a1.title = "기사 1 제목이 바뀌었다";
  EXPECT_EQ(Record(a1, kT0 + minutes(30)).change_class, ChangeClass::kHeadline);
  Block corr;
  corr.text = "[정정] 기사 1의 이름 표기를 바로잡습니다.";
  a1.blocks.push_back(corr);
  EXPECT_EQ(Record(a1, kT0 + hours(2)).change_class, ChangeClass::kCorrectionAppended);
  // A2: published T0, seen T0+10m, never edited.
  Record(Make("2", "가신문", "s1", kT0), kT0 + minutes(10));
  // A3: no published time, first seen T0+1h: body edit 20 min later (delay 20 min), a
  // re-extraction (not counted), deleted 25 h after first sight.
  Article a3 = Make("3", "나일보", "s2", std::nullopt);
  Record(a3, kT0 + hours(1));
  a3.blocks[0].text = "완전히 다른 내용으로 바뀐 첫 문단이 여기에 있습니다.";
  EXPECT_EQ(Record(a3, kT0 + hours(1) + minutes(20)).change_class, ChangeClass::kBody);
  Article reread = a3;
  reread.blocks.pop_back();
  auto re = archive_->RecordReextraction(a3.id, 2, reread, kT0 + hours(2));
  ASSERT_TRUE(re.ok()) << re.status().ToString();
  EXPECT_EQ(re->change_class, ChangeClass::kReextracted);
  EXPECT_EQ(Record(a3, kT0 + hours(26), 404).change_class, ChangeClass::kDeleted);
  // A4: first seen before the period, edited inside it: not in the cohort.
  Article a4 = Make("4", "나일보", "s2", kT0 - hours(3));
  Record(a4, kT0 - hours(2));
  a4.title = "기사 4 새 제목";
  Record(a4, kT0 + minutes(1));

  EditStatsQuery q;
  q.since = kT0 - hours(1);
  q.until = kT0 + hours(2);
  auto stats = ComputeEditStats(*archive_, q);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  const EditCounts& t = stats->total;
  EXPECT_EQ(t.articles, 3u);
  EXPECT_EQ(t.edited, 2u);
  EXPECT_EQ(t.edits, 4u);  // headline, correction, body, deleted
  EXPECT_EQ(t.headline, 1u);
  EXPECT_EQ(t.correction, 1u);
  EXPECT_EQ(t.body, 1u);
  EXPECT_EQ(t.deleted, 1u);
  EXPECT_EQ(t.articles_headline, 1u);
  EXPECT_EQ(t.articles_corrected, 1u);
  EXPECT_EQ(t.articles_deleted, 1u);
  // Delays 1200, 1800, 7200, 90000 s: buckets <1h: 2, <3h: 1, <3d: 1.
  EXPECT_EQ(t.delay, (std::array<uint64_t, kEditDelayBuckets>{0, 2, 1, 0, 0, 1, 0, 0}));
  EXPECT_EQ(t.median_delay, seconds(1800));
  EXPECT_EQ(t.p90_delay, seconds(90000));
  EXPECT_NEAR(t.edited_share(), 2.0 / 3.0, 1e-9);

  ASSERT_EQ(stats->by_press.size(), 2u);
  EXPECT_EQ(stats->by_press.at("가신문").articles, 2u);
  EXPECT_EQ(stats->by_press.at("가신문").edits, 2u);
  EXPECT_EQ(stats->by_press.at("가신문").median_delay, seconds(1800));
  EXPECT_EQ(stats->by_press.at("나일보").articles, 1u);
  EXPECT_EQ(stats->by_press.at("나일보").edits, 2u);
  ASSERT_EQ(stats->by_source.size(), 2u);
  EXPECT_EQ(stats->by_source.at("s1").articles, 2u);
  EXPECT_EQ(stats->by_source.at("s2").edited, 1u);

  Json j = EditStatsJson(*stats);
  EXPECT_EQ(j["total"]["edits"], 4);
  EXPECT_EQ(j["total"]["delay"]["median_seconds"], 1800);
  EXPECT_EQ(j["total"]["delay"]["buckets"][1], (Json{{"upto", "1h"}, {"edits", 2}}));
  EXPECT_EQ(j["total"]["delay"]["buckets"][7]["upto"], nullptr);
  EXPECT_EQ(j["by_press"][0]["name"], "가신문");  // most articles first
  EXPECT_EQ(j["since"], "2026-03-21T20:43:25+09:00");
}

TEST_F(EditStatsTest, AnEmptyPeriodHasNoDelays) {
  Record(Make("1", "가신문", "s1", kT0), kT0);
  EditStatsQuery q;
  q.since = kT0 + hours(1);
  auto stats = ComputeEditStats(*archive_, q);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total.articles, 0u);
  EXPECT_FALSE(stats->total.median_delay);
  EXPECT_TRUE(stats->by_press.empty());
  EXPECT_EQ(EditStatsJson(*stats)["total"]["delay"]["median_seconds"], nullptr);
}

}  // namespace
}  // namespace sinmun
