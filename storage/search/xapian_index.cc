#include "storage/search/xapian_index.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <set>
#include <unordered_map>

#include <xapian.h>

#include "common/hash.h"
#include "common/identity.h"
#include "storage/search/query.h"
#include "storage/search/tokenizer.h"

namespace sinmun {
namespace {

constexpr const char* kLayoutKey = "sinmun_layout";

// Value slots.
constexpr Xapian::valueno kSlotDate = 0;     // published, else fetched (sortable seconds)
constexpr Xapian::valueno kSlotFetched = 1;  // sortable seconds
constexpr Xapian::valueno kSlotId = 2;
constexpr Xapian::valueno kSlotVersion = 3;  // sortable
constexpr Xapian::valueno kSlotPortal = 4;
constexpr Xapian::valueno kSlotPress = 5;
constexpr Xapian::valueno kSlotSource = 6;
constexpr Xapian::valueno kSlotPublished = 7;   // sortable seconds; empty when unknown
constexpr Xapian::valueno kSlotParagraphs = 8;  // sortable count of paragraph hashes

// Boolean term prefixes (text terms are lower-case or CJK, never these capitals).
constexpr const char* kLatestTerm = "L";
constexpr const char* kIdPrefix = "I";
constexpr const char* kUniquePrefix = "U";
constexpr const char* kPortalPrefix = "P";
constexpr const char* kPressPrefix = "N";
constexpr const char* kSourcePrefix = "S";
constexpr const char* kHashPrefix = "H";
constexpr const char* kOriginPrefix = "O";
constexpr const char* kMonthPrefix = "M";  // "M202611": the month (UTC) of the date slot

constexpr Xapian::termcount kTitleWeight = 3;
constexpr Xapian::termcount kSubtitleWeight = 2;
constexpr Xapian::doccount kCountAtLeast = 1000;

// Xapian refuses terms over 245 bytes: long values are replaced by their hash.
std::string Term(std::string_view prefix, std::string_view value) {
  if (prefix.size() + value.size() <= 200) return std::string(prefix) + std::string(value);
  return std::string(prefix) + "#" + ToHex(Sha256(value));
}

std::string MonthTerm(Instant t) {
  const std::time_t seconds = t.time_since_epoch().count();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char month[32];
  std::snprintf(month, sizeof month, "%s%04d%02d", kMonthPrefix, tm.tm_year + 1900, tm.tm_mon + 1);
  return month;
}

std::string Seconds(Instant t) { return Xapian::sortable_serialise(static_cast<double>(t.time_since_epoch().count())); }
Instant FromSeconds(const std::string& v) {
  return Instant(std::chrono::seconds(static_cast<long long>(Xapian::sortable_unserialise(v))));
}

Status FromXapian(const Xapian::Error& e, const std::string& what) {
  // Xapian's exception classes are not polymorphic: tell them apart by their type name.
  const std::string type = e.get_type();
  std::string msg = what + ": " + type + ": " + e.get_msg();
  if (type == "DatabaseLockError") return Status::Busy(what + ": the search index is held by another writer");
  if (type == "DatabaseCorruptError") return Status::Corruption(msg);
  if (type == "DatabaseVersionError") return Status::Unsupported(msg);
  return Status::IOError(msg);
}

Xapian::Query ToXapian(const Query& q) {
  switch (q.kind) {
    case Query::Kind::kNothing: return Xapian::Query();
    case Query::Kind::kAll: return Xapian::Query::MatchAll;
    case Query::Kind::kTerms: {
      const std::vector<std::string>& t = q.terms.terms;
      if (q.terms.prefix) return Xapian::Query(Xapian::Query::OP_WILDCARD, t[0]);
      if (t.size() == 1) return Xapian::Query(t[0]);
      return Xapian::Query(Xapian::Query::OP_PHRASE, t.begin(), t.end(), static_cast<Xapian::termcount>(t.size()));
    }
    case Query::Kind::kAnd:
    case Query::Kind::kOr: {
      std::vector<Xapian::Query> children;
      for (const Query& c : q.children) children.push_back(ToXapian(c));
      return Xapian::Query(q.kind == Query::Kind::kAnd ? Xapian::Query::OP_AND : Xapian::Query::OP_OR,
                           children.begin(), children.end());
    }
    case Query::Kind::kAndNot:
      return Xapian::Query(Xapian::Query::OP_AND_NOT, ToXapian(q.children[0]), ToXapian(q.children[1]));
  }
  return Xapian::Query();
}

}  // namespace

bool IsXapianIndex(const std::string& dir) {
  std::error_code ec;
  return std::filesystem::exists(std::filesystem::path(dir) / "iamglass", ec);
}

class XapianIndex::Impl {
 public:
  explicit Impl(std::unique_ptr<Xapian::Database> db, bool writable) : db_(std::move(db)), writable_(writable) {}

