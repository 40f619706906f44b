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
  SourceStatus kept;
  kept.state = SourceState::kRobotsDisallowed;
  kept.detail = "x";
  b.Restore("a", kept);
  EXPECT_EQ(b.Get("a", kT0).state, SourceState::kRobotsDisallowed);
  b.SetSources({"b"});
  EXPECT_EQ(b.names(), std::vector<std::string>{"b"});
}

}  // namespace
}  // namespace sinmun
