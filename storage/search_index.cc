#include "storage/search_index.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <filesystem>
#include <map>
#include <set>
#include <unordered_map>

#include <xapian.h>

#include "common/hash.h"
#include "common/identity.h"
#include "common/text.h"

namespace sinmun {
namespace {

// The layout of the documents below; an index with another one is refused (run reindex).
// 1: Xapian's CJK n-grams (unigrams with positions). 2: IndexText's positional bigrams and
// month terms.
constexpr int kLayout = 2;
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
// The month (UTC, "M202611") of the date slot: a date-sorted search reads the newest months
// first and stops when it has its hits; a date range reads only its months.
constexpr const char* kMonthPrefix = "M";

constexpr Xapian::termcount kTitleWeight = 3;
constexpr Xapian::termcount kSubtitleWeight = 2;
// Phrases do not run from one field or block into the next.
constexpr Xapian::termpos kFieldGap = 100;
// A date-sorted search counts its matches exactly up to this many, then estimates.
constexpr Xapian::doccount kCountAtLeast = 1000;
// A shared paragraph found in more articles than this is boilerplate, not a story.
constexpr Xapian::doccount kMaxHashDocs = 500;

// Xapian refuses terms over 245 bytes: long values are replaced by their hash.
std::string Term(std::string_view prefix, std::string_view value) {
  if (prefix.size() + value.size() <= 200) return std::string(prefix) + std::string(value);
  return std::string(prefix) + "#" + ToHex(Sha256(value));
}

std::string UniqueTerm(const std::string& id, uint32_t version) {
  return Term(kUniquePrefix, id + "@" + std::to_string(version));
}

std::string MonthTerm(Instant t) {
  const std::time_t seconds = std::chrono::duration_cast<std::chrono::seconds>(t.time_since_epoch()).count();
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char month[32];
  std::snprintf(month, sizeof month, "%s%04d%02d", kMonthPrefix, tm.tm_year + 1900, tm.tm_mon + 1);
  return month;
}

std::string Seconds(Instant t) {
  return Xapian::sortable_serialise(static_cast<double>(t.time_since_epoch().count()));
}
Instant FromSeconds(const std::string& v) {
  return Instant(std::chrono::seconds(static_cast<long long>(Xapian::sortable_unserialise(v))));
}

// --- UTF-8 -------------------------------------------------------------------------------

std::vector<char32_t> Decode(std::string_view s) {
  std::vector<char32_t> out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (len == 0 || i + len > s.size()) {
      out.push_back(0xFFFD);
      ++i;
      continue;
    }
    char32_t cp = len == 1 ? c : c & (0xFF >> (len + 1));
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    out.push_back(cp);
    i += len;
  }
  return out;
}

void Encode(char32_t cp, std::string& out) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

std::string Encode(const std::vector<char32_t>& cps, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) Encode(cps[i], out);
  return out;
}

bool IsHangul(char32_t c) {
  return (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0x1100 && c <= 0x11FF) ||
         (c >= 0x3130 && c <= 0x318F);
}
bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0xA0 || c == 0x3000;
}

// Characters indexed as n-grams: Hangul, Han, Kana.
bool IsCjk(char32_t c) {
  return IsHangul(c) || (c >= 0x3040 && c <= 0x30FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFF66 && c <= 0xFF9F) || (c >= 0x20000 && c <= 0x2FFFF);
}

// Drops white space between two CJK characters (see the file comment of the header):
// 수출 규제를 -> 수출규제를, 美 연준 -> 美연준.
std::string JoinCjk(std::string_view text) {
  std::vector<char32_t> cps = Decode(text);
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < cps.size(); ++i) {
    if (IsSpace(cps[i]) && i > 0 && IsCjk(cps[i - 1])) {
      size_t j = i;
      while (j < cps.size() && IsSpace(cps[j])) ++j;
      if (j < cps.size() && IsCjk(cps[j])) {
        i = j - 1;
        continue;
      }
    }
    Encode(cps[i], out);
  }
  return out;
}

// Text split into alternating runs of CJK characters and of anything else.
struct Run {
  bool cjk;
  size_t begin, end;  // code points
};
std::vector<Run> SplitRuns(const std::vector<char32_t>& cps) {
  std::vector<Run> runs;
  for (size_t i = 0; i < cps.size();) {
    const bool cjk = IsCjk(cps[i]);
    size_t j = i;
    while (j < cps.size() && IsCjk(cps[j]) == cjk) ++j;
    runs.push_back({cjk, i, j});
    i = j;
  }
  return runs;
}

