#include "storage/search/fts_expression.h"

#include <algorithm>

namespace sinmun {
namespace {

FtsExpression All() { return {"", true, true}; }

FtsExpression Terms(const QueryTerms& t, bool title) {
  const std::string mark = title ? std::string(1, kTitleMark) : "";
  if (t.prefix) return {Quote(mark + t.terms[0]) + "*", true, false};
  std::vector<std::string> distinct = t.terms;
  std::sort(distinct.begin(), distinct.end());
  distinct.erase(std::unique(distinct.begin(), distinct.end()), distinct.end());
  if (t.terms.size() == 1) return {Quote(mark + t.terms[0]), true, false};
  std::string text = "(";
  for (size_t i = 0; i < distinct.size(); ++i) {
    if (i > 0) text += " AND ";
    text += Quote(mark + distinct[i]);
  }
  return {text + ")", false, false};
}

FtsExpression Join(const std::vector<FtsExpression>& parts, const std::string& op) {
  FtsExpression out;
  std::string text = "(";
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) text += op;
    text += parts[i].text;
    out.exact = out.exact && parts[i].exact;
  }
  out.text = text + ")";
  return out;
}

}  // namespace

std::string Quote(std::string_view term) {
  std::string out = "\"";
  for (char c : term) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

FtsExpression ToFts(const Query& q, bool title) {
  switch (q.kind) {
    case Query::Kind::kNothing:
    case Query::Kind::kAll:
      return All();
    case Query::Kind::kTerms:
      return Terms(q.terms, title);
    case Query::Kind::kAnd: {
      std::vector<FtsExpression> parts;
      bool exact = true;
      for (const Query& c : q.children) {
        FtsExpression e = ToFts(c, title);
        exact = exact && e.exact;
        if (!e.all) parts.push_back(std::move(e));
      }
      if (parts.empty()) return {"", exact, true};
      FtsExpression out = parts.size() == 1 ? parts[0] : Join(parts, " AND ");
      out.exact = exact;
      return out;
    }
    case Query::Kind::kOr: {
      std::vector<FtsExpression> parts;
      for (const Query& c : q.children) {
        FtsExpression e = ToFts(c, title);
        if (e.all) return {"", e.exact, true};
        parts.push_back(std::move(e));
      }
      return Join(parts, " OR ");
    }
    case Query::Kind::kAndNot: {
      FtsExpression in = ToFts(q.children[0], title);
      FtsExpression out = ToFts(q.children[1], title);
      if (!out.exact || out.all) {
        in.exact = false;  // the matcher takes the exclusion away
        return in;
      }
      const std::string left = in.all ? Quote(kAllTerm) : in.text;
      return {"(" + left + " NOT " + out.text + ")", in.exact, false};
    }
  }
  return All();
}

std::string WithTerms(const FtsExpression& a, const std::vector<std::string>& and_terms) {
  std::string out = a.all ? "" : a.text;
  for (const std::string& t : and_terms) {
    if (!out.empty()) out += " AND ";
    out += Quote(t);
  }
  return out.empty() ? Quote(kAllTerm) : out;
}

}  // namespace sinmun
