#include "storage/change_summary.h"

#include <string>
#include <utility>
#include <vector>

#include "common/text.h"

namespace sinmun {
namespace {

std::string Quote(const std::string& text) {
  return "«" + TruncateToWidth(text, kSummaryQuoteWidth) + "»";
}

std::string Join(const std::vector<std::string>& parts, const std::string& sep) {
  std::string out;
  for (const std::string& p : parts) {
    if (p.empty()) continue;
    out += (out.empty() ? "" : sep) + p;
  }
  return out;
}

std::string JoinAuthors(const std::vector<std::string>& authors) {
  return authors.empty() ? std::string("(none)") : Join(authors, ", ");
}

std::string Count(int n) { return std::to_string(n) + (n == 1 ? " paragraph" : " paragraphs"); }

// "1 paragraph edited, 2 added, 1 removed"; "" when no block changed.
std::string BlockCounts(const ArticleDiff& d) {
  std::vector<std::string> parts;
  bool first = true;
  auto add = [&](int n, const char* what) {
    if (n == 0) return;
    parts.push_back((first ? Count(n) : std::to_string(n)) + " " + what);
    first = false;
  };
  add(d.edited, "edited");
  add(d.added, "added");
  add(d.removed, "removed");
  return Join(parts, ", ");
}

// The text of the first block added at the end (the correction's opening words).
std::string FirstAdded(const ArticleDiff& d) {
  for (const BlockChange& c : d.blocks) {
    if (c.kind == BlockChange::Kind::kAdded && c.after) return c.after->text;
  }
  return "";
}

// Only blocks added after the last block the versions share: a correction or addendum.
bool AppendedAtEnd(const ArticleDiff& d) {
  if (d.added == 0 || d.edited != 0 || d.removed != 0) return false;
  bool seen_added = false;
  for (const BlockChange& c : d.blocks) {
    if (c.kind == BlockChange::Kind::kAdded) seen_added = true;
    if (c.kind == BlockChange::Kind::kSame && seen_added) return false;
  }
  return true;
}

// The blocks added at the end (after the last block the versions share): how many, and the
// first one's text.
std::pair<int, std::string> AddedAtEnd(const ArticleDiff& d) {
  size_t after_last_same = 0;
  for (size_t i = 0; i < d.blocks.size(); ++i) {
    if (d.blocks[i].kind == BlockChange::Kind::kSame) after_last_same = i + 1;
  }
  std::pair<int, std::string> out{0, ""};
  for (size_t i = after_last_same; i < d.blocks.size(); ++i) {
    const BlockChange& c = d.blocks[i];
    if (c.kind != BlockChange::Kind::kAdded || !c.after) continue;
    if (out.first++ == 0) out.second = c.after->text;
  }
  return out;
}

// What changed between two versions, one part per kind of change.
std::vector<std::string> ContentParts(ChangeClass cls, const Article& before, const Article& after,
                                      const ArticleDiff& d) {
  std::vector<std::string> parts;
  if (d.title_changed) parts.push_back("headline: " + Quote(d.title_before) + " → " + Quote(d.title_after));
  if (d.subtitle_changed) parts.push_back("subtitle edited");
  std::string counts = BlockCounts(d);
  if (!counts.empty()) {
    // A re-extraction that finds a paragraph the old extractor missed is no correction.
    if (cls != ChangeClass::kMinor && cls != ChangeClass::kReextracted && AppendedAtEnd(d)) {
      parts.push_back("correction: " + Count(d.added) + " appended " + Quote(FirstAdded(d)));
    } else if (cls == ChangeClass::kMinor) {
      parts.push_back(counts + " (white space or punctuation)");
    } else {
      parts.push_back("body: " + counts);
      // An edit that also appends a correction says so (as history's `appended` does).
      if (cls != ChangeClass::kReextracted && AppendsBlocks(d)) {
        const auto [n, first] = AddedAtEnd(d);
        parts.push_back("correction: " + Count(n) + " appended " + Quote(first));
      }
    }
  }
  if (d.authors_changed) {
    parts.push_back("byline: " + JoinAuthors(before.authors) + " → " + JoinAuthors(after.authors));
  }
  std::vector<std::string> meta;
  if (before.press != after.press) meta.push_back("press");
  if (before.section != after.section) meta.push_back("section");
  if (before.published != after.published) meta.push_back("published time");
  if (before.origin_url != after.origin_url) meta.push_back("origin URL");
  if (!meta.empty()) parts.push_back(Join(meta, ", ") + " changed");
  return parts;
}

}  // namespace

std::string SummarizeChange(const ChangeSummaryInput& in) {
  const ChangeClass cls = in.change_class;
  if (cls == ChangeClass::kNew) return "new: " + Quote(in.after->title);
  if (cls == ChangeClass::kDeleted) {
    return in.http_status > 0 ? "deleted (" + std::to_string(in.http_status) + ")" : "deleted";
  }
  std::string content;
  if (in.before != nullptr && in.diff != nullptr) {
    content = Join(ContentParts(cls, *in.before, *in.after, *in.diff), "; ");
  }
  switch (cls) {
    case ChangeClass::kRestored: return content.empty() ? "restored" : "restored; " + content;
    case ChangeClass::kReextracted: {
      std::string head = "re-extracted from v" + std::to_string(in.reextracted_from);
      return content.empty() ? head : head + "; " + content;
    }
    case ChangeClass::kMinor:
      return content.empty() ? "minor: metadata only" : "minor: " + content;
    default: return content.empty() ? std::string(ChangeClassName(cls)) : content;
  }
}

}  // namespace sinmun
