#include "config/value_types.h"

#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sinmun::config_internal {
namespace {

using namespace std::chrono_literals;

template <typename Type>
std::string ErrorOf(std::string_view text, const Range& range = {}) {
  Result<typename Type::Value> v = Type::Parse(text, range);
  return v.ok() ? "ok" : v.status().message();
}

template <typename Type>
void ExpectRoundTrip(std::string_view text, const Range& range = {}) {
  Result<typename Type::Value> v = Type::Parse(text, range);
  ASSERT_TRUE(v.ok()) << text << ": " << v.status().ToString();
  EXPECT_EQ(Type::Format(*v), text);
}

TEST(ValueTypesTest, DurationBounds) {
  const Range positive = AtLeast(1ms);
  EXPECT_EQ(ErrorOf<Duration>("0s", positive), "\"0s\" must be longer than 0");
  EXPECT_EQ(ErrorOf<Duration>("1ms", positive), "ok");
  EXPECT_EQ(ErrorOf<Duration>("500ms", AtLeast(1s)), "\"500ms\" is too short (at least 1s)");
  EXPECT_EQ(ErrorOf<Duration>("2h", Range{.min = 0, .max = 3'600'000}),
            "\"2h\" is too long (at most 1h)");
  EXPECT_EQ(ErrorOf<Duration>("1h", Range{.min = 0, .max = 3'600'000}), "ok");
}

TEST(ValueTypesTest, SecondsAreWholeAndBounded) {
  EXPECT_EQ(ErrorOf<Seconds>("1500ms"), "\"1500ms\" is not a whole number of seconds");
  EXPECT_EQ(ErrorOf<Seconds>("0s", AtLeast(1s)), "\"0s\" must be longer than 0");
  EXPECT_EQ(ErrorOf<Seconds>("30s", AtLeast(1min)), "\"30s\" is too short (at least 1m)");
  EXPECT_EQ(*Seconds::Parse("1h30m", {}), 5400s);
  EXPECT_EQ(Seconds::Format(5400s), "90m");
}

TEST(ValueTypesTest, SizeBounds) {
  EXPECT_EQ(ErrorOf<Size>("0B", AtLeast(1)), "\"0B\" must be more than 0");
  EXPECT_EQ(ErrorOf<Size>("512B", AtLeast(1024)), "\"512B\" is too small (at least 1KiB)");
  EXPECT_EQ(ErrorOf<Size>("2GiB", Range{.min = 0, .max = int64_t{1} << 30}),
            "\"2GiB\" is too large (at most 1GiB)");
  // Unbounded: anything that fits in 64 bits.
  EXPECT_EQ(*Size::Parse("17179869183GiB", {}), uint64_t{17179869183} << 30);
}

TEST(ValueTypesTest, IntBounds) {
  EXPECT_EQ(ErrorOf<Int>("0", AtLeast(1)), "\"0\" is too small (at least 1)");
  EXPECT_EQ(ErrorOf<Int>("11", Range{.min = 1, .max = 10}), "\"11\" is too large (at most 10)");
  EXPECT_EQ(ErrorOf<Int>("x", AtLeast(5)), "\"x\" is not a whole number (use e.g. 5)");
  EXPECT_EQ(ErrorOf<Int>("2147483647"), "ok");
  EXPECT_EQ(ErrorOf<Int>("2147483648"), "\"2147483648\" is not a whole number (use e.g. 1)");
}

TEST(ValueTypesTest, FormatIsParseable) {
  ExpectRoundTrip<Duration>("0s");
  ExpectRoundTrip<Duration>("1500ms");
  ExpectRoundTrip<Duration>("36500d");
  ExpectRoundTrip<Seconds>("61s");
  ExpectRoundTrip<Size>("1000B");
  ExpectRoundTrip<Size>("3GiB");
  ExpectRoundTrip<Int>("0");
  ExpectRoundTrip<Bool>("true");
  ExpectRoundTrip<Bool>("false");
  ExpectRoundTrip<Text>("a b/c (+https://x.example/#no)");
  ExpectRoundTrip<HttpUrl>("https://x.example/a?b=c&d");
  ExpectRoundTrip<HostPort>("");
  ExpectRoundTrip<HostPort>("[::1]:0");
  ExpectRoundTrip<DurationList>("1s,61s,25h");
  ExpectRoundTrip<SourceKind>("sitemap");
}

TEST(ValueTypesTest, TextIsNotEmptyAndHasNoControlCharacters) {
  EXPECT_EQ(ErrorOf<Text>(""), "is empty");
  EXPECT_EQ(ErrorOf<Text>("a\tb"), "\"a\\x09b\" has a control character");
  EXPECT_EQ(ErrorOf<Text>("신문 archive"), "ok");
}

TEST(ValueTypesTest, OptionalPathMayBeEmptyButHasNoControlCharacters) {
  EXPECT_EQ(ErrorOf<OptionalPath>(""), "ok");
  EXPECT_EQ(ErrorOf<OptionalPath>("/etc/sinmun/a\tb.json"), "\"/etc/sinmun/a\\x09b.json\" has a control character");
  EXPECT_EQ(ErrorOf<OptionalPath>("/etc/sinmun/sites local.json"), "ok");
  ExpectRoundTrip<OptionalPath>("/etc/sinmun/sites.json");
}

TEST(ValueTypesTest, DurationListItems) {
  EXPECT_EQ(*DurationList::Parse(" 5m , 1h ", {}), (std::vector<std::chrono::seconds>{5min, 1h}));
  EXPECT_EQ(ErrorOf<DurationList>("5m,1500ms"), "\"1500ms\" is not a whole number of seconds");
  EXPECT_EQ(ErrorOf<DurationList>("5m,"), "has an empty item (use e.g. 5m,15m,1h)");
}

TEST(ValueTypesTest, QuoteEscapes) {
  EXPECT_EQ(Quote("a\"b\\c\x7f"), "\"a\\\"b\\\\c\\x7f\"");
  EXPECT_EQ(Escape("a\"b"), "a\"b");
  EXPECT_EQ(Trim(" \t a b \r\n"), "a b");
}

}  // namespace
}  // namespace sinmun::config_internal
