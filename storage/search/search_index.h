// SearchIndex: Korean full-text search over the archive's versions, and the lookup of
// syndicated copies (shared paragraphs, Naver's "기사원문" origin link). Derived data: one
// SQLite database (storage/search/index_dir.h says where), always rebuildable from the
// archive; the only user of SQLite's FTS5.
//
// Layout 3. Every version of every article is one document of an FTS5 table, contentless
// and with detail=none: the index keeps which documents hold each term, not where — the
// smallest form (about a third of the text's bytes; positions would more than double it).
// A document's terms are those of storage/search/tokenizer.h over the title, subtitle and
// blocks; the title's and subtitle's again, marked, so that "in the title" is a term too;
// terms for the portal, press and source; and its date's year, month, day and hour
// (storage/search/date_terms.h). Beside it, plain tables: the articles and the documents
// (storage/search/index_store.h).
//
// Search (storage/search/searcher.h). The query (storage/search/query.h) becomes an FTS5
// expression that finds every matching document and maybe more: a word is its terms
// ANDed; an exclusion is pushed into FTS5 only when one term decides it. Documents are
// read newest first and stop being read once the hits are there, so a search costs about
// its hits, not its matches. When the terms cannot decide (a word of three or more
// syllables, a phrase, a word across scripts), each candidate's text is read back
// (VersionTexts) and matched exactly, positions included: the hits are exactly those an
// index with positions would give. Relevance: documents whose title holds every word of the
// query first, then those whose title holds some, then the rest, newest first within each
// tier (FTS5's bm25 needs positions or stored text, neither of which this index keeps).
// --sort date: newest first. estimated_matches is exact up to kCountExactly candidates,
// estimated beyond (from the terms' document counts).
//
// Writes. Add writes a version in a transaction that Commit ends; adding a version that is
// indexed already changes nothing (versions never change). A version newer than the
// article's indexed ones becomes its latest; an older one arriving late does not.
// FTS5 merges its segments as it goes (automerge); Maintain does the rest in the
// background (see there).
//
// Thread-safety: a SearchIndex is used by one thread at a time. SQLite (WAL mode) allows
// one writer process and any number of readers: a kReadOnly index reads while sinmund
// writes, each query seeing the writer's last commit.
#ifndef SINMUN_STORAGE_SEARCH_SEARCH_INDEX_H_
#define SINMUN_STORAGE_SEARCH_SEARCH_INDEX_H_

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "common/time.h"
#include "storage/search/snippet.h"

namespace sinmun {

class IndexStore;

// The layout this build writes; an index of another layout is rebuilt (index_dir.h).
// Layout 4 indexes every CJK character as a term of its own (tokenizer.h); layout 3 did only
// the first and last of each run, so a one-character word was a prefix of every bigram
// starting with it, which FTS5 merges whole for each query (0.6 s at 10^6 versions). A
// layout-3 index is still read, the old way, until its rebuild replaces it.
inline constexpr int kSearchLayout = 4;
inline constexpr int kOldestReadLayout = 3;

// The longest query text read, in bytes (about 340 Hangul syllables). A query is what a
// person types; a longer one is refused rather than cut, so that what is searched is what
// was asked (and a pasted page does not cost a scan of every paragraph per word).
inline constexpr size_t kMaxQueryBytes = 1024;

struct SearchQuery {
  std::string text;                       // storage/search/query.h; at most kMaxQueryBytes
  std::optional<Instant> since, until;    // since <= date < until; date = published, else fetched
  std::string portal, source, press;      // "" = any; exact match otherwise
  bool all_versions = false;              // false: only each article's latest version
  enum class Sort { kRelevance, kDate } sort = Sort::kRelevance;  // kDate: newest first
  size_t limit = 20;                      // hits returned (articles); 0 means 20
};

struct SearchHit {
  std::string id;
  uint32_t version = 0;  // the version shown: the latest, or with all_versions the newest matching one
  // With all_versions: every indexed version of the article that matches, ascending.
  // Otherwise {version}.
  std::vector<uint32_t> matched_versions;
  std::string portal, press, source;
  std::optional<Instant> published;
  Instant fetched_at;  // of `version`
  double weight = 0;   // relevance: higher first (3: every word in the title, 2: some, 1: none)
};

struct SearchResults {
  // Articles (versions with all_versions) matching: exact up to kCountExactly, estimated
  // beyond.
  uint64_t estimated_matches = 0;
  std::vector<SearchHit> hits;
  // What to mark in the text: the query's words and phrases that are not excluded.
  std::vector<std::string> highlight;
};

// An article sharing paragraphs with another (SharedParagraphs).
struct SharedCandidate {
  std::string id;
  uint32_t version = 0;     // its latest indexed version
  size_t shared = 0;        // paragraph hashes in common
  size_t paragraphs = 0;    // its own SharedParagraphHashes count
};

// What the index reads back: the content of an indexed version, to match a candidate the
// terms cannot decide and to fill a hit. NotFound when the version is not there (the
// index can be ahead of the reader's view of the archive): the candidate is skipped.
class VersionTexts {
 public:
  virtual ~VersionTexts() = default;
  virtual Result<Article> Read(const std::string& id, uint32_t version) = 0;
};

// Reading a search index, whatever its layout (this one, or the Xapian index of layout 2
// while sinmund replaces it: storage/search/xapian_index.h).
class SearchReader {
 public:
  virtual ~SearchReader() = default;
  // Versions indexed and committed.
  virtual Result<uint64_t> IndexedVersions() = 0;
  // Every query text is read (query.h); errors are InvalidArgument for a text longer than
  // kMaxQueryBytes (CheckQuery), the index's own or the reader's.
  virtual Result<SearchResults> Search(const SearchQuery& query, VersionTexts& texts) = 0;
  // The latest versions of other articles sharing paragraphs (SharedParagraphHashes) with
  // `article`, most shared first, at most `limit`; `exclude_id` is left out, and so are
  // paragraphs found in more than kMaxSharedParagraphArticles articles (boilerplate).
  virtual Result<std::vector<SharedCandidate>> SharedParagraphs(const Article& article,
                                                                const std::string& exclude_id,
                                                                VersionTexts& texts, size_t limit = 50) = 0;
  // Ids of the articles whose latest indexed version names `url` (canonicalised) as its origin.
  virtual Result<std::vector<std::string>> ArticlesWithOrigin(const std::string& url) = 0;
};

// OK, or InvalidArgument naming the limit when query.text is longer than kMaxQueryBytes.
Status CheckQuery(const SearchQuery& query);

// True when `query` asks for nothing: its text has no word to search for (empty, or only
// punctuation and operators: `(`, `"`, `-`) and it names no filter (dates, portal, press,
// source). Search then matches every article; a reader says so instead of listing them.
bool AsksForNothing(const SearchQuery& query);

inline constexpr size_t kMaxSharedParagraphArticles = 500;
// Candidates counted one by one before estimated_matches becomes an estimate.
inline constexpr size_t kCountExactly = 1000;

struct IndexedArticle {
  uint32_t latest = 0;
  uint32_t count = 0;
};

// A version as the index writes it, made apart from the writer (on any thread; see
// MakeIndexDocument) so that a rebuild tokenizes on every core.
struct IndexDocument {
  std::string id;
  uint32_t version = 0;
  int64_t date = 0;  // seconds: published, else fetched
  bool published = false;
  int64_t fetched = 0;  // seconds
  std::string origin;   // canonical origin URL, "" when none
  std::string terms;    // every term, each followed by '\x1f'
};
IndexDocument MakeIndexDocument(const std::string& id, uint32_t version, const Article& a,
                                Instant fetched_at);

class SearchIndex : public SearchReader {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // The database file `path`. kReadWrite creates it (with the schema of kSearchLayout)
  // when missing; Busy when another connection is writing it. kReadOnly: NotFound when
  // there is no such file; it also reads layouts from kOldestReadLayout on (older_layout()
  // says so). Both: Unsupported for another layout ("search index of layout N"), Corruption
  // for a damaged file, IOError otherwise.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& path, Mode mode);

