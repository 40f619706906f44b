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

TEST(TaskTest, ListedTimeAndValidatorsRoundTrip) {
  Task a{TaskKind::kArticle, "https://www.yna.co.kr/view/AKR20260321000100001", "yonhap",
         Instant(std::chrono::seconds(1793579400)), 0, 0};
  a.listed_published = Instant(std::chrono::seconds(1774097005));
  EXPECT_EQ(EncodeTask(a),
            "2\ta\t1793579400\t0\t0\t1774097005\t\t\tyonhap\t"
            "https://www.yna.co.kr/view/AKR20260321000100001");
  EXPECT_EQ(DecodeTask(EncodeTask(a)), a);
  Task s{TaskKind::kSource, "https://rss.donga.com/total.xml", "donga", Instant{}, 0, 0};
  s.etag = "W/\"5f3a-1\"";
  s.last_modified = "Sat, 21 Mar 2026 12:43:25 GMT";
  EXPECT_EQ(EncodeTask(s), "2\ts\t0\t0\t0\t\tW/\"5f3a-1\"\tSat, 21 Mar 2026 12:43:25 GMT\t"
                           "donga\thttps://rss.donga.com/total.xml");
  EXPECT_EQ(DecodeTask(EncodeTask(s)), s);
  // A validator with a tab cannot be written; the task still is, without it.
  s.etag = "bad\tetag";
  std::optional<Task> back = DecodeTask(EncodeTask(s));
  ASSERT_TRUE(back);
  EXPECT_EQ(back->etag, "");
  EXPECT_EQ(back->last_modified, s.last_modified);
}

TEST(TaskTest, RejectsDamagedRecords) {
  EXPECT_FALSE(DecodeTask("2\ta\t1\t0\t0\tsoon\t\t\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("2\ta\t1\t0\t0\t\t\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask(""));
  EXPECT_FALSE(DecodeTask("2\ta\t1\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\tq\t1\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\ta\tnope\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\ta\t1\t0\t0\tx\t"));
  EXPECT_FALSE(DecodeTask("1\ta\t1\t0\t0\tx"));
}

}  // namespace
}  // namespace sinmun
