#include "storage/archive.h"

#include <gtest/gtest.h>
#include <rocksdb/db.h>
#include <stdlib.h>

#include <filesystem>
#include <random>

#include "common/hash.h"
#include "storage/keys.h"
#include "storage/record.pb.h"

namespace sinmun {
namespace {

namespace keys = storage_keys;
using std::chrono::hours;
using std::chrono::minutes;

const Instant kT0{std::chrono::seconds(1774097005)};  // 2026-03-21T21:43:25+09:00

class TempDir {
 public:
  TempDir() {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-archive-test-XXXXXX").string();
    path_ = mkdtemp(templ.data());
  }
  ~TempDir() { std::filesystem::remove_all(path_); }
  std::string archive() const { return path_ + "/archive"; }

 private:
  std::string path_;
};

std::string DaumId(int n) {
  std::string digits = std::to_string(20260321214325000LL + n);
  return "daum:" + digits;
}

std::string DaumUrl(int n) { return "https://v.daum.net/v/" + DaumId(n).substr(5); }

std::string Para(int article, int i) {
  return "기사 " + std::to_string(article) + "의 " + std::to_string(i) +
         "번째 문단: 정부는 오늘 새 예산안을 발표했다고 밝혔다.";
}

Block TextBlock(std::string text, bool daum_ids, int pid) {
  Block b;
  b.text = std::move(text);
  if (daum_ids) {
    b.publisher_hash = ToHex(Sha256(b.text)).substr(0, 32);
    b.publisher_id = std::to_string(pid);
  }
  return b;
}

Article MakeArticle(int n, int paragraphs = 5, bool daum_ids = true) {
  Article a;
  a.id = DaumId(n);
  a.url = DaumUrl(n);
  a.portal = "daum";
  a.source = "daum-news";
  a.press = "연합뉴스";
  a.section = "정치";
  a.title = "정부, 새 예산안 발표 " + std::to_string(n);
  a.subtitle = "요약";
  a.authors = {"김기자"};
  a.published = kT0;
  a.encoding = "UTF-8";
  for (int i = 0; i < paragraphs; ++i) a.blocks.push_back(TextBlock(Para(n, i), daum_ids, i));
  Block image;
  image.type = BlockType::kImage;
  image.text = "사진 설명";
  image.src = "https://t1.daumcdn.net/news/" + std::to_string(n) + ".jpg";
  if (daum_ids) image.publisher_hash = "img" + std::to_string(n);
  a.blocks.push_back(image);
  return a;
}

Fetch Ok(const Article& a, Instant t, std::string url = "") {
  Fetch f;
  f.url = url.empty() ? a.url : url;
  f.fetched_at = t;
  f.http_status = 200;
  f.article = a;
  return f;
}

Fetch Gone(const std::string& url, Instant t, int code = 404) {
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

RecordResult MustRecord(Archive& archive, const Fetch& f) {
  auto r = archive.Record(f);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : RecordResult{};
}

// The whole database, opened raw: for tampering.
struct RawDb {
  explicit RawDb(const std::string& dir) {
    std::vector<rocksdb::ColumnFamilyDescriptor> d;
    d.emplace_back(rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions());
    for (auto name : keys::kColumnFamilies) d.emplace_back(std::string(name), rocksdb::ColumnFamilyOptions());
    rocksdb::DB* raw = nullptr;
    rocksdb::Status s = rocksdb::DB::Open(rocksdb::DBOptions(), dir, d, &handles, &raw);
    EXPECT_TRUE(s.ok()) << s.ToString();
    db.reset(raw);
    for (size_t i = 0; i < d.size(); ++i) cf[d[i].name] = handles[i];
  }
  ~RawDb() {
    for (auto* h : handles) db->DestroyColumnFamilyHandle(h).PermitUncheckedError();
  }
  rocksdb::ColumnFamilyHandle* Cf(std::string_view name) { return cf.at(std::string(name)); }
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  std::map<std::string, rocksdb::ColumnFamilyHandle*> cf;
};

TEST(ArchiveTest, NewUnchangedChanged) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  RecordResult r = MustRecord(*archive, Ok(a, kT0));
  EXPECT_EQ(r.outcome, Outcome::kNew);
  EXPECT_EQ(r.id, a.id);
  EXPECT_EQ(r.version, 1u);
  EXPECT_EQ(r.change_class, ChangeClass::kNew);

  r = MustRecord(*archive, Ok(a, kT0 + hours(1)));
  EXPECT_EQ(r.outcome, Outcome::kUnchanged);
  EXPECT_EQ(r.version, 1u);

  Article b = a;
  b.blocks[2].text = "정부는 어제 새 예산안을 발표했다.";
  b.blocks[2].publisher_hash = "changed";
  r = MustRecord(*archive, Ok(b, kT0 + hours(2)));
  EXPECT_EQ(r.outcome, Outcome::kChanged);
  EXPECT_EQ(r.version, 2u);
  EXPECT_EQ(r.change_class, ChangeClass::kBody);

  auto head = archive->Head(a.id);
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ(head->versions, 2u);
  EXPECT_EQ(head->first_seen, kT0);
  EXPECT_EQ(head->last_checked, kT0 + hours(2));
  EXPECT_EQ(head->fetches, 3u);
  EXPECT_EQ(head->portal, "daum");
  EXPECT_EQ(head->title, a.title);
  EXPECT_FALSE(head->deleted);

  auto v1 = archive->Version(a.id, 1);
  ASSERT_TRUE(v1.ok()) << v1.status().ToString();
  EXPECT_EQ(v1->article, a);
  EXPECT_EQ(v1->info.change_class, ChangeClass::kNew);
  auto v2 = archive->Version(a.id, 2);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->article, b);
  EXPECT_EQ(v2->info.edited, 1);
  EXPECT_EQ(v2->info.fetched_at, kT0 + hours(2));
  EXPECT_TRUE(archive->Version(a.id, 3).status().IsNotFound());
  EXPECT_TRUE(archive->Version("daum:20990101000000000", 1).status().IsNotFound());

