#include "storage/search/index_store.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <filesystem>
#include <map>

#include "common/identity.h"
#include "storage/search/date_terms.h"
#include "storage/search/fts_expression.h"
#include "storage/search/query.h"
#include "storage/search/sqlite.h"
#include "storage/search/tokenizer.h"

namespace sinmun {
namespace {

// Docs flags.
constexpr int64_t kLatestFlag = 1;
constexpr int64_t kPublishedFlag = 2;
// Upkeep gives free pages back once they are more than this share of the file.
constexpr int64_t kFreeShare = 50;  // 1/50
// Document frequencies are kept (table term_df) for the terms in this many documents or
// more: a search estimates its matches only beyond kCountExactly candidates, which every
// term it ANDs must then hold. Counting a term's documents in FTS5's vocabulary reads its
// whole list: 24-33 ms for a phrase or an exclusion at 10^6 versions, growing with the index.
constexpr int64_t kKeptDf = 1'000;
// An index appended from empty is counted first when it holds this many versions (a
// rebuild counts at once): below, the vocabulary is quick to read (3 ms for a phrase search
// at 10^5 versions), and counting a young index over and over cost 6% of crawl_bench's CPU.
constexpr int64_t kFirstDfCount = 100'000;
// And again each time it has grown by 1/this since the last count, and by at least
// kMinRecountGrowth versions (a rebuilt index of a few versions is not counted over and over).
constexpr int64_t kRecountAfterGrowth = 4;
constexpr int64_t kMinRecountGrowth = 1'000;
// A step of counting stops after this long (a common term's list at 10^7 versions takes
// milliseconds to read), so that the indexer's next commit is not held up.
constexpr std::chrono::milliseconds kCountStep{200};

constexpr const char* kSchema = R"sql(
PRAGMA auto_vacuum = INCREMENTAL;
PRAGMA journal_mode = WAL;
CREATE TABLE meta(key TEXT PRIMARY KEY, value INTEGER NOT NULL) WITHOUT ROWID;
CREATE TABLE articles(id TEXT PRIMARY KEY, no INTEGER NOT NULL, version INTEGER NOT NULL,
                      count INTEGER NOT NULL, origin TEXT) WITHOUT ROWID;
CREATE UNIQUE INDEX articles_no ON articles(no);
CREATE INDEX articles_origin ON articles(origin) WHERE origin IS NOT NULL;
CREATE TABLE docs(docid INTEGER PRIMARY KEY, article INTEGER NOT NULL, version INTEGER NOT NULL,
                  flags INTEGER NOT NULL, fetched INTEGER NOT NULL, date INTEGER NOT NULL);
CREATE UNIQUE INDEX docs_article ON docs(article, version);
CREATE TABLE term_df(term TEXT PRIMARY KEY, df INTEGER NOT NULL) WITHOUT ROWID;
CREATE VIRTUAL TABLE terms USING fts5(t, content='', columnsize=0, detail=none, tokenize='sinmun');
INSERT INTO terms(terms, rank) VALUES('pgsz', 4050);
INSERT INTO terms(terms, rank) VALUES('hashsize', 67108864);
INSERT INTO meta VALUES('layout', 4), ('versions', 0), ('articles', 0), ('years_kept', 1), ('df_versions', 0);
)sql";

int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }

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