// Indexes `text` (a field or block) into tg's document at tg's term position. Non-CJK runs
// go through TermGenerator (words, lower-cased), exactly as a query's are (QueryTerms). A
// run of n >= 2 CJK characters (white space between them already dropped) takes positions
// at..at+n-1: its n-1 bigrams stand at at..at+n-2, which makes a word or phrase a cheap
// positional match of rare terms; its first character is also a term at `at` and its last
// at at+n-1, so that a query mixing scripts (2026년, AI반도체, 반도체AI) matches as a phrase
// and 3월 does not match 3개월. A one-character run is its character at one position.
// Every character thus starts a bigram or ends a run: a one-character query is the
// wildcard X* (QueryTerms).
void IndexText(Xapian::TermGenerator& tg, Xapian::Document& doc, std::string_view text,
               Xapian::termcount weight) {
  const std::vector<char32_t> cps = Decode(JoinCjk(text));
  for (const Run& r : SplitRuns(cps)) {
    if (!r.cjk) {
      tg.index_text(Encode(cps, r.begin, r.end), weight);
      continue;
    }
    const Xapian::termpos at = tg.get_termpos() + 1;
    const size_t n = r.end - r.begin;
    if (n == 1) {
      doc.add_posting(Encode(cps, r.begin, r.end), at, weight);
      tg.set_termpos(at);
      continue;
    }
    for (size_t k = 0; k + 1 < n; ++k) {
      doc.add_posting(Encode(cps, r.begin + k, r.begin + k + 2), at + static_cast<Xapian::termpos>(k), weight);
    }
    const auto last = at + static_cast<Xapian::termpos>(n - 1);
    doc.add_posting(Encode(cps, r.begin, r.begin + 1), at, weight);
    doc.add_posting(Encode(cps, r.end - 1, r.end), last, weight);
    tg.set_termpos(last);
  }
}

char32_t Fold(char32_t c) { return c >= 'A' && c <= 'Z' ? c + 32 : c; }

// --- query text ------------------------------------------------------------------------------

// The terms a query word or phrase stands for, in position order, the way IndexText
// makes them: non-CJK runs through TermGenerator; a CJK run of m >= 2 characters as its
// bigrams, followed by its last character when more terms follow (IndexText gives that
// character the position after the last bigram). A phrase of them must stand at
// consecutive positions. `single_cjk`: the whole is one CJK character (a wildcard).
std::vector<std::string> QueryTerms(std::string_view text, bool* single_cjk) {
  const std::vector<char32_t> cps = Decode(JoinCjk(text));
  struct Part {
    std::vector<std::string> terms;
    bool cjk;      // a CJK run
    bool cjk_run;  // a CJK run of 2 or more characters: terms end with its last character
  };
  std::vector<Part> parts;
  for (const Run& r : SplitRuns(cps)) {
    Part part{{}, r.cjk, r.cjk && r.end - r.begin > 1};
    if (!r.cjk) {
      Xapian::Document doc;
      Xapian::TermGenerator tg;
      tg.set_document(doc);
      tg.index_text(Encode(cps, r.begin, r.end));
      std::map<Xapian::termpos, std::string> at;
      for (auto t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        for (auto p = t.positionlist_begin(); p != t.positionlist_end(); ++p) at[*p] = *t;
      }
      for (auto& [pos, term] : at) part.terms.push_back(std::move(term));
    } else if (!part.cjk_run) {
      part.terms.push_back(Encode(cps, r.begin, r.end));
    } else {
      for (size_t k = r.begin; k + 1 < r.end; ++k) part.terms.push_back(Encode(cps, k, k + 2));
      part.terms.push_back(Encode(cps, r.end - 1, r.end));
    }
    if (!part.terms.empty()) parts.push_back(std::move(part));
  }
  // The last character of the last run is not needed: the word may go on in the text.
  if (!parts.empty() && parts.back().cjk_run) parts.back().terms.pop_back();
  std::vector<std::string> out;
  for (Part& part : parts) {
    for (std::string& t : part.terms) out.push_back(std::move(t));
  }
  *single_cjk = parts.size() == 1 && parts[0].cjk && !parts[0].cjk_run;
  return out;
}

