#include "cli/args.h"

#include <gtest/gtest.h>

namespace sinmun::cli {
namespace {

const std::vector<OptionSpec> kSpec = {{"url", true}, {"json", false}, {"limit", true}};

TEST(ArgsTest, ParsesValuesFlagsAndPositionals) {
  Result<Args> a = Args::Parse({"file.html", "--url", "http://x/", "--json", "--limit=5"}, kSpec);
  ASSERT_TRUE(a.ok()) << a.status().ToString();
  EXPECT_EQ(a->Get("url"), "http://x/");
  EXPECT_TRUE(a->Has("json"));
  EXPECT_EQ(a->positionals(), std::vector<std::string>{"file.html"});
  EXPECT_EQ(**a->GetInt("limit", 1, 10), 5);
}

TEST(ArgsTest, RejectsUnknownRepeatedAndMissingValues) {
  EXPECT_EQ(Args::Parse({"--nope"}, kSpec).status().message(), "unknown option --nope");
  EXPECT_EQ(Args::Parse({"--url"}, kSpec).status().message(), "--url needs a value");
  EXPECT_EQ(Args::Parse({"--json", "--json"}, kSpec).status().message(), "--json given twice");
  EXPECT_EQ(Args::Parse({"--json=1"}, kSpec).status().message(), "--json takes no value");
}

TEST(ArgsTest, DoubleDashEndsOptionsAndSingleDashIsPositional) {
  Result<Args> a = Args::Parse({"-", "--", "--json"}, kSpec);
  ASSERT_TRUE(a.ok());
  EXPECT_FALSE(a->Has("json"));
  EXPECT_EQ(a->positionals(), (std::vector<std::string>{"-", "--json"}));
}

TEST(ArgsTest, TypedReadsNameTheOption) {
  Result<Args> a = Args::Parse({"--limit", "0", "--url", "yesterday"}, kSpec);
  ASSERT_TRUE(a.ok());
  EXPECT_EQ(a->GetInt("limit", 1, 10).status().message(),
            "--limit '0' must be a whole number from 1 to 10");
  EXPECT_FALSE(a->GetTime("url").ok());
  EXPECT_FALSE(*a->GetTime("json"));  // absent: no value, no error
}

}  // namespace
}  // namespace sinmun::cli