// Each distinct term once, in the order first written: FTS5 looks every occurrence up in its
// hash of pending terms, and a document holds each about twice. An open-addressing set of
// (offset, length) into `terms`, keyed by FNV-1a: no allocation per term.
std::string Distinct(const std::string& terms) {
  struct Slot {
    uint32_t begin = 0, size = 0;
    uint64_t hash = 0;
  };
  size_t capacity = 64;
  while (capacity < terms.size() / 3) capacity *= 2;  // terms are 4 bytes and more
  std::vector<Slot> slots(capacity);
  std::string out;
  out.reserve(terms.size());
  size_t begin = 0;
  for (size_t end = terms.find(kTermSeparator); end != std::string::npos;
       begin = end + 1, end = terms.find(kTermSeparator, begin)) {
    const std::string_view term(terms.data() + begin, end - begin);
    uint64_t hash = 14695981039346656037ULL;
    for (char c : term) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
    hash |= 1;  // 0 marks an empty slot
    size_t i = hash & (capacity - 1);
    bool seen = false;
    while (slots[i].hash != 0) {
      const Slot& s = slots[i];
      if (s.hash == hash && std::string_view(terms.data() + s.begin, s.size) == term) {
        seen = true;
        break;
      }
      i = (i + 1) & (capacity - 1);
    }
    if (seen) continue;
    slots[i] = {static_cast<uint32_t>(begin), static_cast<uint32_t>(term.size()), hash};
    out.append(term);
    out += kTermSeparator;
  }
  return out;
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
  std::string terms;
  terms.reserve(4096);
  AppendTerm(terms, kAllTerm, "");
  if (!a.portal.empty()) AppendTerm(terms, kPortalPrefix, a.portal);
  if (!a.press.empty()) AppendTerm(terms, kPressPrefix, a.press);
  if (!a.source.empty()) AppendTerm(terms, kSourcePrefix, a.source);
  for (const std::string& t : DateTerms(d.date)) AppendTerm(terms, t, "");
  Tokenizer tokenizer;
  const std::string mark(1, kTitleMark);
  uint32_t position = 0;
  ForEachField(a, [&](const std::string& text, bool title) {
    position = tokenizer.Tokenize(text, position, [&](std::string_view term, uint32_t) {
      terms.append(term);
      terms += kTermSeparator;
      if (title) AppendTerm(terms, mark, term);
    }) + kFieldGap;
  });
  d.terms = Distinct(terms);
  return d;
}

// --- IndexStore ---------------------------------------------------------------------------

Result<Statement*> IndexStore::Prepared(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    Result<Statement> s = Statement::Prepare(*db_, sql);
    if (!s.ok()) return s.status();
    it = statements_.emplace(sql, std::move(*s)).first;
  }
  it->second.Reset();
  return &it->second;
}

Status IndexStore::Init(bool created) {
  if (Status s = RegisterTokenizer(*db_); !s.ok()) return s;
  if (created) {
    if (Status s = db_->Exec(kSchema); !s.ok()) return s;
  }
  if (!read_only_) {
    if (Status s = db_->Exec("PRAGMA synchronous = NORMAL; PRAGMA cache_size = -65536; "
                             "PRAGMA journal_size_limit = 4194304;");
        !s.ok()) {
      return s;
    }
  } else {
    if (Status s = db_->Exec("PRAGMA mmap_size = 1073741824;"); !s.ok()) return s;
  }
  Result<int64_t> layout = Meta("layout");
  if (!layout.ok()) {
    return Status::Corruption("the search index " + path_ + " has no layout record: " + layout.status().message());
  }
  const bool readable = *layout == kSearchLayout || (read_only_ && *layout >= kOldestReadLayout && *layout < kSearchLayout);
  layout_ = static_cast<int>(*layout);
  if (!readable) {
    return Status::Unsupported("search index of layout " + std::to_string(*layout) + " (this sinmun writes " +
                               std::to_string(kSearchLayout) + " and reads " + std::to_string(kOldestReadLayout) +
                               " to " + std::to_string(kSearchLayout) + ")");
  }
  if (!read_only_) {
    if (Status s = KeepYears(); !s.ok()) return s;
    // An index written before document frequencies were kept gets their table, empty. The
    // meta keys of the upkeep before tiers are no longer read; they are kept (and given to
    // indexes made without them) for the release before, should sinmun be taken back to it.
    if (Status s = db_->Exec("CREATE TABLE IF NOT EXISTS term_df(term TEXT PRIMARY KEY, df INTEGER NOT NULL) "
                             "WITHOUT ROWID; INSERT OR IGNORE INTO meta VALUES('df_versions', 0), "
                             "('compact_bytes', 0), ('compact_versions', 0), ('merging', 0);");
        !s.ok()) {
      return s;
    }
    Result<Statement*> max = Prepared("SELECT max(docid) FROM docs");
    if (!max.ok()) return max.status();
    if (Result<bool> row = (*max)->Step(); row.ok() && *row) next_docid_ = (*max)->Int(0) + 1;
    (*max)->Reset();
    Result<Statement*> no = Prepared("SELECT max(no) FROM articles");
    if (!no.ok()) return no.status();
    if (Result<bool> row = (*no)->Step(); row.ok() && *row) next_no_ = (*no)->Int(0) + 1;
    (*no)->Reset();
  }
  return Status::Ok();
}

