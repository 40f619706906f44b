#include "storage/search/search_index.h"

#include <sqlite3.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "common/identity.h"
#include "storage/search/fts_expression.h"
#include "storage/search/query.h"
#include "storage/search/sqlite.h"
#include "storage/search/tokenizer.h"

namespace sinmun {
namespace {

// A document's rowid: its date in seconds, shifted, plus a sequence number.
constexpr int kSeqBits = 24;
constexpr int64_t kSeqMask = (int64_t{1} << kSeqBits) - 1;
constexpr int64_t kMaxDate = int64_t{1} << 38;  // ±8,700 years
constexpr int kMaxSeqTries = 1000;
// Candidates of a count that are matched against their text; the rest are counted at the
// rate these passed.
constexpr size_t kCountSample = 50;
// Terms of a paragraph that look for other articles holding it.
constexpr size_t kParagraphTerms = 32;
// Docs flags.
constexpr int64_t kLatestFlag = 1;
constexpr int64_t kPublishedFlag = 2;
// An index that was never compact (written by appending from the start) is compacted once
// when it holds this many versions; Maintain measures its growth against that size.
constexpr int64_t kFirstCompactAt = 10'000;

constexpr const char* kSchema = R"sql(
PRAGMA auto_vacuum = INCREMENTAL;
PRAGMA journal_mode = WAL;
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE articles(id TEXT PRIMARY KEY, no INTEGER NOT NULL, version INTEGER NOT NULL,
                      count INTEGER NOT NULL, origin TEXT) WITHOUT ROWID;
CREATE UNIQUE INDEX articles_no ON articles(no);
CREATE INDEX articles_origin ON articles(origin) WHERE origin IS NOT NULL;
CREATE TABLE docs(docid INTEGER PRIMARY KEY, article INTEGER NOT NULL, version INTEGER NOT NULL,
                  flags INTEGER NOT NULL, fetched INTEGER NOT NULL);
CREATE UNIQUE INDEX docs_article ON docs(article, version);
CREATE VIRTUAL TABLE terms USING fts5(t, content='', columnsize=0, detail=none, tokenize='sinmun');
INSERT INTO terms(terms, rank) VALUES('pgsz', 4050);
INSERT INTO meta VALUES('layout', 3), ('versions', 0), ('articles', 0),
                       ('compact_bytes', 0), ('compact_versions', 0), ('merging', 0);
)sql";

int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }
Instant FromSeconds(int64_t s) { return Instant(std::chrono::seconds(s)); }
int64_t DateKey(int64_t date) { return std::clamp(date, -kMaxDate, kMaxDate - 1) * (kSeqMask + 1); }

// --- the FTS5 tokenizer: the terms of a document are already made (MakeIndexDocument),
// separated by kTermSeparator; a query string is one term. ---------------------------------

int SplitCreate(void*, const char**, int, Fts5Tokenizer** out) {
  *out = reinterpret_cast<Fts5Tokenizer*>(new char(0));
  return SQLITE_OK;
}
void SplitDelete(Fts5Tokenizer* t) { delete reinterpret_cast<char*>(t); }
int SplitTokenize(Fts5Tokenizer*, void* ctx, int, const char* text, int n,
                  int (*token)(void*, int, const char*, int, int, int)) {
  int begin = 0;
  for (int i = 0; i <= n; ++i) {
    if (i < n && text[i] != kTermSeparator) continue;
    if (i > begin) {
      if (int rc = token(ctx, 0, text + begin, i - begin, begin, i); rc != SQLITE_OK) return rc;
    }
    begin = i + 1;
  }
  return SQLITE_OK;
}

Status RegisterTokenizer(SqliteDb& db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db.get(), "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return SqliteStatus(sqlite3_errcode(db.get()), db.get(), "FTS5 is not available");
  }
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr) return Status::Unsupported("this SQLite has no FTS5");
  static fts5_tokenizer kSplit = {SplitCreate, SplitDelete, SplitTokenize};
  const int rc = api->xCreateTokenizer(api, "sinmun", nullptr, &kSplit, nullptr);
  if (rc != SQLITE_OK) return SqliteStatus(rc, db.get(), "registering the tokenizer");
  return Status::Ok();
}

void AppendTerm(std::string& out, std::string_view prefix, std::string_view term) {
  out += prefix;
  for (char c : term) out += c == kTermSeparator ? ' ' : c;
  out += kTermSeparator;
}

}  // namespace

