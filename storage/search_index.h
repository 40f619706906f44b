// SearchIndex: Korean full-text search over the archive's versions, and the lookup of
// syndicated copies (shared paragraphs, Naver's "기사원문" origin link). The only user of
// Xapian. Derived data: a Xapian database in <archive dir>/search/, always rebuildable from
// the archive (`sinmun reindex`).
//
// Documents. One Xapian document per article version, unique by (id, version), so adding
// the same version twice replaces it. Its text terms come from the title (weighted x3), the
// subtitle (x2) and every block's text (x1). Korean writes particles onto nouns and spaces
// words as the writer likes (수출규제를 / 수출 규제를; 美 연준 / 美연준), so before indexing,
// white space between two CJK characters is dropped. Then each run of CJK characters
// (Hangul, Han, Kana) becomes its bigrams at consecutive positions (수출규제를: 수출 출규
// 규제 제를), plus its first and last character (positioned at the run's two ends); other
// text becomes Xapian's words, lower-cased. A query word or phrase becomes terms the same
// way, a phrase of bigrams, so 수출규제 matches where its characters stand together through
// a match of rare terms. (Xapian's own CJK n-gram mode positions every single character
// instead, whose lists cover most of the index: a phrase of them had to be checked in
// nearly every document.)
// Boolean terms: portal, press, source, the article id, each paragraph's block hash (a
// 64-bit prefix, for paragraphs of at least kMinSharedParagraphChars characters), the
// canonical origin URL, and a "latest" marker carried by the newest indexed version of
// each article only (moved when a newer version is added). Values: the date (published, else
// fetched), fetched time, id, version, portal, press, source, paragraph-hash count.
//
// Queries (SearchQuery::text), read by our own reader (not Xapian's QueryParser: a word
// must become the same terms as the text it should find, and no input is a syntax error):
// words are ANDed; "a phrase" matches its words in order (white space between CJK
// characters is not significant: "수출 규제" also finds 수출규제); -word, -"phrase",
// -(group) and NOT word exclude; a OR b; parentheses group; an operator where none can
// stand is read as a word. A Korean word matches where its characters stand together,
// particles attached or not (엔비디아 finds 엔비디아가), and so does a word that mixes
// scripts (2026년, AI반도체, 3.5%, R&D). One CJK character matches wherever it stands.
// Results are ranked by BM25 or, newest first, by date (read month by month).
//
// Freshness. The index holds one document per archived version, so it is complete when its
// document count equals the archive's version count (Archive::VersionCount). CheckFresh
// says so, or returns the message the CLI shows ("no search index" / "stale").
//
// Thread-safety: one SearchIndex is not safe for concurrent use (Xapian handles are not);
// use one per thread. Xapian allows one writer process and any number of readers: a
// kReadOnly index reads while sinmund writes, and sees the writer's commits made before
// Open (or before Reopen).
#ifndef SINMUN_STORAGE_SEARCH_INDEX_H_
#define SINMUN_STORAGE_SEARCH_INDEX_H_

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"
#include "common/time.h"

namespace sinmun {

// Paragraphs shorter than this (in code points) do not count as shared text: bylines,
// "[사진]" and other boilerplate would tie unrelated stories together.
inline constexpr size_t kMinSharedParagraphChars = 20;

struct SearchQuery {
  std::string text;                       // see the file comment
  std::optional<Instant> since, until;    // since <= date < until; date = published, else fetched
  std::string portal, source, press;      // "" = any; exact match otherwise
  bool all_versions = false;              // false: only each article's latest version
  enum class Sort { kRelevance, kDate } sort = Sort::kRelevance;  // kDate: newest first
  size_t limit = 20;                      // hits returned (articles)
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
  double weight = 0;   // BM25 relevance (0 for pure filters)
};

struct SearchResults {
  uint64_t estimated_matches = 0;  // articles (or versions with all_versions) matching, Xapian's estimate
  std::vector<SearchHit> hits;
  // What to mark in the text: the query's words and phrases that are not excluded.
  std::vector<std::string> highlight;
};

// An article sharing paragraphs with another (SharedParagraphs).
struct SharedCandidate {
  std::string id;
  uint32_t version = 0;     // its latest indexed version
  size_t shared = 0;        // paragraph hashes in common
  size_t paragraphs = 0;    // its own paragraph-hash count
};

// A span [begin, end) of marked text, in Unicode code points of the text it marks.
struct Mark {
  size_t begin = 0, end = 0;
};
struct Snippet {
  std::string text;         // a stretch of the title or one block, "…" where cut
  std::vector<Mark> marks;  // in order, not overlapping
};

// A snippet of about max_chars code points from the first block (or the title, when no
// block matches) that contains one of `words`, centred on the first match, every
// occurrence of a word marked. Matching ignores ASCII case and white space inside the text,
// as the index does. With no match: the start of the first paragraph, unmarked.
Snippet MakeSnippet(const Article& article, const std::vector<std::string>& words,
                    size_t max_chars = 160);

// The block hashes (BlockHash) of the paragraphs that count as shared text: paragraph and
// subheading blocks of at least kMinSharedParagraphChars code points, each once.
std::vector<std::string> SharedParagraphHashes(const Article& article);

class SearchIndex {
 public:
  enum class Mode { kReadWrite, kReadOnly };

  // kReadWrite: opens or creates the index in DIR; Busy when another writer holds it.
  // kReadOnly: NotFound ("no search index: run sinmun reindex") when DIR holds none.
  // Both: Corruption when Xapian finds the database damaged; Unsupported for an index
  // written with a newer layout; IOError otherwise.
  static Result<std::unique_ptr<SearchIndex>> Open(const std::string& dir, Mode mode);

  ~SearchIndex();
  SearchIndex(const SearchIndex&) = delete;
  SearchIndex& operator=(const SearchIndex&) = delete;

  // Indexes version `version` of article `id` (its content `a`, fetched at `fetched_at`),
  // replacing an earlier document for the same version, and moves the "latest" marker to it
  // when it is the newest indexed version of the article. Not visible to readers until
  // Commit. Unsupported in kReadOnly mode.
  Status Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at);
  // Makes every Add so far durable and visible to readers.
  Status Commit();

  // Documents (= article versions) indexed and committed.
  Result<uint64_t> IndexedVersions();
  // Ok when the index covers archive_versions versions; otherwise NotFound with "search
  // index is stale (N of M versions indexed): run sinmun reindex" (what a query needs is
  // not all there).
  Status CheckFresh(uint64_t archive_versions);

  // Every query text is read (see the file comment); errors are the index's own.
  Result<SearchResults> Search(const SearchQuery& query);

  // The latest versions of other articles sharing paragraph hashes with `hashes` (from
  // SharedParagraphHashes), best candidates first (rarer shared paragraphs weigh more), at
  // most `limit`; `exclude_id` is left out.
  Result<std::vector<SharedCandidate>> SharedParagraphs(const std::vector<std::string>& hashes,
                                                        const std::string& exclude_id,
                                                        size_t limit = 50);
  // Ids of the articles whose latest version names `url` (canonicalised) as its origin.
  Result<std::vector<std::string>> ArticlesWithOrigin(const std::string& url);

  // kReadOnly: see the writer's latest commit.
  Status Reopen();

  // Writes into `out` (which must not exist) one compacted index holding every document of
  // the committed indexes `shards` (built apart, e.g. on several threads, each holding all
  // versions of its articles). IOError (or what Open returns) when one cannot be read.
  static Status Merge(const std::vector<std::string>& shards, const std::string& out);

  class Impl;

 private:
  explicit SearchIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_INDEX_H_
