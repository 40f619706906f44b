// Gunzip against gzip files made by zlib (tests/support: Gzip, GzipOfZeros), with the
// exact bytes each must give, and the limit that stops a gzip bomb.
#include "crawler/discover/gzip.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/support/loopback_server.h"

namespace sinmun {
namespace {

using test_support::Gzip;
using test_support::GzipOfZeros;

TEST(GunzipTest, GivesBackTheBytes) {
  const std::string xml = "<?xml version=\"1.0\"?><urlset><url><loc>https://a.example/1</loc>"
                          "</url></urlset>";
  const std::string gz = Gzip(xml);
  EXPECT_TRUE(LooksGzipped(gz));
  EXPECT_FALSE(LooksGzipped(xml));
  Result<std::string> out = Gunzip(gz, 1 << 20);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, xml);
}

TEST(GunzipTest, ReadsConcatenatedMembers) {
  Result<std::string> out = Gunzip(Gzip("<urlset>") + Gzip("</urlset>"), 1 << 20);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "<urlset></urlset>");
  // Bytes after the last member that are no member are ignored, as gunzip does.
  out = Gunzip(Gzip("<a/>") + std::string("\0\0\0", 3), 1 << 20);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, "<a/>");
}

TEST(GunzipTest, RefusesABombAtTheLimit) {
  // 64 MiB of zeros is ~64 KiB of gzip: refused once the output passes 1 MiB.
  Result<std::string> out = Gunzip(GzipOfZeros(64u << 20), 1u << 20);
  ASSERT_FALSE(out.ok());
  EXPECT_EQ(out.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(out.status().message().find("more than 1048576 bytes"), std::string::npos)
      << out.status().message();
  // Exactly at the limit is fine.
  out = Gunzip(GzipOfZeros(4096), 4096);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  EXPECT_EQ(*out, std::string(4096, '\0'));
}

TEST(GunzipTest, RefusesBrokenInput) {
  const std::string gz = Gzip(std::string(10'000, 'x'));
  Result<std::string> truncated = Gunzip(gz.substr(0, gz.size() / 2), 1 << 20);
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("truncated"), std::string::npos)
      << truncated.status().message();

  std::string corrupt = gz;
  corrupt[12] = static_cast<char>(corrupt[12] ^ 0xFF);
  corrupt[13] = static_cast<char>(corrupt[13] ^ 0xFF);
  Result<std::string> bad = Gunzip(corrupt, 1 << 20);
  EXPECT_FALSE(bad.ok());

  EXPECT_FALSE(Gunzip("", 1 << 20).ok());
  EXPECT_FALSE(Gunzip("<rss/>", 1 << 20).ok());
  EXPECT_FALSE(Gunzip(std::string("\x1f\x8b", 2), 1 << 20).ok());
}

}  // namespace
}  // namespace sinmun
