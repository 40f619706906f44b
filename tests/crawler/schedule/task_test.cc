#include "crawler/schedule/task.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

TEST(TaskTest, RoundTrips) {
  Task t{TaskKind::kArticle, "https://v.daum.net/v/20261102093000123", "daum-politics",
         Instant(std::chrono::seconds(1793579400)), 3, 1};
  EXPECT_EQ(EncodeTask(t),
            "1\ta\t1793579400\t3\t1\tdaum-politics\thttps://v.daum.net/v/20261102093000123");
  EXPECT_EQ(DecodeTask(EncodeTask(t)), t);
  Task s{TaskKind::kSource, "https://news.naver.com/section/100", "naver", Instant{}, 0, 0};
  EXPECT_EQ(DecodeTask(EncodeTask(s)), s);
}

TEST(TaskTest, RejectsDamagedRecords) {
  EXPECT_FALSE(DecodeTask(""));
  EXPECT_FALSE(DecodeTask("2\ta\t1\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\tq\t1\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\ta\tnope\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\ta\t1\t0\t0\tx\t"));
  EXPECT_FALSE(DecodeTask("1\ta\t1\t0\t0\tx"));
}

}  // namespace
}  // namespace sinmun
