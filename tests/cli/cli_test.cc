// System tests of the `sinmun` binary: real processes, a real RocksDB archive in a temp
// dir, the bundled example pages (examples/daum_v{1,2,3}.html, written for these tests:
// v2 edits the numbers in paragraph 2, v3 changes the headline and appends a correction).
#include <cstring>
#include <filesystem>
#include <fstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crawler/extract/extractor.h"
#include "crawler/frontier/task.h"
#include "storage/archive.h"
#include "tests/support/subprocess.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using ::testing::HasSubstr;
using ::testing::StartsWith;

constexpr const char* kUrl = "https://v.daum.net/v/20261102093000123";
constexpr const char* kId = "daum:20261102093000123";

using RunResult = test_support::ProcessResult;
using test_support::ReadFile;

std::string Example(const std::string& name) { return std::string(SINMUN_EXAMPLES) + "/" + name; }

class CliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshTestDir("sinmun_cli_test");
    archive_ = (dir_ / "archive").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  // Runs sinmun with `args` (and --archive unless `with_archive` is false), stdout and
  // stderr captured separately, stdin from /dev/null or `stdin_path`.
  RunResult Run(std::vector<std::string> args, bool with_archive = true,
                const std::string& stdin_path = "/dev/null") {
    if (with_archive) {
      args.push_back("--archive");
      args.push_back(archive_);
    }
    return test_support::RunProcess(SINMUN_CLI_BINARY, args, dir_, {.stdin_path = stdin_path});
  }

  RunResult Ingest(const std::string& page, const std::string& at) {
    return Run({"ingest", Example(page), "--url", kUrl, "--fetched-at", at});
  }

  // The example article recorded as v1, an unchanged refetch, v2 (body), v3 (headline).
  void IngestAllVersions() {
    ASSERT_EQ(Ingest("daum_v1.html", "2026-11-02T09:35:00+09:00").out,
              std::string("new ") + kId + " v1\n");
    ASSERT_EQ(Ingest("daum_v1.html", "2026-11-02T09:40:00+09:00").out,
              std::string("unchanged ") + kId + " v1\n");
    ASSERT_EQ(Ingest("daum_v2.html", "2026-11-02T10:10:00+09:00").out,
              std::string("changed ") + kId + " v2 (body)\n");
    ASSERT_EQ(Ingest("daum_v3.html", "2026-11-02T11:25:00+09:00").out,
              std::string("changed ") + kId + " v3 (headline)\n");
  }

  fs::path dir_;
  std::string archive_;
};

TEST_F(CliTest, ExtractPrintsTheArticleAsJson) {
  RunResult r = Run({"extract", Example("daum_v1.html")}, false);
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], kId);
  EXPECT_EQ(j["portal"], "daum");
  EXPECT_EQ(j["press"], "신문일보");
  EXPECT_EQ(j["title"], "국회, 내년도 예산안 처리");
  EXPECT_EQ(j["authors"], nlohmann::json::array({"홍길동"}));
  EXPECT_EQ(j["published"], "2026-11-02T09:30:00+09:00");
  EXPECT_EQ(j["encoding"], "UTF-8");
  const auto& blocks = j["blocks"];
  ASSERT_GE(blocks.size(), 4u);
  EXPECT_EQ(blocks[0]["type"], "image");
  EXPECT_EQ(blocks[0]["text"], "2일 서울 여의도 국회 본회의장 모습. [사진 = 신문일보]");
  EXPECT_EQ(blocks[0]["src"],
            "https://t1.daumcdn.net/news/202611/02/example/20261102093000001.jpg");
  EXPECT_EQ(blocks[1]["type"], "paragraph");
  EXPECT_EQ(blocks[1]["text"], "국회는 2일 본회의를 열고 내년도 예산안을 처리했다.");
  EXPECT_EQ(blocks[1]["publisher_id"], "pidA000001");
  // SHA-256 of the paragraph's UTF-8 text, computed independently with sha256sum.
  EXPECT_EQ(blocks[1]["hash"], blocks[1]["publisher_hash"]);
  EXPECT_EQ(blocks[3]["text"], "여야는 막판까지 지역 사업 예산을 두고 협상을 이어갔다.");
  for (const auto& b : blocks) {
    EXPECT_THAT(b["text"].get<std::string>(), ::testing::Not(HasSubstr("관련 기사")));
  }
}

