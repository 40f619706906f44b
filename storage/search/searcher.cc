#include "storage/search/searcher.h"

#include <algorithm>
#include <cmath>
#include <optional>
#include <unordered_map>
#include <unordered_set>

#include "storage/search/date_terms.h"
#include "storage/search/fts_expression.h"
#include "storage/search/query.h"

namespace sinmun {
namespace {

using Doc = IndexStore::Doc;
using Candidate = std::pair<int64_t, Doc>;  // docid and its record

int64_t Seconds(Instant t) { return t.time_since_epoch().count(); }
Instant FromSeconds(int64_t s) { return Instant(std::chrono::seconds(s)); }

// Which documents a search keeps, whatever the expression: latest versions (unless all),
// dated in [since, until).
struct Bounds {
  bool all_versions = false;
  std::optional<int64_t> since, until;
  bool Admit(const Doc& d) const {
    return (all_versions || d.latest) && (!since || d.date >= *since) && (!until || d.date < *until);
  }
};

// The rowids an FTS5 expression matches (the first `limit`, 0: all), ascending.
Result<std::vector<int64_t>> Rowids(IndexStore& store, const std::string& expression, size_t limit) {
  Result<Statement*> s = store.Prepared("SELECT rowid FROM terms WHERE terms MATCH ?1 ORDER BY rowid LIMIT ?2");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, expression).Bind(2, limit == 0 ? int64_t{-1} : static_cast<int64_t>(limit));
  std::vector<int64_t> out;
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    out.push_back((*s)->Int(0));
  }
  return out;
}

// Layout 4 indexes every CJK character as a term: a one-character word is its own term,
// not a prefix (tokenizer.h).
void AsWholeTerms(Query& q) {
  q.terms.prefix = false;
  for (Query& c : q.children) AsWholeTerms(c);
}

// Whether `q` holds a one-character word (a prefix term): FTS5 answers a prefix by merging
// the lists of every term that starts with it (hundreds for a common syllable) into one
// list, each time an expression holding it is run.
bool HasPrefix(const Query& q) {
  if (q.kind == Query::Kind::kTerms) return q.terms.prefix;
  return std::any_of(q.children.begin(), q.children.end(), HasPrefix);
}

// Whole, ascending rowid lists of the expressions of one search, each read at most once:
// a date walk that would otherwise run its expression once per bucket reads the list and
// then only the buckets' own lists. Every FTS5 query costs about the same to start, however
// few rows it returns (2 ms for four common terms at 10^6 versions), and a prefix is merged
// again for each; reading the whole list costs about its length.
class ListMemo {
 public:
  explicit ListMemo(IndexStore& store) : store_(store) {}
  // The expression's list when it was read; nullptr when not.
  const std::vector<int64_t>* Find(const std::string& expression) const {
    auto it = lists_.find(expression);
    return it == lists_.end() ? nullptr : &it->second;
  }
  // The expression's list, read now unless it was.
  Result<const std::vector<int64_t>*> Read(const std::string& expression) {
    if (const std::vector<int64_t>* found = Find(expression)) return found;
    Result<std::vector<int64_t>> all = Rowids(store_, expression, 0);
    if (!all.ok()) return all.status();
    std::sort(all->begin(), all->end());
    return &lists_.emplace(expression, std::move(*all)).first->second;
  }

 private:
  IndexStore& store_;
  std::unordered_map<std::string, std::vector<int64_t>> lists_;
};

// Bucket queries a date walk runs with its expression before it reads the expression's
// whole list instead.
constexpr int kWalkQueries = 8;

// The rowids of the date bucket term `bucket` that are in `among` (ascending); with
// `first_only`, at most the first. The bucket's list is one term's: read lazily.
Result<std::vector<int64_t>> BucketRowids(IndexStore& store, const std::string& bucket,
                                          const std::vector<int64_t>& among, bool first_only) {
  Result<Statement*> s = store.Prepared("SELECT rowid FROM terms WHERE terms MATCH ?1");
  if (!s.ok()) return s.status();
  (*s)->Bind(1, Quote(bucket));
  std::vector<int64_t> out;
  while (true) {
    Result<bool> row = (*s)->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    const int64_t rowid = (*s)->Int(0);
    if (!std::binary_search(among.begin(), among.end(), rowid)) continue;
    out.push_back(rowid);
    if (first_only) break;
  }
  (*s)->Reset();
  return out;
}