// The Xapian query for one word or phrase; empty when it holds nothing to search for.
Xapian::Query WordQuery(std::string_view text) {
  bool single_cjk = false;
  std::vector<std::string> terms = QueryTerms(text, &single_cjk);
  if (terms.empty()) return Xapian::Query();
  if (single_cjk) return Xapian::Query(Xapian::Query::OP_WILDCARD, terms[0]);
  if (terms.size() == 1) return Xapian::Query(terms[0]);
  return Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(),
                       static_cast<Xapian::termcount>(terms.size()));
}

// The query language (SearchQuery::text), read without Xapian's QueryParser so that every
// word becomes terms exactly as IndexText makes them and no input is a syntax error:
// words and "phrases" are ANDed (AND may be written); OR joins two of them; -word,
// -"phrase", -(group) and NOT word exclude; parentheses group, also inside a word
// (삼성전자(005930) is 삼성전자 and 005930). An operator where none can stand is a word.
class QueryReader {
 public:
  explicit QueryReader(std::string_view text) { Lex(text); }

  // The query (empty: no text condition); `highlight` gets the words and phrases that are
  // not excluded.
  Xapian::Query Read(std::vector<std::string>* highlight) {
    highlight_ = highlight;
    Xapian::Query q;
    while (pos_ < tokens_.size()) {
      Xapian::Query part = Or(false);
      if (!part.empty()) q = q.empty() ? part : Xapian::Query(Xapian::Query::OP_AND, q, part);
      if (pos_ < tokens_.size()) ++pos_;  // a stray ")"
    }
    return q;
  }

 private:
  enum class Kind { kWord, kPhrase, kOpen, kClose, kMinus, kOr, kAnd, kNot };
  struct Token {
    Kind kind;
    std::string text;
  };

  static bool Space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

  void Lex(std::string_view q) {
    size_t i = 0;
    while (i < q.size()) {
      const char c = q[i];
      if (Space(c)) {
        ++i;
      } else if (c == '(' || c == ')') {
        tokens_.push_back({c == '(' ? Kind::kOpen : Kind::kClose, std::string(1, c)});
        ++i;
      } else if ((c == '-' || c == '+') && i + 1 < q.size() && !Space(q[i + 1]) &&
                 (i == 0 || Space(q[i - 1]) || q[i - 1] == '(')) {
        if (c == '-') tokens_.push_back({Kind::kMinus, "-"});
        ++i;
      } else if (c == '"') {
        size_t end = q.find('"', i + 1);
        if (end == std::string_view::npos) end = q.size();
        tokens_.push_back({Kind::kPhrase, std::string(q.substr(i + 1, end - i - 1))});
        i = end + 1;
      } else {
        size_t end = i;
        while (end < q.size() && !Space(q[end]) && q[end] != '(' && q[end] != ')' && q[end] != '"') ++end;
        std::string word(q.substr(i, end - i));
        const Kind kind = word == "OR"    ? Kind::kOr
                          : word == "AND" ? Kind::kAnd
                          : word == "NOT" ? Kind::kNot
                                          : Kind::kWord;
        tokens_.push_back({kind, std::move(word)});
        i = end;
      }
    }
  }

  bool At(Kind k) const { return pos_ < tokens_.size() && tokens_[pos_].kind == k; }
  bool AtEnd() const { return pos_ >= tokens_.size() || At(Kind::kClose); }

  // a OR b OR c
  Xapian::Query Or(bool negated) {
    Xapian::Query q = And(negated);
    while (At(Kind::kOr)) {
      ++pos_;
      if (AtEnd() || At(Kind::kOr)) continue;  // nothing to join: the OR is dropped
      Xapian::Query next = And(negated);
      if (q.empty() || next.empty()) {
        q = q.empty() ? next : q;
      } else {
        q = Xapian::Query(Xapian::Query::OP_OR, q, next);
      }
    }
    return q;
  }