// Years are kept in meta under their year term as the key ("\x01Y2026"), beside the
// record 'years_kept' that the schema of layout 4 writes.
Status IndexStore::KeepYears() {
  Result<std::vector<std::string>> years = Years();
  if (!years.ok()) return years.status();
  years_.insert(years->begin(), years->end());
  return Status::Ok();
}

Result<std::vector<std::string>> IndexStore::Years() {
  Result<int64_t> kept = Meta("years_kept");
  if (!kept.ok()) {
    if (kept.status().IsNotFound()) return TermsWithPrefix(kYearPrefix);
    return kept.status();
  }
  Result<Statement*> s = Prepared("SELECT key FROM meta WHERE key >= ?1 AND key < ?1 || x'ff' ORDER BY key");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, kYearPrefix);
  return (*s)->Texts();
}

Result<int64_t> IndexStore::Meta(const char* key) {
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

Status IndexStore::Begin() {
  if (in_transaction_) return Status::Ok();
  if (Status s = db_->Exec("BEGIN IMMEDIATE"); !s.ok()) return s;
  in_transaction_ = true;
  return Status::Ok();
}

// The article's row: a new one, or one more version (the newest, with its origin URL, when
// it is); the version it replaces as the latest loses the flag.
Status IndexStore::UpdateArticle(const IndexDocument& d, bool found, bool newest, int64_t no, uint32_t latest) {
  const char* sql = !found ? "INSERT INTO articles(id, version, origin, no, count) VALUES(?1, ?2, ?3, ?4, 1)"
                    : newest ? "UPDATE articles SET count = count + 1, version = ?2, origin = ?3 WHERE id = ?1"
                             : "UPDATE articles SET count = count + 1 WHERE id = ?1";
  Result<Statement*> write = Prepared(sql);
  if (!write.ok()) return write.status();
  (*write)->Bind(1, d.id);
  if (newest) {
    (*write)->Bind(2, int64_t{d.version});
    if (d.origin.empty()) (*write)->BindNull(3); else (*write)->Bind(3, d.origin);
  }
  if (!found) (*write)->Bind(4, no);
  if (Status s = (*write)->Run(); !s.ok()) return s;
  if (!found || !newest) return Status::Ok();
  Result<Statement*> demote = Prepared("UPDATE docs SET flags = flags & ~1 WHERE article = ?1 AND version = ?2");
  if (!demote.ok()) return demote.status();
  (*demote)->Bind(1, no).Bind(2, int64_t{latest});
  return (*demote)->Run();
}

Status IndexStore::Add(const IndexDocument& d) {
  if (read_only_) return Status::Unsupported("the search index is open read-only");
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
  if (Status s = UpdateArticle(d, *found, newest, no, latest); !s.ok()) return s;
  if (!*found) {
    ++next_no_;
    ++articles_added_;
  }
  const int64_t docid = next_docid_;
  Result<Statement*> doc =
      Prepared("INSERT INTO docs(docid, article, version, flags, fetched, date) VALUES(?1, ?2, ?3, ?4, ?5, ?6)");
  if (!doc.ok()) return doc.status();
  const int64_t flags = (newest ? kLatestFlag : 0) | (d.published ? kPublishedFlag : 0);
  (*doc)->Bind(1, docid).Bind(2, no).Bind(3, int64_t{d.version}).Bind(4, flags).Bind(5, d.fetched).Bind(6, d.date);
  if (Status s = (*doc)->Run(); !s.ok()) return s;
  if (std::string year = DateTerms(d.date).front(); !years_.count(year) && !pending_years_.count(year)) {
    Result<Statement*> put = Prepared("INSERT OR IGNORE INTO meta VALUES(?1, 0)");
    if (!put.ok()) return put.status();
    (*put)->Bind(1, std::string_view(year));
    if (Status s = (*put)->Run(); !s.ok()) return s;
    pending_years_.insert(std::move(year));  // kept once the transaction commits
  }
  Result<Statement*> terms = Prepared("INSERT INTO terms(rowid, t) VALUES(?1, ?2)");
  if (!terms.ok()) return terms.status();
  (*terms)->Bind(1, docid).Bind(2, d.terms);
  if (Status s = (*terms)->Run(); !s.ok()) return s;
  ++next_docid_;
  ++versions_added_;
  return Status::Ok();
}

Status IndexStore::Commit() {
  if (read_only_) return Status::Unsupported("the search index is open read-only");
  if (!in_transaction_) return Status::Ok();
  Result<Statement*> add = Prepared("UPDATE meta SET value = value + ?2 WHERE key = ?1");
  if (!add.ok()) return add.status();
  for (auto [key, n] : {std::pair{"versions", versions_added_}, std::pair{"articles", articles_added_}}) {
    (*add)->Reset();
    (*add)->Bind(1, std::string_view(key)).Bind(2, n);
    if (Status s = (*add)->Run(); !s.ok()) return s;
  }
  if (Status s = db_->Exec("COMMIT"); !s.ok()) {
    pending_years_.clear();  // written again by the next Add of each: INSERT OR IGNORE
    return s;
  }
  years_.merge(pending_years_);
  pending_years_.clear();
  in_transaction_ = false;
  versions_added_ = articles_added_ = 0;
  return Status::Ok();
}

Result<std::vector<uint32_t>> IndexStore::VersionsOf(const std::string& id) {
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

// Tiered merging: FTS5 merges a level of segments into one of the next level once it holds
// 'usermerge' (4) of them, at each commit (automerge) and here; each version is thus
// rewritten about once per level, and no merge waits on a segment written after it began.
// (Merging every segment into one whenever the index had grown 10%, as an earlier upkeep
// did, never ended under a steady crawl: FTS5 promotes each new segment to the level of the
// big one, so the whole index was rewritten every second or two, at six times the CPU per
// version, and the file kept a rebuild's size again in free pages.)
Result<bool> IndexStore::Maintain(int pages, bool count_terms) {
  if (read_only_) return Status::Unsupported("the search index is open read-only");
  if (Status s = Commit(); !s.ok()) return s;
  const std::string step = std::to_string(std::max(pages, 16));
  Result<Statement*> free = Prepared("SELECT freelist_count, page_count FROM pragma_freelist_count, pragma_page_count");
  if (!free.ok()) return free.status();
  Result<bool> row = (*free)->Step();
  if (!row.ok()) return row.status();
  const int64_t free_pages = (*free)->Int(0), all_pages = (*free)->Int(1);
  (*free)->Reset();
  if (free_pages > std::max<int64_t>(64, all_pages / kFreeShare)) {
    if (Status s = db_->Exec("PRAGMA incremental_vacuum(" + step + ")"); !s.ok()) return s;
    return true;
  }
  const int64_t before = db_->TotalChanges();
  if (Status s = db_->Exec("INSERT INTO terms(terms, rank) VALUES('merge', " + step + ")"); !s.ok()) return s;
  // FTS5 counts the command itself as one change: two or more mean it merged something.
  if (db_->TotalChanges() - before >= 2) return true;
  if (count_terms) {
    Result<bool> counted = CountDfStep(std::max(pages, 16), false);
    if (!counted.ok() || *counted) return counted;
  }
  // Nothing left to merge, free or count: fold the WAL into the database, without waiting for
  // readers (journal_size_limit then keeps its file small).
  if (Status s = db_->Exec("PRAGMA wal_checkpoint(PASSIVE)"); !s.ok() && !s.IsBusy()) return s;
  return false;
}

// Every segment merged into one as FTS5's 'optimize' does, but a step at a time so that a
// stop is heard within a step: 'merge' with a negative page count starts the merge of every
// segment into one, and positive counts continue it until it does nothing.
Status IndexStore::Compact(const std::function<bool()>& stopped, int step_pages) {
  if (read_only_) return Status::Unsupported("the search index is open read-only");
  if (Status s = Commit(); !s.ok()) return s;
  const std::string pages = std::to_string(std::max(step_pages, 16));
  for (std::string step = "-" + pages;; step = pages) {
    if (stopped && stopped()) return Status::Busy("stopped");
    const int64_t before = db_->TotalChanges();
    if (Status s = db_->Exec("INSERT INTO terms(terms, rank) VALUES('merge', " + step + ")"); !s.ok()) return s;
    if (db_->TotalChanges() - before < 2) break;  // only the command itself: nothing left to merge
  }
  if (Status s = db_->Exec("PRAGMA incremental_vacuum"); !s.ok()) return s;
  df_scan_.reset();
  do {
    if (stopped && stopped()) {
      df_scan_.reset();
      return Status::Busy("stopped");
    }
    Result<bool> step = CountDfStep(100'000, true);
    if (!step.ok()) return step.status();
  } while (df_scan_);
  return db_->Exec("PRAGMA wal_checkpoint(TRUNCATE);");
}

Status IndexStore::CreateVocabulary() {
  if (vocabulary_) return Status::Ok();
  if (Status s = db_->Exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vocab USING fts5vocab(main, terms, row)"); !s.ok()) {
    return s;
  }
  vocabulary_ = true;
  return Status::Ok();
}

// A count is due when the index holds a quarter more versions than it held at the last one
// (and at least kMinRecountGrowth more), or kFirstDfCount versions when it was never counted. A count reads the whole index (1.4 s
// at 10^5 versions, BENCHMARKS.md), in proportion to its size, so under a steady crawl
// counting costs about the same CPU a day at any size; a word that turns common (a new name
// in the news) is kept within a quarter's growth, before which each estimate of it reads
// its whole list.
// It reads FTS5's vocabulary in term order, `terms` terms a step, and replaces term_df at
// once when it reaches the end: readers see the last complete count.
Result<bool> IndexStore::CountDfStep(int terms, bool force) {
  if (!df_scan_) {
    Result<int64_t> versions = Meta("versions"), at = Meta("df_versions");
    if (!versions.ok()) return versions.status();
    if (!at.ok()) return at.status();
    const int64_t due = *at > 0 ? *at + std::max(*at / kRecountAfterGrowth, kMinRecountGrowth) : kFirstDfCount;
    if (!force && *versions < due) return false;
    df_scan_.emplace();
    df_scan_->versions = *versions;
  }
  if (Status s = CreateVocabulary(); !s.ok()) return s;
  Result<Statement*> s = Prepared("SELECT term, doc FROM temp.vocab WHERE term > ?1 LIMIT ?2");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, df_scan_->after).Bind(2, int64_t{terms});
  int read = 0;
  const auto stop_at = std::chrono::steady_clock::now() + kCountStep;
  while (true) {
    if (read > 0 && std::chrono::steady_clock::now() >= stop_at) {
      (*s)->Reset();
      return true;  // resumes after the last term read
    }
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    ++read;
    const std::string_view term = (*s)->Text(0);
    if ((*s)->Int(1) >= kKeptDf) df_scan_->kept.emplace_back(term, (*s)->Int(1));
    if (term > df_scan_->after) df_scan_->after = term;
  }
  (*s)->Reset();
  if (read == terms) return true;
  Result<Statement*> put = Prepared("INSERT INTO term_df(term, df) VALUES(?1, ?2)");
  if (!put.ok()) return put.status();
  if (Status b = db_->Exec("BEGIN IMMEDIATE"); !b.ok()) return b;
  if (Status d = db_->Exec("DELETE FROM term_df"); !d.ok()) {
    (void)db_->Exec("ROLLBACK");
    return d;
  }
  for (const auto& [term, df] : df_scan_->kept) {
    (*put)->Bind(1, term).Bind(2, df);
    if (Status r = (*put)->Run(); !r.ok()) {
      (void)db_->Exec("ROLLBACK");
      return r;
    }
  }
  const std::string at = std::to_string(df_scan_->versions);
  df_scan_.reset();
  if (Status c = db_->Exec("UPDATE meta SET value = " + at + " WHERE key = 'df_versions'; COMMIT;"); !c.ok()) {
    (void)db_->Exec("ROLLBACK");
    return c;
  }
  return true;
}

Result<std::optional<IndexStore::Doc>> IndexStore::LookupDoc(int64_t docid) {
  Result<Statement*> s = Prepared("SELECT article, version, flags, fetched, date FROM docs WHERE docid = ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, docid);
  Result<bool> row = (*s)->Step();
  if (!row.ok()) return row.status();
  if (!*row) return std::optional<Doc>();
  const Doc doc{(*s)->Int(0), static_cast<uint32_t>((*s)->Int(1)), ((*s)->Int(2) & kLatestFlag) != 0, (*s)->Int(3),
                (*s)->Int(4)};
  (*s)->Reset();
  return std::optional<Doc>(doc);
}

Result<std::string> IndexStore::ArticleId(int64_t no) {
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

Result<IndexedArticle> IndexStore::Indexed(const std::string& id) {
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

Result<std::optional<int64_t>> IndexStore::ArticleNo(const std::string& id) {
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

Result<int64_t> IndexStore::TermDocs(std::string_view term, bool prefix) {
  Result<int64_t> at = Meta("df_versions");
  if (!at.ok() && !at.status().IsNotFound()) return at.status();  // none in an index of layout 3
  if (!prefix && at.ok() && *at > 0) {
    // One statement, so that the count and the versions it is scaled by are of one commit.
    Result<Statement*> kept = Prepared(
        "SELECT t.df, c.value, v.value FROM term_df t, meta c, meta v "
        "WHERE t.term = ?1 AND c.key = 'df_versions' AND v.key = 'versions'");
    if (!kept.ok()) return kept.status();
    (*kept)->Bind(1, term);
    Result<bool> row = (*kept)->Step();
    if (!row.ok()) return row.status();
    if (*row) {
      const double df = double((*kept)->Int(0)), counted_at = double((*kept)->Int(1)), now = double((*kept)->Int(2));
      (*kept)->Reset();
      // A word's documents grow with the index; a date's stop growing once its period has
      // passed (what most of them have), so its count stands as counted.
      if (IsDateTerm(term) || counted_at <= 0) return static_cast<int64_t>(df);
      return static_cast<int64_t>(std::llround(df * now / counted_at));
    }
    (*kept)->Reset();
  }
  if (Status s = CreateVocabulary(); !s.ok()) return s;
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

Result<std::vector<std::string>> IndexStore::TermsWithPrefix(std::string_view prefix) {
  if (Status s = CreateVocabulary(); !s.ok()) return s;
  Result<Statement*> s = Prepared("SELECT term FROM temp.vocab WHERE term >= ?1 AND term < ?1 || x'ff'");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, prefix);
  return (*s)->Texts();
}

Result<uint64_t> IndexStore::DiskBytes() {
  uint64_t bytes = 0;
  for (const char* suffix : {"", "-wal"}) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(path_ + suffix, ec);
    if (!ec) bytes += size;
  }
  return bytes;
}

IndexStore::~IndexStore() {
  if (!read_only_) (void)Commit();
}

Result<std::unique_ptr<IndexStore>> IndexStore::Open(const std::string& path, bool read_only) {
  std::error_code ec;
  const bool exists = std::filesystem::exists(path, ec);
  if (read_only && !exists) return Status::NotFound("no search index at " + path);
  Result<std::unique_ptr<SqliteDb>> db = SqliteDb::Open(path, read_only);
  if (!db.ok()) return db.status();
  std::unique_ptr<IndexStore> store(new IndexStore(std::move(*db), path, read_only));
  if (Status s = store->Init(!exists); !s.ok()) return s;
  return store;
}

}  // namespace sinmun