// The documents of an expression that Bounds admits, newest first (by date, then by the
// order they were added), read as the file comment of the header says.
class DateStream {
 public:
  // `memo`: where the expression's whole list is, or is put once the walk has run
  // kWalkQueries bucket queries (at once with `read_whole`); buckets are then read as their
  // own term's list and kept where they are in it.
  DateStream(IndexStore& store, std::string expression, const Bounds& bounds, ListMemo& memo, bool read_whole)
      : store_(store), expression_(std::move(expression)), bounds_(bounds), memo_(memo), read_whole_(read_whole) {}

  Result<std::optional<Candidate>> Next() {
    if (!started_) {
      started_ = true;
      if (Status s = Start(); !s.ok()) return s;
    }
    while (ready_.empty() && !stack_.empty()) {
      const std::string bucket = std::move(stack_.back());
      stack_.pop_back();
      if (all_ == nullptr && ++queries_ > kWalkQueries) {
        Result<const std::vector<int64_t>*> all = memo_.Read(expression_);
        if (!all.ok()) return all.status();
        all_ = *all;
      }
      const std::string within = "(" + expression_ + ") AND " + Quote(bucket);
      if (IsHourTerm(bucket)) {
        Result<std::vector<int64_t>> all =
            all_ != nullptr ? BucketRowids(store_, bucket, *all_, false) : Rowids(store_, within, 0);
        if (!all.ok()) return all.status();
        if (Status s = Load(*all); !s.ok()) return s;
        continue;
      }
      Result<std::vector<int64_t>> any =
          all_ != nullptr ? BucketRowids(store_, bucket, *all_, true) : Rowids(store_, within, 1);
      if (!any.ok()) return any.status();
      if (any->empty()) continue;
      std::vector<std::string> children = ChildBuckets(bucket);  // newest first
      stack_.insert(stack_.end(), children.rbegin(), children.rend());
    }
    if (ready_.empty()) return std::optional<Candidate>();
    Candidate c = ready_.back();
    ready_.pop_back();
    return std::optional<Candidate>(c);
  }

 private:
  Status Start() {
    all_ = memo_.Find(expression_);
    if (all_ == nullptr && read_whole_) {
      Result<const std::vector<int64_t>*> all = memo_.Read(expression_);
      if (!all.ok()) return all.status();
      all_ = *all;
    }
    if (all_ != nullptr && all_->size() <= kSortInMemory) return Load(*all_);
    if (all_ == nullptr) {
      Result<std::vector<int64_t>> first = Rowids(store_, expression_, kSortInMemory + 1);
      if (!first.ok()) return first.status();
      if (first->size() <= kSortInMemory) return Load(*first);
    }
    Result<std::vector<std::string>> years = store_.Years();
    if (!years.ok()) return years.status();
    stack_ = std::move(*years);  // ascending: the newest on top
    return Status::Ok();
  }
  // Adds the admitted documents of `rowids` to ready_, which stays sorted oldest first.
  Status Load(const std::vector<int64_t>& rowids) {
    for (int64_t docid : rowids) {
      Result<std::optional<Doc>> d = store_.LookupDoc(docid);
      if (!d.ok()) return d.status();
      if (d->has_value() && bounds_.Admit(**d)) ready_.emplace_back(docid, **d);
    }
    std::sort(ready_.begin(), ready_.end(), [](const Candidate& a, const Candidate& b) {
      return a.second.date != b.second.date ? a.second.date < b.second.date : a.first < b.first;
    });
    return Status::Ok();
  }

  IndexStore& store_;
  std::string expression_;
  Bounds bounds_;
  ListMemo& memo_;
  bool read_whole_;
  const std::vector<int64_t>* all_ = nullptr;  // the expression's whole list, once read
  int queries_ = 0;                             // bucket queries run with the expression
  bool started_ = false;
  std::vector<Candidate> ready_;    // sorted oldest first: back() is next
  std::vector<std::string> stack_;  // date buckets still to read, the newest on top
};

// One search: the hits of its FTS5 expressions, each document checked as Bounds and (when
// the expression is not exact) the matcher say.
class Searcher {
 public:
  Searcher(IndexStore& store, const SearchQuery& q, const Query& query, bool exact, VersionTexts& texts)
      : store_(store), q_(q), matcher_(query), exact_(exact), texts_(texts), prefix_(HasPrefix(query)), memo_(store) {
    bounds_.all_versions = q.all_versions;
    if (q.since) bounds_.since = Seconds(*q.since);
    if (q.until) bounds_.until = Seconds(*q.until);
    limit_ = q.limit == 0 ? 20 : q.limit;
  }

