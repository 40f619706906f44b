// IndexStore: the tables of the search index of layouts 3 and 4 in one SQLite database; the only
// code that knows them. SearchIndex (storage/search/search_index.h) is its public face, the
// Searcher (storage/search/searcher.h) runs queries over it.
//
//   terms     FTS5, contentless, detail=none, tokenizer "sinmun" (splits MakeIndexDocument's
//             terms on kTermSeparator; a query string is one term). rowid = docid.
//   docs      docid (dense, in the order versions were added) -> article number, version,
//             flags (latest, published known), fetched time, date (published, else
//             fetched; seconds). Unique index on (article, version).
//   articles  id -> article number, newest indexed version, how many are indexed, origin
//             URL (canonical) of the newest. Indexes on number and on origin.
//   meta      layout, versions and articles indexed, the versions indexed at the last count
//             of document frequencies (df_versions), and (layout 4) the year terms the
//             index holds, each a row keyed by the term.
//   term_df   term -> documents holding it, for the terms in 1,000 documents or more at the
//             last count (SearchIndex::Maintain, Compact): the match estimates' source.
// Docids are dense because FTS5 stores each term's documents as varint deltas: ids spread
// out by date (say seconds shifted left) cost four bytes a posting instead of one. Dates
// order the search instead through date terms (fts_expression.h: DateTerms).
//
// Thread-safety: one thread at a time. Readers (read-only) and the one writer are separate
// connections, in separate processes or threads; SQLite's WAL mode lets them run together.
#ifndef SINMUN_STORAGE_SEARCH_INDEX_STORE_H_
#define SINMUN_STORAGE_SEARCH_INDEX_STORE_H_

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"
#include "storage/search/search_index.h"
#include "storage/search/sqlite.h"

namespace sinmun {

class IndexStore {
 public:
  struct Doc {
    int64_t article = 0;  // articles.no
    uint32_t version = 0;
    bool latest = false;  // the article's newest indexed version
    int64_t fetched = 0;  // seconds
    int64_t date = 0;     // seconds: published, else fetched
  };

  // See SearchIndex::Open.
  static Result<std::unique_ptr<IndexStore>> Open(const std::string& path, bool read_only);
  ~IndexStore();
  IndexStore(const IndexStore&) = delete;
  IndexStore& operator=(const IndexStore&) = delete;

  bool read_only() const { return read_only_; }
  // The index's layout (search_index.h: kSearchLayout, or an older one read-only).
  int layout() const { return layout_; }
  const std::string& path() const { return path_; }

  // Writing (see SearchIndex). Unsupported when read-only.
  Status Add(const IndexDocument& d);
  Status Commit();
  Result<bool> Maintain(int pages, bool count_terms);
  Status Compact(const std::function<bool()>& stopped, int step_pages);

  Result<int64_t> Meta(const char* key);
  // Bytes of the database file and its WAL.
  Result<uint64_t> DiskBytes();
  Result<std::vector<uint32_t>> VersionsOf(const std::string& id);
  Result<IndexedArticle> Indexed(const std::string& id);
  // nullopt when the index has no such document / article.
  Result<std::optional<Doc>> LookupDoc(int64_t docid);
  Result<std::string> ArticleId(int64_t no);
  Result<std::optional<int64_t>> ArticleNo(const std::string& id);
  // Documents holding `term` (with `prefix`: any term starting with it). A common term's
  // (1,000 documents or more at the last count, table term_df) is its count then, scaled by
  // the versions indexed since (a date term's unscaled: a past period gains no documents):
  // a term whose share of documents grew since is underestimated until the next count, and
  // the current period's date terms likewise. Any other term's, and every term's in an index
  // without counts (layout 3; layout 4 before a writer of this release opened it), is read
  // from FTS5's vocabulary, which reads the term's whole list.
  Result<int64_t> TermDocs(std::string_view term, bool prefix);
  // The terms starting with `prefix` that the index holds, ascending.
  Result<std::vector<std::string>> TermsWithPrefix(std::string_view prefix);
  // The year terms (date_terms.h) the index holds, ascending: from the meta table, where
  // the writer keeps each year it adds a document of (a few rows, whatever the index's
  // size); from FTS5's vocabulary — which reads every year's whole list — for an index of
  // layout 3, which did not keep them.
  Result<std::vector<std::string>> Years();

  // A statement of this connection, prepared once and reset for reuse. Keyed by the
  // address of `sql`: pass string literals.
  Result<Statement*> Prepared(const char* sql);

 private:
  IndexStore(std::unique_ptr<SqliteDb> db, std::string path, bool read_only)
      : db_(std::move(db)), path_(std::move(path)), read_only_(read_only) {}
  Status Init(bool created);
  Status Begin();
  Status CreateVocabulary();  // temp.vocab, FTS5's vocabulary of terms
  // One step of counting the common terms' documents into term_df (see Maintain), at most
  // `terms` terms and about kCountStep of time: true when it did some. `force`: count now,
  // however few versions were added since the last.
  Result<bool> CountDfStep(int terms, bool force);
  Status UpdateArticle(const IndexDocument& d, bool found, bool newest, int64_t no, uint32_t latest);

  std::unique_ptr<SqliteDb> db_;
  std::string path_;
  bool read_only_;
  int layout_ = 0;
  std::map<const char*, Statement> statements_;
  bool in_transaction_ = false;
  bool vocabulary_ = false;  // temp.vocab created
  struct DfScan {             // a count of document frequencies under way (writer)
    int64_t versions;         // indexed when it began (set then: with an initializer here,
                              // clang cannot emplace it while IndexStore is incomplete)
    std::string after;        // the last term read
    std::vector<std::pair<std::string, int64_t>> kept;
  };
  std::optional<DfScan> df_scan_;
  int64_t versions_added_ = 0, articles_added_ = 0;
  std::set<std::string> years_;          // the writer's: the year terms kept in meta
  std::set<std::string> pending_years_;  // written in the open transaction
  Status KeepYears();                    // at a writer's open: load them
  int64_t next_docid_ = 1, next_no_ = 1;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_INDEX_STORE_H_
