// System tests of `sinmun changes`, `sinmun export` and `sinmun reextract`: the real
// binary over real archives built from the example pages (examples/daum_v{1,2,3}.html) or
// generated through the Archive API. The WARC output is read back by an independent
// parser in tests/warc/check_warc.js.
#include <filesystem>
#include <fstream>
#include <sstream>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "crawler/extract/extractor.h"
#include "storage/archive.h"
#include "tests/support/subprocess.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Json = nlohmann::json;

constexpr const char* kUrl = "https://v.daum.net/v/20261102093000123";
constexpr const char* kId = "daum:20261102093000123";
const Instant kT0{std::chrono::seconds(1793579700)};  // 2026-11-02T09:35:00+09:00

using RunResult = test_support::ProcessResult;
using test_support::ReadFile;

std::string Example(int v) { return ReadFile(std::string(SINMUN_EXAMPLES) + "/daum_v" + std::to_string(v) + ".html"); }

std::vector<std::string> SplitLines(const std::string& s) {
  std::vector<std::string> out;
  std::stringstream ss(s);
  std::string line;
  while (std::getline(ss, line)) out.push_back(line);
  return out;
}

// RFC 4180 rows (CRLF between rows; quoted fields may hold commas, quotes, line breaks).
std::vector<std::vector<std::string>> ParseCsv(std::string_view s) {
  std::vector<std::vector<std::string>> rows(1);
  std::string field;
  bool quoted = false, was_quoted = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (quoted) {
      if (c == '"' && i + 1 < s.size() && s[i + 1] == '"') {
        field.push_back('"');
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        field.push_back(c);
      }
    } else if (c == '"' && field.empty() && !was_quoted) {
      quoted = was_quoted = true;
    } else if (c == ',') {
      rows.back().push_back(std::move(field));
      field.clear();
      was_quoted = false;
    } else if (c == '\r' && i + 1 < s.size() && s[i + 1] == '\n') {
      rows.back().push_back(std::move(field));
      field.clear();
      was_quoted = false;
      rows.emplace_back();
      ++i;
    } else {
      field.push_back(c);
    }
  }
  if (rows.back().empty() && field.empty()) rows.pop_back();
  return rows;
}

class ExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshTestDir("sinmun_export_test");
    archive_ = (dir_ / "archive").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Run(std::vector<std::string> args) {
    args.push_back("--archive");
    args.push_back(archive_);
    // Every run samples the child's peak RSS (RunProcess polls every 2 ms).
    return test_support::RunProcess(SINMUN_CLI_BINARY, args, dir_, {.sample_peak_rss = true});
  }

  std::unique_ptr<Archive> OpenRw() {
    auto a = Archive::Open(archive_, Archive::Mode::kReadWrite, ArchiveOptions{.sync = false, .keep_raw = true});
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? std::move(a).value() : nullptr;
  }

  static Fetch PageFetch(const std::string& bytes, Instant t) {
    Fetch f;
    f.url = kUrl;
    f.fetched_at = t;
    auto article = ExtractArticle(Page{bytes, kUrl, "text/html; charset=utf-8"});
    EXPECT_TRUE(article.ok()) << article.status().ToString();
    if (article.ok()) f.article = *article;
    f.raw = bytes;
    f.content_type = "text/html; charset=utf-8";
    return f;
  }

  // v1, v2 (body), v3 (headline + correction), v4 deleted (404).
  void BuildExamples() {
    auto archive = OpenRw();
    for (int v = 1; v <= 3; ++v) ASSERT_TRUE(archive->Record(PageFetch(Example(v), kT0 + std::chrono::hours(v - 1))).ok());
    Fetch gone;
    gone.url = kUrl;
    gone.fetched_at = kT0 + std::chrono::hours(3);
    gone.http_status = 404;
    ASSERT_TRUE(archive->Record(gone).ok());
  }

  fs::path dir_;
  std::string archive_;
};