  // a b AND c -d NOT e: the items ANDed, the excluded ones taken away.
  Xapian::Query And(bool negated) {
    std::vector<Xapian::Query> with, without;
    bool first = true;
    while (!AtEnd() && !(At(Kind::kOr) && !first)) {
      // AND after an item is only a separator (or nothing, last); an operator that stands
      // first, or NOT with nothing after it, is a word.
      if (At(Kind::kAnd) && !first) {
        ++pos_;
        continue;
      }
      bool minus = false;
      if ((At(Kind::kMinus) || At(Kind::kNot)) && pos_ + 1 < tokens_.size() &&
          tokens_[pos_ + 1].kind != Kind::kClose) {
        minus = true;
        ++pos_;
      }
      Xapian::Query item = Item(negated != minus);
      first = false;
      if (!item.empty()) (minus ? without : with).push_back(std::move(item));
    }
    if (with.empty() && without.empty()) return Xapian::Query();
    Xapian::Query q = with.empty() ? Xapian::Query::MatchAll
                                   : Xapian::Query(Xapian::Query::OP_AND, with.begin(), with.end());
    if (without.empty()) return q;
    return Xapian::Query(Xapian::Query::OP_AND_NOT, q,
                         Xapian::Query(Xapian::Query::OP_OR, without.begin(), without.end()));
  }

  // A word, a phrase or a parenthesised group.
  Xapian::Query Item(bool negated) {
    const Token& t = tokens_[pos_++];
    if (t.kind == Kind::kOpen) {
      Xapian::Query q = Or(negated);
      if (At(Kind::kClose)) ++pos_;
      return q;
    }
    // A word, a phrase, or an operator where none can stand, read as a word.
    Xapian::Query q = WordQuery(t.text);
    if (!q.empty() && !negated) highlight_->push_back(t.text);
    return q;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::vector<std::string>* highlight_ = nullptr;
};

// --- errors ------------------------------------------------------------------------------------

Status FromXapian(const Xapian::Error& e, const std::string& what) {
  // Xapian's exception classes are not polymorphic: tell them apart by their type name.
  const std::string type = e.get_type();
  std::string msg = what + ": " + type + ": " + e.get_msg();
  if (type == "DatabaseLockError") {
    return Status::Busy(what + ": the search index is held by another writer (sinmund?)");
  }
  if (type == "DatabaseCorruptError") return Status::Corruption(msg);
  if (type == "DatabaseVersionError") return Status::Unsupported(msg);
  return Status::IOError(msg);
}

}  // namespace

// --- free functions ------------------------------------------------------------------------------

std::vector<std::string> SharedParagraphHashes(const Article& article) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const Block& b : article.blocks) {
    if (b.type != BlockType::kParagraph && b.type != BlockType::kSubheading) continue;
    if (Decode(b.text).size() < kMinSharedParagraphChars) continue;
    std::string h = BlockHash(b);
    if (seen.insert(h).second) out.push_back(std::move(h));
  }
  return out;
}

Snippet MakeSnippet(const Article& article, const std::vector<std::string>& words,
                    size_t max_chars) {
  std::vector<std::vector<char32_t>> needles;
  for (const std::string& w : words) {
    std::vector<char32_t> n;
    for (char32_t c : Decode(w)) {
      if (!IsSpace(c)) n.push_back(Fold(c));
    }
    if (!n.empty()) needles.push_back(std::move(n));
  }
  auto find_marks = [&](const std::vector<char32_t>& cps) {
    std::vector<char32_t> folded;
    std::vector<size_t> at;  // folded index -> code point index
    for (size_t i = 0; i < cps.size(); ++i) {
      if (IsSpace(cps[i])) continue;
      folded.push_back(Fold(cps[i]));
      at.push_back(i);
    }
    std::vector<Mark> marks;
    for (const auto& n : needles) {
      if (n.size() > folded.size()) continue;
      for (size_t i = 0; i + n.size() <= folded.size(); ++i) {
        if (std::equal(n.begin(), n.end(), folded.begin() + static_cast<long>(i))) {
          marks.push_back({at[i], at[i + n.size() - 1] + 1});
        }
      }
    }
    std::sort(marks.begin(), marks.end(),
              [](const Mark& a, const Mark& b) { return a.begin < b.begin || (a.begin == b.begin && a.end > b.end); });
    std::vector<Mark> merged;
    for (const Mark& m : marks) {
      if (!merged.empty() && m.begin < merged.back().end) {
        merged.back().end = std::max(merged.back().end, m.end);
      } else {
        merged.push_back(m);
      }
    }
    return merged;
  };
  auto cut = [&](const std::vector<char32_t>& cps, const std::vector<Mark>& marks) {
    Snippet s;
    size_t begin = 0;
    if (!marks.empty() && cps.size() > max_chars && marks[0].begin > max_chars / 3) {
      begin = std::min(marks[0].begin - max_chars / 3, cps.size() - max_chars);
    }
    size_t end = std::min(cps.size(), begin + max_chars);
    size_t shift = 0;
    if (begin > 0) {
      s.text = "…";
      shift = 1;
    }
    s.text += Encode(cps, begin, end);
    if (end < cps.size()) s.text += "…";
    for (const Mark& m : marks) {
      if (m.begin < begin || m.end > end) continue;
      s.marks.push_back({m.begin - begin + shift, m.end - begin + shift});
    }
    return s;
  };

  const std::string* first_text = nullptr;
  for (const Block& b : article.blocks) {
    if (b.text.empty() || b.type == BlockType::kEmbed) continue;
    if (first_text == nullptr && b.type == BlockType::kParagraph) first_text = &b.text;
    std::vector<char32_t> cps = Decode(b.text);
    std::vector<Mark> marks = find_marks(cps);
    if (!marks.empty()) return cut(cps, marks);
  }
  std::vector<char32_t> title = Decode(article.title);
  std::vector<Mark> marks = find_marks(title);
  if (!marks.empty()) return cut(title, marks);
  if (first_text == nullptr) return {};
  return cut(Decode(*first_text), {});
}

