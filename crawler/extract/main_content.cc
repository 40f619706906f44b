#include "crawler/extract/main_content.h"

#include <algorithm>
#include <unordered_map>

#include "crawler/extract/boilerplate.h"

namespace sinmun {
namespace {

// A run shorter than this (bytes of non-link text, ~10 Hangul syllables) is a label, not
// a sentence.
constexpr size_t kMinRunBytes = 30;
constexpr size_t kSentenceBytes = 60;

struct Run {
  size_t text = 0;
  size_t link = 0;
  size_t sentences = 0;  // text nodes of at least a sentence (runs between <br> count apart)
};

struct Score {
  size_t total = 0;
  size_t paragraphs = 0;
};

size_t NonSpaceBytes(std::string_view s) {
  size_t n = 0;
  for (char c : s) {
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f') ++n;
  }
  return n;
}

bool ParagraphLike(HtmlNode n) {
  const std::string_view name = HtmlDocument::Name(n);
  return name == "p" || name == "pre" || name == "blockquote" || name == "li" || name == "dd" ||
         name == "h2" || name == "h3" || name == "h4";
}

bool IsAnchor(HtmlNode n) { return HtmlDocument::Name(n) == "a"; }

// A map that remembers the order of its keys, so that ties are broken the same way on
// every run (pointer hashes differ between runs).
template <typename V>
class OrderedMap {
 public:
  V& operator[](HtmlNode key) {
    auto [it, inserted] = index_.emplace(key, entries_.size());
    if (inserted) entries_.emplace_back(key, V{});
    return entries_[it->second].second;
  }
  const V* Find(HtmlNode key) const {
    auto it = index_.find(key);
    return it == index_.end() ? nullptr : &entries_[it->second].second;
  }
  const std::vector<std::pair<HtmlNode, V>>& entries() const { return entries_; }

 private:
  std::unordered_map<HtmlNode, size_t> index_;
  std::vector<std::pair<HtmlNode, V>> entries_;
};

// The runs of text of the page, keyed by the block element that owns each.
OrderedMap<Run> CollectRuns(const HtmlDocument& doc) {
  OrderedMap<Run> runs;
  struct Frame {
    HtmlNode node;
    HtmlNode owner;  // nearest block element at or above node
    bool in_link;
  };
  std::vector<Frame> stack;
  HtmlNode root = doc.Root();
  stack.push_back({root, root, false});
  while (!stack.empty()) {
    const Frame f = stack.back();
    stack.pop_back();
    for (HtmlNode c = HtmlDocument::FirstChild(f.node); c != nullptr; c = HtmlDocument::NextSibling(c)) {
      if (HtmlDocument::IsTextNode(c)) {
        const size_t bytes = NonSpaceBytes(HtmlDocument::NodeText(c));
        if (bytes == 0) continue;
        Run& run = runs[f.owner];
        run.text += bytes;
        if (f.in_link) run.link += bytes;
        if (!f.in_link && bytes >= kSentenceBytes) ++run.sentences;
        continue;
      }
      if (HtmlDocument::Name(c).empty()) continue;  // comments and the like
      if (HtmlDocument::IsNeverText(c) || OutsideArticle(c)) continue;
      stack.push_back({c, HtmlDocument::IsBlock(c) ? c : f.owner, f.in_link || IsAnchor(c)});
    }
  }
  return runs;
}

}  // namespace

MainContent FindMainContent(const HtmlDocument& doc) {
  MainContent out;
  OrderedMap<Score> scores;
  const OrderedMap<Run> runs = CollectRuns(doc);
  // A page of nothing but short runs (a one-line article) still has its longest one.
  HtmlNode longest = nullptr;
  size_t longest_weight = 0;
  for (const auto& [owner, run] : runs.entries()) {
    if (run.link * 2 > run.text) continue;
    const size_t weight = run.text - run.link;
    if (weight > longest_weight) {
      longest_weight = weight;
      longest = owner;
    }
    if (weight < kMinRunBytes) continue;
    HtmlNode first = ParagraphLike(owner) ? HtmlDocument::Parent(owner) : owner;
    if (first == nullptr) continue;
    Score& s = scores[first];
    s.total += weight;
    s.paragraphs += std::max<size_t>(run.sentences, weight >= kSentenceBytes ? 1 : 0);
    if (HtmlNode up = HtmlDocument::Parent(first)) scores[up].total += weight / 2;
  }
  if (scores.entries().empty() && longest != nullptr) {
    HtmlNode first = ParagraphLike(longest) ? HtmlDocument::Parent(longest) : longest;
    if (first != nullptr) scores[first] = Score{longest_weight, 0};
  }
  HtmlNode best = nullptr;
  Score best_score;
  for (const auto& [node, s] : scores.entries()) {
    if (s.total > best_score.total ||
        (s.total == best_score.total && s.paragraphs > best_score.paragraphs)) {
      best = node;
      best_score = s;
    }
  }
  if (best == nullptr) return out;
  out.text_bytes = best_score.total;
  out.paragraphs = best_score.paragraphs;
  HtmlNode parent = HtmlDocument::Parent(best);
  if (parent == nullptr) {
    out.roots.push_back(best);
    return out;
  }
  for (HtmlNode c = HtmlDocument::FirstChild(parent); c != nullptr; c = HtmlDocument::NextSibling(c)) {
    if (c == best) {
      out.roots.push_back(c);
      continue;
    }
    const Score* s = scores.Find(c);
    if (s == nullptr || HtmlDocument::Name(c) == "p") continue;
    if (s->total * 4 >= best_score.total && s->paragraphs > 0) {
      out.roots.push_back(c);
      out.text_bytes += s->total;
      out.paragraphs += s->paragraphs;
    }
  }
  return out;
}

}  // namespace sinmun