IndexDocument MakeIndexDocument(const std::string& id, uint32_t version, const Article& a,
                                Instant fetched_at) {
  IndexDocument d;
  d.id = id;
  d.version = version;
  d.published = a.published.has_value();
  d.date = Seconds(a.published.value_or(fetched_at));
  d.fetched = Seconds(fetched_at);
  if (!a.origin_url.empty()) d.origin = CanonicalUrl(a.origin_url).value_or(a.origin_url);
  d.terms.reserve(a.title.size() * 4 + 2048);
  AppendTerm(d.terms, kAllTerm, "");
  if (!a.portal.empty()) AppendTerm(d.terms, kPortalPrefix, a.portal);
  if (!a.press.empty()) AppendTerm(d.terms, kPressPrefix, a.press);
  if (!a.source.empty()) AppendTerm(d.terms, kSourcePrefix, a.source);
  Tokenizer tokenizer;
  const std::string mark(1, kTitleMark);
  uint32_t position = 0;
  ForEachField(a, [&](const std::string& text, bool title) {
    position = tokenizer.Tokenize(text, position, [&](std::string_view term, uint32_t) {
      d.terms.append(term);
      d.terms += kTermSeparator;
      if (title) AppendTerm(d.terms, mark, term);
    }) + kFieldGap;
  });
  return d;
}

// --- SearchIndex::Impl ---------------------------------------------------------------------

class SearchIndex::Impl {
 public:
  struct Doc {
    int64_t article = 0;
    uint32_t version = 0;
    int64_t flags = 0;
    int64_t fetched = 0;
  };

  Impl(Mode mode, std::unique_ptr<SqliteDb> db, std::string path)
      : mode_(mode), db_(std::move(db)), path_(std::move(path)) {}

  Status Init(bool created);
  Status Add(const IndexDocument& d);
  Status Commit();
  Result<std::vector<uint32_t>> VersionsOf(const std::string& id);
  Result<bool> Maintain(int pages);
  Status Compact();
  Result<int64_t> Meta(const char* key);
  Result<uint64_t> UsedBytes();

  // Reading, for the searches (search_index.cc below).
  Result<std::optional<Doc>> LookupDoc(int64_t docid);
  Result<std::string> ArticleId(int64_t no);
  Result<std::optional<int64_t>> ArticleNo(const std::string& id);
  Result<IndexedArticle> ArticleState(const std::string& id);
  Result<int64_t> TermDocs(std::string_view term, bool prefix);
  // A statement of the reading connection, prepared once.
  Result<Statement*> Prepared(const char* sql);

  Mode mode_;
  std::unique_ptr<SqliteDb> db_;
  std::string path_;

 private:
  Status Begin();
  Result<int64_t> InsertDoc(const IndexDocument& d, int64_t article, bool latest);

  std::map<const char*, Statement> statements_;
  bool in_transaction_ = false;
  int64_t versions_added_ = 0, articles_added_ = 0;
  int64_t next_seq_ = 0;
  int64_t next_no_ = 1;
};

Result<Statement*> SearchIndex::Impl::Prepared(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    Result<Statement> s = Statement::Prepare(*db_, sql);
    if (!s.ok()) return s.status();
    it = statements_.emplace(sql, std::move(*s)).first;
  }
  it->second.Reset();
  return &it->second;
}

Status SearchIndex::Impl::Init(bool created) {
  if (Status s = RegisterTokenizer(*db_); !s.ok()) return s;
  if (created) {
    if (Status s = db_->Exec(kSchema); !s.ok()) return s;
  }
  if (mode_ == Mode::kReadWrite) {
    if (Status s = db_->Exec("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536;"); !s.ok()) return s;
  } else {
    if (Status s = db_->Exec("PRAGMA mmap_size = 1073741824;"); !s.ok()) return s;
  }
  Result<int64_t> layout = Meta("layout");
  if (!layout.ok()) {
    return Status::Corruption("the search index " + path_ + " has no layout record: " + layout.status().message());
  }
  if (*layout != kSearchLayout) {
    return Status::Unsupported("search index of layout " + std::to_string(*layout) + " (this sinmun reads " +
                               std::to_string(kSearchLayout) + ")");
  }
  if (mode_ == Mode::kReadWrite) {
    Result<Statement*> max = Prepared("SELECT max(docid) FROM docs");
    if (!max.ok()) return max.status();
    if (Result<bool> row = (*max)->Step(); row.ok() && *row) next_seq_ = ((*max)->Int(0) & kSeqMask) + 1;
    (*max)->Reset();
    Result<Statement*> no = Prepared("SELECT max(no) FROM articles");
    if (!no.ok()) return no.status();
    if (Result<bool> row = (*no)->Step(); row.ok() && *row) next_no_ = (*no)->Int(0) + 1;
    (*no)->Reset();
  }
  return Status::Ok();
}