// --- SearchIndex ---------------------------------------------------------------------------------

class SearchIndex::Impl {
 public:
  Impl(Mode mode, std::unique_ptr<Xapian::Database> db) : mode_(mode), db_(std::move(db)) {}

  Xapian::WritableDatabase* writer() {
    return mode_ == Mode::kReadWrite ? static_cast<Xapian::WritableDatabase*>(db_.get()) : nullptr;
  }

  Status Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at);
  Result<SearchResults> Search(const SearchQuery& q);
  // The month terms in the index, oldest first, of months that overlap [since, until).
  std::vector<std::string> Months(std::optional<Instant> since, std::optional<Instant> until);
  Result<std::vector<SharedCandidate>> SharedParagraphs(const std::vector<std::string>& hashes,
                                                        const std::string& exclude_id, size_t limit);
  Result<std::vector<std::string>> ArticlesWithOrigin(const std::string& url);

  Mode mode_;
  std::unique_ptr<Xapian::Database> db_;
  // An index that was empty when opened (a rebuild) is written without asking Xapian which
  // versions it holds (each such lookup flushes pending changes, which makes a rebuild 10x
  // slower): the newest version added per article is remembered here instead.
  bool fresh_ = false;
  std::unordered_map<std::string, std::pair<uint32_t, Xapian::docid>> added_;
};

Status SearchIndex::Impl::Add(const std::string& id, uint32_t version, const Article& a,
                              Instant fetched_at) {
  Xapian::WritableDatabase* w = writer();
  if (w == nullptr) return Status::Unsupported("the search index is open read-only");
  Xapian::Document doc;
  Xapian::TermGenerator tg;
  tg.set_document(doc);
  IndexText(tg, doc, a.title, kTitleWeight);
  tg.increase_termpos(kFieldGap);
  if (!a.subtitle.empty()) {
    IndexText(tg, doc, a.subtitle, kSubtitleWeight);
    tg.increase_termpos(kFieldGap);
  }
  for (const Block& b : a.blocks) {
    if (b.text.empty()) continue;
    IndexText(tg, doc, b.text, 1);
    tg.increase_termpos(kFieldGap);
  }
  std::vector<std::string> hashes = SharedParagraphHashes(a);
  for (const std::string& h : hashes) doc.add_boolean_term(kHashPrefix + ToHex(h.substr(0, 8)));
  if (!a.origin_url.empty()) {
    std::string origin = CanonicalUrl(a.origin_url).value_or(a.origin_url);
    doc.add_boolean_term(Term(kOriginPrefix, origin));
  }
  if (!a.portal.empty()) doc.add_boolean_term(Term(kPortalPrefix, a.portal));
  if (!a.press.empty()) doc.add_boolean_term(Term(kPressPrefix, a.press));
  if (!a.source.empty()) doc.add_boolean_term(Term(kSourcePrefix, a.source));
  const std::string id_term = Term(kIdPrefix, id);
  const std::string unique = UniqueTerm(id, version);
  doc.add_boolean_term(id_term);
  doc.add_boolean_term(unique);

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

  try {
    if (fresh_) {
      auto it = added_.find(id);
      if (it == added_.end() || it->second.first < version) {
        if (it != added_.end()) {
          Xapian::Document older = w->get_document(it->second.second);
          older.remove_term(kLatestTerm);
          w->replace_document(it->second.second, older);
        }
        doc.add_boolean_term(kLatestTerm);
        added_[id] = {version, w->add_document(doc)};
        return Status::Ok();
      }
      if (it->second.first > version) {
        w->add_document(doc);
        return Status::Ok();
      }
      fresh_ = false;  // the same version again: the general path below replaces it
    }
    // The "latest" marker: on this version unless a newer one is indexed; taken off older ones.
    bool newest = true;
    std::vector<Xapian::docid> demote;
    // Most adds are an article's first version: skip the postlist (which makes Xapian
    // flush pending changes) when no version of it is indexed yet.
    const bool known = w->term_exists(id_term);
    for (auto it = known ? w->postlist_begin(id_term) : w->postlist_end(id_term);
         it != w->postlist_end(id_term); ++it) {
      Xapian::Document other = w->get_document(*it);
      auto v = static_cast<uint32_t>(Xapian::sortable_unserialise(other.get_value(kSlotVersion)));
      if (v > version) newest = false;
      if (v < version) demote.push_back(*it);
    }
    if (newest) {
      for (Xapian::docid d : demote) {
        Xapian::Document other = w->get_document(d);
        Xapian::TermIterator t = other.termlist_begin();
        t.skip_to(kLatestTerm);
        if (t != other.termlist_end() && *t == kLatestTerm) {
          other.remove_term(kLatestTerm);
          w->replace_document(d, other);
        }
      }
      doc.add_boolean_term(kLatestTerm);
    }
    w->replace_document(unique, doc);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "indexing " + id + " v" + std::to_string(version));
  }
  return Status::Ok();
}

