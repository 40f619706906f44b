#include "storage/search/query.h"

#include <algorithm>

namespace sinmun {
namespace {

Query Terms(std::string_view text) {
  Query q;
  q.terms = TermsOf(text);
  if (!q.terms.terms.empty()) q.kind = Query::Kind::kTerms;
  return q;
}

Query Join(Query::Kind kind, std::vector<Query> children) {
  if (children.size() == 1) return std::move(children[0]);
  Query q;
  q.kind = kind;
  q.children = std::move(children);
  return q;
}

// The query language, as the file comment of the header describes it.
class QueryReader {
 public:
  explicit QueryReader(std::string_view text) { Lex(text); }

  Query Read(std::vector<std::string>* highlight) {
    highlight_ = highlight;
    std::vector<Query> parts;
    while (pos_ < tokens_.size()) {
      Query part = Or(false);
      if (part.kind != Query::Kind::kNothing) parts.push_back(std::move(part));
      if (pos_ < tokens_.size()) ++pos_;  // a stray ")"
    }
    if (parts.empty()) return Query{};
    return Join(Query::Kind::kAnd, std::move(parts));
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
  Query Or(bool negated) {
    std::vector<Query> any;
    Query first = And(negated);
    if (first.kind != Query::Kind::kNothing) any.push_back(std::move(first));
    while (At(Kind::kOr)) {
      ++pos_;
      if (AtEnd() || At(Kind::kOr)) continue;  // nothing to join: the OR is dropped
      Query next = And(negated);
      if (next.kind != Query::Kind::kNothing) any.push_back(std::move(next));
    }
    if (any.empty()) return Query{};
    return Join(Query::Kind::kOr, std::move(any));
  }

  // a b AND c -d NOT e: the items ANDed, the excluded ones taken away.
  Query And(bool negated) {
    std::vector<Query> with, without;
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
      Query item = Item(negated != minus);
      first = false;
      if (item.kind != Query::Kind::kNothing) (minus ? without : with).push_back(std::move(item));
    }
    if (with.empty() && without.empty()) return Query{};
    Query q;
    if (with.empty()) {
      q.kind = Query::Kind::kAll;
    } else {
      q = Join(Query::Kind::kAnd, std::move(with));
    }
    if (without.empty()) return q;
    Query out;
    out.kind = Query::Kind::kAndNot;
    out.children.push_back(std::move(q));
    out.children.push_back(Join(Query::Kind::kOr, std::move(without)));
    return out;
  }

  // A word, a phrase or a parenthesised group.
  Query Item(bool negated) {
    const Token& t = tokens_[pos_++];
    if (t.kind == Kind::kOpen) {
      Query q = Or(negated);
      if (At(Kind::kClose)) ++pos_;
      return q;
    }
    // A word, a phrase, or an operator where none can stand, read as a word.
    Query q = Terms(t.text);
    if (q.kind != Query::Kind::kNothing && !negated && highlight_ != nullptr) highlight_->push_back(t.text);
    return q;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
  std::vector<std::string>* highlight_ = nullptr;
};

void CollectPositive(const Query& q, std::vector<const QueryTerms*>& out) {
  switch (q.kind) {
    case Query::Kind::kTerms:
      out.push_back(&q.terms);
      break;
    case Query::Kind::kAnd:
    case Query::Kind::kOr:
      for (const Query& c : q.children) CollectPositive(c, out);
      break;
    case Query::Kind::kAndNot:
      CollectPositive(q.children[0], out);
      break;
    case Query::Kind::kNothing:
    case Query::Kind::kAll:
      break;
  }
}

void CollectTerms(const Query& q, std::vector<std::string>& terms, std::vector<std::string>& prefixes) {
  if (q.kind == Query::Kind::kTerms) {
    auto& into = q.terms.prefix ? prefixes : terms;
    into.insert(into.end(), q.terms.terms.begin(), q.terms.terms.end());
  }
  for (const Query& c : q.children) CollectTerms(c, terms, prefixes);
}

void SortUnique(std::vector<std::string>& v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
}

size_t IndexOf(const std::vector<std::string>& sorted, std::string_view s) {
  auto it = std::lower_bound(sorted.begin(), sorted.end(), s);
  return it != sorted.end() && *it == s ? static_cast<size_t>(it - sorted.begin()) : sorted.size();
}

}  // namespace

Query ReadQuery(std::string_view text, std::vector<std::string>* highlight) {
  return QueryReader(text).Read(highlight);
}

std::vector<const QueryTerms*> PositiveItems(const Query& q) {
  std::vector<const QueryTerms*> out;
  CollectPositive(q, out);
  return out;
}

QueryMatcher::QueryMatcher(const Query& query) : query_(query) {
  CollectTerms(query, terms_, prefixes_);
  SortUnique(terms_);
  SortUnique(prefixes_);
}

bool QueryMatcher::Matches(const Article& article) {
  positions_.assign(terms_.size(), {});
  prefix_seen_.assign(prefixes_.size(), false);
  uint32_t position = 0;
  ForEachField(article, [&](const std::string& text, bool) {
    position = tokenizer_.Tokenize(text, position, [&](std::string_view term, uint32_t at) {
      if (size_t i = IndexOf(terms_, term); i < terms_.size()) positions_[i].push_back(at);
      for (size_t p = 0; p < prefixes_.size(); ++p) {
        if (term.starts_with(prefixes_[p])) prefix_seen_[p] = true;
      }
    }) + kFieldGap;
  });
  for (auto& p : positions_) std::sort(p.begin(), p.end());
  return Eval(query_);
}

bool QueryMatcher::EvalTerms(const QueryTerms& t) const {
  if (t.prefix) return prefix_seen_[IndexOf(prefixes_, t.terms[0])];
  const std::vector<uint32_t>& first = positions_[IndexOf(terms_, t.terms[0])];
  for (uint32_t p : first) {
    bool all = true;
    for (size_t k = 1; k < t.terms.size() && all; ++k) {
      const std::vector<uint32_t>& at = positions_[IndexOf(terms_, t.terms[k])];
      all = std::binary_search(at.begin(), at.end(), p + static_cast<uint32_t>(k));
    }
    if (all) return true;
  }
  return false;
}

bool QueryMatcher::Eval(const Query& q) const {
  switch (q.kind) {
    case Query::Kind::kNothing: return false;
    case Query::Kind::kAll: return true;
    case Query::Kind::kTerms: return EvalTerms(q.terms);
    case Query::Kind::kAnd:
      return std::all_of(q.children.begin(), q.children.end(), [&](const Query& c) { return Eval(c); });
    case Query::Kind::kOr:
      return std::any_of(q.children.begin(), q.children.end(), [&](const Query& c) { return Eval(c); });
    case Query::Kind::kAndNot: return Eval(q.children[0]) && !Eval(q.children[1]);
  }
  return false;
}

}  // namespace sinmun
