// The changes index (Archive::Changes), re-extractions (Archive::RecordReextraction) and
// streaming iteration (Archive::ForEachVersion) over archives built from the project's
// example pages (examples/daum_v{1,2,3}.html: v2 edits the numbers in paragraph 2, v3
// changes the headline and appends a correction) and tests/data/pages.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "crawler/extract/extractor.h"
#include "storage/archive.h"
#include "storage/change_summary.h"
#include "storage/keys.h"

namespace sinmun {
namespace {

namespace keys = storage_keys;
using std::chrono::hours;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const Instant kT0{std::chrono::seconds(1793579700)};  // 2026-11-02T09:35:00+09:00
constexpr const char* kUrl = "https://v.daum.net/v/20261102093000123";
constexpr const char* kId = "daum:20261102093000123";

class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-changes-test-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string archive() const { return path_ + "/archive"; }

 private:
  std::string path_;
};

std::string Slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

std::string Example(int v) { return Slurp(std::string(SINMUN_EXAMPLES) + "/daum_v" + std::to_string(v) + ".html"); }

Fetch PageFetch(const std::string& bytes, const std::string& url, Instant t) {
  Fetch f;
  f.url = url;
  f.fetched_at = t;
  f.http_status = 200;
  auto article = ExtractArticle(Page{bytes, url, "text/html; charset=utf-8"});
  EXPECT_TRUE(article.ok()) << article.status().ToString();
  if (article.ok()) f.article = *article;
  f.raw = bytes;
  f.content_type = "text/html; charset=utf-8";
  f.response_headers = "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n";
  return f;
}

Fetch Gone(const std::string& url, Instant t, int code) {
  Fetch f;
  f.url = url;
  f.fetched_at = t;
  f.http_status = code;
  return f;
}

std::unique_ptr<Archive> OpenRw(const std::string& dir) {
  auto a = Archive::Open(dir, Archive::Mode::kReadWrite, ArchiveOptions{.sync = false, .keep_raw = true});
  EXPECT_TRUE(a.ok()) << a.status().ToString();
  return a.ok() ? std::move(a).value() : nullptr;
}

void MustRecord(Archive& archive, const Fetch& f) {
  auto r = archive.Record(f);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
}

// v1 at T0, v2 +1h, v3 +2h, 404 at +3h, v3 again at +4h; a Naver page at +30m.
void BuildExampleArchive(Archive& archive) {
  MustRecord(archive, PageFetch(Example(1), kUrl, kT0));
  MustRecord(archive, PageFetch(Slurp(std::string(SINMUN_TEST_DATA) + "/pages/naver_current.html"),
                                "https://n.news.naver.com/mnews/article/001/0014000001", kT0 + std::chrono::minutes(30)));
  MustRecord(archive, PageFetch(Example(2), kUrl, kT0 + hours(1)));
  MustRecord(archive, PageFetch(Example(3), kUrl, kT0 + hours(2)));
  MustRecord(archive, Gone(kUrl, kT0 + hours(3), 404));
  MustRecord(archive, PageFetch(Example(3), kUrl, kT0 + hours(4)));
}

std::vector<std::string> Lines(const std::vector<ChangeEntry>& changes) {
  std::vector<std::string> out;
  for (const ChangeEntry& c : changes) {
    out.push_back(c.id + " v" + std::to_string(c.version) + " " + std::string(ChangeClassName(c.change_class)) +
                  " | " + c.summary);
  }
  return out;
}

TEST(ChangesTest, ExampleArchiveNewestFirstWithSummaries) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  BuildExampleArchive(*archive);
  auto changes = archive->Changes(ChangesQuery{});
  ASSERT_TRUE(changes.ok()) << changes.status().ToString();
  ASSERT_EQ(changes->size(), 6u);
  EXPECT_EQ((*changes)[0].fetched_at, kT0 + hours(4));
  EXPECT_EQ((*changes)[5].fetched_at, kT0);
  EXPECT_EQ((*changes)[0].portal, "daum");
  EXPECT_EQ((*changes)[0].url, kUrl);
  EXPECT_THAT(Lines(*changes),
              ElementsAre("daum:20261102093000123 v5 restored | restored",
                          "daum:20261102093000123 v4 deleted | deleted (404)",
                          "daum:20261102093000123 v3 headline | headline: «국회, 내년도 예산안 처리» → "
                          "«국회, 677조 내년도 예산안 본회의 통과»; correction: 1 paragraph appended "
                          "«[정정] 당초 보도에서 표결 결과를 잘못 …»",
                          "daum:20261102093000123 v2 body | body: 1 paragraph edited",
                          "naver:001:0014000001 v1 new | new: «네이버 '시험' 기사»",
                          "daum:20261102093000123 v1 new | new: «국회, 내년도 예산안 처리»"));
}