Result<int64_t> SearchIndex::Impl::Meta(const char* key) {
  Result<Statement*> s = Prepared("SELECT value FROM meta WHERE key = ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, std::string_view(key));
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::NotFound(std::string("no ") + key + " in the search index");
  const int64_t value = (*s)->Int(0);
  (*s)->Reset();
  return value;
}

Status SearchIndex::Impl::Begin() {
  if (in_transaction_) return Status::Ok();
  if (Status s = db_->Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  in_transaction_ = true;
  return Status::Ok();
}

Result<int64_t> SearchIndex::Impl::InsertDoc(const IndexDocument& d, int64_t article, bool latest) {
  Result<Statement*> insert =
      Prepared("INSERT INTO docs(docid, article, version, flags, fetched) VALUES(?1, ?2, ?3, ?4, ?5)");
  if (!insert.ok()) return insert.status();
  const int64_t flags = (latest ? kLatestFlag : 0) | (d.published ? kPublishedFlag : 0);
  for (int tries = 0; tries < kMaxSeqTries; ++tries) {
    const int64_t docid = DateKey(d.date) + (next_seq_++ & kSeqMask);
    (*insert)->Reset();
    (*insert)->Bind(1, docid).Bind(2, article).Bind(3, int64_t{d.version}).Bind(4, flags).Bind(5, d.fetched);
    Status s = (*insert)->Run();
    if (s.ok()) return docid;
    if (sqlite3_extended_errcode(db_->get()) != SQLITE_CONSTRAINT_PRIMARYKEY) return s;
  }
  return Status::IOError("no free document number for the date of " + d.id);
}

Status SearchIndex::Impl::Add(const IndexDocument& d) {
  if (mode_ != Mode::kReadWrite) return Status::Unsupported("the search index is open read-only");
  if (Status s = Begin(); !s.ok()) return s;
  Result<Statement*> find = Prepared("SELECT no, version FROM articles WHERE id = ?1");
  if (!find.ok()) return find.status();
  (*find)->Bind(1, d.id);
  Result<bool> found = (*find)->Step();
  if (!found.ok()) return found.status();
  const int64_t no = *found ? (*find)->Int(0) : next_no_;
  const uint32_t latest = *found ? static_cast<uint32_t>((*find)->Int(1)) : 0;
  (*find)->Reset();
  const bool newest = !*found || d.version > latest;
  if (*found) {
    Result<Statement*> exists = Prepared("SELECT 1 FROM docs WHERE article = ?1 AND version = ?2");
    if (!exists.ok()) return exists.status();
    (*exists)->Bind(1, no).Bind(2, int64_t{d.version});
    Result<bool> there = (*exists)->Step();
    if (!there.ok()) return there.status();
    (*exists)->Reset();
    if (*there) return Status::Ok();  // versions never change
  }
  const char* sql = !*found ? "INSERT INTO articles(id, version, origin, no, count) VALUES(?1, ?2, ?3, ?4, 1)"
                    : newest ? "UPDATE articles SET count = count + 1, version = ?2, origin = ?3 WHERE id = ?1"
                             : "UPDATE articles SET count = count + 1 WHERE id = ?1";
  Result<Statement*> write = Prepared(sql);
  if (!write.ok()) return write.status();
  (*write)->Bind(1, d.id);
  if (newest) {
    (*write)->Bind(2, int64_t{d.version});
    if (d.origin.empty()) (*write)->BindNull(3); else (*write)->Bind(3, d.origin);
  }
  if (!*found) (*write)->Bind(4, no);
  if (Status s = (*write)->Run(); !s.ok()) return s;
  if (!*found) {
    ++next_no_;
    ++articles_added_;
  } else if (newest) {
    Result<Statement*> demote = Prepared("UPDATE docs SET flags = flags & ~1 WHERE article = ?1 AND version = ?2");
    if (!demote.ok()) return demote.status();
    (*demote)->Bind(1, no).Bind(2, int64_t{latest});
    if (Status s = (*demote)->Run(); !s.ok()) return s;
  }
  Result<int64_t> docid = InsertDoc(d, no, newest);
  if (!docid.ok()) return docid.status();
  Result<Statement*> terms = Prepared("INSERT INTO terms(rowid, t) VALUES(?1, ?2)");
  if (!terms.ok()) return terms.status();
  (*terms)->Bind(1, *docid).Bind(2, d.terms);
  if (Status s = (*terms)->Run(); !s.ok()) return s;
  ++versions_added_;
  return Status::Ok();
}

Status SearchIndex::Impl::Commit() {
  if (mode_ != Mode::kReadWrite) return Status::Unsupported("the search index is open read-only");
  if (!in_transaction_) return Status::Ok();
  Result<Statement*> add = Prepared("UPDATE meta SET value = value + ?2 WHERE key = ?1");
  if (!add.ok()) return add.status();
  for (auto [key, n] : {std::pair{"versions", versions_added_}, std::pair{"articles", articles_added_}}) {
    (*add)->Reset();
    (*add)->Bind(1, std::string_view(key)).Bind(2, n);
    if (Status s = (*add)->Run(); !s.ok()) return s;
  }
  if (Status s = db_->Exec("COMMIT"); !s.ok()) return s;
  in_transaction_ = false;
  versions_added_ = articles_added_ = 0;
  return Status::Ok();
}

Result<std::vector<uint32_t>> SearchIndex::Impl::VersionsOf(const std::string& id) {
  Result<Statement*> s = Prepared(
      "SELECT d.version FROM docs d JOIN articles a ON d.article = a.no WHERE a.id = ?1 ORDER BY d.version");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, id);
  std::vector<uint32_t> out;
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back(static_cast<uint32_t>((*s)->Int(0)));
  }
  return out;
}

