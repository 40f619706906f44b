#include "storage/diff.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using K = BlockChange::Kind;
using W = WordOp::Kind;

Block P(std::string text, std::string pid = "") {
  Block b;
  b.text = std::move(text);
  b.publisher_id = std::move(pid);
  return b;
}

Article A(std::vector<Block> blocks, std::string title = "정부, 새 예산안 발표") {
  Article a;
  a.id = "daum:20260321214325415";
  a.title = std::move(title);
  a.authors = {"김기자"};
  a.blocks = std::move(blocks);
  return a;
}

std::vector<K> Kinds(const ArticleDiff& d) {
  std::vector<K> kinds;
  for (const auto& c : d.blocks) kinds.push_back(c.kind);
  return kinds;
}

const Block kA = P("첫째 문단은 그대로 남는다.", "1");
const Block kB = P("정부는 오늘 예산안을 발표했다.", "2");
const Block kC = P("마지막 문단도 그대로다.", "3");

TEST(DiffWordsTest, ReplacedWord) {
  std::vector<WordOp> expect = {{W::kSame, "정부는 "},
                                {W::kDeleted, "오늘"},
                                {W::kInserted, "어제"},
                                {W::kSame, " 발표했다"}};
  EXPECT_EQ(DiffWords("정부는 오늘 발표했다", "정부는 어제 발표했다"), expect);
}

TEST(DiffWordsTest, IdenticalTextIsOneSameOp) {
  std::vector<WordOp> expect = {{W::kSame, "같은 문장 ."}};
  EXPECT_EQ(DiffWords("같은 문장 .", "같은 문장 ."), expect);
  EXPECT_TRUE(DiffWords("", "").empty());
}

TEST(DiffArticlesTest, UnchangedArticleIsAllSame) {
  ArticleDiff d = DiffArticles(A({kA, kB, kC}), A({kA, kB, kC}));
  EXPECT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kSame, K::kSame}));
  EXPECT_FALSE(d.title_changed);
  EXPECT_EQ(d.added + d.removed + d.edited, 0);
}

TEST(DiffArticlesTest, EditPairedByPublisherId) {
  // The edited paragraph keeps its dmcf-pid but shares no word with its old self, and a new
  // paragraph is inserted before it: only the pid can pair them.
  Block inserted = P("새로 들어간 문단이다.");
  Block rewritten = P("완전히 다른 내용으로 바뀌었음", "2");
  Article before = A({kA, kB, kC}), after = A({kA, inserted, rewritten, kC});
  ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kAdded, K::kEdited, K::kSame}));
  EXPECT_EQ(d.blocks[1].after->text, inserted.text);
  EXPECT_FALSE(d.blocks[1].before);
  EXPECT_EQ(d.blocks[2].before->text, kB.text);
  EXPECT_EQ(d.blocks[2].after->text, rewritten.text);
  EXPECT_EQ(d.added, 1);
  EXPECT_EQ(d.edited, 1);
  EXPECT_EQ(d.removed, 0);
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kBody);
}

TEST(DiffArticlesTest, EditPairedByPosition) {
  Block b = P("정부는 오늘 발표했다"), b2 = P("정부는 어제 발표했다");
  Article before = A({P("가"), b, P("다")}), after = A({P("가"), b2, P("다")});
  ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kEdited, K::kSame}));
  std::vector<WordOp> expect = {{W::kSame, "정부는 "},
                                {W::kDeleted, "오늘"},
                                {W::kInserted, "어제"},
                                {W::kSame, " 발표했다"}};
  EXPECT_EQ(d.blocks[1].words, expect);
  EXPECT_EQ(d.edited, 1);
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kBody);
}

TEST(DiffArticlesTest, EditPairedBySimilarityNextToAnInsertion) {
  Block b2 = P("정부는 어제 예산안을 발표했다.");
  Block fresh = P("전혀 관계없는 새 단락");
  Article before = A({P("가"), kB, P("다")}), after = A({P("가"), b2, fresh, P("다")});
  ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kEdited, K::kAdded, K::kSame}));
  EXPECT_EQ(d.blocks[1].before->text, kB.text);
  EXPECT_EQ(d.blocks[2].after->text, fresh.text);
}

TEST(DiffArticlesTest, RemovedParagraphIsBody) {
  Article before = A({kA, kB, kC}), after = A({kA, kC});
  ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kRemoved, K::kSame}));
  EXPECT_EQ(d.blocks[1].before->text, kB.text);
  EXPECT_EQ(d.removed, 1);
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kBody);
}

TEST(DiffArticlesTest, AppendedCorrection) {
  Block correction = P("※ 바로잡습니다: 기사 중 수치를 정정합니다.");
  Article before = A({kA, kB, kC}), after = A({kA, kB, kC, correction});
  ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kSame, K::kSame, K::kAdded}));
  EXPECT_EQ(d.added, 1);
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kCorrectionAppended);
}