// An edit that also appends a correction is of class body, and its summary names both.
TEST(ChangesTest, ABodyEditThatAppendsACorrectionSaysBoth) {
  Article before;
  before.title = "국회, 예산안 처리";
  for (const char* t : {"첫 문단은 그대로 남는다.", "정부는 오늘 예산안을 발표했다.", "마지막 문단도 그대로다."}) {
    before.blocks.push_back(Block{BlockType::kParagraph, t});
  }
  Article after = before;
  after.blocks[0].text = "첫 문단은 이렇게 고쳐 썼다.";
  after.blocks.push_back(Block{BlockType::kParagraph, "[정정] 예산 규모를 바로잡습니다."});
  const ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(ClassifyChange(before, after, d), ChangeClass::kBody);
  ChangeSummaryInput in;
  in.change_class = ChangeClass::kBody;
  in.before = &before;
  in.after = &after;
  in.diff = &d;
  EXPECT_EQ(SummarizeChange(in),
            "body: 1 paragraph edited, 1 added; correction: 1 paragraph appended «[정정] 예산 규모를 바로잡습니다.»");
  after.blocks.pop_back();  // the edit alone
  const ArticleDiff edit = DiffArticles(before, after);
  in.diff = &edit;
  EXPECT_EQ(SummarizeChange(in), "body: 1 paragraph edited");
}

TEST(ChangesTest, FiltersByTimeClassPortalAndLimit) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  BuildExampleArchive(*archive);
  auto versions = [&](const ChangesQuery& q) {
    auto r = archive->Changes(q);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    std::vector<std::string> out;
    for (const ChangeEntry& c : r.ok() ? *r : std::vector<ChangeEntry>{}) {
      out.push_back(c.id.substr(0, 5) + std::to_string(c.version));
    }
    return out;
  };
  ChangesQuery q;
  q.since = kT0 + hours(1);  // inclusive
  q.until = kT0 + hours(3);  // exclusive
  EXPECT_THAT(versions(q), ElementsAre("daum:3", "daum:2"));
  q = ChangesQuery{};
  q.classes = {ChangeClass::kHeadline, ChangeClass::kDeleted};
  EXPECT_THAT(versions(q), ElementsAre("daum:4", "daum:3"));
  q = ChangesQuery{};
  q.portal = "naver";
  EXPECT_THAT(versions(q), ElementsAre("naver1"));
  q = ChangesQuery{};
  q.limit = 2;
  EXPECT_THAT(versions(q), ElementsAre("daum:5", "daum:4"));
  q = ChangesQuery{};
  q.since = kT0 + hours(5);
  EXPECT_THAT(versions(q), ElementsAre());
}

TEST(ChangesTest, ReadOnlyInstanceSeesTheIndex) {
  TempDir tmp;
  {
    auto archive = OpenRw(tmp.archive());
    BuildExampleArchive(*archive);
  }
  auto ro = Archive::Open(tmp.archive(), Archive::Mode::kReadOnly);
  ASSERT_TRUE(ro.ok()) << ro.status().ToString();
  auto changes = (*ro)->Changes(ChangesQuery{});
  ASSERT_TRUE(changes.ok());
  EXPECT_EQ(changes->size(), 6u);
}