  auto log = archive->FetchLog(a.id);
  ASSERT_TRUE(log.ok());
  ASSERT_EQ(log->size(), 3u);
  EXPECT_EQ((*log)[1].outcome, Outcome::kUnchanged);
  EXPECT_EQ((*log)[2].version, 2u);
}

TEST(ArchiveTest, FastPathTrustsContentsHashes) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  MustRecord(*archive, Ok(a, kT0));
  // Same title and contents-hash sequence: unchanged without looking at the text.
  Article sneaky = a;
  sneaky.blocks[0].text = "본문이 바뀌었지만 contents-hash는 그대로";
  EXPECT_EQ(MustRecord(*archive, Ok(sneaky, kT0 + minutes(5))).outcome, Outcome::kUnchanged);
  // Without publisher hashes the blocks decide.
  Article plain = sneaky;
  for (auto& b : plain.blocks) b.publisher_hash.clear();
  EXPECT_EQ(MustRecord(*archive, Ok(plain, kT0 + minutes(10))).outcome, Outcome::kChanged);
}

TEST(ArchiveTest, BylineEditLeavesTheFastPath) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  MustRecord(*archive, Ok(a, kT0));
  Article b = a;
  b.authors = {"이기자"};
  RecordResult r = MustRecord(*archive, Ok(b, kT0 + hours(1)));
  EXPECT_EQ(r.outcome, Outcome::kChanged);
  EXPECT_EQ(r.change_class, ChangeClass::kByline);
}

TEST(ArchiveTest, InvalidUtf8TextIsStoredAsIs) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  a.title = std::string("깨진 \xff\xfe 제목");
  a.blocks[0].text = std::string("\xc3 문단");
  MustRecord(*archive, Ok(a, kT0));
  auto v = archive->Version(a.id, 1);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->article, a);
  EXPECT_TRUE(archive->Verify()->ok());
}

TEST(ArchiveTest, NewContentsHashesButSameTextIsUnchanged) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  MustRecord(*archive, Ok(a, kT0));
  Article b = a;
  for (auto& block : b.blocks) block.publisher_hash += "x";
  b.modified = kT0 + hours(1);  // modified alone does not make a version
  EXPECT_EQ(MustRecord(*archive, Ok(b, kT0 + hours(1))).outcome, Outcome::kUnchanged);
  EXPECT_EQ(archive->Head(a.id)->versions, 1u);
}

