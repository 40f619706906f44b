#include "storage/search/search_index.h"

#include <algorithm>
#include <set>

#include <unicode/utf8.h>

#include "common/identity.h"
#include "storage/search/fts_expression.h"
#include "storage/search/index_store.h"
#include "storage/search/searcher.h"
#include "storage/search/tokenizer.h"

namespace sinmun {
namespace {

// Terms of a paragraph that look for other articles holding it.
constexpr size_t kParagraphTerms = 32;

// True for a term that is one CJK character. A paragraph is looked for by its bigrams and
// words, not by these: an index of layout 3 holds only a run's first and last character
// (tokenizer.h), and the bigrams name every character anyway.
bool IsOneCjkCharacter(std::string_view term) {
  if (term.empty()) return false;
  int32_t at = 0;
  const auto length = static_cast<int32_t>(term.size());
  UChar32 c = 0;
  U8_NEXT(term.data(), at, length, c);
  return c >= 0 && at == length && IsCjk(static_cast<char32_t>(c));
}

}  // namespace

Result<std::vector<SharedCandidate>> SearchIndex::SharedParagraphs(const Article& article,
                                                                   const std::string& exclude_id,
                                                                   VersionTexts& texts, size_t limit) {
  const std::vector<std::string> ours = SharedParagraphHashes(article);
  const std::set<std::string> mine(ours.begin(), ours.end());
  Result<std::optional<int64_t>> excluded = store_->ArticleNo(exclude_id);
  if (!excluded.ok()) return excluded.status();
  // Candidates: the latest versions holding some terms of each paragraph (rarely more than
  // the copies themselves); each is then read and its paragraph hashes compared.
  std::set<int64_t> candidates;
  Tokenizer tokenizer;
  Result<Statement*> stream = store_->Prepared("SELECT rowid FROM terms WHERE terms MATCH ?1 LIMIT ?2");
  if (!stream.ok()) return stream.status();
  for (const Block* b : ::sinmun::SharedParagraphs(article)) {
    std::vector<std::string> terms;
    tokenizer.Tokenize(b->text, 0, [&](std::string_view t, uint32_t) {
      if (terms.size() < kParagraphTerms && !IsOneCjkCharacter(t) && std::find(terms.begin(), terms.end(), t) == terms.end()) {
        terms.emplace_back(t);
      }
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
      Result<std::optional<IndexStore::Doc>> doc = store_->LookupDoc(docid);
      if (!doc.ok()) return doc.status();
      if (!doc->has_value() || !(*doc)->latest) continue;
      if (excluded->has_value() && (*doc)->article == **excluded) continue;
      candidates.insert(docid);
    }
  }
  std::vector<SharedCandidate> out;
  for (int64_t docid : candidates) {
    Result<std::optional<IndexStore::Doc>> doc = store_->LookupDoc(docid);
    if (!doc.ok()) return doc.status();
    Result<std::string> id = store_->ArticleId((*doc)->article);
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
  Result<Statement*> s = store_->Prepared("SELECT id FROM articles WHERE origin = ?1 ORDER BY no");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, CanonicalUrl(url).value_or(url));
  return (*s)->Texts();
}

SearchIndex::SearchIndex(std::unique_ptr<IndexStore> store) : store_(std::move(store)) {}
SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& path, Mode mode) {
  Result<std::unique_ptr<IndexStore>> store = IndexStore::Open(path, mode == Mode::kReadOnly);
  if (!store.ok()) return store.status();
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(*store)));
}

Status SearchIndex::Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at) {
  return store_->Add(MakeIndexDocument(id, version, a, fetched_at));
}
Status SearchIndex::Add(const IndexDocument& doc) { return store_->Add(doc); }
Status SearchIndex::Commit() { return store_->Commit(); }
bool SearchIndex::older_layout() const { return store_->layout() < kSearchLayout; }
Result<std::vector<uint32_t>> SearchIndex::VersionsOf(const std::string& id) { return store_->VersionsOf(id); }
Result<IndexedArticle> SearchIndex::Indexed(const std::string& id) { return store_->Indexed(id); }
Result<bool> SearchIndex::Maintain(int pages, bool count_terms) { return store_->Maintain(pages, count_terms); }
Status SearchIndex::Compact(const std::function<bool()>& stopped, int step_pages) {
  return store_->Compact(stopped, step_pages);
}
Result<uint64_t> SearchIndex::DiskBytes() { return store_->DiskBytes(); }

Result<uint64_t> SearchIndex::IndexedVersions() {
  Result<int64_t> n = store_->Meta("versions");
  if (!n.ok()) return n.status();
  return static_cast<uint64_t>(*n);
}

Result<SearchResults> SearchIndex::Search(const SearchQuery& query, VersionTexts& texts) {
  return RunSearch(*store_, query, texts);
}

}  // namespace sinmun