  Xapian::WritableDatabase* writer() {
    return writable_ ? static_cast<Xapian::WritableDatabase*>(db_.get()) : nullptr;
  }
  Status Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at);
  Result<SearchResults> Search(const SearchQuery& q);
  std::vector<std::string> Months(std::optional<Instant> since, std::optional<Instant> until);

  std::unique_ptr<Xapian::Database> db_;
  bool writable_;
  // The newest version added per article and its document (versions come oldest first).
  std::unordered_map<std::string, std::pair<uint32_t, Xapian::docid>> added_;
};

Status XapianIndex::Impl::Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at) {
  Xapian::WritableDatabase* w = writer();
  if (w == nullptr) return Status::Unsupported("the layout-2 search index is read only");
  Xapian::Document doc;
  Tokenizer tokenizer;
  uint32_t position = 1;
  auto index = [&](const std::string& text, Xapian::termcount weight) {
    position = tokenizer.Tokenize(text, position, [&](std::string_view term, uint32_t at) {
      doc.add_posting(std::string(term), at, weight);
    }) + kFieldGap;
  };
  index(a.title, kTitleWeight);
  if (!a.subtitle.empty()) index(a.subtitle, kSubtitleWeight);
  for (const Block& b : a.blocks) {
    if (!b.text.empty()) index(b.text, 1);
  }
  const std::vector<std::string> hashes = SharedParagraphHashes(a);
  for (const std::string& h : hashes) doc.add_boolean_term(kHashPrefix + ToHex(h.substr(0, 8)));
  if (!a.origin_url.empty()) doc.add_boolean_term(Term(kOriginPrefix, CanonicalUrl(a.origin_url).value_or(a.origin_url)));
  if (!a.portal.empty()) doc.add_boolean_term(Term(kPortalPrefix, a.portal));
  if (!a.press.empty()) doc.add_boolean_term(Term(kPressPrefix, a.press));
  if (!a.source.empty()) doc.add_boolean_term(Term(kSourcePrefix, a.source));
  doc.add_boolean_term(Term(kIdPrefix, id));
  doc.add_boolean_term(Term(kUniquePrefix, id + "@" + std::to_string(version)));
  doc.add_boolean_term(MonthTerm(a.published.value_or(fetched_at)));
  doc.add_value(kSlotDate, Seconds(a.published.value_or(fetched_at)));
  doc.add_value(kSlotFetched, Seconds(fetched_at));
  if (a.published) doc.add_value(kSlotPublished, Seconds(*a.published));
  doc.add_value(kSlotId, id);
  doc.add_value(kSlotVersion, Xapian::sortable_serialise(version));
  doc.add_value(kSlotPortal, a.portal);
  doc.add_value(kSlotPress, a.press);
  doc.add_value(kSlotSource, a.source);
  doc.add_value(kSlotParagraphs, Xapian::sortable_serialise(static_cast<double>(hashes.size())));
  doc.add_boolean_term(kLatestTerm);
  try {
    if (auto it = added_.find(id); it != added_.end()) {
      Xapian::Document older = w->get_document(it->second.second);
      older.remove_term(kLatestTerm);
      w->replace_document(it->second.second, older);
    }
    added_[id] = {version, w->add_document(doc)};
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "indexing " + id + " v" + std::to_string(version));
  }
  return Status::Ok();
}

std::vector<std::string> XapianIndex::Impl::Months(std::optional<Instant> since, std::optional<Instant> until) {
  const std::string first = since ? MonthTerm(*since) : kMonthPrefix;
  const std::string last = until ? MonthTerm(*until - std::chrono::seconds(1)) : "";
  std::vector<std::string> out;
  for (auto t = db_->allterms_begin(kMonthPrefix); t != db_->allterms_end(kMonthPrefix); ++t) {
    if (*t >= first && (last.empty() || *t <= last)) out.push_back(*t);
  }
  return out;
}