TEST(ArchiveTest, DeletedAndRestored) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  MustRecord(*archive, Ok(a, kT0));
  RecordResult r = MustRecord(*archive, Gone(a.url, kT0 + hours(1)));
  EXPECT_EQ(r.outcome, Outcome::kDeleted);
  EXPECT_EQ(r.version, 2u);
  EXPECT_EQ(r.change_class, ChangeClass::kDeleted);
  EXPECT_TRUE(archive->Head(a.id)->deleted);
  auto v2 = archive->Version(a.id, 2);
  ASSERT_TRUE(v2.ok());
  EXPECT_EQ(v2->article, a);  // the last live content
  EXPECT_EQ(v2->info.change_class, ChangeClass::kDeleted);

  r = MustRecord(*archive, Gone(a.url, kT0 + hours(2), 410));
  EXPECT_EQ(r.outcome, Outcome::kUnchanged);
  EXPECT_EQ(r.version, 2u);
  EXPECT_EQ(r.change_class, ChangeClass::kDeleted);

  r = MustRecord(*archive, Ok(a, kT0 + hours(3)));
  EXPECT_EQ(r.outcome, Outcome::kRestored);
  EXPECT_EQ(r.version, 3u);
  EXPECT_EQ(r.change_class, ChangeClass::kRestored);
  EXPECT_FALSE(archive->Head(a.id)->deleted);
  EXPECT_EQ(archive->Version(a.id, 3)->article, a);

  auto history = archive->History(a.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), 3u);
  EXPECT_EQ((*history)[0].change_class, ChangeClass::kNew);
  EXPECT_EQ((*history)[1].change_class, ChangeClass::kDeleted);
  EXPECT_EQ((*history)[2].change_class, ChangeClass::kRestored);
  EXPECT_EQ((*history)[2].title, a.title);

  auto verify = archive->Verify();
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->problems.front();
}

TEST(ArchiveTest, NotModifiedAndUnknownArticles) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  Fetch f = Ok(a, kT0);
  f.etag = "\"abc\"";
  MustRecord(*archive, f);
  Fetch nm = Gone(a.url, kT0 + hours(1), 304);
  EXPECT_EQ(MustRecord(*archive, nm).outcome, Outcome::kUnchanged);
  auto head = archive->Head(a.id);
  EXPECT_EQ(head->etag, "\"abc\"");
  EXPECT_EQ(head->last_seen, kT0 + hours(1));

  EXPECT_TRUE(archive->Record(Gone(DaumUrl(2), kT0)).status().IsNotFound());
  EXPECT_FALSE(archive->Head(DaumId(2)).ok());
  Fetch bad = Gone(a.url, kT0, 500);
  EXPECT_EQ(archive->Record(bad).status().code(), Status::Code::kInvalidArgument);
  Fetch no_article = Gone(a.url, kT0, 200);
  EXPECT_EQ(archive->Record(no_article).status().code(), Status::Code::kInvalidArgument);
}

// Identity is the extractor's: a 200 is recorded under its article's id, never one derived
// from a URL, and a 304/404/410 finds its article through the aliases of the URL fetched.
TEST(ArchiveTest, IdentityComesFromTheArticleAndTheAliases) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  Article no_id = a;
  no_id.id.clear();
  Result<RecordResult> refused = archive->Record(Ok(no_id, kT0));
  EXPECT_EQ(refused.status().code(), Status::Code::kInvalidArgument);
  EXPECT_FALSE(archive->Head(a.id).ok()) << "no id derived from " << a.url;

  // An outlet page whose article the extractor named by its canonical URL: fetched under
  // a feed's link, recorded under the article's id.
  Article outlet = MakeArticle(2);
  outlet.id = "url:https://www.example.co.kr/news/2";
  outlet.url = "https://www.example.co.kr/news/2";
  outlet.portal = "web";
  const std::string feed_link = "https://www.example.co.kr/news/2?utm_source=rss&ref=feed";
  EXPECT_EQ(MustRecord(*archive, Ok(outlet, kT0, feed_link)).id, outlet.id);
  EXPECT_EQ(*archive->Resolve(feed_link), outlet.id);
  // Gone under the feed's link: the alias finds the article.
  RecordResult gone = MustRecord(*archive, Gone(feed_link, kT0 + hours(1)));
  EXPECT_EQ(gone.id, outlet.id);
  EXPECT_EQ(gone.outcome, Outcome::kDeleted);

  // A URL that names article 1 by its shape but was never fetched for it: not found, even
  // though an id could be derived from it.
  MustRecord(*archive, Ok(a, kT0));
  const std::string never_seen = "https://v.media.daum.net/v/" + a.id.substr(5);
  EXPECT_TRUE(archive->Record(Gone(never_seen, kT0 + hours(1))).status().IsNotFound());
  EXPECT_FALSE(archive->Head(a.id)->deleted);
  EXPECT_EQ(archive->Record(Gone("ftp://v.daum.net/v/1", kT0)).status().code(), Status::Code::kInvalidArgument);
}

