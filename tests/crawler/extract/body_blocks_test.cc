#include "crawler/extract/body_blocks.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

struct Built {
  std::unique_ptr<HtmlDocument> doc;
  BodyBlocks body;
};

Built Build(const std::string& body_html, BodyOptions options = {}) {
  Built b;
  b.doc = std::move(HtmlDocument::Parse("<html><body><div id=root>" + body_html + "</div></body></html>")).value();
  ExtractContext ctx;
  ctx.base_url = "https://www.outlet.example/news/1";
  b.body = BuildBodyBlocks(*b.doc, {b.doc->ElementById("root")}, ctx, options);
  return b;
}

std::vector<std::string> Summary(const std::vector<Block>& blocks) {
  std::vector<std::string> out;
  for (const Block& b : blocks) {
    out.push_back(std::string(BlockTypeName(b.type)) + ":" + b.text + (b.src.empty() ? "" : "@" + b.src));
  }
  return out;
}

using Strings = std::vector<std::string>;

TEST(BodyBlocksTest, PhotoBoxesKeepTheirCaptions) {
  Built b = Build(
      "<div class='photo'><img src='/a.jpg'><p class='caption'>캡션 하나</p></div>"
      "<p>첫 문단.</p>"
      "<table><tr><td><img src='//img.example/b.jpg'></td></tr><tr><td>표 안의 캡션</td></tr></table>"
      "<p><img src='/c.jpg'></p><p>▲ 세모로 시작하는 캡션</p>"
      "<p>▲즉각 이행 ▲사과 같은 목록은 본문이다.</p>"
      "<div><span class='end_photo_org'><img src='/d.jpg'><em class='img_desc'>사진 설명</em></span>"
      "사진 옆에 바로 이어진 이 문장은 충분히 길어서 본문의 문단으로 읽혀야 한다.</div>");
  EXPECT_EQ(Summary(b.body.blocks),
            (Strings{"image:캡션 하나@https://www.outlet.example/a.jpg", "paragraph:첫 문단.",
                     "image:표 안의 캡션@https://img.example/b.jpg",
                     "image:▲ 세모로 시작하는 캡션@https://www.outlet.example/c.jpg",
                     "paragraph:▲즉각 이행 ▲사과 같은 목록은 본문이다.",
                     "image:사진 설명@https://www.outlet.example/d.jpg",
                     "paragraph:사진 옆에 바로 이어진 이 문장은 충분히 길어서 본문의 문단으로 읽혀야 한다."}));
}

TEST(BodyBlocksTest, FurnitureAndLinkListsAreNotBody) {
  Built b = Build(
      "첫 문단.<br><br>둘째 문단.<br><br>"
      "<div class='ad_box'>광고 문구</div><div class='article-related'><a href='/1'>관련 하나</a> <a href='/2'>관련 둘</a></div>"
      "<ul><li><a href='/3'>많이 본 뉴스 하나</a></li><li><a href='/4'>많이 본 뉴스 둘</a></li></ul>"
      "<iframe src='https://ads.example/slot'></iframe><iframe src='https://www.youtube.com/embed/x'></iframe>"
      "<p>홍길동 기자 hong@outlet.example</p><p>[전화] 02-000-0000</p>"
      "<p>&lt;저작권자 © 아무일보 무단전재 및 재배포 금지&gt;</p>");
  EXPECT_EQ(Summary(b.body.blocks), (Strings{"paragraph:첫 문단.", "paragraph:둘째 문단.",
                                             "embed:@https://www.youtube.com/embed/x"}));
  EXPECT_EQ(b.body.bylines, Strings{"홍길동 기자 hong@outlet.example"});
}

TEST(BodyBlocksTest, AContainerWithAnUnluckyNameHoldingTheBodyIsKept) {
  // "font_size" names a toolbar word, but this element holds all of the body's text.
  Built b = Build("<div class='font_size3'><p>본문 첫 문단은 여기에 있다.</p><p>둘째 문단도.</p></div>");
  EXPECT_EQ(Summary(b.body.blocks), (Strings{"paragraph:본문 첫 문단은 여기에 있다.", "paragraph:둘째 문단도."}));
}

TEST(BodyBlocksTest, HeadlineRepeatedAndTrailingEmailAreCut) {
  BodyOptions options;
  options.title = "기사 제목";
  Built b = Build("<h1>기사 제목</h1><p>기사 제목</p><h3>소제목</h3><p>마지막 문단이다. /reporter@outlet.example</p>",
                  options);
  EXPECT_EQ(Summary(b.body.blocks), (Strings{"subheading:소제목", "paragraph:마지막 문단이다."}));
}

TEST(BodyBlocksTest, DropListAndPortalLines) {
  Built b = Build("<p>남는 문단.</p><div id='gone'><p>빠지는 문단.</p></div>");
  BodyOptions options;
  options.drop.insert(b.doc->ElementById("gone"));
  BodyBlocks again = BuildBodyBlocks(*b.doc, {b.doc->ElementById("root")}, ExtractContext{}, options);
  EXPECT_EQ(Summary(again.blocks), Strings{"paragraph:남는 문단."});

  std::vector<Block> portal(3);
  portal[0].text = "본문.";
  portal[1].text = "YTN 김이영 (kimyy0820@ytn.co.kr)";
  portal[2].text = "※ '당신의 제보가 뉴스가 됩니다'";
  std::vector<std::string> bylines;
  DropBoilerplateLines(&portal, &bylines);
  ASSERT_EQ(portal.size(), 1u);
  EXPECT_EQ(portal[0].text, "본문.");
  EXPECT_TRUE(bylines.empty());  // an address without a role word names no author
}

}  // namespace
}  // namespace sinmun