std::vector<std::string> SearchIndex::Impl::Months(std::optional<Instant> since,
                                                   std::optional<Instant> until) {
  const std::string first = since ? MonthTerm(*since) : kMonthPrefix;
  const std::string last = until ? MonthTerm(*until - std::chrono::seconds(1)) : "";
  std::vector<std::string> out;
  for (auto t = db_->allterms_begin(kMonthPrefix); t != db_->allterms_end(kMonthPrefix); ++t) {
    if (*t >= first && (last.empty() || *t <= last)) out.push_back(*t);
  }
  return out;
}

Result<SearchResults> SearchIndex::Impl::Search(const SearchQuery& q) {
  SearchResults results;
  try {
    Xapian::Query query = QueryReader(q.text).Read(&results.highlight);
    if (query.empty()) query = Xapian::Query::MatchAll;
    std::vector<Xapian::Query> filters;
    if (!q.all_versions) filters.emplace_back(kLatestTerm);
    if (!q.portal.empty()) filters.emplace_back(Term(kPortalPrefix, q.portal));
    if (!q.press.empty()) filters.emplace_back(Term(kPressPrefix, q.press));
    if (!q.source.empty()) filters.emplace_back(Term(kSourcePrefix, q.source));
    if (q.since) filters.emplace_back(Xapian::Query::OP_VALUE_GE, kSlotDate, Seconds(*q.since));
    if (q.until) {
      filters.emplace_back(Xapian::Query::OP_VALUE_LE, kSlotDate,
                           Seconds(*q.until - std::chrono::seconds(1)));
    }
    // The months the date range covers: a filter the matcher can drive (the value range
    // alone is checked document by document). A date-sorted search walks them too.
    const bool by_date = q.sort == SearchQuery::Sort::kDate;
    std::vector<std::string> months;
    if (q.since || q.until || by_date) months = Months(q.since, q.until);
    if (q.since || q.until) {
      filters.emplace_back(Xapian::Query::OP_OR, months.begin(), months.end());
    }
    if (!filters.empty()) {
      query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                            Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end()));
    }

    const auto limit = static_cast<Xapian::doccount>(q.limit == 0 ? 20 : q.limit);
    auto enquire = [&](const Xapian::Query& query, bool sorted) {
      Xapian::Enquire e(*db_);
      e.set_query(query);
      if (sorted && by_date) e.set_sort_by_value_then_relevance(kSlotDate, true);
      if (q.all_versions) e.set_collapse_key(kSlotId);
      return e;
    };
    struct Found {
      Xapian::Document doc;
      double weight;
    };
    std::vector<Found> found;
    std::set<std::string> ids;
    auto take = [&](const Xapian::MSet& mset) {
      for (auto it = mset.begin(); it != mset.end() && found.size() < limit; ++it) {
        Xapian::Document d = it.get_document();
        if (ids.insert(d.get_value(kSlotId)).second) found.push_back({d, it.get_weight()});
      }
    };
    if (by_date) {
      // Newest month first, until the hits are there: the cost of the months read, not of
      // every match. (An article's versions can fall in two months: the newer one counts.)
      // The count as a relevance search would give it: exact up to kCountAtLeast matches.
      // Unsorted: with a sort order Xapian visits every match even for a count.
      Xapian::Enquire count = enquire(query, false);
      count.set_weighting_scheme(Xapian::BoolWeight());
      results.estimated_matches = count.get_mset(0, 0, kCountAtLeast).get_matches_estimated();
      for (auto m = months.rbegin(); m != months.rend() && found.size() < limit; ++m) {
        // `limit` again, not what is missing: with every version, articles already taken
        // from a newer month can come back and are skipped.
        take(enquire(Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(*m)), true).get_mset(0, limit));
      }
    } else {
      Xapian::MSet mset = enquire(query, true).get_mset(0, limit);
      results.estimated_matches = mset.get_matches_estimated();
      take(mset);
    }
    auto fill = [](const Xapian::Document& d, SearchHit& hit) {
      hit.id = d.get_value(kSlotId);
      hit.version = static_cast<uint32_t>(Xapian::sortable_unserialise(d.get_value(kSlotVersion)));
      hit.portal = d.get_value(kSlotPortal);
      hit.press = d.get_value(kSlotPress);
      hit.source = d.get_value(kSlotSource);
      std::string published = d.get_value(kSlotPublished);
      if (!published.empty()) hit.published = FromSeconds(published);
      hit.fetched_at = FromSeconds(d.get_value(kSlotFetched));
    };
    for (const Found& f : found) {
      SearchHit hit;
      fill(f.doc, hit);
      hit.weight = f.weight;
      hit.matched_versions = {hit.version};
      if (q.all_versions) {
        // Every version of this article that matches; show the newest of them.
        Xapian::Enquire versions(*db_);
        versions.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query,
                                         Xapian::Query(Term(kIdPrefix, hit.id))));
        versions.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::MSet all = versions.get_mset(0, db_->get_doccount());
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
          double weight = hit.weight;
          fill(newest, hit);
          hit.weight = weight;
        }
      }
      results.hits.push_back(std::move(hit));
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "searching");
  }
  return results;
}