  // Adds the hits `expression` (the whole query's expression `base`, or a tier of it) finds,
  // newest first, up to the limit, with `weight`.
  Status Collect(const std::string& expression, const std::string& base, double weight);
  // How many documents of `expression` match (articles; versions with all_versions): exact
  // up to kCountExactly candidates (those the expression cannot decide counted at the rate
  // of the first kCountSample matched against their text), and beyond when the whole list
  // was read (its length, at the share of the first ones admitted). `complete`: no
  // estimate is needed beyond `matches`; `rate`: the share of sampled candidates that
  // matched their text (1 when none was checked).
  struct Counted {
    uint64_t matches = 0;
    bool complete = false;
    double rate = 1.0;
  };
  Result<Counted> Count(const std::string& expression);

  std::vector<SearchHit>& hits() { return hits_; }

 private:
  Result<std::optional<Doc>> Lookup(int64_t docid);
  // Whether the document really matches; its article in `*article` when it does and one
  // is asked for.
  Result<bool> Check(int64_t docid, const Doc& doc, Article* article);
  // `base`: the whole query's expression (not a tier's), which every matched version of the
  // article must satisfy.
  Status AddHit(int64_t docid, const Doc& doc, Article article, double weight, const std::string& base);
  // Whether `expression` matches the document `docid`.
  Result<bool> Within(const std::string& expression, int64_t docid);

  IndexStore& store_;
  const SearchQuery& q_;
  QueryMatcher matcher_;
  bool exact_;
  VersionTexts& texts_;
  Bounds bounds_;
  size_t limit_;
  std::unordered_map<int64_t, Doc> docs_;
  std::unordered_map<int64_t, bool> checked_docs_;
  std::unordered_set<int64_t> hit_articles_;
  std::vector<SearchHit> hits_;
  bool prefix_;  // the query holds a prefix: each expression's whole list is read at once
  ListMemo memo_;
};

Result<std::optional<Doc>> Searcher::Lookup(int64_t docid) {
  if (auto it = docs_.find(docid); it != docs_.end()) return std::optional<Doc>(it->second);
  Result<std::optional<Doc>> d = store_.LookupDoc(docid);
  if (d.ok() && d->has_value()) docs_.emplace(docid, **d);
  return d;
}

Result<bool> Searcher::Check(int64_t docid, const Doc& doc, Article* article) {
  auto cached = checked_docs_.find(docid);
  if (cached != checked_docs_.end() && !cached->second) return false;
  if ((exact_ || cached != checked_docs_.end()) && article == nullptr) return true;
  Result<std::string> id = store_.ArticleId(doc.article);
  if (!id.ok()) return id.status();
  Result<Article> a = texts_.Read(*id, doc.version);
  if (!a.ok()) {
    if (a.status().IsNotFound()) return false;  // not in the reader's view of the archive
    return a.status();
  }
  bool match = true;
  if (!exact_) {
    match = matcher_.Matches(*a);
    checked_docs_.emplace(docid, match);
  }
  if (match && article != nullptr) *article = std::move(*a);
  return match;
}

Result<bool> Searcher::Within(const std::string& expression, int64_t docid) {
  if (const std::vector<int64_t>* all = memo_.Find(expression)) {
    return std::binary_search(all->begin(), all->end(), docid);
  }
  Result<Statement*> in = store_.Prepared("SELECT rowid FROM terms WHERE terms MATCH ?1 AND rowid = ?2");
  if (!in.ok()) return in.status();
  (*in)->Bind(1, expression).Bind(2, docid);
  Result<bool> there = (*in)->Step();
  (*in)->Reset();
  return there;
}

