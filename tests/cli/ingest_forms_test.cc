// One page, one article, one version — whatever URL it was fetched under. The real `sinmun
// ingest` binary records each real saved page (and the project's outlet fixtures) under
// every form of its URL — https and http, the portals' alias hosts and paths, a mobile host,
// tracking parameters — into one archive, and must answer "new" once and "unchanged" after.
// The real pages come from SINMUN_REAL_PAGES (skipped, saying so, when absent).
#include <filesystem>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "tests/crawler/extract/extraction_score.h"
#include "tests/support/subprocess.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using test_support::ProcessResult;

std::string RealPagesDir() {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  return (env != nullptr && *env != '\0') ? env : SINMUN_REAL_PAGES_DEFAULT;
}

// "https://www.x.kr/a?b=1" + "utm_source=feed" → "https://www.x.kr/a?b=1&utm_source=feed".
std::string WithParams(const std::string& url, const std::string& params) {
  return url + (url.find('?') == std::string::npos ? "?" : "&") + params;
}

// The URL forms an article may be fetched under, from its id.
std::vector<std::string> UrlForms(const std::string& id) {
  if (id.rfind("daum:", 0) == 0) {
    const std::string n = id.substr(5);
    return {"https://v.daum.net/v/" + n, "http://v.daum.net/v/" + n, "http://v.media.daum.net/v/" + n,
            "https://news.v.daum.net/v/" + n + "?f=o&utm_source=feed", "https://m.v.daum.net/v/" + n};
  }
  if (id.rfind("naver:", 0) == 0) {
    const std::string oid = id.substr(6, 3);
    const std::string aid = id.substr(10);
    return {"https://n.news.naver.com/mnews/article/" + oid + "/" + aid,
            "http://n.news.naver.com/article/" + oid + "/" + aid + "?sid=100",
            "https://news.naver.com/main/read.naver?mode=LSD&mid=sec&oid=" + oid + "&aid=" + aid,
            "https://n.news.naver.com/mnews/article/" + oid + "/" + aid + "?utm_source=feed&fbclid=x"};
  }
  const std::string url = id.substr(4);  // url:https://host/...
  const std::string rest = url.substr(8);
  const std::string host = rest.substr(0, rest.find('/'));
  const std::string mobile = host.rfind("www.", 0) == 0 ? "m." + host.substr(4) : "m." + host;
  return {url, "http://" + rest, WithParams(url, "utm_source=feed&utm_medium=rss"),
          "http://" + mobile + rest.substr(host.size())};
}

class IngestFormsTest : public ::testing::Test {
 protected:
  void SetUp() override { dir_ = test_support::FreshTestDir("sinmun_ingest_forms_test"); }
  void TearDown() override { fs::remove_all(dir_); }

  ProcessResult Run(std::vector<std::string> args) {
    args.push_back("--archive");
    args.push_back((dir_ / "archive").string());
    return test_support::RunProcess(SINMUN_CLI_BINARY, args, dir_, {});
  }

  // Ingests `page` under every form; expects one article with one version.
  void ExpectOneArticle(const std::string& page, const std::string& id,
                        const std::vector<std::string>& forms) {
    int minute = 0;
    for (const std::string& url : forms) {
      char at[32];
      std::snprintf(at, sizeof at, "2026-12-01T10:%02d:00+09:00", minute++);
      ProcessResult r = Run({"ingest", page, "--url", url, "--fetched-at", at});
      const std::string want = (minute == 1 ? "new " : "unchanged ") + id + " v1\n";
      EXPECT_EQ(r.out, want) << page << " under " << url << "\n" << r.err;
    }
    ProcessResult history = Run({"history", id, "--json"});
    ASSERT_EQ(history.code, 0) << history.err;
    EXPECT_EQ(nlohmann::json::parse(history.out)["versions"].size(), 1u) << page;
  }

  fs::path dir_;
};

TEST_F(IngestFormsTest, EveryRealPageUnderEveryFormIsOneArticleWithOneVersion) {
  if (!fs::is_directory(RealPagesDir())) {
    GTEST_SKIP() << "real pages folder absent; looked for " << RealPagesDir()
                 << " (set SINMUN_REAL_PAGES)";
  }
  Result<std::vector<testing::GoldPage>> gold =
      testing::ReadGoldDir(std::string(SINMUN_TEST_DATA) + "/gold/real");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  for (const testing::GoldPage& g : *gold) {
    ExpectOneArticle(RealPagesDir() + "/" + g.file, g.id, UrlForms(g.id));
  }
  ProcessResult list = Run({"list", "--json", "--limit", "1000"});
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_EQ(nlohmann::json::parse(list.out).size(), gold->size());
}

TEST_F(IngestFormsTest, EveryOutletFixtureUnderEveryFormIsOneArticleWithOneVersion) {
  Result<std::vector<testing::GoldPage>> gold =
      testing::ReadGoldDir(std::string(SINMUN_TEST_DATA) + "/gold/pages");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  for (const testing::GoldPage& g : *gold) {
    ExpectOneArticle(std::string(SINMUN_TEST_DATA) + "/pages/" + g.file, g.id, UrlForms(g.id));
  }
}

// A Daum page with a protocol-relative image and embed, fetched under https, then under
// the legacy host over http, then under https again: nothing in the page changed, so
// nothing is recorded as changed.
TEST_F(IngestFormsTest, ProtocolRelativeSourcesDoNotDependOnTheSchemeFetched) {
  const std::string page = std::string(SINMUN_TEST_DATA) + "/pages/daum_protocol_relative.html";
  const std::string id = "daum:20260412063000777";
  EXPECT_EQ(Run({"ingest", page, "--url", "https://v.daum.net/v/20260412063000777", "--fetched-at",
                 "2026-04-12T07:00:00+09:00"}).out,
            "new " + id + " v1\n");
  EXPECT_EQ(Run({"ingest", page, "--url", "http://v.media.daum.net/v/20260412063000777",
                 "--fetched-at", "2026-04-12T07:05:00+09:00"}).out,
            "unchanged " + id + " v1\n");
  EXPECT_EQ(Run({"ingest", page, "--url", "https://v.daum.net/v/20260412063000777", "--fetched-at",
                 "2026-04-12T07:10:00+09:00"}).out,
            "unchanged " + id + " v1\n");
  ProcessResult got = Run({"get", id, "--json"});
  ASSERT_EQ(got.code, 0) << got.err;
  const nlohmann::json article = nlohmann::json::parse(got.out);
  EXPECT_EQ(article["blocks"][0]["type"], "embed");
  EXPECT_EQ(article["blocks"][0]["src"],
            "https://kakaotv.daum.net/embed/player/cliplink/2?service=daum_news");
  EXPECT_EQ(article["blocks"][2]["src"], "https://t1.daumcdn.net/news/202604/12/test/dawn.jpg");
  // Every form it was fetched under finds it.
  EXPECT_EQ(Run({"get", "http://v.media.daum.net/v/20260412063000777", "--json"}).code, 0);
}

}  // namespace
}  // namespace sinmun
