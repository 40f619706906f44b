// The decision step of Archive::Record, on plain values: no archive, no RocksDB.
#include "storage/record_decision.h"

#include <gtest/gtest.h>

#include "common/hash.h"

namespace sinmun {
namespace {

Block Para(std::string text, bool with_publisher_hash = true) {
  Block b;
  b.text = std::move(text);
  if (with_publisher_hash) b.publisher_hash = ToHex(Sha256(b.text)).substr(0, 16);
  return b;
}

Article MakeArticle(bool with_publisher_hashes = true) {
  Article a;
  a.id = "daum:20260321214325415";
  a.url = "https://v.daum.net/v/20260321214325415";
  a.portal = "daum";
  a.title = "정부, 새 예산안 발표";
  a.authors = {"김기자"};
  a.blocks = {Para("첫째 문단은 그대로 남는다.", with_publisher_hashes),
              Para("정부는 오늘 예산안을 발표했다.", with_publisher_hashes),
              Para("마지막 문단도 그대로다.", with_publisher_hashes)};
  return a;
}

Fetch FetchOf(int status, std::optional<Article> article) {
  Fetch f;
  f.url = "https://v.daum.net/v/20260321214325415";
  f.http_status = status;
  f.article = std::move(article);
  return f;
}

// Decide for kCompare (or kRestore) of `fetched` against `latest`, then AddDiff when the
// decision asks for it. Decide sees the latest version without its block texts, as Record
// gives it.
Decision Compare(const Article& latest, const Article& fetched, Triage triage = Triage::kCompare,
                 bool reextraction = false) {
  std::vector<BlockRef> latest_refs = BlockRefsOf(latest), fetched_refs = BlockRefsOf(fetched);
  Article latest_meta = latest;
  latest_meta.blocks.clear();
  Decision d = Decide(DecisionInput{triage, reextraction, &fetched, fetched_refs, &latest_meta, latest_refs});
  if (d.needs_diff) AddDiff(d, latest, fetched);
  return d;
}

TEST(CheckFetchTest, RefusesWhatCannotBeRecorded) {
  EXPECT_TRUE(CheckFetch(FetchOf(200, MakeArticle())).ok());
  EXPECT_TRUE(CheckFetch(FetchOf(404, std::nullopt)).ok());
  EXPECT_TRUE(CheckFetch(FetchOf(304, std::nullopt)).ok());
  EXPECT_EQ(CheckFetch(FetchOf(500, std::nullopt)).code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(CheckFetch(FetchOf(200, std::nullopt)).code(), Status::Code::kInvalidArgument);
  Article no_id = MakeArticle();
  no_id.id.clear();  // the URL names a Daum article, but identity is the extractor's to say
  EXPECT_EQ(CheckFetch(FetchOf(200, no_id)).code(), Status::Code::kInvalidArgument);
  Article nul = MakeArticle();
  nul.id = std::string("url:a\0b", 7);
  EXPECT_EQ(CheckFetch(FetchOf(200, nul)).code(), Status::Code::kInvalidArgument);
}

TEST(TriageTest, FromTheHeadAlone) {
  const Article a = MakeArticle();
  const HeadFacts none;
  const HeadFacts live{true, false, FastKey(a)};
  const HeadFacts deleted{true, true, FastKey(a)};
  EXPECT_EQ(TriageFetch(none, 200, &a), Triage::kNew);
  EXPECT_EQ(TriageFetch(none, 304, nullptr), Triage::kUnknownArticle);
  EXPECT_EQ(TriageFetch(none, 404, nullptr), Triage::kUnknownArticle);
  EXPECT_EQ(TriageFetch(none, 410, nullptr), Triage::kUnknownArticle);
  EXPECT_EQ(TriageFetch(live, 304, nullptr), Triage::kUnchanged);
  EXPECT_EQ(TriageFetch(live, 404, nullptr), Triage::kDelete);
  EXPECT_EQ(TriageFetch(live, 410, nullptr), Triage::kDelete);
  EXPECT_EQ(TriageFetch(deleted, 404, nullptr), Triage::kUnchanged);
  EXPECT_EQ(TriageFetch(deleted, 304, nullptr), Triage::kUnchanged);
  EXPECT_EQ(TriageFetch(deleted, 200, &a), Triage::kRestore);
  EXPECT_EQ(TriageFetch(live, 200, &a), Triage::kUnchanged) << "same fast key: no block hashed";
  Article edited = a;
  edited.title = "정부, 새 예산안 철회";
  EXPECT_EQ(TriageFetch(live, 200, &edited), Triage::kCompare);
}

TEST(TriageTest, NoFastKeyAlwaysCompares) {
  const Article plain = MakeArticle(/*with_publisher_hashes=*/false);
  ASSERT_EQ(FastKey(plain), "");
  // An empty key in the head never matches an empty key of the fetch.
  EXPECT_EQ(TriageFetch(HeadFacts{true, false, ""}, 200, &plain), Triage::kCompare);
}

TEST(DecideTest, FirstFetchIsNew) {
  const Article a = MakeArticle();
  Decision d = Decide(DecisionInput{Triage::kNew, false, &a, {}, nullptr, {}});
  EXPECT_EQ(d.outcome, Outcome::kNew);
  EXPECT_EQ(d.change_class, ChangeClass::kNew);
  EXPECT_EQ(d.added, 3);
  EXPECT_FALSE(d.diff.has_value());
}

TEST(DecideTest, UnchangedAndDeletedNeedNoContent) {
  Decision unchanged = Decide(DecisionInput{Triage::kUnchanged, false, nullptr, {}, nullptr, {}});
  EXPECT_EQ(unchanged.outcome, Outcome::kUnchanged);
  EXPECT_FALSE(unchanged.change_class.has_value());
  Decision deleted = Decide(DecisionInput{Triage::kDelete, false, nullptr, {}, nullptr, {}});
  EXPECT_EQ(deleted.outcome, Outcome::kDeleted);
  EXPECT_EQ(deleted.change_class, ChangeClass::kDeleted);
  EXPECT_EQ(deleted.added + deleted.removed + deleted.edited, 0);
}

TEST(DecideTest, SameContentMakesNoVersion) {
  const Article a = MakeArticle();
  Article b = a;
  b.url = "https://v.daum.net/v/20260321214325415?from=feed";  // not content
  b.encoding = "EUC-KR";
  b.modified = Instant(std::chrono::seconds(1774100000));
  for (Block& block : b.blocks) block.publisher_hash += "x";  // the publisher's ids are not content
  Decision d = Compare(a, b);
  EXPECT_EQ(d.outcome, Outcome::kUnchanged);
  EXPECT_FALSE(d.change_class.has_value());
  EXPECT_FALSE(d.needs_diff) << "no block text is read for an unchanged refetch";
  EXPECT_TRUE(d.refresh_fast_key);
}

TEST(DecideTest, AChangeNeedsTheDiffToBeClassified) {
  const Article a = MakeArticle();
  Article b = a;
  b.title = "정부, 새 예산안 철회";
  std::vector<BlockRef> refs = BlockRefsOf(a);
  Decision d = Decide(DecisionInput{Triage::kCompare, false, &b, refs, &a, refs});
  EXPECT_EQ(d.outcome, Outcome::kChanged);
  EXPECT_TRUE(d.needs_diff);
  EXPECT_FALSE(d.change_class.has_value()) << "classified by the diff";
  AddDiff(d, a, b);
  EXPECT_EQ(d.change_class, ChangeClass::kHeadline);
  ASSERT_TRUE(d.diff.has_value());
  EXPECT_TRUE(d.diff->title_changed);
}

TEST(DecideTest, EditsAreClassified) {
  const Article a = MakeArticle();
  Article headline = a;
  headline.title = "정부, 새 예산안 철회";
  Decision d = Compare(a, headline);
  EXPECT_EQ(d.outcome, Outcome::kChanged);
  EXPECT_EQ(d.change_class, ChangeClass::kHeadline);
  ASSERT_TRUE(d.diff.has_value());
  EXPECT_TRUE(d.diff->title_changed);

  Article body = a;
  body.blocks[1] = Para("정부는 어제 예산안을 발표했다.");
  d = Compare(a, body);
  EXPECT_EQ(d.change_class, ChangeClass::kBody);
  EXPECT_EQ(d.edited, 1);
  EXPECT_EQ(d.added + d.removed, 0);

  Article appended = a;
  appended.blocks.push_back(Para("[정정] 예산 규모를 바로잡습니다."));
  d = Compare(a, appended);
  EXPECT_EQ(d.change_class, ChangeClass::kCorrectionAppended);
  EXPECT_EQ(d.added, 1);
}

TEST(DecideTest, ReextractionIsItsOwnClass) {
  const Article a = MakeArticle();
  Article b = a;
  b.blocks.pop_back();
  Decision d = Compare(a, b, Triage::kCompare, /*reextraction=*/true);
  EXPECT_EQ(d.outcome, Outcome::kChanged);
  EXPECT_EQ(d.change_class, ChangeClass::kReextracted);
  EXPECT_EQ(d.removed, 1);
  EXPECT_EQ(Compare(a, a, Triage::kCompare, true).outcome, Outcome::kUnchanged);
}

TEST(DecideTest, RestoredEvenWithTheSameContent) {
  const Article a = MakeArticle();
  Decision d = Compare(a, a, Triage::kRestore);
  EXPECT_EQ(d.outcome, Outcome::kRestored);
  EXPECT_EQ(d.change_class, ChangeClass::kRestored);
  ASSERT_TRUE(d.diff.has_value());
  EXPECT_EQ(d.added + d.removed + d.edited, 0);
  Article changed = a;
  changed.blocks[0] = Para("복원된 기사의 첫 문단이 달라졌다.");
  d = Compare(a, changed, Triage::kRestore);
  EXPECT_EQ(d.change_class, ChangeClass::kRestored);
  EXPECT_EQ(d.edited, 1);
}

}  // namespace
}  // namespace sinmun
