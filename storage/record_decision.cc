#include "storage/record_decision.h"

namespace sinmun {
namespace {

Decision NeedingDiff(Outcome outcome, std::optional<ChangeClass> change_class) {
  Decision d;
  d.outcome = outcome;
  d.change_class = change_class;
  d.needs_diff = true;
  return d;
}

}  // namespace

Status CheckFetch(const Fetch& fetch) {
  const int code = fetch.http_status;
  if (code != 200 && code != 304 && code != 404 && code != 410) {
    return Status::InvalidArgument("Record takes HTTP 200, 304, 404 or 410, not " + std::to_string(code));
  }
  if (code != 200) return Status::Ok();
  if (!fetch.article) return Status::InvalidArgument("a 200 fetch needs an article");
  const std::string& id = fetch.article->id;
  if (id.empty()) return Status::InvalidArgument("the article fetched from " + fetch.url + " has no id");
  if (id.find('\0') != std::string::npos) {
    return Status::InvalidArgument("the article fetched from " + fetch.url + " has an id with a NUL byte");
  }
  return Status::Ok();
}

Triage TriageFetch(const HeadFacts& head, int http_status, const Article* article) {
  if (!head.exists) return http_status == 200 ? Triage::kNew : Triage::kUnknownArticle;
  if (http_status == 304) return Triage::kUnchanged;
  if (http_status == 404 || http_status == 410) return head.deleted ? Triage::kUnchanged : Triage::kDelete;
  if (head.deleted) return Triage::kRestore;
  const std::string fast = FastKey(*article);
  if (!fast.empty() && fast == head.fast_key) return Triage::kUnchanged;
  return Triage::kCompare;
}

Decision Decide(const DecisionInput& in) {
  Decision d;
  switch (in.triage) {
    case Triage::kUnknownArticle:
    case Triage::kUnchanged: return d;
    case Triage::kNew:
      d.outcome = Outcome::kNew;
      d.change_class = ChangeClass::kNew;
      d.added = static_cast<int>(in.fetched->blocks.size());
      return d;
    case Triage::kDelete:
      d.outcome = Outcome::kDeleted;
      d.change_class = ChangeClass::kDeleted;
      return d;
    case Triage::kRestore: return NeedingDiff(Outcome::kRestored, ChangeClass::kRestored);
    case Triage::kCompare: break;
  }
  if (SameContent(*in.latest, in.latest_refs, *in.fetched, in.fetched_refs)) {
    d.refresh_fast_key = true;
    return d;
  }
  return NeedingDiff(Outcome::kChanged,
                     in.reextraction ? std::optional<ChangeClass>(ChangeClass::kReextracted) : std::nullopt);
}

void AddDiff(Decision& d, const Article& latest, const Article& fetched) {
  ArticleDiff diff = DiffArticles(latest, fetched);
  if (!d.change_class) d.change_class = ClassifyChange(latest, fetched, diff);
  // A restoration can come back with a correction; a re-extraction is our reading, not an edit.
  if (*d.change_class != ChangeClass::kReextracted) d.appended = AppendsBlocks(diff);
  d.added = diff.added;
  d.removed = diff.removed;
  d.edited = diff.edited;
  d.diff = std::move(diff);
}

}  // namespace sinmun