Result<uint64_t> SearchIndex::Impl::UsedBytes() {
  Result<Statement*> pages = Prepared("SELECT page_count - freelist_count, page_size FROM pragma_page_count, pragma_freelist_count, pragma_page_size");
  if (!pages.ok()) return pages.status();
  Result<bool> row = (*pages)->Step();
  if (!row.ok()) return row.status();
  const auto bytes = static_cast<uint64_t>((*pages)->Int(0) * (*pages)->Int(1));
  (*pages)->Reset();
  return bytes;
}

Result<bool> SearchIndex::Impl::Maintain(int pages) {
  if (mode_ != Mode::kReadWrite) return Status::Unsupported("the search index is open read-only");
  if (Status s = Commit(); !s.ok()) return s;
  Result<uint64_t> used = UsedBytes();
  Result<int64_t> versions = Meta("versions"), base_bytes = Meta("compact_bytes"),
                  base_versions = Meta("compact_versions"), merging = Meta("merging");
  for (const Status* s : {&used.status(), &versions.status(), &base_bytes.status(), &base_versions.status(),
                          &merging.status()}) {
    if (!s->ok()) return *s;
  }
  const double expected = *base_versions > 0 ? double(*base_bytes) * double(*versions) / double(*base_versions) : 0;
  const bool grown = *base_versions > 0 ? double(*used) > expected * (1 + kMergeSlack) : *versions >= kFirstCompactAt;
  if (*merging != 0 || grown) {
    const int64_t before = db_->TotalChanges();
    Status s = db_->Exec("BEGIN IMMEDIATE; INSERT INTO terms(terms, rank) VALUES('merge', " +
                         std::to_string(-std::max(pages, 16)) + ");");
    if (!s.ok()) {
      (void)db_->Exec("ROLLBACK");
      return s;
    }
    const bool worked = db_->TotalChanges() != before;
    Result<uint64_t> now = UsedBytes();
    if (!now.ok()) return now.status();
    std::string meta = worked ? "UPDATE meta SET value = 1 WHERE key = 'merging';"
                              : "UPDATE meta SET value = 0 WHERE key = 'merging';"
                                "UPDATE meta SET value = " + std::to_string(*now) + " WHERE key = 'compact_bytes';"
                                "UPDATE meta SET value = " + std::to_string(*versions) + " WHERE key = 'compact_versions';";
    if (Status m = db_->Exec(meta + "COMMIT;"); !m.ok()) return m;
    if (worked) return true;
  }
  Result<Statement*> free = Prepared("SELECT freelist_count, page_count FROM pragma_freelist_count, pragma_page_count");
  if (!free.ok()) return free.status();
  Result<bool> row = (*free)->Step();
  if (!row.ok()) return row.status();
  const int64_t free_pages = (*free)->Int(0), all_pages = (*free)->Int(1);
  (*free)->Reset();
  if (free_pages > std::max<int64_t>(256, all_pages / 50)) {
    if (Status s = db_->Exec("PRAGMA incremental_vacuum(" + std::to_string(std::max(pages, 16)) + ")"); !s.ok()) return s;
    return true;
  }
  return false;
}

Status SearchIndex::Impl::Compact() {
  if (mode_ != Mode::kReadWrite) return Status::Unsupported("the search index is open read-only");
  if (Status s = Commit(); !s.ok()) return s;
  if (Status s = db_->Exec("INSERT INTO terms(terms) VALUES('optimize'); PRAGMA incremental_vacuum;"); !s.ok()) return s;
  Result<uint64_t> used = UsedBytes();
  Result<int64_t> versions = Meta("versions");
  if (!used.ok()) return used.status();
  if (!versions.ok()) return versions.status();
  return db_->Exec("UPDATE meta SET value = 0 WHERE key = 'merging';"
                   "UPDATE meta SET value = " + std::to_string(*used) + " WHERE key = 'compact_bytes';"
                   "UPDATE meta SET value = " + std::to_string(*versions) + " WHERE key = 'compact_versions';"
                   "PRAGMA wal_checkpoint(TRUNCATE);");
}

