// System tests of `sinmun search`, `sinmun reindex` and `sinmun related`: the real binary
// over a real archive (and, to stand for sinmund and for an earlier release, the archive and
// index libraries in this process) built from the bundled example pages (examples/daum_v{1,2,3}.html:
// v2 edits the vote counts in paragraph 2, v3 changes the headline and appends a
// correction), pages written here (a wire story printed by two outlets) and a saved Naver
// page with its "기사원문" origin link (real-page tier; skipped when absent).
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "capture/capture.h"
#include "common/time.h"
#include "storage/archive.h"
#include "storage/search/index_dir.h"
#include "storage/search/xapian_index.h"
#include "tests/support/subprocess.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

constexpr const char* kUrl = "https://v.daum.net/v/20261102093000123";
constexpr const char* kId = "daum:20261102093000123";

using RunResult = test_support::ProcessResult;

std::string Example(const std::string& name) { return std::string(SINMUN_EXAMPLES) + "/" + name; }

// A plain outlet page the generic extractor reads: press, title, time, paragraphs.
std::string OutletPage(const std::string& press, const std::string& title, const std::string& published,
                       const std::vector<std::string>& paragraphs) {
  std::string html = "<!DOCTYPE html><html lang=\"ko\"><head><meta charset=\"utf-8\"><title>" + title +
                     "</title><meta property=\"og:type\" content=\"article\"><meta property=\"og:site_name\" content=\"" + press +
                     "\"><meta property=\"article:published_time\" content=\"" + published +
                     "\"></head><body><h1>" + title + "</h1><div class=\"article-body\">";
  for (const std::string& p : paragraphs) html += "<p>" + p + "</p>\n";
  return html + "</div></body></html>";
}

class SearchCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = test_support::FreshTestDir("sinmun_search_cli_test");
    archive_ = (dir_ / "archive").string();
  }
  void TearDown() override { fs::remove_all(dir_); }

  RunResult Run(std::vector<std::string> args) {
    args.push_back("--archive");
    args.push_back(archive_);
    return test_support::RunProcess(SINMUN_CLI_BINARY, args, dir_);
  }

  void Ingest(const std::string& file, const std::string& url, const std::string& at) {
    RunResult r = Run({"ingest", file, "--url", url, "--fetched-at", at});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  // Records a page as a fetch of `url` at `at` without indexing it: what the last second
  // before a kill -9 of sinmund leaves.
  void RecordUnindexed(const std::string& file, const std::string& url, const std::string& at) {
    auto archive = Archive::Open(archive_, Archive::Mode::kReadWrite);
    ASSERT_TRUE(archive.ok()) << archive.status().message();
    Capture capture(**archive, nullptr);
    FetchedPage page;
    page.url = url;
    std::optional<Instant> when = ParseTime(at);
    ASSERT_TRUE(when.has_value());
    page.fetched_at = *when;
    std::ifstream in(file, std::ios::binary);
    page.body.assign(std::istreambuf_iterator<char>(in), {});
    Capture::Read read = capture.ReadPage(std::move(page));
    ASSERT_EQ(read.verdict, Capture::Verdict::kRecord) << read.error.message();
    Result<RecordResult> recorded = capture.Write(std::move(read), {});
    ASSERT_TRUE(recorded.ok()) << recorded.status().message();
  }
  std::string Write(const std::string& name, const std::string& content) {
    fs::path p = dir_ / name;
    std::ofstream(p, std::ios::binary) << content;
    return p.string();
  }

  void IngestExamples() {
    Ingest(Example("daum_v1.html"), kUrl, "2026-11-02T09:35:00+09:00");
    Ingest(Example("daum_v2.html"), kUrl, "2026-11-02T10:10:00+09:00");
    Ingest(Example("daum_v3.html"), kUrl, "2026-11-02T11:25:00+09:00");
  }
  void Reindex() {
    RunResult r = Run({"reindex"});
    ASSERT_EQ(r.code, 0) << r.err;
  }
  nlohmann::json SearchJson(std::vector<std::string> args) {
    args.insert(args.begin(), "search");
    args.push_back("--json");
    RunResult r = Run(args);
    EXPECT_EQ(r.code, 0) << r.err;
    return r.code == 0 ? nlohmann::json::parse(r.out) : nlohmann::json();
  }

  // The files of <archive>/search, but for SQLite's -wal and -shm files, which readers
  // leave beside an index.
  std::vector<std::string> IndexFiles() const {
    std::vector<std::string> files;
    for (const auto& e : fs::directory_iterator(archive_ + "/search")) {
      const std::string name = e.path().filename();
      if (!name.ends_with("-wal") && !name.ends_with("-shm")) files.push_back(name);
    }
    return files;
  }

  fs::path dir_;
  std::string archive_;
};