TEST(ArchiveTest, BlocksAreSharedAcrossArticles) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1, 5);
  Article b = MakeArticle(2, 5);
  // b syndicates three of a's paragraphs.
  for (int i = 0; i < 3; ++i) b.blocks[static_cast<size_t>(i)].text = a.blocks[static_cast<size_t>(i)].text;
  MustRecord(*archive, Ok(a, kT0));
  MustRecord(*archive, Ok(b, kT0 + minutes(1)));
  auto stats = archive->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->blocks, 6u + 3u);  // a: 5 paragraphs + image; b: 2 own paragraphs + image
  EXPECT_EQ(archive->Version(b.id, 1)->article, b);
}

TEST(ArchiveTest, ManyDeltaVersionsReconstruct) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  std::mt19937 rng(42);
  Article a = MakeArticle(7, 12);
  std::vector<Article> recorded = {a};
  MustRecord(*archive, Ok(a, kT0));
  for (int v = 2; v <= 45; ++v) {
    Article next = recorded.back();
    switch (rng() % 6) {
      case 0:
        next.blocks[rng() % next.blocks.size()].text = "수정된 문단 " + std::to_string(v);
        break;
      case 1:
        next.blocks.insert(next.blocks.begin() + static_cast<long>(rng() % next.blocks.size()),
                           TextBlock("삽입된 문단 " + std::to_string(v), true, 100 + v));
        break;
      case 2:
        if (next.blocks.size() > 2) next.blocks.erase(next.blocks.begin() + static_cast<long>(rng() % next.blocks.size()));
        else next.blocks.push_back(TextBlock("보충 " + std::to_string(v), true, 200 + v));
        break;
      case 3:
        next.title += " (수정)";
        break;
      case 4:
        next.authors.push_back("기자" + std::to_string(v));
        next.section = "사회";
        break;
      case 5:
        next.blocks.push_back(TextBlock("덧붙임 " + std::to_string(v), false, 0));
        next.published.reset();
        break;
    }
    for (auto& b : next.blocks) {
      if (!b.publisher_id.empty() && b.type == BlockType::kParagraph) b.publisher_hash = ToHex(Sha256(b.text)).substr(0, 32);
    }
    RecordResult r = MustRecord(*archive, Ok(next, kT0 + hours(v)));
    ASSERT_EQ(r.outcome, Outcome::kChanged) << "version " << v;
    ASSERT_EQ(r.version, static_cast<uint32_t>(v));
    recorded.push_back(next);
  }
  for (uint32_t n = 1; n <= recorded.size(); ++n) {
    auto v = archive->Version(a.id, n);
    ASSERT_TRUE(v.ok()) << n << ": " << v.status().ToString();
    EXPECT_EQ(v->article, recorded[n - 1]) << "version " << n;
  }
  auto history = archive->History(a.id);
  ASSERT_TRUE(history.ok());
  ASSERT_EQ(history->size(), recorded.size());
  for (size_t i = 0; i < recorded.size(); ++i) EXPECT_EQ((*history)[i].title, recorded[i].title);
  auto verify = archive->Verify();
  ASSERT_TRUE(verify.ok());
  EXPECT_TRUE(verify->ok()) << verify->problems.front();
  EXPECT_EQ(verify->versions, recorded.size());
}

TEST(ArchiveTest, VersionAt) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  MustRecord(*archive, Ok(a, kT0));
  Article b = a;
  b.title = "바뀐 제목";
  MustRecord(*archive, Ok(b, kT0 + hours(2)));
  EXPECT_TRUE(archive->VersionAt(a.id, kT0 - std::chrono::seconds(1)).status().IsNotFound());
  EXPECT_EQ(archive->VersionAt(a.id, kT0)->info.number, 1u);
  EXPECT_EQ(archive->VersionAt(a.id, kT0 + hours(1))->info.number, 1u);
  EXPECT_EQ(archive->VersionAt(a.id, kT0 + hours(2))->info.number, 2u);
  auto late = archive->VersionAt(a.id, kT0 + hours(100));
  ASSERT_TRUE(late.ok());
  EXPECT_EQ(late->info.number, 2u);
  EXPECT_EQ(late->info.change_class, ChangeClass::kHeadline);
  EXPECT_EQ(late->article.title, "바뀐 제목");
}