Result<std::optional<SearchIndex::Impl::Doc>> SearchIndex::Impl::LookupDoc(int64_t docid) {
  Result<Statement*> s = Prepared("SELECT article, version, flags, fetched FROM docs WHERE docid = ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, docid);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Doc>();
  const Doc doc{(*s)->Int(0), static_cast<uint32_t>((*s)->Int(1)), (*s)->Int(2), (*s)->Int(3)};
  (*s)->Reset();
  return std::optional<Doc>(doc);
}

Result<std::string> SearchIndex::Impl::ArticleId(int64_t no) {
  Result<Statement*> s = Prepared("SELECT id FROM articles WHERE no = ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, no);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return Status::Corruption("the search index names article " + std::to_string(no) + " but has no id for it");
  std::string id((*s)->Text(0));
  (*s)->Reset();
  return id;
}

Result<IndexedArticle> SearchIndex::Impl::ArticleState(const std::string& id) {
  Result<Statement*> s = Prepared("SELECT version, count FROM articles WHERE id = ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, id);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return IndexedArticle{};
  const IndexedArticle a{static_cast<uint32_t>((*s)->Int(0)), static_cast<uint32_t>((*s)->Int(1))};
  (*s)->Reset();
  return a;
}

Result<std::optional<int64_t>> SearchIndex::Impl::ArticleNo(const std::string& id) {
  Result<Statement*> s = Prepared("SELECT no FROM articles WHERE id = ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, id);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<int64_t>();
  const int64_t no = (*s)->Int(0);
  (*s)->Reset();
  return std::optional<int64_t>(no);
}

Result<int64_t> SearchIndex::Impl::TermDocs(std::string_view term, bool prefix) {
  if (Status s = db_->Exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, terms, row)"); !s.ok()) {
    return s;
  }
  Result<Statement*> s = prefix ? Prepared("SELECT sum(doc) FROM temp.vocab WHERE term >= ?1 AND term < ?1 || x'ff'")
                                : Prepared("SELECT doc FROM temp.vocab WHERE term = ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, term);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  const int64_t n = *row ? (*s)->Int(0) : 0;
  (*s)->Reset();
  return n;
}

// --- searching -----------------------------------------------------------------------------

namespace {

// One search: reads candidate documents newest first from FTS5 expressions, keeps those
// the query really matches (reading their text back when the expression cannot decide),
// and makes the hits.
class Searcher {
 public:
  Searcher(SearchIndex::Impl& index, const SearchQuery& q, const Query& query, bool exact, VersionTexts& texts)
      : index_(index), q_(q), matcher_(query), exact_(exact), texts_(texts) {
    lo_ = q.since ? DateKey(Seconds(*q.since)) : INT64_MIN;
    hi_ = q.until ? DateKey(Seconds(*q.until)) - 1 : INT64_MAX;
    limit_ = q.limit == 0 ? 20 : q.limit;
  }

  // Adds the hits `expression` finds (at most up to the limit), with `weight`.
  Status Collect(const std::string& expression, double weight);
  // How many candidates of `expression` match, among the first kCountExactly + 1 read
  // (`complete`: there are no more).
  struct Counted {
    uint64_t matches = 0;
    bool complete = false;
  };
  Result<Counted> Count(const std::string& expression);
  // Of the candidates matched against their text, the share that matched (1 when none).
  double PassRate() const { return checked_ == 0 ? 1.0 : double(passed_) / double(checked_); }

  std::vector<SearchHit>& hits() { return hits_; }

 private:
  using Doc = SearchIndex::Impl::Doc;
  // The document's record, cached; nullopt when the index has none (skipped).
  Result<std::optional<Doc>> Lookup(int64_t docid);
  // Whether the document really matches; its article in `*article` when it does.
  Result<bool> Check(int64_t docid, const Doc& doc, Article* article);
  Result<bool> InExpression(const std::string& expression, int64_t docid);
  Status AddHit(int64_t docid, const Doc& doc, Article article, double weight, const std::string& expression);

  SearchIndex::Impl& index_;
  const SearchQuery& q_;
  QueryMatcher matcher_;
  bool exact_;
  VersionTexts& texts_;
  int64_t lo_, hi_;
  size_t limit_;
  std::unordered_map<int64_t, Doc> docs_;
  std::unordered_map<int64_t, bool> checked_docs_;
  std::unordered_set<int64_t> hit_articles_;
  std::vector<SearchHit> hits_;
  size_t checked_ = 0, passed_ = 0;
};

Result<std::optional<Searcher::Doc>> Searcher::Lookup(int64_t docid) {
  if (auto it = docs_.find(docid); it != docs_.end()) return std::optional<Doc>(it->second);
  Result<std::optional<Doc>> d = index_.LookupDoc(docid);
  if (d.ok() && d->has_value()) docs_.emplace(docid, **d);
  return d;
}

Result<bool> Searcher::Check(int64_t docid, const Doc& doc, Article* article) {
  auto cached = checked_docs_.find(docid);
  if (cached != checked_docs_.end() && !cached->second) return false;
  if (exact_ && article == nullptr) return true;
  if (cached != checked_docs_.end() && article == nullptr) return true;
  Result<std::string> id = index_.ArticleId(doc.article);
  if (!id.ok()) return id.status();
  Result<Article> a = texts_.Read(*id, doc.version);
  if (!a.ok()) {
    if (a.status().IsNotFound()) return false;  // not in the reader's view of the archive
    return a.status();
  }
  bool match = true;
  if (!exact_) {
    match = matcher_.Matches(*a);
    if (checked_docs_.emplace(docid, match).second) {
      ++checked_;
      passed_ += match ? 1 : 0;
    }
  }
  if (match && article != nullptr) *article = std::move(*a);
  return match;
}

Result<bool> Searcher::InExpression(const std::string& expression, int64_t docid) {
  if (docid < lo_ || docid > hi_) return false;
  Result<Statement*> s = index_.Prepared("SELECT rowid FROM terms WHERE terms MATCH ?1 AND rowid = ?2");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, expression).Bind(2, docid);
  Result<bool> row = (*s)->Step();
  (*s)->Reset();
  return row;
}

Status Searcher::AddHit(int64_t docid, const Doc& doc, Article article, double weight, const std::string& expression) {
  SearchHit hit;
  Result<std::string> id = index_.ArticleId(doc.article);
  if (!id.ok()) return id.status();
  hit.id = std::move(*id);
  hit.weight = weight;
  Doc shown = doc;
  hit.matched_versions = {doc.version};
  if (q_.all_versions) {
    // Every version of the article that matches; the newest of them is shown.
    Result<Statement*> s = index_.Prepared("SELECT docid, version FROM docs WHERE article = ?1 ORDER BY version");
    if (!s.ok()) return s.status();
    (*s)->Bind(1, doc.article);
    std::vector<std::pair<int64_t, uint32_t>> versions;
    while (true) {
      Result<bool> row = (*s)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      versions.emplace_back((*s)->Int(0), static_cast<uint32_t>((*s)->Int(1)));
    }
    (*s)->Reset();
    hit.matched_versions.clear();
    for (const auto& [other, number] : versions) {
      bool match = other == docid;
      if (!match) {
        Result<bool> in = InExpression(expression, other);
        if (!in.ok()) return in.status();
        Result<std::optional<Doc>> d = Lookup(other);
        if (!d.ok()) return d.status();
        if (*in && d->has_value()) {
          Result<bool> c = Check(other, **d, nullptr);
          if (!c.ok()) return c.status();
          match = *c;
          if (match && number > shown.version) shown = **d;
        }
      }
      if (match) hit.matched_versions.push_back(number);
    }
    if (shown.version != doc.version) {
      Result<Article> a = texts_.Read(hit.id, shown.version);
      if (a.ok()) article = std::move(*a);
    }
  }
  hit.version = shown.version;
  hit.fetched_at = FromSeconds(shown.fetched);
  hit.portal = article.portal;
  hit.press = article.press;
  hit.source = article.source;
  hit.published = article.published;
  hit_articles_.insert(doc.article);
  hits_.push_back(std::move(hit));
  return Status::Ok();
}

Status Searcher::Collect(const std::string& expression, double weight) {
  if (hits_.size() >= limit_) return Status::Ok();
  Result<Statement*> s = index_.Prepared(
      "SELECT rowid FROM terms WHERE terms MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid DESC");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, expression).Bind(2, lo_).Bind(3, hi_);
  std::vector<int64_t> batch;
  bool more = true;
  while (more && hits_.size() < limit_) {
    // Read a batch, then look at it: the lookups use other statements of the connection.
    batch.clear();
    while (batch.size() < 64) {
      Result<bool> row = (*s)->Step();
      if (!row.ok()) return row.status();
      if (!*row) {
        more = false;
        break;
      }
      batch.push_back((*s)->Int(0));
    }
    for (int64_t docid : batch) {
      if (hits_.size() >= limit_) break;
      Result<std::optional<Doc>> doc = Lookup(docid);
      if (!doc.ok()) return doc.status();
      if (!doc->has_value()) continue;
      const Doc& d = **doc;
      if ((!q_.all_versions && (d.flags & kLatestFlag) == 0) || hit_articles_.count(d.article) > 0) continue;
      Article article;
      Result<bool> match = Check(docid, d, &article);
      if (!match.ok()) return match.status();
      if (!*match) continue;
      if (Status st = AddHit(docid, d, std::move(article), weight, expression); !st.ok()) return st;
    }
  }
  (*s)->Reset();
  return Status::Ok();
}

Result<Searcher::Counted> Searcher::Count(const std::string& expression) {
  Result<Statement*> s = index_.Prepared(
      "SELECT rowid FROM terms WHERE terms MATCH ?1 AND rowid BETWEEN ?2 AND ?3 ORDER BY rowid DESC LIMIT ?4");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, expression).Bind(2, lo_).Bind(3, hi_).Bind(4, static_cast<int64_t>(kCountExactly + 1));
  std::vector<int64_t> all;
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    all.push_back((*s)->Int(0));
  }
  (*s)->Reset();
  uint64_t counted = 0, sampled = 0, passed = 0;
  for (int64_t docid : all) {
    Result<std::optional<Doc>> doc = Lookup(docid);
    if (!doc.ok()) return doc.status();
    if (!doc->has_value() || (!q_.all_versions && ((*doc)->flags & kLatestFlag) == 0)) continue;
    ++counted;
    if (!exact_ && sampled < kCountSample) {
      Result<bool> c = Check(docid, **doc, nullptr);
      if (!c.ok()) return c.status();
      ++sampled;
      passed += *c ? 1 : 0;
    }
  }
  Counted out;
  out.complete = all.size() <= kCountExactly;
  if (exact_) {
    out.matches = counted;
  } else if (sampled == counted) {
    out.matches = passed;
  } else {
    out.matches = static_cast<uint64_t>(std::llround(double(counted) * double(passed) / double(sampled)));
  }
  return out;
}

}  // namespace