// An archive written before the index existed: no changes CF, no flag. A reader says so;
// the next writer builds the index, with the same entries the live path writes.
TEST(ChangesTest, OldArchiveGetsItsIndexBuiltOnWriterOpen) {
  TempDir tmp;
  std::vector<std::string> live;
  {
    auto archive = OpenRw(tmp.archive());
    BuildExampleArchive(*archive);
    live = Lines(*archive->Changes(ChangesQuery{}));
  }
  {
    std::vector<rocksdb::ColumnFamilyDescriptor> d;
    d.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
    for (auto name : keys::kColumnFamilies) d.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), tmp.archive(), d, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    for (size_t i = 0; i < d.size(); ++i) {
      if (d[i].name == keys::kMeta) {
        ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), handles[i], std::string(keys::kMetaChangesIndexKey)).ok());
      }
    }
    for (size_t i = 0; i < d.size(); ++i) {
      if (d[i].name == keys::kChanges) {
        ASSERT_TRUE(db->DropColumnFamily(handles[i]).ok());
      }
    }
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  }
  {
    auto ro = Archive::Open(tmp.archive(), Archive::Mode::kReadOnly);
    ASSERT_TRUE(ro.ok()) << ro.status().ToString();
    auto changes = (*ro)->Changes(ChangesQuery{});
    ASSERT_FALSE(changes.ok());
    EXPECT_TRUE(changes.status().code() == Status::Code::kUnsupported) << changes.status().ToString();
    auto history = (*ro)->History(kId);
    EXPECT_TRUE(history.ok());
  }
  auto archive = OpenRw(tmp.archive());
  auto rebuilt = archive->Changes(ChangesQuery{});
  ASSERT_TRUE(rebuilt.ok());
  EXPECT_EQ(Lines(*rebuilt), live);
  auto report = archive->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << ::testing::PrintToString(report->problems);
}

TEST(ChangesTest, VerifyFindsIndexDisagreements) {
  TempDir tmp;
  {
    auto archive = OpenRw(tmp.archive());
    BuildExampleArchive(*archive);
    auto report = archive->Verify();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->ok()) << ::testing::PrintToString(report->problems);
  }
  {
    std::vector<rocksdb::ColumnFamilyDescriptor> d;
    d.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
    for (auto name : keys::kColumnFamilies) d.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* raw = nullptr;
    ASSERT_TRUE(rocksdb::DB::Open(rocksdb::DBOptions(), tmp.archive(), d, &handles, &raw).ok());
    std::unique_ptr<rocksdb::DB> db(raw);
    for (size_t i = 0; i < d.size(); ++i) {
      if (d[i].name != keys::kChanges) continue;
      // v2's entry goes missing; a stray entry for a version that does not exist appears.
      ASSERT_TRUE(db->Delete(rocksdb::WriteOptions(), handles[i], keys::ChangeKey(kT0 + hours(1), kId, 2)).ok());
      ASSERT_TRUE(db->Put(rocksdb::WriteOptions(), handles[i], keys::ChangeKey(kT0, kId, 9), "").ok());
    }
    for (auto* h : handles) ASSERT_TRUE(db->DestroyColumnFamilyHandle(h).ok());
  }
  auto archive = OpenRw(tmp.archive());
  auto report = archive->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_THAT(report->problems,
              ElementsAre(HasSubstr("daum:20261102093000123 version 9 at 2026-11-02T09:35:00+09:00 matches no version"),
                          "changes: daum:20261102093000123 version 2 has no entry in the changes index"));
}

TEST(ChangesTest, FetchKeepsStatusContentTypeAndHeaders) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  BuildExampleArchive(*archive);
  auto v1 = archive->Version(kId, 1);
  ASSERT_TRUE(v1.ok());
  EXPECT_EQ(v1->http_status, 200);
  EXPECT_EQ(v1->content_type, "text/html; charset=utf-8");
  EXPECT_EQ(v1->response_headers, "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n");
  auto v4 = archive->Version(kId, 4);
  ASSERT_TRUE(v4.ok());
  EXPECT_EQ(v4->http_status, 404);
  EXPECT_EQ(v1->fetched_url, kUrl);
  EXPECT_EQ(v4->fetched_url, kUrl);
  // Fetched under another URL of the article: that URL is kept.
  Fetch alias = PageFetch(Example(2), "https://news.v.daum.net/v/20261102093000123", kT0 + hours(5));
  MustRecord(*archive, alias);
  EXPECT_EQ(archive->Version(kId, 6)->fetched_url, "https://news.v.daum.net/v/20261102093000123");
  EXPECT_EQ(*archive->Raw(kId, 1), Example(1));
}

