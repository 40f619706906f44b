// Edit statistics over a small archive whose numbers are worked out by hand below; the
// writer's tallies against a scan of the articles over a larger random one; the tallies of
// an archive written by an earlier release.
#include "storage/edit_stats.h"

#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <filesystem>
#include <random>

#include <rocksdb/db.h>

#include "storage/edit_tally.h"
#include "storage/keys.h"

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
  // A4: first seen the day before the period, edited inside it: not in the cohort.
  Article a4 = Make("4", "나일보", "s2", kT0 - hours(25));
  Record(a4, kT0 - hours(24));
  a4.title = "기사 4 새 제목";
  Record(a4, kT0 + minutes(1));

  // The period is made the whole KST day of 2026-03-21.
  EditStatsQuery q;
  q.since = kT0 - hours(1);
  q.until = kT0 + hours(2);
  auto stats = ComputeEditStats(*archive_, q);
  ASSERT_TRUE(stats.ok()) << stats.status().ToString();
  EXPECT_EQ(FormatRfc3339Kst(*stats->query.since), "2026-03-21T00:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*stats->query.until), "2026-03-22T00:00:00+09:00");
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
  EXPECT_EQ(j["since"], "2026-03-21T00:00:00+09:00");
  // The scan of the articles gives the same numbers as the writer's tallies.
  auto scanned = ComputeEditStatsByScan(*archive_, q);
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(EditStatsJson(*scanned), j);
}

TEST(EditTallyTest, DelayBinsAreExactToTheMinuteBelowADayAndToTheHourBelowThirtyDays) {
  EXPECT_EQ(EditDelayBin(-5), 0u);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(59)), 0);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(61)), 60);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(86399)), 86340);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(86400)), 86400);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(86400 + 7199)), 86400 + 3600);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(30 * 86400 - 1)), 30 * 86400 - 3600);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(30 * 86400 + 86399)), 30 * 86400);
  EXPECT_EQ(EditDelayBinStart(EditDelayBin(45 * 86400 + 5)), 45 * 86400);
  // Bins are in delay order.
  for (int64_t s = 0; s < 40 * 86400; s += 1777) {
    EXPECT_LE(EditDelayBin(s), EditDelayBin(s + 1777)) << s;
    EXPECT_LE(EditDelayBinStart(EditDelayBin(s)), s) << s;
  }
}