TEST(ArchiveTest, AliasesResolve) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article a = MakeArticle(1);
  std::string legacy = "http://news.v.daum.net/v/" + a.id.substr(5) + "?utm_source=x#top";
  MustRecord(*archive, Ok(a, kT0, legacy));
  EXPECT_EQ(*archive->Resolve(a.id), a.id);
  EXPECT_EQ(*archive->Resolve(a.url), a.id);
  EXPECT_EQ(*archive->Resolve(legacy), a.id);
  EXPECT_EQ(*archive->Resolve("http://NEWS.v.daum.net/v/" + a.id.substr(5)), a.id);
  EXPECT_TRUE(archive->Resolve("https://example.com/nothing").status().IsNotFound());
  EXPECT_TRUE(archive->Resolve("daum:20990101000000000").status().IsNotFound());
}

TEST(ArchiveTest, ListFilters) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article d1 = MakeArticle(1), d2 = MakeArticle(2);
  Article n1 = MakeArticle(3);
  n1.id = "naver:001:0000000001";
  n1.url = "https://n.news.naver.com/mnews/article/001/0000000001";
  n1.portal = "naver";
  MustRecord(*archive, Ok(d1, kT0));
  MustRecord(*archive, Ok(n1, kT0 + hours(1)));
  MustRecord(*archive, Ok(d2, kT0 + hours(2)));
  Article d1b = d1;
  d1b.title = "새 제목";
  MustRecord(*archive, Ok(d1b, kT0 + hours(3)));

  auto ids = [&](const ListQuery& q) {
    std::vector<std::string> out;
    auto heads = archive->List(q);
    EXPECT_TRUE(heads.ok());
    if (heads.ok()) {
      for (const auto& h : *heads) out.push_back(h.id);
    }
    return out;
  };
  EXPECT_EQ(ids({}), (std::vector<std::string>{d2.id, n1.id, d1.id}));
  EXPECT_EQ(ids({.portal = "daum"}), (std::vector<std::string>{d2.id, d1.id}));
  EXPECT_EQ(ids({.edited_only = true}), (std::vector<std::string>{d1.id}));
  EXPECT_EQ(ids({.since = kT0 + hours(1)}), (std::vector<std::string>{d2.id, n1.id}));
  EXPECT_EQ(ids({.until = kT0 + hours(2)}), (std::vector<std::string>{n1.id, d1.id}));
  EXPECT_EQ(ids({.since = kT0 + hours(1), .until = kT0 + hours(2)}), (std::vector<std::string>{n1.id}));
  EXPECT_EQ(ids({.limit = 2}), (std::vector<std::string>{d2.id, n1.id}));
  auto heads = archive->List({.portal = "naver"});
  ASSERT_TRUE(heads.ok());
  ASSERT_EQ(heads->size(), 1u);
  EXPECT_EQ((*heads)[0].url, n1.url);
  EXPECT_EQ((*heads)[0].published, kT0);
}

TEST(ArchiveTest, Stats) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Article d1 = MakeArticle(1, 3), d2 = MakeArticle(2, 3);
  d2.portal = "naver";
  MustRecord(*archive, Ok(d1, kT0));
  MustRecord(*archive, Ok(d1, kT0 + hours(1)));
  MustRecord(*archive, Gone(d1.url, kT0 + hours(2)));
  MustRecord(*archive, Ok(d2, kT0));
  auto stats = archive->Stats();
  ASSERT_TRUE(stats.ok());
  EXPECT_EQ(stats->articles, 2u);
  EXPECT_EQ(stats->versions, 3u);
  EXPECT_EQ(stats->fetches, 4u);
  EXPECT_EQ(stats->blocks, 8u);
  EXPECT_GT(stats->bytes_on_disk, 0u);
  EXPECT_EQ(stats->per_portal["daum"].articles, 1u);
  EXPECT_EQ(stats->per_portal["daum"].versions, 2u);
  EXPECT_EQ(stats->per_portal["naver"].versions, 1u);
}

