#include "crawler/frontier/task.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using std::chrono::seconds;

TEST(TaskTest, RoundTripsEveryField) {
  Task t;
  t.kind = TaskKind::kArticle;
  t.url = "https://v.daum.net/v/20261102093000123";
  t.source = "daum-politics";
  t.due = Instant(seconds(1793579400));
  t.step = 3;
  t.failures = 1;
  t.etag = "W/\"abc\"";
  t.last_modified = "Mon, 02 Nov 2026 00:30:00 GMT";
  t.listed_published = Instant(seconds(1793579000));
  t.held = "https://v.daum.net/robots.txt: \"User-agent: *\" \"Disallow: /v/\"";
  const std::string bytes = EncodeTask(t);
  EXPECT_FALSE(IsLegacyTask(bytes));
  EXPECT_EQ(DecodeTask(bytes), t);
  Task s{TaskKind::kSource, "https://news.naver.com/section/100", "naver", Instant{}, 0, 0};
  EXPECT_EQ(DecodeTask(EncodeTask(s)), s);
}

// What release 0.1 wrote; read and converted on open.
TEST(TaskTest, ReadsTheTabSeparatedFormOfRelease01) {
  const std::string legacy = "1\ta\t1793579400\t3\t1\tdaum-politics\thttps://v.daum.net/v/20261102093000123";
  ASSERT_TRUE(IsLegacyTask(legacy));
  std::optional<Task> t = DecodeTask(legacy);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->kind, TaskKind::kArticle);
  EXPECT_EQ(t->url, "https://v.daum.net/v/20261102093000123");
  EXPECT_EQ(t->source, "daum-politics");
  EXPECT_EQ(t->due, Instant(seconds(1793579400)));
  EXPECT_EQ(t->step, 3u);
  EXPECT_EQ(t->failures, 1u);
  EXPECT_EQ(t->etag, "");
  std::optional<Task> s = DecodeTask("1\ts\t0\t0\t0\tnaver\thttps://news.naver.com/section/100");
  ASSERT_TRUE(s);
  EXPECT_EQ(s->kind, TaskKind::kSource);
}

TEST(TaskTest, RejectsDamagedRecords) {
  EXPECT_FALSE(DecodeTask(""));
  EXPECT_FALSE(DecodeTask("2\ta\t1\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\tq\t1\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\ta\tnope\t0\t0\tx\thttp://a/"));
  EXPECT_FALSE(DecodeTask("1\ta\t1\t0\t0\tx\t"));
  EXPECT_FALSE(DecodeTask("1\ta\t1\t0\t0\tx"));
  EXPECT_FALSE(DecodeTask("\xff\xff\xff"));
  std::string no_url = EncodeTask(Task{});
  EXPECT_FALSE(DecodeTask(no_url));
  // A record of a newer format is not guessed at.
  Task t{TaskKind::kArticle, "https://a.example/", "s", Instant{}, 0, 0};
  std::string newer = EncodeTask(t);
  ASSERT_EQ(newer[0], '\x08');  // field 1 (format), varint
  newer[1] = static_cast<char>(kTaskFormat + 1);
  EXPECT_FALSE(DecodeTask(newer));
}

}  // namespace
}  // namespace sinmun
