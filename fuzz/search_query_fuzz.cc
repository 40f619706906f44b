// libFuzzer target: search query text (outside input: whatever a user types after
// `sinmun search`), read by the query reader into terms, turned into an FTS5 expression and
// run over a small index made once in a temporary directory, candidates matched against
// their text; the snippet is cut around the query's words. The first byte chooses the
// options (date sort, every version, a date range). Every text up to kMaxQueryBytes is a
// query: such a search never fails, and returns at most its limit; a longer one is an
// InvalidArgument.
#include <stdlib.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <map>
#include <memory>
#include <string>

#include "common/time.h"
#include "storage/search/search_index.h"

namespace {

std::string g_dir;

// The indexed articles, for matching candidates against their text.
class Texts : public sinmun::VersionTexts {
 public:
  sinmun::Result<sinmun::Article> Read(const std::string& id, uint32_t) override {
    auto it = articles.find(id);
    if (it == articles.end()) return sinmun::Status::NotFound(id);
    return it->second;
  }
  std::map<std::string, sinmun::Article> articles;
};

Texts& TheTexts() {
  static Texts texts;
  return texts;
}

void RemoveIndex() { std::filesystem::remove_all(g_dir); }

sinmun::SearchIndex& Index() {
  static std::unique_ptr<sinmun::SearchIndex> index = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "sinmun_search_fuzz_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) abort();
    g_dir = pattern;
    atexit(RemoveIndex);
    auto opened = sinmun::SearchIndex::Open(g_dir + "/index.sqlite", sinmun::SearchIndex::Mode::kReadWrite);
    if (!opened.ok()) abort();
    const char* texts[] = {"엔비디아가 미국의 수출 규제를 비판했다. Nvidia H20 칩이 대상이다.",
                           "삼성전자는 2026년 AI반도체 수출규제에 대응하는 전략을 내놨다.",
                           "中国 商务部 日本語のテキスト 1.5% e-mail «인용» (괄호) \"따옴표\""};
    uint32_t n = 0;
    for (const char* text : texts) {
      sinmun::Article a;
      a.title = "기사 " + std::to_string(n);
      a.press = "신문일보";
      a.portal = "daum";
      a.published = *sinmun::ParseTime(n == 1 ? "2026-10-02T09:30:00+09:00" : "2026-11-02T09:30:00+09:00");
      a.blocks.push_back(sinmun::Block{sinmun::BlockType::kParagraph, text});
      for (uint32_t v = 1; v <= 2; ++v) {
        if (!(*opened)->Add("id" + std::to_string(n), v, a, *a.published).ok()) abort();
      }
      TheTexts().articles["id" + std::to_string(n)] = a;
      ++n;
    }
    if (!(*opened)->Commit().ok()) abort();
    return std::move(*opened);
  }();
  return *index;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  sinmun::SearchQuery q;
  q.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);
  q.sort = data[0] & 1 ? sinmun::SearchQuery::Sort::kDate : sinmun::SearchQuery::Sort::kRelevance;
  q.all_versions = data[0] & 2;
  if (data[0] & 4) q.since = *sinmun::ParseTime("2026-10-15T00:00:00+09:00");
  if (data[0] & 8) q.until = *sinmun::ParseTime("2026-11-15T00:00:00+09:00");
  q.limit = 1 + data[0] / 16;
  if (q.text.size() > sinmun::kMaxQueryBytes) {
    // Refused whole, then the rest of the run reads its first kMaxQueryBytes.
    sinmun::Result<sinmun::SearchResults> refused = Index().Search(q, TheTexts());
    if (refused.ok() || refused.status().code() != sinmun::Status::Code::kInvalidArgument) abort();
    q.text.resize(sinmun::kMaxQueryBytes);
  }
  sinmun::Result<sinmun::SearchResults> r = Index().Search(q, TheTexts());
  if (!r.ok()) {
    std::fprintf(stderr, "search failed: %s\n", r.status().message().c_str());
    abort();
  }
  if (r->hits.size() > q.limit) abort();
  sinmun::Article a;
  a.title = "엔비디아 수출";
  a.blocks.push_back(sinmun::Block{sinmun::BlockType::kParagraph, q.text});
  (void)sinmun::MakeSnippet(a, r->highlight);
  return 0;
}