TEST_F(ExportTest, ChangesListsEditsNewestFirstWithSummaries) {
  BuildExamples();
  RunResult r = Run({"changes"});
  ASSERT_EQ(r.code, 0) << r.err;
  std::vector<std::string> lines = SplitLines(r.out);
  ASSERT_EQ(lines.size(), 4u) << r.out;  // header + v4, v3, v2 (no "new" by default)
  EXPECT_THAT(lines[1], HasSubstr("v4   deleted   deleted (404)"));
  EXPECT_THAT(lines[2], HasSubstr("headline: «국회, 내년도 예산안 처리» → «국회, 677조 내년도 예산안 본회의 통과»"));
  EXPECT_THAT(lines[3], HasSubstr("body: 1 paragraph edited"));

  r = Run({"changes", "--class", "headline,new", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  Json j = Json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["version"], 3);
  EXPECT_EQ(j[0]["change_class"], "headline");
  EXPECT_EQ(j[0]["fetched_at"], "2026-11-02T11:35:00+09:00");
  EXPECT_EQ(j[0]["portal"], "daum");
  EXPECT_EQ(j[0]["url"], kUrl);
  EXPECT_EQ(j[0]["reextracted_from"], nullptr);
  EXPECT_EQ(j[1]["change_class"], "new");
  EXPECT_EQ(j[1]["summary"], "new: «국회, 내년도 예산안 처리»");

  r = Run({"changes", "--since", "2026-11-02T10:00", "--until", "2026-11-02T12:00", "--class", "all", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  j = Json::parse(r.out);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["version"], 3);
  EXPECT_EQ(j[1]["version"], 2);
  EXPECT_EQ(Run({"changes", "--class", "edits"}).code, 1);
  EXPECT_EQ(Json::parse(Run({"changes", "--portal", "naver", "--json"}).out).size(), 0u);
}

TEST_F(ExportTest, JsonlLinesAreGetJson) {
  BuildExamples();
  RunResult all = Run({"export", "--format", "jsonl", "--all-versions"});
  ASSERT_EQ(all.code, 0) << all.err;
  std::vector<std::string> lines = SplitLines(all.out);
  ASSERT_EQ(lines.size(), 4u);
  for (int v = 1; v <= 4; ++v) {
    RunResult get = Run({"get", kId, "--version", std::to_string(v), "--json"});
    ASSERT_EQ(get.code, 0) << get.err;
    EXPECT_EQ(lines[static_cast<size_t>(v - 1)] + "\n", get.out) << "version " << v;
  }
  RunResult latest = Run({"export", "--format", "jsonl"});
  ASSERT_EQ(latest.code, 0) << latest.err;
  EXPECT_EQ(latest.out, Run({"get", kId, "--json"}).out);
  RunResult range = Run({"export", "--format", "jsonl", "--all-versions", "--since", "2026-11-02T10:35", "--until",
                         "2026-11-02T11:35"});
  EXPECT_EQ(SplitLines(range.out).size(), 1u);
  EXPECT_EQ(Json::parse(range.out)["version"], 2);
  EXPECT_EQ(Run({"export", "--format", "jsonl", "--portal", "naver"}).out, "");
}

TEST_F(ExportTest, CsvHasBomQuotesAndKorean) {
  {
    auto archive = OpenRw();
    Fetch f = PageFetch(Example(1), kT0);
    f.article->title = "그는 \"예산\"이라 말했다, 그리고";
    f.article->authors = {"홍길동", "김철수"};
    ASSERT_TRUE(archive->Record(f).ok());
  }
  fs::path out = dir_ / "out.csv";
  RunResult r = Run({"export", "--format", "csv", "-o", out.string()});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  std::string csv = ReadFile(out);
  ASSERT_EQ(csv.substr(0, 3), "\xEF\xBB\xBF");
  EXPECT_THAT(csv, HasSubstr("\"그는 \"\"예산\"\"이라 말했다, 그리고\""));
  auto rows = ParseCsv(std::string_view(csv).substr(3));
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_THAT(rows[0], ElementsAre("id", "version", "fetched_at", "change_class", "portal", "press", "title",
                                   "authors", "published", "url", "text"));
  ASSERT_EQ(rows[1].size(), 11u);
  EXPECT_EQ(rows[1][0], kId);
  EXPECT_EQ(rows[1][1], "1");
  EXPECT_EQ(rows[1][2], "2026-11-02T09:35:00+09:00");
  EXPECT_EQ(rows[1][3], "new");
  EXPECT_EQ(rows[1][5], "신문일보");
  EXPECT_EQ(rows[1][6], "그는 \"예산\"이라 말했다, 그리고");
  EXPECT_EQ(rows[1][7], "홍길동; 김철수");
  EXPECT_EQ(rows[1][9], kUrl);
  EXPECT_THAT(rows[1][10], HasSubstr("국회는 2일 본회의를 열고 내년도 예산안을 처리했다.\n"));
  // No temporary file is left beside the output.
  int files = 0;
  for (const auto& e : fs::directory_iterator(dir_)) files += e.path().filename().string().starts_with("out.csv");
  EXPECT_EQ(files, 1);
}

TEST_F(ExportTest, FailedExportLeavesTheOutputAlone) {
  fs::path out = dir_ / "keep.jsonl";
  { std::ofstream(out) << "before\n"; }
  RunResult r = Run({"export", "--format", "jsonl", "-o", out.string()});  // no archive
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(ReadFile(out), "before\n");
  EXPECT_EQ(Run({"export", "--format", "xml"}).code, 2);
  EXPECT_EQ(Run({"export"}).code, 2);
}

// Peak memory of `export --format jsonl --all-versions` does not grow with the archive:
// a run over 8x the versions stays within 1.5x the small run's peak RSS.
TEST_F(ExportTest, ExportMemoryIsConstant) {
  auto build = [&](const std::string& dir, int articles) {
    auto opened = Archive::Open(dir, Archive::Mode::kReadWrite, ArchiveOptions{.sync = false, .keep_raw = true});
    ASSERT_TRUE(opened.ok());
    Archive& archive = **opened;
    for (int n = 0; n < articles; ++n) {
      Article a;
      a.id = "daum:" + std::to_string(20261102000000000LL + n);
      a.url = "https://v.daum.net/v/" + a.id.substr(5);
      a.portal = "daum";
      a.press = "신문일보";
      a.title = "기사 " + std::to_string(n);
      for (int v = 0; v < 4; ++v) {
        a.blocks.clear();
        for (int p = 0; p < 12; ++p) {
          Block b;
          b.text = "기사 " + std::to_string(n) + "의 " + std::to_string(p) + "번째 문단, 판 " +
                   std::to_string(p == 3 ? v : 0) + ": 정부는 오늘 새 예산안을 발표했다고 밝혔다. " +
                   std::string(200, 'x');
          a.blocks.push_back(std::move(b));
        }
        Fetch f;
        f.url = a.url;
        f.fetched_at = kT0 + std::chrono::minutes(n * 10 + v);
        f.article = a;
        f.raw = std::string(4000, 'h');
        ASSERT_TRUE(archive.Record(f).ok());
      }
    }
    ASSERT_TRUE(archive.Compact().ok());
  };
  const std::string small = (dir_ / "small").string(), large = (dir_ / "large").string();
  build(small, 500);
  build(large, 4000);
  auto measure = [&](const std::string& dir) {
    archive_ = dir;
    RunResult r = Run({"export", "--format", "jsonl", "--all-versions", "-o", (dir_ / "out.jsonl").string()});
    EXPECT_EQ(r.code, 0) << r.err;
    return r;
  };
  RunResult s = measure(small), l = measure(large);
  EXPECT_GT(fs::file_size(dir_ / "out.jsonl"), 7u * 1024 * 1024);  // 16,000 versions were written
  RecordProperty("small_rss_kib", std::to_string(s.peak_rss_kib));
  RecordProperty("large_rss_kib", std::to_string(l.peak_rss_kib));
  EXPECT_LT(double(l.peak_rss_kib), 1.5 * double(s.peak_rss_kib))
      << "peak RSS " << s.peak_rss_kib << " KiB for 2,000 versions, " << l.peak_rss_kib << " KiB for 16,000";
}

// A version recorded with a deliberately wrong extraction of its page.
class ReextractTest : public ExportTest {
 protected:
  void BuildBadArchive() {
    auto archive = OpenRw();
    Fetch bad = PageFetch(Example(1), kT0);
    bad.article->title = "잘못 추출된 제목";
    bad.article->blocks.pop_back();
    ASSERT_TRUE(archive->Record(bad).ok());
  }
};

TEST_F(ReextractTest, DryRunReportsAndWritesNothing) {
  BuildBadArchive();
  RunResult r = Run({"reextract", "--dry-run", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  Json j = Json::parse(r.out);
  EXPECT_EQ(j["dry_run"], true);
  EXPECT_EQ(j["checked"], 1);
  EXPECT_EQ(j["corrected"], 1);
  ASSERT_EQ(j["changes"].size(), 1u);
  EXPECT_EQ(j["changes"][0]["id"], kId);
  EXPECT_EQ(j["changes"][0]["from"], 1);
  EXPECT_EQ(j["changes"][0]["version"], nullptr);
  EXPECT_THAT(j["changes"][0]["summary"].get<std::string>(),
              HasSubstr("re-extracted from v1; headline: «잘못 추출된 제목» → «국회, 내년도 예산안 처리»"));
  EXPECT_EQ(Json::parse(Run({"history", kId, "--json"}).out)["versions"].size(), 1u);
}

TEST_F(ReextractTest, RecordsACorrectedVersionMarkedAsReextraction) {
  BuildBadArchive();
  RunResult r = Run({"reextract"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.out, HasSubstr("corrected daum:20261102093000123 v1 → v2: re-extracted from v1"));
  EXPECT_THAT(r.out, HasSubstr("1 checked, 1 corrected, 0 unchanged, 0 failed, 0 without a stored page"));

  Json history = Json::parse(Run({"history", kId, "--json"}).out);
  ASSERT_EQ(history["versions"].size(), 2u);
  EXPECT_EQ(history["versions"][1]["change_class"], "reextracted");
  EXPECT_EQ(history["versions"][1]["reextracted_from"], 1);
  EXPECT_EQ(history["versions"][1]["title"], "국회, 내년도 예산안 처리");
  EXPECT_THAT(Run({"history", kId}).out, HasSubstr("v2: re-extracted from v1's stored page"));
  EXPECT_THAT(Run({"diff", kId}).out, HasSubstr("v2 is a re-extraction of v1's stored page"));
  EXPECT_EQ(Json::parse(Run({"diff", kId, "--json"}).out)["reextracted_from"], 1);
  Json get = Json::parse(Run({"get", kId, "--json"}).out);
  EXPECT_EQ(get["change_class"], "reextracted");
  EXPECT_EQ(get["reextracted_from"], 1);
  // What the extractor reads today is what v2 holds.
  Json extracted = Json::parse(Run({"extract", std::string(SINMUN_EXAMPLES) + "/daum_v1.html", "--url", kUrl}).out);
  EXPECT_EQ(get["blocks"], extracted["blocks"]);
  Json changes = Json::parse(Run({"changes", "--class", "reextracted", "--json"}).out);
  ASSERT_EQ(changes.size(), 1u);
  EXPECT_EQ(changes[0]["reextracted_from"], 1);
  EXPECT_EQ(Json::parse(Run({"verify", "--json"}).out)["ok"], true);

  // Nothing differs any more.
  r = Run({"reextract", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(Json::parse(r.out)["corrected"], 0);
  EXPECT_EQ(Json::parse(r.out)["unchanged"], 1);
}

TEST_F(ReextractTest, RefusesWhileAWriterHoldsTheArchive) {
  BuildBadArchive();
  auto writer = OpenRw();  // as sinmund would
  RunResult r = Run({"reextract"});
  EXPECT_EQ(r.code, 75) << r.err;
  EXPECT_THAT(r.err, HasSubstr("held by another writer"));
  // A dry run only reads: it works while the writer runs.
  EXPECT_EQ(Run({"reextract", "--dry-run"}).code, 0);
  writer.reset();
  EXPECT_EQ(Run({"reextract"}).code, 0);
}

}  // namespace
}  // namespace sinmun