Result<std::vector<SharedCandidate>> SearchIndex::Impl::SharedParagraphs(
    const std::vector<std::string>& hashes, const std::string& exclude_id, size_t limit) {
  std::vector<SharedCandidate> out;
  try {
    std::vector<Xapian::Query> terms;
    for (const std::string& h : hashes) {
      std::string term = kHashPrefix + ToHex(h.substr(0, 8));
      Xapian::doccount freq = db_->get_termfreq(term);
      if (freq == 0 || freq > kMaxHashDocs) continue;
      terms.emplace_back(term);
    }
    if (terms.empty()) return out;
    Xapian::Query query(Xapian::Query::OP_OR, terms.begin(), terms.end());
    query = Xapian::Query(Xapian::Query::OP_FILTER, query, Xapian::Query(kLatestTerm));
    query = Xapian::Query(Xapian::Query::OP_AND_NOT, query, Xapian::Query(Term(kIdPrefix, exclude_id)));
    Xapian::Enquire enquire(*db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, db_->get_doccount());
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
  std::stable_sort(out.begin(), out.end(), [](const SharedCandidate& a, const SharedCandidate& b) {
    return a.shared > b.shared;
  });
  if (limit != 0 && out.size() > limit) out.resize(limit);
  return out;
}

Result<std::vector<std::string>> SearchIndex::Impl::ArticlesWithOrigin(const std::string& url) {
  std::vector<std::string> out;
  try {
    std::string origin = CanonicalUrl(url).value_or(url);
    Xapian::Query query(Xapian::Query::OP_FILTER, Xapian::Query(Term(kOriginPrefix, origin)),
                        Xapian::Query(kLatestTerm));
    Xapian::Enquire enquire(*db_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    Xapian::MSet mset = enquire.get_mset(0, db_->get_doccount());
    for (auto it = mset.begin(); it != mset.end(); ++it) out.push_back(it.get_document().get_value(kSlotId));
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "looking up origin links");
  }
  return out;
}

SearchIndex::SearchIndex(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
SearchIndex::~SearchIndex() = default;

Result<std::unique_ptr<SearchIndex>> SearchIndex::Open(const std::string& dir, Mode mode) {
  std::unique_ptr<Xapian::Database> db;
  bool fresh = false;
  try {
    if (mode == Mode::kReadOnly) {
      std::error_code ec;
      if (!std::filesystem::exists(std::filesystem::path(dir) / "iamglass", ec)) {
        return Status::NotFound("no search index: run sinmun reindex");
      }
      db = std::make_unique<Xapian::Database>(dir);
    } else {
      auto w = std::make_unique<Xapian::WritableDatabase>(dir, Xapian::DB_CREATE_OR_OPEN);
      fresh = w->get_doccount() == 0;
      if (fresh) w->set_metadata(kLayoutKey, std::to_string(kLayout));
      db = std::move(w);
    }
    std::string layout = db->get_metadata(kLayoutKey);
    if (!layout.empty() && std::atoi(layout.c_str()) > kLayout) {
      return Status::Unsupported("the search index in " + dir +
                                 " was written by a newer sinmun: run sinmun reindex");
    }
    if (db->get_doccount() > 0 && std::atoi(layout.c_str()) < kLayout) {
      return Status::NotFound("search index is out of date (written by an older sinmun): run sinmun reindex");
    }
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "opening the search index " + dir);
  }
  auto impl = std::make_unique<Impl>(mode, std::move(db));
  impl->fresh_ = fresh;
  return std::unique_ptr<SearchIndex>(new SearchIndex(std::move(impl)));
}

Status SearchIndex::Add(const std::string& id, uint32_t version, const Article& a, Instant fetched_at) {
  return impl_->Add(id, version, a, fetched_at);
}

Status SearchIndex::Commit() {
  Xapian::WritableDatabase* w = impl_->writer();
  if (w == nullptr) return Status::Unsupported("the search index is open read-only");
  try {
    w->commit();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "committing the search index");
  }
  return Status::Ok();
}

