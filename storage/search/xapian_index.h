// XapianIndex: the search index of layout 2, a Xapian database, as sinmun releases before
// layout 3 wrote it. It is read (never updated) while sinmund builds its replacement, so
// that `sinmun search` and `related` keep answering during the upgrade
// (storage/search/index_dir.h); the only user of Xapian.
//
// Layout 2: one document per version, its CJK text as positioned bigrams plus each run's
// first and last character, other text as Xapian's words (the terms of
// storage/search/tokenizer.h, with positions; since layout 4 the tokenizer also gives the
// characters inside a run, which an index written here then holds too); boolean terms for portal, press, source, id,
// paragraph hashes (64-bit prefix), origin URL, month and a "latest" marker on each
// article's newest version; values for date, fetched time, id and version. Queries are read
// by ReadQuery (storage/search/query.h) and become phrase queries, so the hits are those of
// layout 3; relevance is Xapian's BM25.
//
// Create/Add/Commit write such an index (tests and the benchmarks that compare layouts):
// versions must be added oldest first, each once.
//
// Thread-safety: one XapianIndex per thread. Readers see the commits made before Open.
#ifndef SINMUN_STORAGE_SEARCH_XAPIAN_INDEX_H_
#define SINMUN_STORAGE_SEARCH_XAPIAN_INDEX_H_

#include <memory>
#include <string>
#include <vector>

#include "storage/search/search_index.h"

namespace sinmun {

inline constexpr int kXapianLayout = 2;

// True when `dir` holds a Xapian database (of any layout).
bool IsXapianIndex(const std::string& dir);

class XapianIndex : public SearchReader {
 public:
  // Reads the index in `dir`. NotFound when there is none; Unsupported when it is not of
  // layout 2 (layout 1, Xapian's own CJK n-grams, is not read); Corruption for a damaged
  // database; IOError otherwise.
  static Result<std::unique_ptr<XapianIndex>> Open(const std::string& dir);
  // A new, empty index of layout 2 in `dir` (which must not hold one).
  static Result<std::unique_ptr<XapianIndex>> Create(const std::string& dir);

  ~XapianIndex() override;
  XapianIndex(const XapianIndex&) = delete;
  XapianIndex& operator=(const XapianIndex&) = delete;

  // REQUIRES: made by Create; versions of an article oldest first.
  Status Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at);
  Status Commit();

  Result<uint64_t> IndexedVersions() override;
  Result<SearchResults> Search(const SearchQuery& query, VersionTexts& texts) override;
  Result<std::vector<SharedCandidate>> SharedParagraphs(const Article& article, const std::string& exclude_id,
                                                        VersionTexts& texts, size_t limit = 50) override;
  Result<std::vector<std::string>> ArticlesWithOrigin(const std::string& url) override;

  class Impl;

 private:
  explicit XapianIndex(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_XAPIAN_INDEX_H_
