#include "crawler/frontier/source_status.h"

#include <gtest/gtest.h>

namespace sinmun {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const Instant kT0{std::chrono::seconds(1'790'000'000)};

PollOutcome Listing(uint64_t found, uint64_t fresh, uint64_t known) {
  PollOutcome p;
  p.found = found;
  p.fresh = fresh;
  p.known = known;
  return p;
}

PollOutcome Trouble(SourceState state, std::string detail) {
  PollOutcome p;
  p.listing = state;
  p.detail = std::move(detail);
  return p;
}

TEST(SourceStateTest, NamesRoundTrip) {
  for (size_t i = 0; i < kSourceStateCount; ++i) {
    const auto s = static_cast<SourceState>(i);
    EXPECT_EQ(ParseSourceState(SourceStateName(s)), s);
  }
  EXPECT_EQ(SourceStateName(SourceState::kRobotsDisallowed), "robots-disallowed");
  EXPECT_FALSE(ParseSourceState("fine"));
}

TEST(SourceBoardTest, NeverOkWhileTheSourceYieldsNoArticles) {
  SourceBoard b;
  b.SetSources({"feed"});
  EXPECT_EQ(b.Get("feed", kT0).state, SourceState::kPending);
  b.Polled("feed", kT0, Listing(5, 5, 0));
  EXPECT_EQ(b.Get("feed", kT0).state, SourceState::kPending) << "links queued, none archived";
  b.ArticleArchived("feed", kT0 + minutes(1));
  SourceStatus s = b.Get("feed", kT0 + minutes(1));
  EXPECT_EQ(s.state, SourceState::kOk);
  EXPECT_EQ(s.detail, "");
  EXPECT_EQ(s.found_24h, 5u);
  EXPECT_EQ(s.new_24h, 5u);
  EXPECT_EQ(s.archived_24h, 1u);
  EXPECT_EQ(s.last_poll, kT0);
}

TEST(SourceBoardTest, AListingOfArticlesAlreadyArchivedIsOk) {
  SourceBoard b;
  b.SetSources({"daum"});
  b.Polled("daum", kT0, Listing(30, 0, 30));
  EXPECT_EQ(b.Get("daum", kT0).state, SourceState::kOk);
}

TEST(SourceBoardTest, TheListingsOwnTroubleWins) {
  SourceBoard b;
  b.SetSources({"naver"});
  b.Polled("naver", kT0, Trouble(SourceState::kRobotsDisallowed,
                                 "https://news.naver.com/robots.txt: \"User-agent: *\" \"Disallow: /\""));
  SourceStatus s = b.Get("naver", kT0);
  EXPECT_EQ(s.state, SourceState::kRobotsDisallowed);
  EXPECT_EQ(s.detail, "https://news.naver.com/robots.txt: \"User-agent: *\" \"Disallow: /\"");
  b.Polled("naver", kT0 + minutes(2), Trouble(SourceState::kUnreachable, "Could not resolve host: news.naver.com"));
  EXPECT_EQ(b.Get("naver", kT0).state, SourceState::kUnreachable);
  b.Polled("naver", kT0 + minutes(4), Listing(0, 0, 0));
  EXPECT_EQ(b.Get("naver", kT0).state, SourceState::kNoLinks);
}

TEST(SourceBoardTest, EveryArticleRefusedIsArticlesRefused) {
  SourceBoard b;
  b.SetSources({"feed"});
  b.Polled("feed", kT0, Listing(3, 3, 0));
  b.ArticleRefused("feed", kT0, "https://a.example/robots.txt: \"User-agent: *\" \"Disallow: /news/\"");
  SourceStatus s = b.Get("feed", kT0);
  EXPECT_EQ(s.state, SourceState::kArticlesRefused);
  EXPECT_EQ(s.detail, "https://a.example/robots.txt: \"User-agent: *\" \"Disallow: /news/\"");
  // A poll that finds the same (held) links again changes nothing.
  b.Polled("feed", kT0 + minutes(5), Listing(3, 0, 0));
  EXPECT_EQ(b.Get("feed", kT0).state, SourceState::kArticlesRefused);
  b.ArticleArchived("feed", kT0 + minutes(6));
  EXPECT_EQ(b.Get("feed", kT0 + minutes(6)).state, SourceState::kOk);
}

TEST(SourceBoardTest, ParserHealthMakesItParserFailing) {
  SourceBoard b;
  b.SetSources({"daum"});
  b.Polled("daum", kT0, Listing(10, 0, 10));
  b.ParserHealth("daum", true, "9 of the last 10 article pages yielded no article");
  EXPECT_EQ(b.Get("daum", kT0).state, SourceState::kParserFailing);
  b.ParserHealth("daum", false, "");
  EXPECT_EQ(b.Get("daum", kT0).state, SourceState::kOk);
}

TEST(SourceBoardTest, ChangesAreHandedOutOnce) {
  SourceBoard b;
  b.SetSources({"a", "b"});
  b.Polled("a", kT0, Trouble(SourceState::kHttpError, "HTTP 503"));
  auto changed = b.TakeChanged(kT0);
  ASSERT_EQ(changed.size(), 1u);
  EXPECT_EQ(changed[0].first, "a");
  EXPECT_EQ(changed[0].second.detail, "HTTP 503");
  b.Polled("a", kT0 + minutes(1), Trouble(SourceState::kHttpError, "HTTP 503"));
  EXPECT_TRUE(b.TakeChanged(kT0).empty()) << "the same cause again is no change";
  b.Polled("a", kT0 + minutes(2), Trouble(SourceState::kHttpError, "HTTP 502"));
  EXPECT_EQ(b.TakeChanged(kT0).size(), 1u);
  auto counts = b.Counts();
  EXPECT_EQ(counts[SourceState::kHttpError], 1u);
  EXPECT_EQ(counts[SourceState::kPending], 1u);
}

TEST(SourceBoardTest, CountersCoverTheLast24Hours) {
  SourceBoard b;
  b.SetSources({"feed"});
  b.Polled("feed", kT0, Listing(4, 4, 0));
  b.Polled("feed", kT0 + hours(23), Listing(2, 1, 1));
  EXPECT_EQ(b.Get("feed", kT0 + hours(23)).found_24h, 6u);
  EXPECT_EQ(b.Get("feed", kT0 + hours(25)).found_24h, 2u);
  EXPECT_EQ(b.Get("feed", kT0 + hours(25)).new_24h, 1u);
  EXPECT_EQ(b.Get("feed", kT0 + hours(48)).found_24h, 0u);
}

TEST(SourceBoardTest, RemovedSourcesAreForgottenAndRestoredOnesKeepTheirState) {
  SourceBoard b;
  b.SetSources({"a"});
  SourceRecord kept;
  kept.status.state = SourceState::kRobotsDisallowed;
  kept.status.detail = "x";
  b.Restore("a", kept);
  EXPECT_EQ(b.Get("a", kT0).state, SourceState::kRobotsDisallowed);
  b.SetSources({"b"});
  EXPECT_EQ(b.names(), std::vector<std::string>{"b"});
}

TEST(SourceBoardTest, ASitemapIndexIsPendingUntilItsChildrenAnswer) {
  SourceBoard b;
  b.SetSources({"map"});
  PollOutcome index = Listing(0, 0, 0);
  index.following = 2;
  b.Polled("map", kT0, index);
  EXPECT_EQ(b.Get("map", kT0).state, SourceState::kPending);
  b.Followed("map", kT0, Listing(0, 0, 0));  // an empty child: one more to come
  EXPECT_EQ(b.Get("map", kT0).state, SourceState::kPending);
  b.Followed("map", kT0, Listing(3, 3, 0));
  EXPECT_EQ(b.Get("map", kT0).found_24h, 3u);
  b.ArticleArchived("map", kT0);
  EXPECT_EQ(b.Get("map", kT0).state, SourceState::kOk);
}

TEST(SourceBoardTest, AFailingChildSitemapIsTheSourcesTroubleWhileNothingWasFound) {
  SourceBoard b;
  b.SetSources({"map"});
  PollOutcome index = Listing(0, 0, 0);
  index.following = 1;
  b.Polled("map", kT0, index);
  b.Followed("map", kT0, Trouble(SourceState::kHttpError, "HTTP 404 (https://x/child.xml)"));
  EXPECT_EQ(b.Get("map", kT0).state, SourceState::kHttpError);
  EXPECT_EQ(b.Get("map", kT0).detail, "HTTP 404 (https://x/child.xml)");
  b.Polled("map", kT0 + hours(1), Listing(0, 0, 0));  // the next poll starts afresh
  EXPECT_EQ(b.Get("map", kT0 + hours(1)).state, SourceState::kNoLinks);
}

TEST(SourceBoardTest, NotModifiedKeepsTheLastOutcome) {
  SourceBoard b;
  b.SetSources({"feed"});
  b.Polled("feed", kT0, Listing(4, 0, 4));
  ASSERT_EQ(b.Get("feed", kT0).state, SourceState::kOk);
  b.NotModified("feed", kT0 + minutes(5));
  EXPECT_EQ(b.Get("feed", kT0 + minutes(5)).state, SourceState::kOk);
  EXPECT_EQ(b.Get("feed", kT0 + minutes(5)).last_poll, kT0 + minutes(5));
}

TEST(SourceRecordTest, RoundTripsWithItsHourlyCounters) {
  SourceBoard b;
  b.SetSources({"feed"});
  b.Polled("feed", kT0, Listing(5, 2, 3));
  b.ArticleArchived("feed", kT0 + minutes(1));
  b.NextPoll("feed", kT0 + minutes(5));
  SourceRecord r = b.Record("feed", kT0 + minutes(2));
  r.type = "rss";
  r.url = "https://e.example/rss";
  std::optional<SourceRecord> back = DecodeSourceRecord(EncodeSourceRecord(r));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->name, "feed");
  EXPECT_EQ(back->type, "rss");
  EXPECT_EQ(back->url, "https://e.example/rss");
  EXPECT_EQ(back->status, r.status);
  EXPECT_EQ(back->status.found_24h, 5u);
  EXPECT_EQ(back->status.archived_24h, 1u);

  SourceBoard restarted;  // a restart keeps the state and the counters
  restarted.SetSources({"feed"});
  restarted.Restore("feed", *back);
  EXPECT_EQ(restarted.Get("feed", kT0 + hours(1)).state, SourceState::kOk);
  EXPECT_EQ(restarted.Get("feed", kT0 + hours(1)).found_24h, 5u);
  EXPECT_EQ(restarted.Get("feed", kT0 + hours(30)).found_24h, 0u);
}

TEST(SourceRecordTest, TextThatIsNotARecordIsRefused) {
  for (const char* text : {"", "{", "[]", "{\"name\":\"a\"}", "{\"name\":\"a\",\"status\":\"great\"}",
                           "{\"name\":1,\"status\":\"ok\"}",
                           "{\"name\":\"a\",\"status\":\"ok\",\"last_poll\":\"x\"}"}) {
    EXPECT_FALSE(DecodeSourceRecord(text).has_value()) << text;
  }
  EXPECT_TRUE(DecodeSourceRecord("{\"name\":\"a\",\"status\":\"ok\",\"hours\":{\"x\":[1,2,3]}}") ==
              std::nullopt);
}

}  // namespace
}  // namespace sinmun