Result<uint64_t> SearchIndex::IndexedVersions() {
  try {
    return static_cast<uint64_t>(impl_->db_->get_doccount());
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "reading the search index");
  }
}

Status SearchIndex::CheckFresh(uint64_t archive_versions) {
  Result<uint64_t> indexed = IndexedVersions();
  if (!indexed.ok()) return indexed.status();
  if (*indexed == archive_versions) return Status::Ok();
  return Status::NotFound("search index is stale (" + std::to_string(*indexed) + " of " +
                          std::to_string(archive_versions) +
                          " versions indexed): run sinmun reindex");
}

Result<SearchResults> SearchIndex::Search(const SearchQuery& query) {
  Result<SearchResults> r = impl_->Search(query);
  if (!r.ok() && r.status().code() == Status::Code::kIOError && impl_->mode_ == Mode::kReadOnly) {
    // A writer's commit can invalidate a long read (DatabaseModifiedError): read again.
    if (Status s = Reopen(); s.ok()) return impl_->Search(query);
  }
  return r;
}

Result<std::vector<SharedCandidate>> SearchIndex::SharedParagraphs(const std::vector<std::string>& hashes,
                                                                   const std::string& exclude_id,
                                                                   size_t limit) {
  return impl_->SharedParagraphs(hashes, exclude_id, limit);
}

Result<std::vector<std::string>> SearchIndex::ArticlesWithOrigin(const std::string& url) {
  return impl_->ArticlesWithOrigin(url);
}

Status SearchIndex::Merge(const std::vector<std::string>& shards, const std::string& out) {
  try {
    Xapian::Database all;
    for (const std::string& dir : shards) {
      Result<std::unique_ptr<SearchIndex>> shard = Open(dir, Mode::kReadOnly);  // checks the layout
      if (!shard.ok()) return shard.status();
      all.add_database(*(*shard)->impl_->db_);
    }
    all.compact(out, Xapian::DBCOMPACT_MULTIPASS);
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "merging the search index into " + out);
  }
  return Status::Ok();
}

Status SearchIndex::Reopen() {
  try {
    impl_->db_->reopen();
  } catch (const Xapian::Error& e) {
    return FromXapian(e, "reopening the search index");
  }
  return Status::Ok();
}

}  // namespace sinmun