TEST(ArchiveTest, RawBytesKeptPerVersion) {
  TempDir tmp;
  auto archive = OpenRw(tmp.archive());
  Fetch f = Ok(MakeArticle(1), kT0);
  f.raw = "<html>원문</html>";
  MustRecord(*archive, f);
  EXPECT_EQ(*archive->Raw(f.article->id, 1), f.raw);
  EXPECT_TRUE(archive->Raw(f.article->id, 2).status().IsNotFound());
}

class TamperTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto archive = OpenRw(tmp_.archive());
    a_ = MakeArticle(1, 4);
    MustRecord(*archive, Ok(a_, kT0));
    Article b = a_;
    b.blocks[1].text = "고친 문단";
    b.blocks[1].publisher_hash = "edited";
    MustRecord(*archive, Ok(b, kT0 + hours(1)));
    auto verify = archive->Verify();
    ASSERT_TRUE(verify.ok());
    ASSERT_TRUE(verify->ok()) << verify->problems.front();
    EXPECT_EQ(verify->articles, 1u);
    EXPECT_EQ(verify->versions, 2u);
    EXPECT_EQ(verify->blocks, 6u);
  }
  std::vector<std::string> Problems() {
    auto archive = OpenRw(tmp_.archive());
    auto verify = archive->Verify();
    EXPECT_TRUE(verify.ok()) << verify.status().ToString();
    return verify.ok() ? verify->problems : std::vector<std::string>{"verify failed"};
  }
  static bool Mentions(const std::vector<std::string>& problems, const std::string& a, const std::string& b) {
    for (const auto& p : problems) {
      if (p.find(a) != std::string::npos && p.find(b) != std::string::npos) return true;
    }
    return false;
  }
  TempDir tmp_;
  Article a_;
};

TEST_F(TamperTest, DetectsATamperedBlock) {
  std::string hash = BlockHash(a_.blocks[2]);
  {
    RawDb raw(tmp_.archive());
    storage::pb::BlockRecord rec;
    rec.set_text("누군가 몰래 바꾼 문단");
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.Cf(keys::kBlocks), hash, rec.SerializeAsString()).ok());
  }
  auto problems = Problems();
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_TRUE(Mentions(problems, ToHex(hash), "does not hash")) << problems[0];
}

TEST_F(TamperTest, DetectsAMissingBlock) {
  std::string hash = BlockHash(a_.blocks[3]);
  {
    RawDb raw(tmp_.archive());
    ASSERT_TRUE(raw.db->Delete(rocksdb::WriteOptions(), raw.Cf(keys::kBlocks), hash).ok());
  }
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_TRUE(Mentions(problems, ToHex(hash), a_.id + " version 1")) << problems[0];
  auto archive = OpenRw(tmp_.archive());
  EXPECT_TRUE(archive->Version(a_.id, 2).status().IsCorruption());
}

TEST_F(TamperTest, DetectsACorruptVersionRecord) {
  {
    RawDb raw(tmp_.archive());
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.Cf(keys::kVersions), keys::VersionKey(a_.id, 2),
                            std::string("\xff\xff\xff\xff garbage", 12))
                    .ok());
  }
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_TRUE(Mentions(problems, a_.id + " version 2", "does not parse")) << problems[0];
  auto archive = OpenRw(tmp_.archive());
  EXPECT_TRUE(archive->Version(a_.id, 2).status().IsCorruption());
  EXPECT_TRUE(archive->Version(a_.id, 1).ok());
}

TEST_F(TamperTest, DetectsAHeadThatDisagrees) {
  {
    RawDb raw(tmp_.archive());
    ASSERT_TRUE(raw.db->Delete(rocksdb::WriteOptions(), raw.Cf(keys::kVersions), keys::VersionKey(a_.id, 2)).ok());
  }
  auto problems = Problems();
  ASSERT_FALSE(problems.empty());
  EXPECT_TRUE(Mentions(problems, a_.id, "head says 2")) << problems[0];
}

