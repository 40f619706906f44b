// The one rule for "same content" (storage/content.h) and the fast path's digest.
#include "storage/content.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

Article MakeArticle() {
  Article a;
  a.id = "naver:001:0000000001";
  a.url = "https://n.news.naver.com/mnews/article/001/0000000001";
  a.portal = "naver";
  a.source = "naver-politics";
  a.press = "연합뉴스";
  a.section = "정치";
  a.title = "국회, 예산안 처리";
  a.subtitle = "여야 합의";
  a.authors = {"홍길동"};
  a.published = Instant(std::chrono::seconds(1774097005));
  a.origin_url = "https://www.yna.co.kr/view/AKR1";
  a.encoding = "UTF-8";
  Block p;
  p.text = "국회는 오늘 본회의에서 예산안을 처리했다.";
  p.publisher_hash = "h1";
  p.publisher_id = "1";
  Block image;
  image.type = BlockType::kImage;
  image.text = "본회의장";
  image.src = "https://imgnews.pstatic.net/1.jpg";
  image.publisher_hash = "h2";
  a.blocks = {p, image};
  return a;
}

TEST(SameContentTest, WhatIsNotContentMakesNoDifference) {
  const Article a = MakeArticle();
  Article b = a;
  b.url = "https://n.news.naver.com/article/001/0000000001?sid=100";
  b.source = "another-source";
  b.encoding = "EUC-KR";
  b.modified = Instant(std::chrono::seconds(1774100000));
  b.blocks[0].publisher_hash = "other";
  b.blocks[0].publisher_id = "9";
  EXPECT_TRUE(SameContent(a, b));
}

TEST(SameContentTest, EveryContentFieldCounts) {
  const Article a = MakeArticle();
  std::vector<std::pair<const char*, void (*)(Article&)>> edits = {
      {"title", [](Article& x) { x.title += "!"; }},
      {"subtitle", [](Article& x) { x.subtitle.clear(); }},
      {"authors", [](Article& x) { x.authors.push_back("김철수"); }},
      {"press", [](Article& x) { x.press = "뉴시스"; }},
      {"section", [](Article& x) { x.section = "사회"; }},
      {"published", [](Article& x) { x.published.reset(); }},
      {"origin_url", [](Article& x) { x.origin_url.clear(); }},
      {"block text", [](Article& x) { x.blocks[0].text += " 추가"; }},
      {"block type", [](Article& x) { x.blocks[0].type = BlockType::kSubheading; }},
      {"image src", [](Article& x) { x.blocks[1].src = "https://imgnews.pstatic.net/2.jpg"; }},
      {"block order", [](Article& x) { std::swap(x.blocks[0], x.blocks[1]); }},
      {"block count", [](Article& x) { x.blocks.pop_back(); }},
  };
  for (const auto& [what, edit] : edits) {
    Article b = a;
    edit(b);
    EXPECT_FALSE(SameContent(a, b)) << what;
    EXPECT_FALSE(SameContent(b, a)) << what;
  }
}

TEST(SameContentTest, RefsStandForTheBlocks) {
  const Article a = MakeArticle();
  Article meta_only = a;
  meta_only.blocks.clear();  // a stored version whose texts were not loaded
  std::vector<BlockRef> refs = BlockRefsOf(a);
  EXPECT_TRUE(SameContent(meta_only, refs, a, BlockRefsOf(a)));
  refs[0].hash = std::string(32, 'x');
  EXPECT_FALSE(SameContent(meta_only, refs, a, BlockRefsOf(a)));
}

TEST(FastKeyTest, CoversTitleSubtitleAuthorsAndPublisherHashes) {
  const Article a = MakeArticle();
  const std::string key = FastKey(a);
  EXPECT_EQ(key.size(), 32u);
  Article same = a;
  same.blocks[0].text = "본문만 바뀌고 contents-hash는 그대로";  // the publisher's hash stands for it
  EXPECT_EQ(FastKey(same), key);
  for (void (*edit)(Article&) :
       {+[](Article& x) { x.title += "!"; }, +[](Article& x) { x.subtitle += "!"; },
        +[](Article& x) { x.authors.clear(); }, +[](Article& x) { x.blocks[1].publisher_hash = "h3"; }}) {
    Article b = a;
    edit(b);
    EXPECT_NE(FastKey(b), key);
  }
}

TEST(FastKeyTest, EmptyWithoutPublisherHashesOrBlocks) {
  Article a = MakeArticle();
  a.blocks[1].publisher_hash.clear();
  EXPECT_EQ(FastKey(a), "");
  a.blocks.clear();
  EXPECT_EQ(FastKey(a), "");
}

}  // namespace
}  // namespace sinmun
