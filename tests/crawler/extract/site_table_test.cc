#include "crawler/extract/site_table.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

namespace sinmun {
namespace {

TEST(SiteTableTest, ShippedTableParsesAndServesItsHosts) {
  const SiteTable& shipped = ShippedSiteTable();
  ASSERT_GE(shipped.rules().size(), 14u);
  const SiteRule* mk = shipped.Find("www.mk.co.kr");
  ASSERT_NE(mk, nullptr);
  EXPECT_EQ(mk->id, "mk");
  EXPECT_EQ(mk->press, "매일경제");
  EXPECT_TRUE(mk->verified);
  EXPECT_EQ(shipped.Find("m.mk.co.kr"), mk);
  EXPECT_EQ(shipped.Find("mk.co.kr"), mk);
  EXPECT_EQ(shipped.Find("notmk.co.kr"), nullptr);  // label boundaries only
  EXPECT_EQ(shipped.Find("www.example.com"), nullptr);
  for (const char* host : {"www.yna.co.kr", "www.hani.co.kr", "www.khan.co.kr", "www.chosun.com",
                           "www.joongang.co.kr", "www.donga.com", "www.hankookilbo.com",
                           "www.hankyung.com", "news.kbs.co.kr", "news.sbs.co.kr",
                           "news.jtbc.co.kr", "www.newsis.com", "www.news1.kr"}) {
    const SiteRule* rule = shipped.Find(host);
    ASSERT_NE(rule, nullptr) << host;
    EXPECT_FALSE(rule->press.empty()) << host;
    EXPECT_FALSE(rule->evidence.empty()) << host;
  }
}

TEST(SiteTableTest, ErrorsNameTheFileLineAndEntry) {
  const std::string bad_xpath =
      "{\"sites\": [\n"
      "  {\"id\": \"a\", \"hosts\": [\"a.example\"]},\n"
      "  {\"id\": \"b\",\n"
      "   \"hosts\": [\"b.example\"], \"body\": [\"//div[\"]}\n"
      "]}";
  Result<SiteTable> t = SiteTable::Parse(bad_xpath, "extra.json");
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().message().rfind("extra.json:3: site \"b\": body[0]: not a valid XPath expression", 0), 0u)
      << t.status().message();

