#include "common/hash.h"

#include <gtest/gtest.h>

#include "common/article.h"

namespace sinmun {
namespace {

TEST(HashTest, Sha256OfKnownVectors) {
  EXPECT_EQ(ToHex(Sha256("")),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(ToHex(Sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST(HashTest, HexRoundTrip) {
  std::string bytes;
  ASSERT_TRUE(FromHex("00ff10", &bytes));
  EXPECT_EQ(bytes, std::string("\x00\xff\x10", 3));
  EXPECT_FALSE(FromHex("0", &bytes));
  EXPECT_FALSE(FromHex("zz", &bytes));
}

TEST(BlockHashTest, TextBlocksHashTheirTextImagesAlsoTheirSource) {
  Block p{BlockType::kParagraph, "abc"};
  EXPECT_EQ(BlockHash(p), Sha256("abc"));
  Block a{BlockType::kImage, "사진", "https://img/a.jpg"};
  Block b{BlockType::kImage, "사진", "https://img/b.jpg"};
  EXPECT_NE(BlockHash(a), BlockHash(b));
  EXPECT_EQ(BlockHash(a), Sha256("사진\x1fhttps://img/a.jpg"));
}

}  // namespace
}  // namespace sinmun