// --- SearchIndex ---------------------------------------------------------------------------

namespace {

// Documents matching `q`, estimated from its terms' document counts as if they were
// independent (a word's terms are not: a word counts as its rarest term).
Result<double> Estimate(SearchIndex::Impl& index, const Query& q, double total) {
  switch (q.kind) {
    case Query::Kind::kNothing:
    case Query::Kind::kAll:
      return total;
    case Query::Kind::kTerms: {
      double rarest = total;
      for (const std::string& t : q.terms.terms) {
        Result<int64_t> n = index.TermDocs(t, q.terms.prefix);
        if (!n.ok()) return n.status();
        rarest = std::min(rarest, double(*n));
      }
      return rarest;
    }
    case Query::Kind::kAnd:
    case Query::Kind::kOr: {
      double all = total, any = 0;
      for (const Query& c : q.children) {
        Result<double> e = Estimate(index, c, total);
        if (!e.ok()) return e;
        all *= total > 0 ? *e / total : 0;
        any += *e;
      }
      return q.kind == Query::Kind::kAnd ? all : std::min(total, any);
    }
    case Query::Kind::kAndNot: {
      Result<double> in = Estimate(index, q.children[0], total);
      Result<double> out = Estimate(index, q.children[1], total);
      if (!in.ok()) return in;
      if (!out.ok()) return out;
      return total > 0 ? *in * (1 - *out / total) : 0;
    }
  }
  return total;
}

std::string OrOf(const std::vector<const QueryTerms*>& items, std::string_view op) {
  std::string out = "(";
  for (size_t i = 0; i < items.size(); ++i) {
    Query item;
    item.kind = Query::Kind::kTerms;
    item.terms = *items[i];
    if (i > 0) out += op;
    out += ToFts(item, true).text;
  }
  return out + ")";
}

}  // namespace