TEST_F(CliTest, ExtractFromStdinWithUrl) {
  RunResult r = Run({"extract", "-", "--url", kUrl}, false, Example("daum_v2.html"));
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["blocks"][2]["text"],
            "예산안은 재석 의원 252명 가운데 찬성 181명으로 가결됐다.");
}

TEST_F(CliTest, ExtractRejectsBadInputWithOneLine) {
  fs::path empty = dir_ / "empty.html";
  std::ofstream(empty).close();
  RunResult r = Run({"extract", empty.string()}, false);
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, StartsWith("sinmun: "));
  EXPECT_THAT(r.err, HasSubstr(empty.string()));
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_TRUE(r.out.empty());

  fs::path garbage = dir_ / "garbage.bin";
  std::ofstream(garbage, std::ios::binary) << std::string("\x00\xff\xfe\x01\x02garbage\x00", 14);
  r = Run({"extract", garbage.string()}, false);
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, StartsWith("sinmun: "));

  r = Run({"extract", (dir_ / "missing.html").string()}, false);
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("cannot open"));
}

TEST_F(CliTest, UsageErrorsExitTwo) {
  EXPECT_EQ(Run({"frobnicate"}, false).code, 2);
  EXPECT_EQ(Run({}, false).code, 2);
  RunResult r = Run({"get"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("usage: sinmun get"));
  r = Run({"list", "--since", "last tuesday"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--since 'last tuesday' is not a time"));
  r = Run({"list", "--portal", "yahoo"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--portal must be daum, naver or web, not 'yahoo'"));
  // An empty value is not "any": a usage error, for every option.
  for (const char* empty : {"--portal=", "--press="}) {
    r = Run({"search", "x", empty});
    EXPECT_EQ(r.code, 2) << empty;
    EXPECT_THAT(r.err, HasSubstr(std::string(empty, strlen(empty) - 1) + " needs a value, not ''")) << empty;
  }
  r = Run({"list", "--portal", ""});
  EXPECT_EQ(r.code, 2);
}

TEST_F(CliTest, IngestRecordsEveryEditAsAVersion) {
  IngestAllVersions();
  RunResult r = Run({"history", kUrl, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json h = nlohmann::json::parse(r.out);
  EXPECT_EQ(h["id"], kId);
  ASSERT_EQ(h["versions"].size(), 3u);
  EXPECT_EQ(h["versions"][0]["change_class"], "new");
  EXPECT_EQ(h["versions"][0]["fetched_at"], "2026-11-02T09:35:00+09:00");
  EXPECT_EQ(h["versions"][1]["change_class"], "body");
  EXPECT_EQ(h["versions"][1]["edited"], 1);
  EXPECT_EQ(h["versions"][1]["added"], 0);
  EXPECT_EQ(h["versions"][1]["removed"], 0);
  EXPECT_EQ(h["versions"][2]["change_class"], "headline");
  EXPECT_EQ(h["versions"][2]["title"], "국회, 677조 내년도 예산안 본회의 통과");
  EXPECT_EQ(h["versions"][2]["added"], 1);

  r = Run({"history", kId});
  ASSERT_EQ(r.code, 0);
  EXPECT_THAT(r.out, HasSubstr("v2   2026-11-02 10:10:00  body"));
}

// The revisit comes from the schedule sinmund keeps in the archive (crawler/frontier/task.h).
TEST_F(CliTest, HistorySaysWhenTheArticleIsVisitedNextOrWhyItIsHeld) {
  IngestAllVersions();
  RunResult r = Run({"history", kId});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("revisit: none scheduled"));
  EXPECT_EQ(nlohmann::json::parse(Run({"history", kId, "--json"}).out)["revisit"], nullptr);

  Task task;
  task.kind = TaskKind::kArticle;
  task.url = kUrl;
  task.source = "daum-politics";
  task.step = 3;
  task.due = *ParseTime("2026-11-02T14:25:00+09:00");
  task.held = "https://v.daum.net/robots.txt: \"User-agent: *\" \"Disallow: /v/\"";
  {
    Result<std::unique_ptr<Archive>> writer = Archive::Open(archive_, Archive::Mode::kReadWrite);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->UpdateSchedule({{{kUrl, EncodeTask(task)}}, {}}).ok());
  }
  r = Run({"history", kId});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("revisit: held, https://v.daum.net/robots.txt: \"User-agent: *\" "
                               "\"Disallow: /v/\"; robots.txt is read again at 2026-11-02 14:25 (KST)\n"));
  nlohmann::json j = nlohmann::json::parse(Run({"history", kId, "--json"}).out);
  EXPECT_EQ(j["revisit"]["url"], kUrl);
  EXPECT_EQ(j["revisit"]["due"], "2026-11-02T14:25:00+09:00");
  EXPECT_EQ(j["revisit"]["held"], task.held);

  task.held.clear();
  {
    Result<std::unique_ptr<Archive>> writer = Archive::Open(archive_, Archive::Mode::kReadWrite);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->UpdateSchedule({{{kUrl, EncodeTask(task)}}, {}}).ok());
  }
  r = Run({"history", kUrl});
  EXPECT_THAT(r.out, HasSubstr("revisit: next visit at 2026-11-02 14:25 (KST)\n"));
  EXPECT_EQ(nlohmann::json::parse(Run({"history", kId, "--json"}).out)["revisit"]["held"], nullptr);

  // A link robots.txt refused before its first fetch has no article, but its held task says why.
  const std::string link = "https://v.daum.net/v/20261102120000999";
  r = Run({"history", link});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("no article"));
  task.url = link;
  task.step = 0;
  task.held = "https://v.daum.net/robots.txt: \"User-agent: *\" \"Disallow: /v/\"";
  {
    Result<std::unique_ptr<Archive>> writer = Archive::Open(archive_, Archive::Mode::kReadWrite);
    ASSERT_TRUE(writer.ok()) << writer.status().ToString();
    ASSERT_TRUE((*writer)->UpdateSchedule({{{link, EncodeTask(task)}}, {}}).ok());
  }
  r = Run({"history", link});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, link + "\nno version archived yet\nrevisit: held, " + task.held +
                       "; robots.txt is read again at 2026-11-02 14:25 (KST)\n");
  j = nlohmann::json::parse(Run({"history", link, "--json"}).out);
  EXPECT_EQ(j["id"], nullptr);
  EXPECT_EQ(j["versions"].size(), 0u);
  EXPECT_EQ(j["revisit"]["held"], task.held);
}

TEST_F(CliTest, DiffOfAVersionTheArticleLacksNamesThatVersion) {
  IngestAllVersions();
  RunResult r = Run({"diff", kId, "5"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr(std::string(kId) + " has versions 1 to 3, not 5"));
  r = Run({"diff", kId, "7", "2"});
  EXPECT_THAT(r.err, HasSubstr("has versions 1 to 3, not 7"));
}

TEST_F(CliTest, DiffShowsTheEditedWords) {
  IngestAllVersions();
  RunResult r = Run({"diff", kId, "1", "2"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("~ paragraph 2 edited\n"
                               "예산안은 재석 의원 [-250명-]{+252명+} 가운데 찬성 "
                               "[-180명으로-]{+181명으로+} 가결됐다.\n"));
  EXPECT_THAT(r.out, HasSubstr("0 paragraphs added, 0 removed, 1 edited"));
  EXPECT_EQ(r.out.find("\x1b["), std::string::npos) << "no colour when piped";

  r = Run({"diff", kId, "--json"});  // default: the last two versions
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json d = nlohmann::json::parse(r.out);
  EXPECT_EQ(d["from"], 2);
  EXPECT_EQ(d["to"], 3);
  EXPECT_EQ(d["title"]["before"], "국회, 내년도 예산안 처리");
  EXPECT_EQ(d["title"]["after"], "국회, 677조 내년도 예산안 본회의 통과");
  ASSERT_EQ(d["blocks"].size(), 1u);
  EXPECT_EQ(d["blocks"][0]["change"], "added");
  EXPECT_EQ(d["blocks"][0]["after"],
            "[정정] 당초 보도에서 표결 결과를 잘못 적었기에 바로잡습니다.");
}

TEST_F(CliTest, GetShowsTheArticleAsItStoodAtATime) {
  IngestAllVersions();
  RunResult r = Run({"get", kId, "--at", "2026-11-02T10:00:00+09:00", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["version"], 1);
  EXPECT_EQ(j["versions"], 3);
  EXPECT_EQ(j["blocks"][2]["text"], "예산안은 재석 의원 250명 가운데 찬성 180명으로 가결됐다.");

  r = Run({"get", kUrl});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, StartsWith("국회, 677조 내년도 예산안 본회의 통과\n"));
  EXPECT_THAT(r.out, HasSubstr("version 3 of 3 (headline)"));
  EXPECT_THAT(r.out, HasSubstr("[정정] 당초 보도에서"));

  r = Run({"get", kId, "--version", "2", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["title"], "국회, 내년도 예산안 처리");

  r = Run({"get", kId, "--version", "9"});
  EXPECT_EQ(r.code, 1);
  r = Run({"get", "daum:20000101000000000"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, StartsWith("sinmun: "));
}

TEST_F(CliTest, DeletedAndRestored) {
  ASSERT_EQ(Ingest("daum_v1.html", "2026-11-02T09:35:00+09:00").code, 0);
  RunResult r = Run({"ingest", "-", "--url", kUrl, "--status", "404", "--fetched-at",
                     "2026-11-02T12:00:00+09:00"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, std::string("deleted ") + kId + " v2\n");
  r = Ingest("daum_v1.html", "2026-11-02T13:00:00+09:00");
  EXPECT_EQ(r.out, std::string("restored ") + kId + " v3\n");
}

// A fetch dated before the article's latest one would put versions out of order: refused,
// and nothing is recorded.
TEST_F(CliTest, IngestRefusesAFetchBeforeTheLatestOne) {
  IngestAllVersions();  // the latest fetch: 2026-11-02T11:25 KST
  RunResult r = Ingest("daum_v2.html", "2026-11-02T10:00:00+09:00");
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--fetched-at 2026-11-02T10:00:00+09:00 is before " + std::string(kId) +
                               "'s latest fetch (2026-11-02T11:25:00+09:00)"));
  r = Run({"ingest", "-", "--url", kUrl, "--status", "404", "--fetched-at", "2026-11-02T11:00"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("is before"));
  r = Run({"history", kId, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["versions"].size(), 3u);
  // The same instant as the latest fetch is not before it.
  EXPECT_EQ(Ingest("daum_v3.html", "2026-11-02T11:25:00+09:00").out, std::string("unchanged ") + kId + " v3\n");
}

TEST_F(CliTest, ListStatsAndVerify) {
  IngestAllVersions();
  RunResult r = Run({"list", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json l = nlohmann::json::parse(r.out);
  ASSERT_EQ(l.size(), 1u);
  EXPECT_EQ(l[0]["id"], kId);
  EXPECT_EQ(l[0]["versions"], 3);
  EXPECT_EQ(l[0]["press"], "신문일보");
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--portal", "naver", "--json"}).out).size(), 0u);
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--since", "2026-11-03", "--json"}).out).size(), 0u);
  // --until a date includes that day (first seen 2026-11-02T09:35 KST); a period that ends
  // before it starts is refused.
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--until", "2026-11-02", "--json"}).out).size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--until", "2026-11-01", "--json"}).out).size(), 0u);
  r = Run({"list", "--since", "2026-11-03", "--until", "2026-11-01"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("the period is empty: --since 2026-11-03 is not before --until 2026-11-01; a date "
                               "alone ends with its day, at 2026-11-02T00:00:00+09:00"));
  // The day after a bare-date --until is not in its period either.
  r = Run({"list", "--since", "2026-11-02", "--until", "2026-11-01"});
  EXPECT_EQ(r.code, 1);
  r = Run({"list", "--since", "2026-11-02T10:00", "--until", "2026-11-02T10:00"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--since 2026-11-02T10:00 is not before --until 2026-11-02T10:00\n"));
  // Times are kept to the second: an end half a second after 09:35:00 includes what was
  // first seen at 09:35:00, and an end at 09:35:00 does not.
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--until", "2026-11-02T09:35:00.5", "--json"}).out).size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--until", "2026-11-02T09:35:00", "--json"}).out).size(), 0u);
  r = Run({"list", "--since", "2026-11-02T09:35:01", "--until", "2026-11-02T09:35:00.5"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("is not before --until 2026-11-02T09:35:00.5; a time given to a fraction of a "
                               "second ends with that second, at 2026-11-02T09:35:01+09:00\n"));
  // The Korean forms pages print: a date as Daum writes it, an hour with 시.
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--until", "2026. 11. 2.", "--json"}).out).size(), 1u);
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--since", "2026-11-02 10시", "--json"}).out).size(), 0u);
  EXPECT_EQ(nlohmann::json::parse(Run({"list", "--since", "2026-11-02 9시", "--json"}).out).size(), 1u);

  r = Run({"stats", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json s = nlohmann::json::parse(r.out);
  EXPECT_EQ(s["articles"], 1);
  EXPECT_EQ(s["versions"], 3);
  EXPECT_EQ(s["fetches"], 4);
  EXPECT_EQ(s["portals"]["daum"]["versions"], 3);

  r = Run({"verify"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
  EXPECT_THAT(r.out, StartsWith("ok: 1 article, 3 versions"));
}

// The example was published at 09:30 KST; v2 (body) came 40 minutes later, v3 (headline)
// 1 hour 55 minutes later: one article, edited, two edits.
TEST_F(CliTest, StatsEditsCountsTheEditsAndTheirDelays) {
  IngestAllVersions();
  RunResult r = Run({"stats", "--edits", "--since", "2026-11-01", "--until", "2026-11-03",
                     "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json s = nlohmann::json::parse(r.out);
  const nlohmann::json& t = s["total"];
  EXPECT_EQ(t["articles"], 1);
  EXPECT_EQ(t["edited"], 1);
  EXPECT_EQ(t["edits"], 2);
  EXPECT_EQ(t["classes"]["body"], 1);
  EXPECT_EQ(t["classes"]["headline"], 1);
  EXPECT_EQ(t["classes"]["correction"], 0);
  EXPECT_EQ(t["articles_with"]["headline"], 1);
  EXPECT_EQ(t["delay"]["median_seconds"], 40 * 60);
  EXPECT_EQ(t["delay"]["p90_seconds"], 115 * 60);
  int in_first_hour = -1, in_three_hours = -1;
  for (const nlohmann::json& b : t["delay"]["buckets"]) {
    if (b["upto"] == "1h") in_first_hour = b["edits"];
    if (b["upto"] == "3h") in_three_hours = b["edits"];
  }
  EXPECT_EQ(in_first_hour, 1);
  EXPECT_EQ(in_three_hours, 1);
  ASSERT_EQ(s["by_press"].size(), 1u);
  EXPECT_EQ(s["by_press"][0]["name"], "신문일보");

  // A period before the article was first seen holds nothing.
  r = Run({"stats", "--edits", "--since", "2026-10-01", "--until", "2026-11-01", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["total"]["articles"], 0);

  r = Run({"stats", "--edits", "--since", "2026-11-01", "--until", "2026-11-03"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("신문일보"));
  EXPECT_THAT(r.out, HasSubstr("100.0%"));

  r = Run({"stats", "--since", "2026-11-01"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--since needs --edits"));
  r = Run({"stats", "--edits", "--by", "section"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, HasSubstr("--by must be press or source"));
}

TEST_F(CliTest, ReadersWorkWhileAWriterHoldsTheArchiveAndWritersAreRefused) {
  ASSERT_EQ(Ingest("daum_v1.html", "2026-11-02T09:35:00+09:00").code, 0);
  Result<std::unique_ptr<Archive>> writer = Archive::Open(archive_, Archive::Mode::kReadWrite);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();

  RunResult r = Ingest("daum_v2.html", "2026-11-02T10:10:00+09:00");
  EXPECT_EQ(r.code, 75);
  EXPECT_THAT(r.err, HasSubstr("held by another writer"));

  // What the writer records while it holds the archive is seen by a reader started after.
  std::string bytes = ReadFile(Example("daum_v2.html"));
  Result<Article> article = ExtractArticle(Page{bytes, kUrl, ""});
  ASSERT_TRUE(article.ok()) << article.status().ToString();
  Fetch fetch;
  fetch.url = kUrl;
  fetch.fetched_at = *ParseTime("2026-11-02T10:10:00+09:00");
  fetch.article = *article;
  Result<RecordResult> recorded = (*writer)->Record(fetch);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->version, 2u);

  r = Run({"history", kId, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["versions"].size(), 2u);
  r = Run({"verify"});
  EXPECT_EQ(r.code, 0) << r.out << r.err;
}

TEST_F(CliTest, ReadingAMissingArchiveSaysSo) {
  RunResult r = Run({"list"});
  EXPECT_EQ(r.code, 1);
  EXPECT_THAT(r.err, StartsWith("sinmun: "));
  EXPECT_FALSE(fs::exists(archive_)) << "a reader must not create the archive";
}

}  // namespace
}  // namespace sinmun