// `ingest` indexes what it records: a page is found right after it was ingested, in the
// version the archive holds now.
TEST_F(SearchCliTest, IngestKeepsTheIndexCurrent) {
  Ingest(Example("daum_v1.html"), kUrl, "2026-11-02T09:35:00+09:00");
  nlohmann::json j = SearchJson({"예산안"});
  ASSERT_EQ(j["hits"].size(), 1u) << j.dump();
  EXPECT_EQ(j["hits"][0]["version"], 1);
  Ingest(Example("daum_v2.html"), kUrl, "2026-11-02T10:10:00+09:00");
  j = SearchJson({"예산안"});
  ASSERT_EQ(j["hits"].size(), 1u) << j.dump();
  EXPECT_EQ(j["hits"][0]["version"], 2);
  EXPECT_EQ(j["hits"][0]["versions"], 2);
}

TEST_F(SearchCliTest, MissingIndexIsAnErrorALaggingOneAnswersAndSaysSo) {
  Ingest(Example("daum_v1.html"), kUrl, "2026-11-02T09:35:00+09:00");
  fs::remove_all(fs::path(archive_) / "search");
  RunResult r = Run({"search", "예산안"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "sinmun: no search index: sinmund builds it when it starts, or run sinmun reindex\n");
  EXPECT_EQ(Run({"related", kId}).code, 1);

  RunResult re = Run({"reindex"});
  ASSERT_EQ(re.code, 0) << re.err;
  EXPECT_THAT(re.err, HasSubstr("indexed 1 versions into"));
  r = Run({"search", "예산안"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");

  // v2 recorded but not indexed (as a kill -9 of sinmund leaves it): search answers from
  // what the index holds, and says what it lacks.
  RecordUnindexed(Example("daum_v2.html"), kUrl, "2026-11-02T10:10:00+09:00");
  r = Run({"search", "예산안", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "sinmun: 1 of 2 versions are not in the search index yet and are left out (sinmund adds "
                   "them; or run sinmun reindex while it is stopped)\n");
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["version"], 1);
  r = Run({"related", kId, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("1 of 2 versions are not in the search index yet"));
  Reindex();
  r = Run({"search", "예산안", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"][0]["version"], 2);
}

// An index that holds versions the archive does not (an archive restored from an older
// copy): search and related leave them out and say so.
TEST_F(SearchCliTest, VersionsTheArchiveLacksAreLeftOutAndTold) {
  IngestExamples();
  const std::string full = archive_;
  archive_ = (dir_ / "restored").string();
  Ingest(Example("daum_v1.html"), kUrl, "2026-11-02T09:35:00+09:00");
  fs::remove_all(fs::path(archive_) / "search");
  fs::copy(fs::path(full) / "search", fs::path(archive_) / "search", fs::copy_options::recursive);
  RunResult r = Run({"search", "예산안", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"].size(), 0u) << "v3 is the hit, and this archive lacks it";
  EXPECT_THAT(r.err, HasSubstr("1 version the search index holds is not in the archive and left out"));
  r = Run({"search", "예산안", "--json", "--all-versions"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("the search index holds"));
  Reindex();
  r = Run({"search", "예산안", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"][0]["version"], 1);
}

TEST_F(SearchCliTest, AnIndexOfAnOlderReleaseAnswersUntilReplaced) {
  IngestExamples();
  {
    // The Xapian index an earlier sinmun wrote, holding v1 and v2 (not v3), in place of
    // the one ingest wrote.
    fs::remove_all(fs::path(archive_) / "search");
    auto x = XapianIndex::Create(archive_ + "/search");
    ASSERT_TRUE(x.ok()) << x.status().message();
    auto archive = Archive::Open(archive_, Archive::Mode::kReadOnly);
    ASSERT_TRUE(archive.ok());
    for (uint32_t v = 1; v <= 2; ++v) {
      Result<StoredVersion> sv = (*archive)->Version(kId, v);
      ASSERT_TRUE(sv.ok());
      ASSERT_TRUE((*x)->Add(kId, v, sv->article, sv->info.fetched_at).ok());
    }
    ASSERT_TRUE((*x)->Commit().ok());
  }
  RunResult r = Run({"search", "예산안", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("the search index was written by an older sinmun"));
  EXPECT_THAT(r.err, HasSubstr("1 of 3 versions are not in the search index yet"));
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"][0]["version"], 2);
  Reindex();
  r = Run({"search", "예산안", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(nlohmann::json::parse(r.out)["hits"][0]["version"], 3);
  EXPECT_THAT(IndexFiles(), ::testing::UnorderedElementsAre("CURRENT", "index-1.sqlite"));
}

TEST_F(SearchCliTest, ReindexWhileTheArchiveIsHeldAsksTheHolder) {
  IngestExamples();
  auto holder = Archive::Open(archive_, Archive::Mode::kReadWrite);  // as sinmund does
  ASSERT_TRUE(holder.ok());
  RunResult r = Run({"reindex"});
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_THAT(r.err, HasSubstr("sinmund is running: it rebuilds the search index in the background"));
  EXPECT_TRUE(IndexDir(archive_ + "/search").RebuildRequested());
}

// A mistyped --archive is said, as every reading command says it, not made into an empty
// archive and an empty index.
TEST_F(SearchCliTest, ReindexOfNoArchiveSaysSoAndCreatesNothing) {
  RunResult r = Run({"reindex"});
  EXPECT_EQ(r.code, 1);
  EXPECT_EQ(r.err, "sinmun: no archive at " + archive_ + "\n");
  EXPECT_FALSE(fs::exists(archive_));
  RunResult re = Run({"reextract"});
  EXPECT_EQ(re.code, 1);
  EXPECT_THAT(re.err, HasSubstr("no archive at " + archive_));
  EXPECT_FALSE(fs::exists(archive_));
}

// A deleted article is found by the text it last had, and said to be deleted.
TEST_F(SearchCliTest, ADeletedArticleIsFoundByItsLastTextAndSaidDeleted) {
  IngestExamples();
  RunResult del = Run({"ingest", "-", "--url", kUrl, "--status", "404", "--fetched-at", "2026-11-02T12:00:00+09:00"});
  ASSERT_EQ(del.code, 0) << del.err;
  nlohmann::json j = SearchJson({"예산안"});
  ASSERT_EQ(j["hits"].size(), 1u) << j.dump();
  EXPECT_EQ(j["hits"][0]["version"], 4);
  EXPECT_EQ(j["hits"][0]["deleted"], true);
  RunResult r = Run({"search", "예산안"});
  EXPECT_THAT(r.out, HasSubstr(" · deleted 2026-11-02T12:00:00+09:00 (the text it had)"));
  Ingest(Example("daum_v3.html"), kUrl, "2026-11-02T13:00:00+09:00");  // restored
  EXPECT_EQ(SearchJson({"예산안"})["hits"][0]["deleted"], false);
}

// A query typed without quotes is the words it spells, as with quotes.
TEST_F(SearchCliTest, UnquotedWordsAreOneQuery) {
  IngestExamples();
  EXPECT_EQ(SearchJson({"예산안", "-없는말"})["hits"].size(), 1u);
  EXPECT_EQ(SearchJson({"예산안", "-예산안"})["hits"].size(), 0u);
  EXPECT_EQ(SearchJson({"예산안", "-예산안"})["query"], "예산안 -예산안");
  EXPECT_EQ(SearchJson({"없는말", "OR", "예산안"})["hits"].size(), 1u);
  RunResult r = Run({"search"});
  EXPECT_EQ(r.code, 2);
  EXPECT_THAT(r.err, HasSubstr("sinmun search: no QUERY given\nusage: sinmun search QUERY"));
}

TEST_F(SearchCliTest, PlainOutputMarksTheMatch) {
  IngestExamples();
  Reindex();
  RunResult r = Run({"search", "예산안"});
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_EQ(r.out,
            "1. 국회, 677조 내년도 예산안 본회의 통과\n"
            "   신문일보 · 2026-11-02T09:30:00+09:00 · daum:20261102093000123 · 3 versions\n"
            "   국회는 2일 본회의를 열고 내년도 «예산안»을 처리했다.\n");
}

TEST_F(SearchCliTest, JsonHitWithSnippetMarks) {
  IngestExamples();
  Reindex();
  nlohmann::json j = SearchJson({"예산"});
  ASSERT_EQ(j["hits"].size(), 1u);
  const nlohmann::json& h = j["hits"][0];
  EXPECT_EQ(h["id"], kId);
  EXPECT_EQ(h["press"], "신문일보");
  EXPECT_EQ(h["version"], 3);
  EXPECT_EQ(h["versions"], 3);
  EXPECT_EQ(h["matched_versions"], nlohmann::json::array({3}));
  EXPECT_EQ(h["published"], "2026-11-02T09:30:00+09:00");
  EXPECT_EQ(h["snippet"]["text"], "국회는 2일 본회의를 열고 내년도 예산안을 처리했다.");
  EXPECT_EQ(h["snippet"]["marks"], nlohmann::json::parse("[[19,21]]"));
}

TEST_F(SearchCliTest, AllVersionsFindsTextEditedAwayAndNamesItsVersions) {
  IngestExamples();
  Reindex();
  // v2 changed 250명 to 252명: gone from the latest version.
  EXPECT_TRUE(SearchJson({"250명"})["hits"].empty());
  nlohmann::json j = SearchJson({"250명", "--all-versions"});
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["version"], 1);
  EXPECT_EQ(j["hits"][0]["matched_versions"], nlohmann::json::array({1}));
  EXPECT_EQ(j["hits"][0]["title"], "국회, 내년도 예산안 처리");
  // The old headline stood in v1 and v2.
  j = SearchJson({"\"예산안 처리\"", "--all-versions"});
  ASSERT_EQ(j["hits"].size(), 1u);
  EXPECT_EQ(j["hits"][0]["matched_versions"], nlohmann::json::array({1, 2}));
  RunResult r = Run({"search", "250명", "--all-versions"});
  EXPECT_THAT(r.out, HasSubstr("text in v1\n"));
  EXPECT_THAT(r.out, HasSubstr("재석 의원 «250명» 가운데"));
}

TEST_F(SearchCliTest, FiltersAndSyntax) {
  IngestExamples();
  std::vector<std::string> wire = {
      "정부는 내년부터 반도체 장비 수출 심사를 강화한다고 2일 밝혔다.",
      "산업통상자원부는 이날 관계부처 합동 회의를 열고 이같이 결정했다.",
  };
  Ingest(Write("a.html", OutletPage("가나일보", "반도체 수출규제 강화", "2026-11-03T08:00:00+09:00", wire)),
         "https://www.ganada.example/news/1", "2026-11-03T08:05:00+09:00");
  Reindex();
  auto ids = [&](std::vector<std::string> args) {
    std::vector<std::string> out;
    nlohmann::json j = SearchJson(args);  // kept: the loop must not outlive it
    for (const auto& h : j["hits"]) out.push_back(h["id"]);
    return out;
  };
  const std::string ganada = "url:https://www.ganada.example/news/1";
  EXPECT_THAT(ids({"수출 규제"}), ElementsAre(ganada));  // two words
  EXPECT_THAT(ids({"수출규제를"}), ElementsAre());       // no 를 after it
  EXPECT_THAT(ids({"예산안 OR 반도체", "--sort", "date"}), ElementsAre(ganada, kId));
  EXPECT_THAT(ids({"2일 -반도체"}), ElementsAre(kId));
  EXPECT_THAT(ids({"\"2일 밝혔다\""}), ElementsAre(ganada));
  EXPECT_THAT(ids({"2일", "--portal", "web"}), ElementsAre(ganada));
  EXPECT_THAT(ids({"2일", "--press", "신문일보"}), ElementsAre(kId));
  EXPECT_THAT(ids({"2일", "--since", "2026-11-03"}), ElementsAre(ganada));
  // A bare date ends its period at the end of that day: until the 2nd includes the 2nd.
  EXPECT_THAT(ids({"2일", "--until", "2026-11-02"}), ElementsAre(kId));
  EXPECT_THAT(ids({"2일", "--until", "2026-11-03T00:00:00+09:00"}), ElementsAre(kId));
  EXPECT_THAT(ids({"2일", "--until", "2026-11-03", "--sort", "date"}), ElementsAre(ganada, kId));
  RunResult backwards = Run({"search", "2일", "--since", "2026-11-03", "--until", "2026-11-01"});
  EXPECT_EQ(backwards.code, 1);
  EXPECT_THAT(backwards.err, HasSubstr("is not before --until"));
  EXPECT_EQ(Run({"search", "x", "--sort", "size"}).code, 1);
  EXPECT_EQ(Run({"search"}).code, 2);
  // No word and no filter asks for nothing: said, not answered with every article.
  for (const char* nothing : {"", "(", "\"", "- -"}) {
    RunResult r = Run({"search", nothing});
    EXPECT_EQ(r.code, 1) << nothing;
    EXPECT_THAT(r.err, HasSubstr("has no word to search for")) << nothing;
  }
  EXPECT_THAT(ids({"", "--portal", "web"}), ElementsAre(ganada));  // a filter alone is a search
}

TEST_F(SearchCliTest, RelatedFindsTheWireStoryInAnotherOutlet) {
  std::vector<std::string> wire = {
      "정부는 내년부터 반도체 장비 수출 심사를 강화한다고 2일 밝혔다.",
      "산업통상자원부는 이날 관계부처 합동 회의를 열고 이같이 결정했다.",
      "업계는 심사 기간이 길어질 수 있다며 우려를 나타냈다.",
  };
  std::vector<std::string> copy = wire;
  copy.push_back("지역 업체들도 대응책 마련에 나섰다고 라마일보가 전했다.");
  Ingest(Write("a.html", OutletPage("가나통신", "반도체 장비 수출 심사 강화", "2026-11-02T09:00:00+09:00", wire)),
         "https://www.ganada.example/news/1", "2026-11-02T09:05:00+09:00");
  Ingest(Write("b.html", OutletPage("라마일보", "정부, 반도체 수출 심사 강화", "2026-11-02T10:00:00+09:00", copy)),
         "https://www.rama.example/a/77", "2026-11-02T10:02:00+09:00");
  IngestExamples();  // unrelated
  Reindex();
  RunResult r = Run({"related", "https://www.rama.example/a/77", "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  EXPECT_EQ(j["id"], "url:https://www.rama.example/a/77");
  EXPECT_EQ(j["paragraphs"], 4);
  ASSERT_EQ(j["related"].size(), 1u);
  EXPECT_EQ(j["related"][0]["id"], "url:https://www.ganada.example/news/1");
  EXPECT_EQ(j["related"][0]["press"], "가나통신");
  EXPECT_EQ(j["related"][0]["relations"], nlohmann::json::array({"shared"}));
  EXPECT_EQ(j["related"][0]["shared_paragraphs"], 3);
  EXPECT_DOUBLE_EQ(j["related"][0]["share"].get<double>(), 0.75);
  EXPECT_EQ(j["related"][0]["first_seen"], "2026-11-02T09:05:00+09:00");

  r = Run({"related", "url:https://www.rama.example/a/77"});
  ASSERT_EQ(r.code, 0) << r.err;
  // Earliest first: the wire story, then this copy.
  EXPECT_LT(r.out.find("가나통신"), r.out.find("▶ this"));
  EXPECT_THAT(r.out, HasSubstr("75%"));
}

TEST_F(SearchCliTest, RelatedFollowsTheNaverOriginLink) {
  const char* env = std::getenv("SINMUN_REAL_PAGES");
  fs::path real = env != nullptr && *env != '\0' ? fs::path(env) : fs::path(SINMUN_REAL_PAGES_DEFAULT);
  fs::path page = real / "naver_article_018_0005316196.html";
  if (!fs::exists(page)) GTEST_SKIP() << "real pages not found in " << real << " (set SINMUN_REAL_PAGES)";
  const std::string naver_url = "https://n.news.naver.com/mnews/article/018/0005316196";
  Ingest(page.string(), naver_url, "2022-09-14T18:00:00+09:00");
  RunResult ex = Run({"get", naver_url, "--json"});
  ASSERT_EQ(ex.code, 0) << ex.err;
  nlohmann::json naver = nlohmann::json::parse(ex.out);
  const std::string origin = naver["origin_url"];
  ASSERT_THAT(origin, HasSubstr("edaily.co.kr"));
  // The outlet's own page: the same paragraphs, at the origin URL, seen earlier.
  std::vector<std::string> paragraphs;
  for (const auto& b : naver["blocks"]) {
    if (b["type"] == "paragraph") paragraphs.push_back(b["text"]);
  }
  Ingest(Write("edaily.html", OutletPage("이데일리", naver["title"], "2022-09-14T17:30:00+09:00", paragraphs)),
         origin, "2022-09-14T17:40:00+09:00");
  Reindex();

  RunResult r = Run({"related", naver_url, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  nlohmann::json j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["related"].size(), 1u);
  EXPECT_EQ(j["related"][0]["press"], "이데일리");
  EXPECT_EQ(j["related"][0]["relations"], nlohmann::json::array({"origin", "shared"}));
  EXPECT_EQ(j["related"][0]["first_seen"], "2022-09-14T17:40:00+09:00");

  // And from the outlet's side, the Naver copy links back to it.
  r = Run({"related", origin, "--json"});
  ASSERT_EQ(r.code, 0) << r.err;
  j = nlohmann::json::parse(r.out);
  ASSERT_EQ(j["related"].size(), 1u);
  EXPECT_EQ(j["related"][0]["id"], "naver:018:0005316196");
  EXPECT_EQ(j["related"][0]["relations"], nlohmann::json::array({"copy", "shared"}));
}

TEST_F(SearchCliTest, ReindexTwiceGivesTheSameIndex) {
  IngestExamples();
  Reindex();
  Reindex();
  EXPECT_EQ(SearchJson({"예산안"})["hits"].size(), 1u);
}

TEST_F(SearchCliTest, ReindexOnSeveralThreadsGivesWhatOneThreadGives) {
  IngestExamples();  // three versions of one article: the latest marker must stay on v3
  for (int i = 0; i < 6; ++i) {
    std::string n = std::to_string(i);
    Ingest(Write("o" + n + ".html",
                 OutletPage("가나일보", "반도체 소식 " + n, "2026-11-0" + std::to_string(3 + i % 3) + "T08:00:00+09:00",
                            {"정부는 반도체 장비 수출 심사를 강화한다고 밝혔다. 기사 번호 " + n + "번이다."})),
           "https://www.ganada.example/news/" + n, "2026-11-06T08:05:00+09:00");
  }
  // What each query finds: ids with their matching versions, in id order (the ranking of
  // equal weights follows document numbers, which differ between builds).
  auto found = [&](std::vector<std::string> args) {
    std::map<std::string, std::string> out;
    nlohmann::json j = SearchJson(args);
    for (const auto& h : j["hits"]) out[h["id"]] = h["matched_versions"].dump() + " v" + h["version"].dump();
    return out;
  };
  const std::vector<std::vector<std::string>> queries = {
      {"반도체"}, {"예산안"}, {"예산안", "--all-versions"}, {"반도체 -3번이다"}, {"\"수출 심사\""},
      {"반도체", "--since", "2026-11-04"}};
  ASSERT_EQ(Run({"reindex", "--jobs", "1"}).code, 0);
  std::vector<std::map<std::string, std::string>> one;
  for (const auto& q : queries) one.push_back(found(q));
  EXPECT_EQ(one[0].size(), 6u);
  EXPECT_EQ(one[2].at(kId), "[1,2,3] v3");
  EXPECT_EQ(one[3].size(), 5u);

  std::ofstream(fs::path(archive_) / "search" / "index-7.sqlite") << "left by an interrupted run";
  RunResult three = Run({"reindex", "--jobs", "3"});
  ASSERT_EQ(three.code, 0) << three.err;
  for (size_t k = 0; k < queries.size(); ++k) EXPECT_EQ(found(queries[k]), one[k]) << queries[k][0];
  // Only the new index is left behind.
  std::vector<std::string> left;
  for (const auto& e : fs::directory_iterator(archive_)) {
    if (e.path().filename().string().rfind("search", 0) == 0) left.push_back(e.path().filename());
  }
  EXPECT_THAT(left, ElementsAre("search"));
  // ingest wrote index-1, the first reindex index-2.
  EXPECT_THAT(IndexFiles(), ::testing::UnorderedElementsAre("CURRENT", "index-3.sqlite"));
  RunResult zero = Run({"reindex", "--jobs", "0"});
  EXPECT_EQ(zero.code, 1);
  EXPECT_THAT(zero.err, HasSubstr("--jobs '0' must be a whole number from 1 to 64"));
}

}  // namespace
}  // namespace sinmun