Result<SearchResults> SearchIndex::Search(const SearchQuery& q, VersionTexts& texts) {
  SearchResults results;
  Query query = ReadQuery(q.text, &results.highlight);
  if (query.kind == Query::Kind::kNothing) query.kind = Query::Kind::kAll;
  const FtsExpression e = ToFts(query);
  std::vector<std::string> filters;
  if (!q.portal.empty()) filters.push_back(std::string(kPortalPrefix) + q.portal);
  if (!q.press.empty()) filters.push_back(std::string(kPressPrefix) + q.press);
  if (!q.source.empty()) filters.push_back(std::string(kSourcePrefix) + q.source);
  const std::string match = WithTerms(e, filters);
  Searcher searcher(*impl_, q, query, e.exact, texts);
  const std::vector<const QueryTerms*> items = PositiveItems(query);
  if (q.sort == SearchQuery::Sort::kRelevance && !items.empty()) {
    // Every word in the title, then some, then the rest: newest first within each.
    if (Status s = searcher.Collect(match + " AND " + OrOf(items, " AND "), 3); !s.ok()) return s;
    if (items.size() > 1) {
      if (Status s = searcher.Collect(match + " AND " + OrOf(items, " OR "), 2); !s.ok()) return s;
    }
  }
  if (Status s = searcher.Collect(match, 1); !s.ok()) return s;
  Result<Searcher::Counted> counted = searcher.Count(match);
  if (!counted.ok()) return counted.status();
  results.estimated_matches = counted->matches;
  if (!counted->complete) {
    Result<int64_t> versions = impl_->Meta("versions"), articles = impl_->Meta("articles");
    if (!versions.ok()) return versions.status();
    if (!articles.ok()) return articles.status();
    const double total = double(*versions);
    Result<double> estimate = Estimate(*impl_, query, total);
    if (!estimate.ok()) return estimate.status();
    double n = *estimate;
    for (const std::string& f : filters) {
      Result<int64_t> docs = impl_->TermDocs(f, false);
      if (!docs.ok()) return docs.status();
      n *= total > 0 ? double(*docs) / total : 0;
    }
    if (!q.all_versions && total > 0) n *= double(*articles) / total;
    n *= searcher.PassRate();
    results.estimated_matches = std::max<uint64_t>(counted->matches, static_cast<uint64_t>(std::llround(n)));
  }
  results.hits = std::move(searcher.hits());
  return results;
}