namespace {

void FillHit(const Xapian::Document& d, SearchHit& hit) {
  hit.id = d.get_value(kSlotId);
  hit.version = static_cast<uint32_t>(Xapian::sortable_unserialise(d.get_value(kSlotVersion)));
  hit.portal = d.get_value(kSlotPortal);
  hit.press = d.get_value(kSlotPress);
  hit.source = d.get_value(kSlotSource);
  const std::string published = d.get_value(kSlotPublished);
  if (!published.empty()) hit.published = FromSeconds(published);
  hit.fetched_at = FromSeconds(d.get_value(kSlotFetched));
}

// Every version of hit.id that `query` matches; the newest of them is shown.
void AllMatchingVersions(Xapian::Database& db, const Xapian::Query& query, SearchHit& hit) {
  Xapian::Enquire versions(db);
  versions.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(Term(kIdPrefix, hit.id))));
  versions.set_weighting_scheme(Xapian::BoolWeight());
  Xapian::MSet all = versions.get_mset(0, db.get_doccount());
  hit.matched_versions.clear();
  Xapian::Document newest;
  uint32_t newest_number = 0;
  for (auto v = all.begin(); v != all.end(); ++v) {
    Xapian::Document d = v.get_document();
    auto n = static_cast<uint32_t>(Xapian::sortable_unserialise(d.get_value(kSlotVersion)));
    hit.matched_versions.push_back(n);
    if (n >= newest_number) {
      newest_number = n;
      newest = d;
    }
  }
  std::sort(hit.matched_versions.begin(), hit.matched_versions.end());
  if (!hit.matched_versions.empty()) {
    const double weight = hit.weight;
    FillHit(newest, hit);
    hit.weight = weight;
  }
}

}  // namespace

Result<SearchResults> XapianIndex::Impl::Search(const SearchQuery& q) {
  if (Status s = CheckQuery(q); !s.ok()) return s;
  SearchResults results;
  try {
    Query read = ReadQuery(q.text, &results.highlight);
    Xapian::Query query = read.kind == Query::Kind::kNothing ? Xapian::Query::MatchAll : ToXapian(read);
    std::vector<Xapian::Query> filters;
    if (!q.all_versions) filters.emplace_back(kLatestTerm);
    if (!q.portal.empty()) filters.emplace_back(Term(kPortalPrefix, q.portal));
    if (!q.press.empty()) filters.emplace_back(Term(kPressPrefix, q.press));
    if (!q.source.empty()) filters.emplace_back(Term(kSourcePrefix, q.source));
    if (q.since) filters.emplace_back(Xapian::Query::OP_VALUE_GE, kSlotDate, Seconds(*q.since));
    if (q.until) filters.emplace_back(Xapian::Query::OP_VALUE_LE, kSlotDate, Seconds(*q.until - std::chrono::seconds(1)));
    const bool by_date = q.sort == SearchQuery::Sort::kDate;
    std::vector<std::string> months;
    if (q.since || q.until || by_date) months = Months(q.since, q.until);
    if (q.since || q.until) filters.emplace_back(Xapian::Query::OP_OR, months.begin(), months.end());
    if (!filters.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }
    const auto limit = static_cast<Xapian::doccount>(q.limit == 0 ? 20 : q.limit);
    auto enquire = [&](const Xapian::Query& qq, bool sorted) {
      Xapian::Enquire e(*db_);
      e.set_query(qq);
      if (sorted && by_date) e.set_sort_by_value_then_relevance(kSlotDate, true);
      if (q.all_versions) e.set_collapse_key(kSlotId);
      return e;
    };
    std::set<std::string> ids;
    auto take = [&](const Xapian::MSet& mset) {
      for (auto it = mset.begin(); it != mset.end() && results.hits.size() < limit; ++it) {
        Xapian::Document d = it.get_document();
        if (!ids.insert(d.get_value(kSlotId)).second) continue;
        SearchHit hit;
        FillHit(d, hit);
        hit.weight = it.get_weight();
        hit.matched_versions = {hit.version};
        if (q.all_versions) AllMatchingVersions(*db_, query, hit);
        results.hits.push_back(std::move(hit));
      }
    };
    if (by_date) {
      // Newest month first, until the hits are there; the count without the sort order
      // (with one, Xapian visits every match).
      Xapian::Enquire count = enquire(query, false);
      count.set_weighting_scheme(Xapian::BoolWeight());
      results.estimated_matches = count.get_mset(0, 0, kCountAtLeast).get_matches_estimated();
      for (auto m = months.rbegin(); m != months.rend() && results.hits.size() < limit; ++m) {
        take(enquire(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(*m)), true).get_mset(0, limit));
      }
    } else {
      Xapian::MSet mset = enquire(query, true).get_mset(0, limit);
      results.estimated_matches = mset.get_matches_estimated();
      take(mset);
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "searching");
  }
  return results;
}