// A version recorded with a deliberately wrong extraction is corrected from its own page.
TEST(ChangesTest, ReextractionIsANewVersionMarkedAsSuch) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Fetch bad = PageFetch(Example(1), kUrl, kT0);
  bad.article->title = "잘못 추출된 제목";
  bad.article->blocks.pop_back();
  MustRecord(*archive, bad);
  auto fetches_before = archive->FetchLog(kId);
  ASSERT_TRUE(fetches_before.ok());

  auto good = ExtractArticle(Page{Example(1), kUrl, "text/html; charset=utf-8"});
  ASSERT_TRUE(good.ok());
  // Dated before v1: moved up to v1's time so that versions stay in order.
  auto r = archive->RecordReextraction(kId, 1, *good, kT0 - hours(1));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->outcome, Outcome::kChanged);
  EXPECT_EQ(r->version, 2u);
  EXPECT_EQ(r->change_class, ChangeClass::kReextracted);

  auto history = archive->History(kId);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 2u);
  EXPECT_EQ((*history)[1].change_class, ChangeClass::kReextracted);
  EXPECT_EQ((*history)[1].reextracted_from, 1u);
  EXPECT_EQ((*history)[1].raw_version(), 1u);
  EXPECT_EQ((*history)[1].fetched_at, kT0);
  EXPECT_EQ((*history)[1].title, good->title);
  EXPECT_EQ(archive->FetchLog(kId)->size(), fetches_before->size());  // not a fetch
  EXPECT_FALSE(archive->Raw(kId, 2).ok());                             // the page is v1's

  auto changes = archive->Changes(ChangesQuery{.classes = {ChangeClass::kReextracted}});
  ASSERT_TRUE(changes.ok());
  EXPECT_THAT(Lines(*changes),
              ElementsAre("daum:20261102093000123 v2 reextracted | re-extracted from v1; headline: "
                          "«잘못 추출된 제목» → «국회, 내년도 예산안 처리»; body: 1 paragraph added"));
  // The same extraction again: nothing to correct, nothing written.
  auto again = archive->RecordReextraction(kId, 1, *good, kT0 + hours(1));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->outcome, Outcome::kUnchanged);
  EXPECT_EQ(again->version, 2u);
  EXPECT_EQ(archive->Head(kId)->versions, 2u);
  auto report = archive->Verify();
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(report->ok()) << ::testing::PrintToString(report->problems);

  // Refused: unknown version, another id, a deleted article.
  EXPECT_TRUE(archive->RecordReextraction(kId, 7, *good, kT0).status().IsNotFound());
  Article other = *good;
  other.id = "daum:20261102093000999";
  EXPECT_TRUE(archive->RecordReextraction(kId, 1, other, kT0).status().code() == Status::Code::kInvalidArgument);
  MustRecord(*archive, Gone(kUrl, kT0 + hours(2), 410));
  EXPECT_TRUE(archive->RecordReextraction(kId, 1, *good, kT0 + hours(3)).status().code() == Status::Code::kInvalidArgument);
}

TEST(ChangesTest, ForEachVersionStreamsEveryOrLatestVersion) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  BuildExampleArchive(*archive);
  auto visit = [&](const ExportQuery& q) {
    std::vector<std::string> out;
    Status st = archive->ForEachVersion(q, [&](const StoredVersion& v, const ArticleHead& h) {
      EXPECT_EQ(v.article.id, h.id);
      auto direct = archive->Version(h.id, v.info.number);
      EXPECT_TRUE(direct.ok());
      if (direct.ok()) {
        EXPECT_EQ(direct->article, v.article);
      }
      out.push_back(h.id.substr(0, 5) + std::to_string(v.info.number));
      return Status::Ok();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return out;
  };
  EXPECT_THAT(visit(ExportQuery{}), ElementsAre("daum:5", "naver1"));
  EXPECT_THAT(visit(ExportQuery{.all_versions = true}),
              ElementsAre("daum:1", "daum:2", "daum:3", "daum:4", "daum:5", "naver1"));
  EXPECT_THAT(visit(ExportQuery{.portal = "naver", .all_versions = true}), ElementsAre("naver1"));
  EXPECT_THAT(visit(ExportQuery{.since = kT0 + hours(1), .until = kT0 + hours(3), .all_versions = true}),
              ElementsAre("daum:2", "daum:3"));
  // fn's error stops the walk and is returned.
  int calls = 0;
  Status st = archive->ForEachVersion(ExportQuery{.all_versions = true}, [&](const StoredVersion&, const ArticleHead&) {
    ++calls;
    return Status::IOError("disk full");
  });
  EXPECT_EQ(st.code(), Status::Code::kIOError);
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace sinmun
