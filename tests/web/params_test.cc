// The reading room's URL parameters and interface language: outside input read strictly.
#include "web/params.h"

#include <gtest/gtest.h>

#include "web/i18n.h"

namespace sinmun::web {
namespace {

WebRequest With(std::multimap<std::string, std::string> params) {
  WebRequest r;
  r.params = std::move(params);
  return r;
}

TEST(ParamsTest, CursorRoundTripsAndRefusesGarbage) {
  EditCursor c{Instant(std::chrono::seconds(1774097005)), 3, "url:https://a.example/x.y?z=1"};
  EXPECT_EQ(FormatCursor(c), "1774097005.3.url:https://a.example/x.y?z=1");
  Result<EditCursor> back = ParseCursor(FormatCursor(c));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->fetched_at, c.fetched_at);
  EXPECT_EQ(back->version, 3u);
  EXPECT_EQ(back->id, c.id);
  for (const char* bad : {"", ".", "..", "1.2.", "a.2.id", "1.b.id", "-1.2.id", "1.99999999999.id",
                          "99999999999999999999.1.id", "1774097005.3"}) {
    EXPECT_FALSE(ParseCursor(bad).ok()) << bad;
  }
}

TEST(ParamsTest, ClassesDefaultToTheOutletsEdits) {
  Result<std::vector<ChangeClass>> none = ClassParams(With({}));
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->size(), 7u);  // not new, not reextracted
  EXPECT_EQ(std::count(none->begin(), none->end(), ChangeClass::kReextracted), 0);
  Result<std::vector<ChangeClass>> two = ClassParams(With({{"class", "headline"}, {"class", "correction,deleted"}}));
  ASSERT_TRUE(two.ok());
  EXPECT_EQ(*two, (std::vector<ChangeClass>{ChangeClass::kHeadline, ChangeClass::kCorrectionAppended,
                                            ChangeClass::kDeleted}));
  EXPECT_TRUE(ClassParams(With({{"class", "all"}}))->empty());
  EXPECT_FALSE(ClassParams(With({{"class", "<b>"}})).ok());
}

TEST(ParamsTest, TimesVersionsAndNumbers) {
  auto day = PeriodParams(With({{"since", "2026-03-21"}, {"until", "2026-03-21"}}));
  ASSERT_TRUE(day.ok());
  EXPECT_EQ(FormatRfc3339Kst(*day->since), "2026-03-21T00:00:00+09:00");
  EXPECT_EQ(FormatRfc3339Kst(*day->until), "2026-03-22T00:00:00+09:00");  // the whole 21st
  auto exact = PeriodParams(With({{"until", "2026-03-21T10:00:00+09:00"}}));
  ASSERT_TRUE(exact.ok());
  EXPECT_FALSE(exact->since.has_value());
  EXPECT_EQ(FormatRfc3339Kst(*exact->until), "2026-03-21T10:00:00+09:00");
  // A period that ends before it starts is refused, naming both ends.
  auto backwards = PeriodParams(With({{"since", "2026-03-22"}, {"until", "2026-03-20"}}));
  ASSERT_FALSE(backwards.ok());
  EXPECT_EQ(backwards.status().message(),
            "the period is empty: parameter 'since' (2026-03-22) is not before 'until' (2026-03-20); a date alone "
            "ends with its day, at 2026-03-21T00:00:00+09:00");
  // The day after a bare-date until is not in it either.
  EXPECT_FALSE(PeriodParams(With({{"since", "2026-03-21"}, {"until", "2026-03-20"}})).ok());
  EXPECT_TRUE(PeriodParams(With({{"since", "2026-03-20"}, {"until", "2026-03-20"}})).ok());
  EXPECT_FALSE(PeriodParams(With({{"until", "soon"}})).ok());
  EXPECT_FALSE(TimeParam(With({{"since", "tomorrow"}}), "since").ok());
  EXPECT_FALSE(TimeParam(With({{"since", "2026-13-40"}}), "since").ok());
  EXPECT_FALSE(TimeParam(With({}), "since")->has_value());
  EXPECT_EQ(**VersionParam(With({{"v", "v12"}}), "v"), 12u);
  EXPECT_FALSE(VersionParam(With({{"v", "0"}}), "v").ok());
  EXPECT_FALSE(VersionParam(With({{"v", "4294967296"}}), "v").ok());
  EXPECT_EQ(*IntParam(With({}), "page", 1, 50, 1), 1);
  EXPECT_FALSE(IntParam(With({{"page", "51"}}), "page", 1, 50, 1).ok());
  EXPECT_FALSE(PortalParam(With({{"portal", "google"}})).ok());
  // An empty value (a form's empty field) is no filter.
  EXPECT_FALSE(With({{"press", ""}}).Param("press").has_value());
}

TEST(ParamsTest, LinksAreEncodedAndOnlyWebUrlsAreLinks) {
  EXPECT_EQ(UrlEncode("url:https://a.b/c?d=e&f"), "url%3Ahttps%3A%2F%2Fa.b%2Fc%3Fd%3De%26f");
  EXPECT_EQ(UrlEncode("국"), "%EA%B5%AD");
  EXPECT_EQ(BuildUrl("/diff", {{"id", "a b"}, {"view", ""}, {"to", "3"}}), "/diff?id=a%20b&to=3");
  EXPECT_TRUE(IsWebUrl("HTTPS://news.example/"));
  EXPECT_TRUE(IsWebUrl("http://news.example/"));
  EXPECT_FALSE(IsWebUrl("javascript:alert(1)"));
  EXPECT_FALSE(IsWebUrl(" https://x"));
  EXPECT_FALSE(IsWebUrl("data:text/html,x"));
}

TEST(LangTest, EnglishOnlyWhenPreferred) {
  EXPECT_EQ(PickLang(""), Lang::kKo);
  EXPECT_EQ(PickLang("en-US,en;q=0.9"), Lang::kEn);
  EXPECT_EQ(PickLang("ko-KR,ko;q=0.9,en-US;q=0.8"), Lang::kKo);
  EXPECT_EQ(PickLang("en;q=0.5, ko;q=0.7"), Lang::kKo);
  EXPECT_EQ(PickLang("fr, en;q=0.3"), Lang::kEn);
  EXPECT_EQ(PickLang("*, en;q=0.2"), Lang::kKo);
  EXPECT_EQ(PickLang("en;q=0"), Lang::kKo);
  EXPECT_EQ(PickLang(";;;,,,q=="), Lang::kKo);
  EXPECT_EQ(FormatDelay(Lang::kKo, 2 * 3600 + 5 * 60), "2시간 5분");
  EXPECT_EQ(FormatDelay(Lang::kEn, 3 * 86400 + 3600), "3 days 1 h");
  EXPECT_EQ(FormatDelay(Lang::kEn, 45), "45 s");
}

}  // namespace
}  // namespace sinmun::web