XapianIndex::XapianIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
XapianIndex::~XapianIndex() = default;

Result<std::unique_ptr<XapianIndex>> XapianIndex::Open(const std::string& dir) {
  if (!IsXapianIndex(dir)) return Status::NotFound("no search index in " + dir);
  try {
    auto db = std::make_unique<Xapian::Database>(dir);
    const std::string layout = db->get_metadata(kLayoutKey);
    if (std::atoi(layout.c_str()) != kXapianLayout) {
      return Status::Unsupported("the search index in " + dir + " is of layout " + (layout.empty() ? "1" : layout) +
                                 ", which this sinmun does not read");
    }
    return std::unique_ptr<XapianIndex>(new XapianIndex(std::make_unique<Impl>(std::move(db), false)));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "opening the search index " + dir);
  }
}

Result<std::unique_ptr<XapianIndex>> XapianIndex::Create(const std::string& dir) {
  try {
    auto w = std::make_unique<Xapian::WritableDatabase>(dir, Xapian::DB_CREATE);
    w->set_metadata(kLayoutKey, std::to_string(kXapianLayout));
    return std::unique_ptr<XapianIndex>(new XapianIndex(std::make_unique<Impl>(std::move(w), true)));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "creating the search index " + dir);
  }
}

Status XapianIndex::Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at) {
  return impl_->Add(id, version, a, fetched_at);
}

Status XapianIndex::Commit() {
  Xapian::WritableDatabase* w = impl_->writer();
  if (w == nullptr) return Status::Unsupported("the layout-2 search index is read only");
  try {
    w->commit();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "committing the search index");
  }
  return Status::Ok();
}

Result<uint64_t> XapianIndex::IndexedVersions() {
  try {
    return static_cast<uint64_t>(impl_->db_->get_doccount());
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "reading the search index");
  }
}

Result<SearchResults> XapianIndex::Search(const SearchQuery& query, VersionTexts&) { return impl_->Search(query); }

Result<std::vector<SharedCandidate>> XapianIndex::SharedParagraphs(const Article& article, const std::string& exclude_id,
                                                                   VersionTexts&, size_t limit) {
  std::vector<SharedCandidate> out;
  try {
    Xapian::Database& db = *impl_->db_;
    std::vector<Xapian::Query> terms;
    for (const std::string& h : SharedParagraphHashes(article)) {
      std::string term = kHashPrefix + ToHex(h.substr(0, 8));
      Xapian::doccount freq = db.get_termfreq(term);
      if (freq == 0 || freq > kMaxSharedParagraphArticles) continue;
      terms.emplace_back(term);
    }
    if (terms.empty()) return out;
    Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(kLatestTerm));
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Term(kIdPrefix, exclude_id)));
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      SharedCandidate c;
      Xapian::Document d = it.get_document();
      c.id = d.get_value(kSlotId);
      c.version = static_cast<uint32_t>(Xapian::sortable_unserialise(d.get_value(kSlotVersion)));
      c.paragraphs = static_cast<size_t>(Xapian::sortable_unserialise(d.get_value(kSlotParagraphs)));
      for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t) {
        if ((*t).rfind(kHashPrefix, 0) == 0) ++c.shared;  // not the filter's terms
      }
      out.push_back(std::move(c));
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "looking up shared paragraphs");
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const SharedCandidate& a, const SharedCandidate& b) { return a.shared > b.shared; });
  if (limit != 0 && out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<std::string>> XapianIndex::ArticlesWithOrigin(const std::string& url) {
  std::vector<std::string> out;
  try {
    Xapian::Database& db = *impl_->db_;
    Xapian::Query query(Xapian::Query::OP_FILTER, Xapian::Query(Term(kOriginPrefix, CanonicalUrl(url).value_or(url))),
                        Xapian::Query(kLatestTerm));
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, db.get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_document().get_value(kSlotId));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "looking up origin links");
  }
  return out;
}

}  // namespace sinmun