Status Searcher::AddHit(int64_t docid, const Doc& doc, Article article, double weight, const std::string& base) {
  SearchHit hit;
  Result<std::string> id = store_.ArticleId(doc.article);
  if (!id.ok()) return id.status();
  hit.id = std::move(*id);
  hit.weight = weight;
  Doc shown = doc;
  hit.matched_versions = {doc.version};
  if (q_.all_versions) {
    // Every version of the article that matches; the newest of them is shown.
    Result<Statement*> s = store_.Prepared("SELECT docid, version FROM docs WHERE article = ?1 ORDER BY version");
    if (!s.ok()) return s.status();
    (*s)->Bind(1, doc.article);
    std::vector<std::pair<int64_t, uint32_t>> versions;
    while (true) {
      Result<bool> row = (*s)->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      versions.emplace_back((*s)->Int(0), static_cast<uint32_t>((*s)->Int(1)));
    }
    hit.matched_versions.clear();
    for (const auto& [other, number] : versions) {
      bool match = other == docid;
      if (!match) {
        Result<std::optional<Doc>> d = Lookup(other);
        if (!d.ok()) return d.status();
        if (!d->has_value() || !bounds_.Admit(**d)) continue;
        Result<bool> there = Within(base, other);
        if (!there.ok()) return there.status();
        if (!*there) continue;
        Result<bool> c = Check(other, **d, nullptr);
        if (!c.ok()) return c.status();
        match = *c;
        if (match && number > shown.version) shown = **d;
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

Status Searcher::Collect(const std::string& expression, const std::string& base, double weight) {
  DateStream stream(store_, expression, bounds_, memo_, prefix_);
  while (hits_.size() < limit_) {
    Result<std::optional<Candidate>> next = stream.Next();
    if (!next.ok()) return next.status();
    if (!next->has_value()) break;
    const auto& [docid, doc] = **next;
    docs_.emplace(docid, doc);
    if (hit_articles_.count(doc.article) > 0) continue;
    Article article;
    Result<bool> match = Check(docid, doc, &article);
    if (!match.ok()) return match.status();
    if (!*match) continue;
    if (Status st = AddHit(docid, doc, std::move(article), weight, base); !st.ok()) return st;
  }
  return Status::Ok();
}

Result<Searcher::Counted> Searcher::Count(const std::string& expression) {
  const std::vector<int64_t>* whole = memo_.Find(expression);
  Result<std::vector<int64_t>> first =
      whole != nullptr
          ? std::vector<int64_t>(whole->begin(), whole->begin() + std::min(whole->size(), kCountExactly + 1))
          : Rowids(store_, expression, kCountExactly + 1);
  if (!first.ok()) return first.status();
  uint64_t counted = 0, sampled = 0, passed = 0;
  for (int64_t docid : *first) {
    Result<std::optional<Doc>> doc = Lookup(docid);
    if (!doc.ok()) return doc.status();
    if (!doc->has_value() || !bounds_.Admit(**doc)) continue;
    ++counted;
    if (!exact_ && sampled < kCountSample) {
      Result<bool> c = Check(docid, **doc, nullptr);
      if (!c.ok()) return c.status();
      ++sampled;
      passed += *c ? 1 : 0;
    }
  }
  Counted out;
  out.rate = exact_ || sampled == 0 ? 1.0 : double(passed) / double(sampled);
  out.matches = exact_ ? counted : sampled == counted ? passed : std::llround(double(counted) * out.rate);
  out.complete = first->size() <= kCountExactly;
  if (!out.complete && whole != nullptr) {
    // The whole list was read: its length, at the share of the first ones admitted.
    const double admitted = double(counted) / double(first->size());
    out.matches = std::max<uint64_t>(out.matches, std::llround(double(whole->size()) * admitted * out.rate));
    out.complete = true;
  }
  return out;
}

// Documents matching `q`, estimated from its terms' document counts as if they were
// independent (a word's terms are not: a word counts as its rarest term).
Result<double> Estimate(IndexStore& index, const Query& q, double total) {
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


// "(a OR b ...)" of quoted terms.
std::string AnyOf(const std::vector<std::string>& terms) {
  std::string out = "(";
  for (size_t i = 0; i < terms.size(); ++i) out += (i > 0 ? " OR " : "") + Quote(terms[i]);
  return out + ")";
}

// Documents of `terms` together (each document is in one of them), over all.
Result<double> Share(IndexStore& store, const std::vector<std::string>& terms, double total) {
  double n = 0;
  for (const std::string& t : terms) {
    Result<int64_t> docs = store.TermDocs(t, false);
    if (!docs.ok()) return docs.status();
    n += double(*docs);
  }
  return total > 0 ? std::min(1.0, n / total) : 0.0;
}

}  // namespace

Status CheckQuery(const SearchQuery& query) {
  if (query.text.size() <= kMaxQueryBytes) return Status::Ok();
  return Status::InvalidArgument("a search text is at most " + std::to_string(kMaxQueryBytes) +
                                 " bytes; this one has " + std::to_string(query.text.size()));
}

bool AsksForNothing(const SearchQuery& query) {
  return !query.since && !query.until && query.portal.empty() && query.press.empty() &&
         query.source.empty() && ReadQuery(query.text, nullptr).kind == Query::Kind::kNothing;
}

Result<SearchResults> RunSearch(IndexStore& store, const SearchQuery& q, VersionTexts& texts) {
  if (Status s = CheckQuery(q); !s.ok()) return s;
  SearchResults results;
  Query query = ReadQuery(q.text, &results.highlight);
  if (store.layout() >= 4) AsWholeTerms(query);
  if (query.kind == Query::Kind::kNothing) query.kind = Query::Kind::kAll;
  const FtsExpression e = ToFts(query);
  std::vector<std::string> filters;
  if (!q.portal.empty()) filters.push_back(std::string(kPortalPrefix) + q.portal);
  if (!q.press.empty()) filters.push_back(std::string(kPressPrefix) + q.press);
  if (!q.source.empty()) filters.push_back(std::string(kSourcePrefix) + q.source);
  std::string match = WithTerms(e, filters);
  std::vector<std::string> cover;
  if (q.since || q.until) {
    Result<std::vector<std::string>> years = store.Years();
    if (!years.ok()) return years.status();
    std::optional<int64_t> since, until;
    if (q.since) since = Seconds(*q.since);
    if (q.until) until = Seconds(*q.until);
    if (!years->empty()) cover = DateRangeTerms(since, until, *years);
    if (cover.empty()) return results;  // an empty index, or an empty range
    match = "(" + match + ") AND " + AnyOf(cover);
  }
  Searcher searcher(store, q, query, e.exact, texts);
  const std::vector<const QueryTerms*> items = PositiveItems(query);
  if (q.sort == SearchQuery::Sort::kRelevance && !items.empty()) {
    // Every word in the title, then some, then the rest: newest first within each.
    if (Status s = searcher.Collect(match + " AND " + OrOf(items, " AND "), match, 3); !s.ok()) return s;
    if (items.size() > 1) {
      if (Status s = searcher.Collect(match + " AND " + OrOf(items, " OR "), match, 2); !s.ok()) return s;
    }
  }
  if (Status s = searcher.Collect(match, match, 1); !s.ok()) return s;
  Result<Searcher::Counted> counted = searcher.Count(match);
  if (!counted.ok()) return counted.status();
  results.estimated_matches = counted->matches;
  if (!counted->complete) {
    // From the terms' document counts (IndexStore::TermDocs: kept for common terms, else
    // FTS5's vocabulary, which reads the term's whole list). The
    // density of the first candidates among document ids is no guide: a rebuild numbers
    // documents by article id, so a period or a press lies in blocks of ids.
    Result<int64_t> versions = store.Meta("versions"), articles = store.Meta("articles");
    if (!versions.ok()) return versions.status();
    if (!articles.ok()) return articles.status();
    const double total = double(*versions);
    Result<double> n = Estimate(store, query, total);
    if (!n.ok()) return n.status();
    double estimate = *n;
    for (const std::string& f : filters) {
      Result<double> share = Share(store, {f}, total);
      if (!share.ok()) return share.status();
      estimate *= *share;
    }
    if (!cover.empty()) {
      Result<double> share = Share(store, cover, total);
      if (!share.ok()) return share.status();
      estimate *= *share;
    }
    if (!q.all_versions && total > 0) estimate *= double(*articles) / total;
    estimate *= counted->rate;
    results.estimated_matches = std::max<uint64_t>(counted->matches, static_cast<uint64_t>(std::llround(estimate)));
  }
  results.hits = std::move(searcher.hits());
  // Whatever the estimate says, the matches are at least the hits found (a text check's
  // sampled rate can be low), and at most what the index holds (articles; versions with
  // all_versions: a whole list's length at the share of its first documents admitted can
  // pass it).
  Result<int64_t> held = store.Meta(q.all_versions ? "versions" : "articles");
  if (!held.ok()) return held.status();
  results.estimated_matches = std::max<uint64_t>(
      std::min<uint64_t>(results.estimated_matches, static_cast<uint64_t>(std::max<int64_t>(*held, 0))),
      results.hits.size());
  return results;
}

}  // namespace sinmun