// Whether a version appended blocks, whatever its class: a headline change or an edit with
// a correction at the end does; an ending rewritten, or an insertion, does not.
TEST(DiffArticlesTest, AppendsBlocksWhateverElseChanged) {
  const Block correction = P("※ 바로잡습니다: 기사 중 수치를 정정합니다.");
  const Article before = A({kA, kB, kC});
  auto appends = [&](const Article& after) { return AppendsBlocks(DiffArticles(before, after)); };
  EXPECT_TRUE(appends(A({kA, kB, kC, correction})));
  EXPECT_TRUE(appends(A({kA, kB, kC, correction}, "정부, 예산안 다시 발표")));  // class headline
  EXPECT_TRUE(appends(A({kA, P("정부는 어제 예산안을 발표했다."), kC, correction})));  // class body
  EXPECT_FALSE(appends(A({kA, kB, kC})));
  EXPECT_FALSE(appends(A({kA, P("중간에 끼어든 문단"), kB, kC})));
  EXPECT_FALSE(appends(A({kA, P("완전히 새로 쓴 결말 하나."), P("새로 쓴 결말 둘."), P("새로 쓴 결말 셋.")})))
      << "the ending rewritten: removed, then added";
  EXPECT_FALSE(appends(A({correction})));  // nothing shared
}

TEST(DiffArticlesTest, InsertionInTheMiddleIsBodyNotCorrection) {
  Article before = A({kA, kC}), after = A({kA, P("중간에 끼어든 문단"), kC});
  ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kAdded, K::kSame}));
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kBody);
}

TEST(DiffArticlesTest, HeadlineChange) {
  Article before = A({kA}, "정부, 새 예산안 발표"), after = A({kA}, "정부, 수정 예산안 발표");
  ArticleDiff d = DiffArticles(before, after);
  EXPECT_TRUE(d.title_changed);
  EXPECT_EQ(d.title_before, "정부, 새 예산안 발표");
  EXPECT_EQ(d.title_after, "정부, 수정 예산안 발표");
  std::vector<WordOp> expect = {{W::kSame, "정부, "},
                                {W::kDeleted, "새"},
                                {W::kInserted, "수정"},
                                {W::kSame, " 예산안 발표"}};
  EXPECT_EQ(d.title_words, expect);
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kHeadline);
}

TEST(DiffArticlesTest, HeadlineOutranksBody) {
  Article before = A({kA, kB}, "옛 제목"), after = A({kA}, "새 제목");
  EXPECT_EQ(ClassifyChange(before, after, DiffArticles(before, after)), ChangeClass::kHeadline);
}

TEST(DiffArticlesTest, WhitespaceAndPunctuationEditIsMinor) {
  Block b = P("서울, 3월 21일 정부 발표"), b2 = P("서울 3월 21일 정부 발표.");
  Article before = A({kA, b}, "정부 발표"), after = A({kA, b2}, "정부 발표!");
  ArticleDiff d = DiffArticles(before, after);
  ASSERT_EQ(Kinds(d), (std::vector<K>{K::kSame, K::kEdited}));
  std::vector<WordOp> expect = {{W::kSame, "서울"},
                                {W::kDeleted, ","},
                                {W::kSame, " 3월 21일 정부 발표"},
                                {W::kInserted, "."}};
  EXPECT_EQ(d.blocks[1].words, expect);
  EXPECT_TRUE(d.title_changed);
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kMinor);
}

TEST(DiffArticlesTest, BylineOnly) {
  Article before = A({kA}), after = A({kA});
  after.authors = {"김기자", "이기자"};
  ArticleDiff d = DiffArticles(before, after);
  EXPECT_TRUE(d.authors_changed);
  EXPECT_EQ(ClassifyChange(before, after, d), ChangeClass::kByline);
}

TEST(DiffArticlesTest, CorrectionOutranksByline) {
  Article before = A({kA}), after = A({kA, P("추가 문단")});
  after.authors = {"이기자"};
  EXPECT_EQ(ClassifyChange(before, after, DiffArticles(before, after)),
            ChangeClass::kCorrectionAppended);
}

TEST(ChangeClassTest, NamesRoundTrip) {
  for (auto c : {ChangeClass::kNew, ChangeClass::kHeadline, ChangeClass::kBody, ChangeClass::kByline,
                 ChangeClass::kCorrectionAppended, ChangeClass::kMinor, ChangeClass::kDeleted,
                 ChangeClass::kRestored}) {
    EXPECT_EQ(ParseChangeClass(ChangeClassName(c)), c);
  }
  EXPECT_EQ(ChangeClassName(ChangeClass::kCorrectionAppended), "correction");
  EXPECT_FALSE(ParseChangeClass("bogus"));
}

}  // namespace
}  // namespace sinmun
