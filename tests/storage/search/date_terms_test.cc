// Date terms: a document's buckets, the buckets that cover a range, a bucket's children.
#include "storage/search/date_terms.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "common/time.h"

namespace sinmun {
namespace {

using ::testing::ElementsAre;
using ::testing::IsEmpty;

int64_t S(const char* rfc3339) { return ParseTime(rfc3339)->time_since_epoch().count(); }

// Terms without their "\x01" marker, for reading.
std::vector<std::string> Shown(const std::vector<std::string>& terms) {
  std::vector<std::string> out;
  for (const std::string& t : terms) out.push_back(t.substr(1));
  return out;
}

TEST(DateTermsTest, ADocumentIsInItsYearMonthDayAndHourUtc) {
  EXPECT_THAT(Shown(DateTerms(S("2026-11-02T09:30:00+09:00"))),
              ElementsAre("Y2026", "M202611", "D20261102", "H2026110200"));
  EXPECT_THAT(Shown(DateTerms(S("1969-12-31T23:59:59Z"))), ElementsAre("Y1969", "M196912", "D19691231", "H1969123123"));
  EXPECT_THAT(Shown(DateTerms(int64_t{1} << 50)), ElementsAre("Y9999", "M999912", "D99991231", "H9999123123"));
}

TEST(DateTermsTest, ARangeIsCoveredByTheCoarsestBuckets) {
  const std::vector<std::string> years = {"\x01Y2025", "\x01Y2026", "\x01Y2027"};
  EXPECT_THAT(Shown(DateRangeTerms(S("2026-01-01T00:00:00Z"), S("2027-01-01T00:00:00Z"), years)), ElementsAre("Y2026"));
  EXPECT_THAT(Shown(DateRangeTerms(S("2026-10-31T22:30:00Z"), S("2026-12-02T01:00:00Z"), years)),
              ElementsAre("H2026103122", "H2026103123", "M202611", "D20261201", "H2026120200"));
  // Open ends stop at the index's years.
  EXPECT_THAT(Shown(DateRangeTerms(S("2026-12-31T00:00:00Z"), std::nullopt, years)),
              ElementsAre("D20261231", "Y2027"));
  EXPECT_THAT(Shown(DateRangeTerms(std::nullopt, S("2025-02-01T00:00:00Z"), years)), ElementsAre("M202501"));
  EXPECT_THAT(DateRangeTerms(S("2026-05-01T00:00:00Z"), S("2026-04-01T00:00:00Z"), years), IsEmpty());
  EXPECT_THAT(DateRangeTerms(std::nullopt, std::nullopt, years), IsEmpty());
}

TEST(DateTermsTest, ChildrenNewestFirst) {
  std::vector<std::string> months = Shown(ChildBuckets("\x01Y2026"));
  ASSERT_EQ(months.size(), 12u);
  EXPECT_EQ(months.front(), "M202612");
  EXPECT_EQ(months.back(), "M202601");
  std::vector<std::string> days = Shown(ChildBuckets("\x01M202602"));
  EXPECT_EQ(days.front(), "D20260231");  // absent days hold nothing
  std::vector<std::string> hours = Shown(ChildBuckets("\x01" "D20260228"));
  ASSERT_EQ(hours.size(), 24u);
  EXPECT_EQ(hours.front(), "H2026022823");
  EXPECT_THAT(ChildBuckets("\x01H2026022823"), IsEmpty());
  EXPECT_TRUE(IsHourTerm("\x01H2026022823"));
  EXPECT_FALSE(IsHourTerm("\x01" "D20260228"));
}

}  // namespace
}  // namespace sinmun