  Result<SiteTable> syntax = SiteTable::Parse("{\"sites\": [\n  {\"id\": \"a\",,}\n]}", "extra.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().message().rfind("extra.json:2:", 0), 0u) << syntax.status().message();

  const std::vector<std::pair<std::string, std::string>> cases = {
      {"{\"sites\": [{\"id\": \"a\", \"hosts\": [\"a.example\"], \"bdy\": \"//p\"}]}",
       "x.json:1: site \"a\": unknown key \"bdy\""},
      {"{\"sites\": [{\"id\": \"a\"}]}", "x.json:1: site \"a\": \"hosts\" must list at least one host"},
      {"{\"sites\": [{\"id\": \"A b\", \"hosts\": [\"a.example\"]}]}",
       "x.json: sites[0]: id must be lower-case letters, digits, '-' or '_'"},
      {"{\"sites\": [{\"id\": \"a\", \"hosts\": [\"x.example\"]}, {\"id\": \"b\", \"hosts\": [\"x.example\"]}]}",
       "x.json:1: site \"b\": host \"x.example\" is already served by \"a\""},
      {"{\"sites\": [{\"id\": \"a\", \"hosts\": [\"a.example\"]}, {\"id\": \"a\", \"hosts\": [\"b.example\"]}]}",
       "x.json:1: site \"a\": a second entry with this id"},
      {"{\"sites\": [{\"id\": \"a\", \"hosts\": [\"A.example\"]}]}",
       "x.json:1: site \"a\": not a lower-case host name: \"A.example\""},
      {"[]", "x.json: a site table is an object with a \"sites\" list"},
      // A number no double holds is refused by the reader itself, not as a syntax error.
      {"{\"sites\": [], \"n\": 4e646}", "x.json: number overflow parsing '4e646'"},
  };
  for (const auto& [text, message] : cases) {
    Result<SiteTable> r = SiteTable::Parse(text, "x.json");
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().message(), message);
  }
}

TEST(SiteTableTest, OverlayReplacesAddsAndDisables) {
  Result<SiteTable> base = SiteTable::Parse(
      "{\"sites\": [{\"id\": \"a\", \"press\": \"에이\", \"hosts\": [\"a.example\", \"shared.example\"]},"
      "{\"id\": \"b\", \"press\": \"비\", \"hosts\": [\"b.example\"]},"
      "{\"id\": \"c\", \"press\": \"씨\", \"hosts\": [\"c.example\"]}]}",
      "base");
  Result<SiteTable> overlay = SiteTable::Parse(
      "{\"sites\": [{\"id\": \"a\", \"press\": \"새 에이\", \"hosts\": [\"a.example\"]},"
      "{\"id\": \"c\", \"disabled\": true},"
      "{\"id\": \"d\", \"press\": \"디\", \"hosts\": [\"b.example\", \"d.example\"]}]}",
      "overlay");
  ASSERT_TRUE(base.ok() && overlay.ok());
  SiteTable merged = SiteTable::Merge(*base, *overlay);
  EXPECT_EQ(merged.Find("a.example")->press, "새 에이");
  EXPECT_EQ(merged.Find("shared.example"), nullptr);  // the replaced entry's other host went with it
  EXPECT_EQ(merged.Find("c.example"), nullptr);
  EXPECT_EQ(merged.Find("www.b.example")->id, "d");    // the overlay takes the host over
  EXPECT_EQ(merged.ById("b")->hosts.size(), 0u);
  EXPECT_EQ(merged.Find("d.example")->press, "디");
}

TEST(SiteTableTest, LoadSiteTableLayersTheOperatorsFile) {
  Result<SiteTable> shipped = LoadSiteTable("");
  ASSERT_TRUE(shipped.ok());
  EXPECT_EQ(shipped->rules().size(), ShippedSiteTable().rules().size());

  const auto dir = std::filesystem::temp_directory_path() / ("sinmun_sites_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "sites.json").string();
  std::ofstream(path) << "{\"sites\": [{\"id\": \"mk\", \"press\": \"매경\", \"hosts\": [\"mk.co.kr\"]},"
                         "{\"id\": \"garam\", \"press\": \"가람일보\", \"hosts\": [\"garam.example\"]}]}";
  Result<SiteTable> layered = LoadSiteTable(path);
  ASSERT_TRUE(layered.ok()) << layered.status().ToString();
  EXPECT_EQ(layered->Find("www.mk.co.kr")->press, "매경");
  EXPECT_EQ(layered->Find("news.garam.example")->press, "가람일보");
  EXPECT_NE(layered->Find("www.yna.co.kr"), nullptr);

  std::ofstream(path) << "{\"sites\": [{\"id\": \"x\", \"hosts\": [\"x.example\"], \"title\": \"//h1[\"}]}";
  Result<SiteTable> bad = LoadSiteTable(path);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message().rfind(path + ":1: site \"x\": title[0]:", 0), 0u) << bad.status().message();

  std::ofstream(path) << "";
  Result<SiteTable> empty = LoadSiteTable(path);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().code(), Status::Code::kInvalidArgument);
  EXPECT_EQ(empty.status().message().rfind(path + ":", 0), 0u) << empty.status().message();

  Result<SiteTable> missing = LoadSiteTable((dir / "absent.json").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_TRUE(missing.status().IsNotFound());
  EXPECT_NE(missing.status().message().find("absent.json"), std::string::npos);

  Result<SiteTable> directory = LoadSiteTable(dir.string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), Status::Code::kInvalidArgument);
  EXPECT_NE(directory.status().message().find("is a directory"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sinmun
