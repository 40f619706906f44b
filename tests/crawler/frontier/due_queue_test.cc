#include "crawler/frontier/due_queue.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

Instant At(long long s) { return Instant(std::chrono::seconds(s)); }

Task Article(const std::string& url, long long due) {
  Task t;
  t.url = url;
  t.due = At(due);
  return t;
}

TEST(DueQueueTest, PopsInDueOrderOnlyWhenDue) {
  DueQueue q;
  q.Upsert(Article("http://a/3", 30));
  q.Upsert(Article("http://a/1", 10));
  q.Upsert(Article("http://a/2", 20));
  EXPECT_EQ(q.NextDue(), At(10));
  EXPECT_FALSE(q.PopDue(At(9)));
  EXPECT_EQ(q.PopDue(At(25))->url, "http://a/1");
  EXPECT_EQ(q.PopDue(At(25))->url, "http://a/2");
  EXPECT_FALSE(q.PopDue(At(25)));
  EXPECT_EQ(q.size(), 1u);
}

TEST(DueQueueTest, UpsertReplacesTheTaskForAUrl) {
  DueQueue q;
  q.Upsert(Article("http://a/1", 10));
  q.Upsert(Article("http://a/1", 50));
  EXPECT_EQ(q.size(), 1u);
  EXPECT_FALSE(q.PopDue(At(20)));
  EXPECT_EQ(q.Find("http://a/1")->due, At(50));
  q.Remove("http://a/1");
  EXPECT_FALSE(q.Contains("http://a/1"));
  EXPECT_FALSE(q.NextDue());
}

}  // namespace
}  // namespace sinmun