TEST(EditTallyTest, KstDaysStartAtMidnightKst) {
  const Instant before = Instant(seconds(1774105199));  // 2026-03-21T23:59:59+09:00
  EXPECT_EQ(KstDay(before + seconds(1)), KstDay(before) + 1);
  EXPECT_EQ(FormatRfc3339Kst(KstDayStart(KstDay(before))), "2026-03-21T00:00:00+09:00");
  EditStatsQuery q;
  q.since = before;
  q.until = before + seconds(1);  // midnight: stays
  EditStatsQuery w = WholeKstDays(q);
  EXPECT_EQ(FormatRfc3339Kst(*w.since), "2026-03-21T00:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*w.until), "2026-03-22T00:00:00+09:00");
  q.until = before + seconds(2);
  EXPECT_EQ(FormatRfc3339Kst(*WholeKstDays(q).until), "2026-03-23T00:00:00+09:00");
}

// The default period is the 30 whole days up to the end, wherever in its day `until` falls.
TEST(EditTallyTest, TheDefaultPeriodIsThirtyWholeDays) {
  const Instant midnight = Instant(seconds(1774105200));  // 2026-03-22T00:00:00+09:00
  for (Instant until : {midnight, midnight + seconds(1), midnight + std::chrono::hours(23)}) {
    EditStatsQuery q = EditStatsPeriod(Instant(seconds(0)), std::nullopt, until);
    EXPECT_EQ(*q.until - *q.since, std::chrono::days(30)) << FormatRfc3339Kst(until);
  }
  EditStatsQuery today = EditStatsPeriod(midnight + std::chrono::hours(15), std::nullopt, std::nullopt);
  EXPECT_EQ(FormatRfc3339Kst(*today.until), "2026-03-23T00:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*today.since), "2026-02-21T00:00:00+09:00");
}

// An article whose press changes after version 1 stays counted under its first press.
TEST_F(EditStatsTest, AnArticleCountsUnderThePressItsFirstVersionGave) {
  Article a = Make("1", "가신문", "s1", kT0);
  Record(a, kT0);
  a.press = "다른신문";
  a.title = "기사 1 제목이 바뀌었다";
  Record(a, kT0 + minutes(3));
  EditStatsQuery q;
  q.since = kT0;
  q.until = kT0 + hours(1);
  auto stats = ComputeEditStats(*archive_, q);
  ASSERT_TRUE(stats.ok());
  ASSERT_EQ(stats->by_press.size(), 1u);
  EXPECT_EQ(stats->by_press.at("가신문").edits, 1u);
  EXPECT_EQ(stats->by_press.at("가신문").median_delay, seconds(180));
}

// A correction appended in the same version as a headline change (or a body edit) is of
// class headline (body), and its article counts as corrected all the same.
TEST_F(EditStatsTest, ACorrectionAppendedWithAWeightierChangeCountsTheArticleAsCorrected) {
  Article a = Make("1", "가신문", "s1", kT0);
  Record(a, kT0);
  a.title = "기사 1 제목이 바뀌었다";
  Block corr;
  corr.text = "[정정] 기사 1의 이름 표기를 바로잡습니다.";
  a.blocks.push_back(corr);
  EXPECT_EQ(Record(a, kT0 + minutes(3)).change_class, ChangeClass::kHeadline);
  Article b = Make("2", "가신문", "s1", kT0);
  Record(b, kT0);
  b.blocks[0].text = "완전히 다른 내용으로 바뀐 첫 문단이 여기에 있습니다.";
  b.blocks.push_back(corr);
  EXPECT_EQ(Record(b, kT0 + minutes(4)).change_class, ChangeClass::kBody);
  Article c = Make("3", "가신문", "s1", kT0);
  Record(c, kT0);
  c.title = "기사 3 제목만 바뀌었다";
  Record(c, kT0 + minutes(5));
  // Taken down, then put back with a correction.
  Article d = Make("4", "가신문", "s1", kT0);
  Record(d, kT0);
  EXPECT_EQ(Record(d, kT0 + minutes(6), 404).change_class, ChangeClass::kDeleted);
  d.blocks.push_back(corr);
  EXPECT_EQ(Record(d, kT0 + minutes(7)).change_class, ChangeClass::kRestored);
  EditStatsQuery q;
  q.since = kT0;
  q.until = kT0 + hours(1);
  for (auto compute : {ComputeEditStats, ComputeEditStatsByScan}) {
    auto stats = compute(*archive_, q);
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->total.edits, 5u);
    EXPECT_EQ(stats->total.headline, 2u) << "versions are counted by their class";
    EXPECT_EQ(stats->total.body, 1u);
    EXPECT_EQ(stats->total.correction, 0u);
    EXPECT_EQ(stats->total.restored, 1u);
    EXPECT_EQ(stats->total.articles_headline, 2u);
    EXPECT_EQ(stats->total.articles_corrected, 3u) << "articles by everything their versions did";
  }
  Result<std::vector<VersionInfo>> history = archive_->History(a.id);
  ASSERT_TRUE(history.ok());
  EXPECT_FALSE((*history)[0].appended);
  EXPECT_TRUE((*history)[1].appended);
  auto verify = archive_->Verify();
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->problems.size();
}

// Random articles over five days, three presses, two portals and sources, with every kind of
// version: the writer's tallies and a scan of the articles agree for every period tried.
TEST_F(EditStatsTest, TheWritersTalliesAgreeWithAScanOfTheArticles) {
  std::mt19937 rng(20261201);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  const char* presses[] = {"가신문", "나일보", ""};
  const char* sources[] = {"s1", "s2", ""};
  for (int n = 0; n < 120; ++n) {
    const Instant seen = kT0 + seconds(pick(5 * 86400));
    std::optional<Instant> published;
    if (pick(3) > 0) published = seen - seconds(pick(7200));
    Article a = Make(std::to_string(n), presses[pick(3)], sources[pick(3)], published);
    if (pick(2) == 0) {
      a.portal = "daum";
      a.id = "daum:2026032100000" + std::to_string(1000 + n);
    }
    Record(a, seen);
    Instant at = seen;
    bool deleted = false;
    for (int e = pick(5); e > 0; --e) {
      at += seconds(1 + pick(3 * 86400));
      switch (pick(6)) {
        case 0: a.title += " 수정"; break;
        case 1: a.blocks[0].text += " 고침"; break;
        case 2: {
          Block correction;
          correction.text = "[바로잡습니다] 정정 " + std::to_string(e);
          a.blocks.push_back(correction);
          if (pick(2) == 0) a.title += " 정정";  // a headline change with it
          break;
        }
        case 3: a.authors.push_back("기자" + std::to_string(e)); break;
        case 4: {
          if (deleted) continue;
          Article reread = a;
          reread.blocks.pop_back();
          auto re = archive_->RecordReextraction(a.id, 1, reread, at);
          ASSERT_TRUE(re.ok()) << re.status().ToString();
          continue;
        }
        default: deleted = !deleted; break;
      }
      if (deleted) {
        Record(a, at, 404);
      } else {
        Record(a, at);
      }
    }
  }
  const EditStatsQuery periods[] = {
      {kT0, kT0 + hours(24 * 5), ""},  {kT0 + hours(30), kT0 + hours(60), ""},
      {kT0, kT0 + hours(24 * 5), "daum"}, {std::nullopt, std::nullopt, "web"},
      {kT0 + hours(24 * 9), std::nullopt, ""}};
  for (const EditStatsQuery& q : periods) {
    auto kept = ComputeEditStats(*archive_, q);
    auto scanned = ComputeEditStatsByScan(*archive_, q);
    ASSERT_TRUE(kept.ok() && scanned.ok());
    EXPECT_EQ(EditStatsJson(*kept).dump(1), EditStatsJson(*scanned).dump(1));
  }
  auto all = ComputeEditStats(*archive_, EditStatsQuery{});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total.articles, 120u);
  EXPECT_GT(all->total.edits, 0u);
  EXPECT_GT(all->total.deleted, 0u);
  auto verify = archive_->Verify();
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->problems.front();

  // A tally that no longer matches its versions is a problem verify reports.
  archive_.reset();
  {
    rocksdb::DBOptions options;
    std::vector<std::string> names;
    ASSERT_TRUE(rocksdb::DB::ListColumnFamilies(options, dir_ + "/archive", &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
    for (const std::string& name : names) cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(options, dir_ + "/archive", cfs, &handles, &raw).ok());
    const size_t meta = std::find(names.begin(), names.end(), "meta") - names.begin();
    ASSERT_LT(meta, names.size());
    std::unique_ptr<rocksdb::Iterator> it(raw->NewIterator(rocksdb::ReadOptions(), handles[meta]));
    it->Seek(std::string(storage_keys::kMetaTallyPrefix));
    ASSERT_TRUE(it->Valid() && it->key().starts_with(storage_keys::kMetaTallyPrefix));
    storage::pb::EditTallyRecord tally;
    ASSERT_TRUE(tally.ParseFromString(it->value().ToString()));
    tally.set_edits(tally.edits() + 1);
    ASSERT_TRUE(raw->Put(rocksdb::WriteOptions(), handles[meta], it->key(), tally.SerializeAsString()).ok());
    it.reset();
    for (auto* h : handles) raw->DestroyColumnFamilyHandle(h);
    delete raw;
  }
  auto reopened = Archive::Open(dir_ + "/archive", Archive::Mode::kReadOnly);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  verify = (*reopened)->Verify();
  ASSERT_TRUE(verify.ok());
  ASSERT_EQ(verify->problems.size(), 1u);
  EXPECT_NE(verify->problems[0].find("differs from what the versions count"), std::string::npos)
      << verify->problems[0];
}

// tests/data/archives/release-0.1 was written before the writer kept tallies: a reader
// scans; a writer builds them on open, and the numbers do not change.
TEST(EditTallyUpgradeTest, AnArchiveOfAnEarlierReleaseGetsItsTalliesWhenOpenedForWriting) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("edit_tally_upgrade_" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::copy(std::filesystem::path(SINMUN_TEST_DATA) / "archives" / "release-0.1", dir,
                        std::filesystem::copy_options::recursive);
  Json before;
  {
    auto reader = Archive::Open(dir.string(), Archive::Mode::kReadOnly);
    ASSERT_TRUE(reader.ok()) << reader.status().ToString();
    auto kept = (*reader)->ForEachEditTally(0, INT64_C(1) << 32, [](std::string_view) { return Status::Ok(); });
    ASSERT_TRUE(kept.ok());
    EXPECT_FALSE(*kept) << "release 0.1 kept no tallies";
    auto stats = ComputeEditStats(**reader, EditStatsQuery{});
    ASSERT_TRUE(stats.ok()) << stats.status().ToString();
    EXPECT_EQ(stats->total.articles, 8u);
    before = EditStatsJson(*stats);
  }
  auto writer = Archive::Open(dir.string(), Archive::Mode::kReadWrite);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  size_t tallies = 0;
  auto kept = (*writer)->ForEachEditTally(0, INT64_C(1) << 32, [&](std::string_view) {
    ++tallies;
    return Status::Ok();
  });
  ASSERT_TRUE(kept.ok() && *kept);
  EXPECT_GT(tallies, 0u);
  auto stats = ComputeEditStats(**writer, EditStatsQuery{});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(EditStatsJson(*stats), before);
  // An edit recorded now counts in the tallies built on open.
  auto heads = (*writer)->List(ListQuery{});
  ASSERT_TRUE(heads.ok() && !heads->empty());
  auto latest = (*writer)->Version(heads->front().id, heads->front().versions);
  ASSERT_TRUE(latest.ok());
  Fetch f;
  f.url = latest->article.url;
  f.fetched_at = heads->front().last_checked + seconds(60);
  f.http_status = 200;
  f.article = latest->article;
  f.article->title += " (수정)";
  auto r = (*writer)->Record(f);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->change_class, ChangeClass::kHeadline);
  stats = ComputeEditStats(**writer, EditStatsQuery{});
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total.edits, before["total"]["edits"].get<uint64_t>() + 1);
  EXPECT_EQ(stats->total.headline, before["total"]["classes"]["headline"].get<uint64_t>() + 1);
  auto scanned = ComputeEditStatsByScan(**writer, EditStatsQuery{});
  ASSERT_TRUE(scanned.ok());
  EXPECT_EQ(EditStatsJson(*stats), EditStatsJson(*scanned));
  writer->reset();
  std::filesystem::remove_all(dir);
}

TEST_F(EditStatsTest, AnEmptyPeriodHasNoDelays) {
  Record(Make("1", "가신문", "s1", kT0), kT0);
  EditStatsQuery q;
  q.since = kT0 + hours(3);  // the next KST day
  auto stats = ComputeEditStats(*archive_, q);
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->total.articles, 0u);
  EXPECT_FALSE(stats->total.median_delay);
  EXPECT_TRUE(stats->by_press.empty());
  EXPECT_EQ(EditStatsJson(*stats)["total"]["delay"]["median_seconds"], nullptr);
}

}  // namespace
}  // namespace sinmun