Result<std::vector<SharedCandidate>> SearchIndex::SharedParagraphs(const Article& article,
                                                                   const std::string& exclude_id,
                                                                   VersionTexts& texts, size_t limit) {
  const std::vector<std::string> ours = SharedParagraphHashes(article);
  const std::set<std::string> mine(ours.begin(), ours.end());
  Result<std::optional<int64_t>> excluded = impl_->ArticleNo(exclude_id);
  if (!excluded.ok()) return excluded.status();
  // Candidates: the latest versions holding some terms of each paragraph (rarely more than
  // the copies themselves); each is then read and its paragraph hashes compared.
  std::set<int64_t> candidates;
  Tokenizer tokenizer;
  Result<Statement*> stream = impl_->Prepared("SELECT rowid FROM terms WHERE terms MATCH ?1 LIMIT ?2");
  if (!stream.ok()) return stream.status();
  for (const Block* b : ::sinmun::SharedParagraphs(article)) {
    std::vector<std::string> terms;
    tokenizer.Tokenize(b->text, 0, [&](std::string_view t, uint32_t) {
      if (terms.size() < kParagraphTerms && std::find(terms.begin(), terms.end(), t) == terms.end()) terms.emplace_back(t);
    });
    if (terms.empty()) continue;
    std::string expression;
    for (const std::string& t : terms) expression += (expression.empty() ? "" : " AND ") + Quote(t);
    (*stream)->Reset();
    (*stream)->Bind(1, expression).Bind(2, static_cast<int64_t>(kMaxSharedParagraphArticles + 1));
    std::vector<int64_t> docids;
    while (true) {
      Result<bool> row = (*stream)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      docids.push_back((*stream)->Int(0));
    }
    (*stream)->Reset();
    if (docids.size() > kMaxSharedParagraphArticles) continue;  // boilerplate
    for (int64_t docid : docids) {
      Result<std::optional<Impl::Doc>> doc = impl_->LookupDoc(docid);
      if (!doc.ok()) return doc.status();
      if (!doc->has_value() || ((*doc)->flags & kLatestFlag) == 0) continue;
      if (excluded->has_value() && (*doc)->article == **excluded) continue;
      candidates.insert(docid);
    }
  }
  std::vector<SharedCandidate> out;
  for (int64_t docid : candidates) {
    Result<std::optional<Impl::Doc>> doc = impl_->LookupDoc(docid);
    if (!doc.ok()) return doc.status();
    Result<std::string> id = impl_->ArticleId((*doc)->article);
    if (!id.ok()) return id.status();
    Result<Article> other = texts.Read(*id, (*doc)->version);
    if (!other.ok()) {
      if (other.status().IsNotFound()) continue;
      return other.status();
    }
    SharedCandidate c{*id, (*doc)->version, 0, 0};
    for (const std::string& h : SharedParagraphHashes(*other)) {
      ++c.paragraphs;
      c.shared += mine.count(h);
    }
    if (c.shared > 0) out.push_back(std::move(c));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SharedCandidate& a, const SharedCandidate& b) { return a.shared > b.shared; });
  if (limit != 0 && out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<std::string>> SearchIndex::ArticlesWithOrigin(const std::string& url) {
  Result<Statement*> s = impl_->Prepared("SELECT id FROM articles WHERE origin = ?1 ORDER BY no");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, CanonicalUrl(url).value_or(url));
  std::vector<std::string> out;
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.emplace_back((*s)->Text(0));
  }
  return out;
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}

SearchIndex::~SearchIndex() {
  if (impl_->mode_ == Mode::kReadWrite) (void)impl_->Commit();
}

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& path, Mode mode) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (mode == Mode::kReadOnly && !exists) return Status::NotFound("no search index at " + path);
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path, mode == Mode::kReadOnly);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>(mode, std::move(*db), path);
  if (Status s = impl->Init(!exists); !s.ok()) return s;
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

Status SearchIndex::Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at) {
  return impl_->Add(MakeIndexDocument(id, version, a, fetched_at));
}
Status SearchIndex::Add(const IndexDocument& doc) { return impl_->Add(doc); }
Status SearchIndex::Commit() { return impl_->Commit(); }
Result<std::vector<uint32_t>> SearchIndex::VersionsOf(const std::string& id) { return impl_->VersionsOf(id); }
Result<IndexedArticle> SearchIndex::Indexed(const std::string& id) { return impl_->ArticleState(id); }
Result<bool> SearchIndex::Maintain(int pages) { return impl_->Maintain(pages); }
Status SearchIndex::Compact() { return impl_->Compact(); }

Result<uint64_t> SearchIndex::IndexedVersions() {
  Result<int64_t> n = impl_->Meta("versions");
  if (!n.ok()) return n.status();
  return static_cast<uint64_t>(*n);
}

Result<uint64_t> SearchIndex::DiskBytes() {
  uint64_t bytes = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(impl_->path_ + suffix, ec);
    if (!ec) bytes += size;
  }
  return bytes;
}

}  // namespace sinmun