  ~SearchIndex() override;
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Indexes version `version` of article `id` (see "Writes"); not visible to readers until
  // Commit. Unsupported in kReadOnly mode.
  Status Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at);
  Status Add(const IndexDocument& doc);
  // Makes every Add so far durable and visible to readers.
  Status Commit();

  // The indexed versions of article `id`, ascending (empty when none).
  Result<std::vector<uint32_t>> VersionsOf(const std::string& id);
  // Its newest indexed version and how many are indexed (zeros when none): cheap, for
  // finding what the index lacks.
  Result<IndexedArticle> Indexed(const std::string& id);

  // Background upkeep, one bounded step a call: gives free pages back to the file system
  // (`pages` of them) once they are more than 2% of the file and 64 pages; else merges a
  // level of FTS5's segments that holds four (tiered merging: each version is rewritten
  // about once per level, whatever the rate of appends; about `pages` pages written);
  // else, with `count_terms`, when the index holds a quarter more versions (1,000 at least)
  // than at its last count
  // (or 100,000 when never counted), counts the documents of its common terms for the
  // match estimates of searches (a read of the whole index, at most `pages` terms or
  // 0.2 s a step; the count under way is kept in memory only). Appended at any rate, the
  // index stayed within 1.2x a rebuild of the same versions in every measurement
  // (BENCHMARKS.md). Returns true when it did something (call again), false when there is
  // nothing to do. Commits. Unsupported in kReadOnly mode; SQLite's errors otherwise.
  Result<bool> Maintain(int pages = 2000, bool count_terms = true);
  // Merges every segment into one, gives back every free page and counts the common
  // terms' documents (the index as a rebuild leaves it). Commits. `stopped` (may be empty)
  // is asked before each step, which writes about `step_pages` pages (4,000 pages, 16 MiB:
  // a fraction of a second); when it answers true, Compact gives up with Busy "stopped",
  // leaving the index whole, partly merged, its term counts as they were. Unsupported in
  // kReadOnly mode; SQLite's errors otherwise.
  Status Compact(const std::function<bool()>& stopped = {}, int step_pages = 4'000);

  // Bytes of the database file(s) on disk (the WAL included).
  Result<uint64_t> DiskBytes();
  // True for an index of a layout before kSearchLayout (read-only: sinmund rebuilds it).
  bool older_layout() const;

  Result<uint64_t> IndexedVersions() override;
  Result<SearchResults> Search(const SearchQuery& query, VersionTexts& texts) override;
  Result<std::vector<SharedCandidate>> SharedParagraphs(const Article& article, const std::string& exclude_id,
                                                        VersionTexts& texts, size_t limit = 50) override;
  Result<std::vector<std::string>> ArticlesWithOrigin(const std::string& url) override;


 private:
  explicit SearchIndex(std::unique_ptr<IndexStore> store);
  std::unique_ptr<IndexStore> store_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_SEARCH_INDEX_H_