TEST(ArchiveOpenTest, RefusesANewerSchema) {
  TempDir tmp;
  OpenRw(tmp.archive()).reset();
  {
    RawDb raw(tmp.archive());
    storage::pb::MetaRecord meta;
    meta.set_schema_version(keys::kSchemaVersion + 1);
    ASSERT_TRUE(raw.db->Put(rocksdb::WriteOptions(), raw.Cf(keys::kMeta), std::string(keys::kMetaSchemaKey),
                            meta.SerializeAsString())
                    .ok());
  }
  auto rw = Archive::Open(tmp.archive(), Archive::Mode::kReadWrite);
  ASSERT_FALSE(rw.ok());
  EXPECT_EQ(rw.status().code(), Status::Code::kUnsupported);
  EXPECT_NE(rw.status().message().find("schema version 2"), std::string::npos) << rw.status().message();
  auto ro = Archive::Open(tmp.archive(), Archive::Mode::kReadOnly);
  EXPECT_EQ(ro.status().code(), Status::Code::kUnsupported);
}

TEST(ArchiveOpenTest, SecondWriterIsBusy) {
  TempDir tmp;
  auto first = OpenRw(tmp.archive());
  auto second = Archive::Open(tmp.archive(), Archive::Mode::kReadWrite);
  ASSERT_FALSE(second.ok());
  EXPECT_TRUE(second.status().IsBusy()) << second.status().ToString();
  EXPECT_EQ(second.status().message(),
            "archive " + tmp.archive() + " is held by another writer (is sinmund running?)");
  first.reset();
  EXPECT_TRUE(Archive::Open(tmp.archive(), Archive::Mode::kReadWrite).ok());
}

TEST(ArchiveOpenTest, ReadOnlyNeedsAnArchive) {
  TempDir tmp;
  auto ro = Archive::Open(tmp.archive(), Archive::Mode::kReadOnly);
  EXPECT_TRUE(ro.status().IsNotFound()) << ro.status().ToString();
  EXPECT_FALSE(std::filesystem::exists(tmp.archive()));
}

TEST(ArchiveOpenTest, WriterWithoutCreateIfMissingNeedsAnArchive) {
  TempDir tmp;
  ArchiveOptions options;
  options.create_if_missing = false;
  auto rw = Archive::Open(tmp.archive(), Archive::Mode::kReadWrite, options);
  ASSERT_FALSE(rw.ok());
  EXPECT_TRUE(rw.status().IsNotFound()) << rw.status().ToString();
  EXPECT_EQ(rw.status().message(), "no archive at " + tmp.archive());
  EXPECT_FALSE(std::filesystem::exists(tmp.archive()));
  OpenRw(tmp.archive()).reset();  // one made the usual way
  EXPECT_TRUE(Archive::Open(tmp.archive(), Archive::Mode::kReadWrite, options).ok());
}

// Every read-write open starts a new RocksDB info log and keeps the last as LOG.old.*: a
// few are kept, not one for each `sinmun ingest` ever run.
TEST(ArchiveOpenTest, OldInfoLogsAreFewHoweverOftenTheArchiveIsOpened) {
  TempDir tmp;
  auto old_logs = [&] {
    int n = 0;
    for (const auto& e : std::filesystem::directory_iterator(tmp.archive())) {
      n += e.path().filename().string().rfind("LOG.old", 0) == 0 ? 1 : 0;
    }
    return n;
  };
  for (int i = 0; i < 25; ++i) OpenRw(tmp.archive()).reset();
  EXPECT_GE(old_logs(), 1) << "the last ones are kept";
  EXPECT_LE(old_logs(), 10);
}

TEST(ArchiveOpenTest, ReaderSeesWritesWhileWriterIsOpen) {
  TempDir tmp;
  auto writer = OpenRw(tmp.archive());
  Article a = MakeArticle(1), b = MakeArticle(2);
  MustRecord(*writer, Ok(a, kT0));
  auto reader = Archive::Open(tmp.archive(), Archive::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_EQ((*reader)->Version(a.id, 1)->article, a);
  EXPECT_EQ((*reader)->Record(Ok(b, kT0)).status().code(), Status::Code::kUnsupported);

  MustRecord(*writer, Ok(b, kT0 + hours(1)));
  ASSERT_TRUE((*reader)->CatchUp().ok());
  auto head = (*reader)->Head(b.id);
  ASSERT_TRUE(head.ok()) << head.status().ToString();
  EXPECT_EQ((*reader)->Version(b.id, 1)->article, b);
  EXPECT_EQ((*reader)->List({})->size(), 2u);
}

}  // namespace
}  // namespace sinmun
