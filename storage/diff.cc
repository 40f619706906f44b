#include "storage/diff.h"

#include <dtl/dtl.hpp>

#include <cstddef>
#include <cstdint>
#include <utility>

#include "common/text.h"

namespace sinmun {
namespace {

using Keys = std::vector<std::string>;

// One step of a shortest edit script, with 0-based indices (-1 where not applicable).
struct Step {
  enum class Kind { kCommon, kDelete, kAdd };
  Kind kind;
  long long before = -1, after = -1;
};

std::vector<Step> EditScript(const Keys& a, const Keys& b) {
  dtl::Diff<std::string, Keys> d(a, b);
  d.compose();
  std::vector<Step> steps;
  for (const auto& [elem, info] : d.getSes().getSequence()) {
    switch (info.type) {
      case dtl::SES_COMMON:
        steps.push_back({Step::Kind::kCommon, info.beforeIdx - 1, info.afterIdx - 1});
        break;
      case dtl::SES_DELETE:
        steps.push_back({Step::Kind::kDelete, info.beforeIdx - 1, -1});
        break;
      case dtl::SES_ADD:
        steps.push_back({Step::Kind::kAdd, -1, info.afterIdx - 1});
        break;
    }
  }
  return steps;
}

void AppendOp(std::vector<WordOp>& ops, WordOp::Kind kind, const std::string& text) {
  if (text.empty()) return;
  if (!ops.empty() && ops.back().kind == kind) {
    ops.back().text += text;
  } else {
    ops.push_back({kind, text});
  }
}

Keys Words(std::string_view text) { return SplitWords(text); }

// Dice coefficient over non-space words; 0 when either text has no words.
double Similarity(std::string_view a, std::string_view b) {
  Keys wa, wb;
  for (auto& w : Words(a)) {
    if (w != " ") wa.push_back(std::move(w));
  }
  for (auto& w : Words(b)) {
    if (w != " ") wb.push_back(std::move(w));
  }
  if (wa.empty() || wb.empty()) return 0.0;
  dtl::Diff<std::string, Keys> d(wa, wb);
  d.compose();
  double common = static_cast<double>(d.getLcs().getSequence().size());
  return 2.0 * common / static_cast<double>(wa.size() + wb.size());
}

std::string BlockKey(const Block& block) {
  std::string key = BlockHash(block);
  key.push_back(static_cast<char>(block.type));
  return key;
}

// Decodes one UTF-8 code point at s[i], advancing i; malformed bytes decode as themselves.
uint32_t NextCodePoint(std::string_view s, size_t& i) {
  auto c = static_cast<unsigned char>(s[i]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  uint32_t cp = extra == 0 ? c : c & (0x3F >> extra);
  ++i;
  for (int k = 0; k < extra && i < s.size(); ++k, ++i) {
    cp = (cp << 6) | (static_cast<unsigned char>(s[i]) & 0x3F);
  }
  return cp;
}

bool IsPunctuationOrSpace(uint32_t cp) {
  if (cp < 0x80) {
    bool alnum = (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
    return !alnum;
  }
  return (cp >= 0x80 && cp <= 0xBF) || (cp >= 0x2000 && cp <= 0x206F) ||
         (cp >= 0x2E00 && cp <= 0x2E7F) || (cp >= 0x3000 && cp <= 0x303F) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF01 && cp <= 0xFF0F) ||
         (cp >= 0xFF1A && cp <= 0xFF20) || (cp >= 0xFF3B && cp <= 0xFF40) ||
         (cp >= 0xFF5B && cp <= 0xFF65);
}

std::string StripPunctuation(std::string_view s) {
  std::string out;
  size_t i = 0;
  while (i < s.size()) {
    size_t start = i;
    uint32_t cp = NextCodePoint(s, i);
    if (!IsPunctuationOrSpace(cp)) out.append(s.substr(start, i - start));
  }
  return out;
}

BlockChange Edited(const Block& before, const Block& after) {
  BlockChange c{BlockChange::Kind::kEdited, before, after, {}};
  c.words = DiffWords(before.text, after.text);
  return c;
}

// Pairs the removed and added blocks of one hunk (see diff.h) and appends the changes.
void EmitHunk(const std::vector<Block>& before, const std::vector<Block>& after,
              const std::vector<size_t>& removed, const std::vector<size_t>& added,
              ArticleDiff& diff) {
  if (removed.empty() && added.empty()) return;
  std::vector<long long> partner(added.size(), -1);  // index into `removed`
  std::vector<bool> taken(removed.size(), false);

  for (size_t j = 0; j < added.size(); ++j) {
    const std::string& pid = after[added[j]].publisher_id;
    if (pid.empty()) continue;
    for (size_t i = 0; i < removed.size(); ++i) {
      if (!taken[i] && before[removed[i]].publisher_id == pid) {
        partner[j] = static_cast<long long>(i);
        taken[i] = true;
        break;
      }
    }
  }
  std::vector<size_t> free_removed, free_added;
  for (size_t i = 0; i < removed.size(); ++i) {
    if (!taken[i]) free_removed.push_back(i);
  }
  for (size_t j = 0; j < added.size(); ++j) {
    if (partner[j] < 0) free_added.push_back(j);
  }
  if (!free_removed.empty() && free_removed.size() == free_added.size()) {
    for (size_t k = 0; k < free_added.size(); ++k) {
      partner[free_added[k]] = static_cast<long long>(free_removed[k]);
      taken[free_removed[k]] = true;
    }
  } else {
    size_t next = 0;  // position in free_removed: pairs stay in document order
    for (size_t j : free_added) {
      double best = kEditSimilarity;
      long long best_k = -1;
      for (size_t k = next; k < free_removed.size(); ++k) {
        double s = Similarity(before[removed[free_removed[k]]].text, after[added[j]].text);
        if (s >= best) {
          best = s;
          best_k = static_cast<long long>(k);
          if (s == 1.0) break;
        }
      }
      if (best_k >= 0) {
        size_t i = free_removed[static_cast<size_t>(best_k)];
        partner[j] = static_cast<long long>(i);
        taken[i] = true;
        next = static_cast<size_t>(best_k) + 1;
      }
    }
  }

  size_t cursor = 0;  // next removed block not yet emitted
  auto emit_removed_until = [&](size_t end) {
    for (; cursor < end; ++cursor) {
      if (taken[cursor]) continue;
      diff.blocks.push_back({BlockChange::Kind::kRemoved, before[removed[cursor]], std::nullopt, {}});
      ++diff.removed;
    }
  };
  for (size_t j = 0; j < added.size(); ++j) {
    const Block& a = after[added[j]];
    if (partner[j] >= 0) {
      auto i = static_cast<size_t>(partner[j]);
      if (i >= cursor) {
        emit_removed_until(i);
        cursor = i + 1;
      }
      diff.blocks.push_back(Edited(before[removed[i]], a));
      ++diff.edited;
    } else {
      diff.blocks.push_back({BlockChange::Kind::kAdded, std::nullopt, a, {}});
      ++diff.added;
    }
  }
  emit_removed_until(removed.size());
}

}  // namespace

std::vector<WordOp> DiffWords(std::string_view before, std::string_view after) {
  Keys a = Words(before), b = Words(after);
  std::vector<WordOp> ops;
  std::string deleted, inserted;
  auto flush = [&] {
    AppendOp(ops, WordOp::Kind::kDeleted, deleted);
    AppendOp(ops, WordOp::Kind::kInserted, inserted);
    deleted.clear();
    inserted.clear();
  };
  for (const Step& s : EditScript(a, b)) {
    switch (s.kind) {
      case Step::Kind::kCommon:
        flush();
        AppendOp(ops, WordOp::Kind::kSame, a[static_cast<size_t>(s.before)]);
        break;
      case Step::Kind::kDelete:
        deleted += a[static_cast<size_t>(s.before)];
        break;
      case Step::Kind::kAdd:
        inserted += b[static_cast<size_t>(s.after)];
        break;
    }
  }
  flush();
  return ops;
}

ArticleDiff DiffArticles(const Article& before, const Article& after) {
  ArticleDiff diff;
  diff.title_before = before.title;
  diff.title_after = after.title;
  diff.title_changed = before.title != after.title;
  if (diff.title_changed) diff.title_words = DiffWords(before.title, after.title);
  diff.subtitle_changed = before.subtitle != after.subtitle;
  diff.authors_changed = before.authors != after.authors;

  Keys a, b;
  a.reserve(before.blocks.size());
  b.reserve(after.blocks.size());
  for (const Block& block : before.blocks) a.push_back(BlockKey(block));
  for (const Block& block : after.blocks) b.push_back(BlockKey(block));

  std::vector<size_t> removed, added;
  for (const Step& s : EditScript(a, b)) {
    switch (s.kind) {
      case Step::Kind::kCommon:
        EmitHunk(before.blocks, after.blocks, removed, added, diff);
        removed.clear();
        added.clear();
        diff.blocks.push_back({BlockChange::Kind::kSame, before.blocks[static_cast<size_t>(s.before)],
                               after.blocks[static_cast<size_t>(s.after)], {}});
        break;
      case Step::Kind::kDelete:
        removed.push_back(static_cast<size_t>(s.before));
        break;
      case Step::Kind::kAdd:
        added.push_back(static_cast<size_t>(s.after));
        break;
    }
  }
  EmitHunk(before.blocks, after.blocks, removed, added, diff);
  return diff;
}

bool DiffersOnlyInPunctuation(std::string_view a, std::string_view b) {
  return StripPunctuation(a) == StripPunctuation(b);
}

namespace {

// The index just past the last block the two versions share (0: none).
size_t AfterLastSame(const ArticleDiff& diff) {
  size_t after_last_same = 0;
  for (size_t i = 0; i < diff.blocks.size(); ++i) {
    if (diff.blocks[i].kind == BlockChange::Kind::kSame) after_last_same = i + 1;
  }
  return after_last_same;
}

}  // namespace

bool AppendsBlocks(const ArticleDiff& diff) {
  const size_t after_last_same = AfterLastSame(diff);
  if (after_last_same == 0 || diff.blocks.empty() || diff.blocks.back().kind != BlockChange::Kind::kAdded) return false;
  // An ending rewritten (blocks removed after the last shared one) is no appendix.
  for (size_t i = after_last_same; i < diff.blocks.size(); ++i) {
    if (diff.blocks[i].kind == BlockChange::Kind::kRemoved) return false;
  }
  return true;
}

ChangeClass ClassifyChange(const Article& before, const Article& after, const ArticleDiff& diff) {
  if (diff.title_changed && !DiffersOnlyInPunctuation(before.title, after.title)) {
    return ChangeClass::kHeadline;
  }
  bool body = diff.subtitle_changed && !DiffersOnlyInPunctuation(before.subtitle, after.subtitle);
  bool appended = false;
  const size_t after_last_same = AfterLastSame(diff);
  const bool any_same = after_last_same > 0;
  for (size_t i = 0; i < diff.blocks.size(); ++i) {
    const BlockChange& c = diff.blocks[i];
    switch (c.kind) {
      case BlockChange::Kind::kSame:
        break;
      case BlockChange::Kind::kRemoved:
        body = true;
        break;
      case BlockChange::Kind::kEdited:
        if (c.before->src != c.after->src ||
            !DiffersOnlyInPunctuation(c.before->text, c.after->text)) {
          body = true;
        }
        break;
      case BlockChange::Kind::kAdded:
        if (any_same && i >= after_last_same) {
          appended = true;
        } else {
          body = true;
        }
        break;
    }
  }
  if (body) return ChangeClass::kBody;
  if (appended) return ChangeClass::kCorrectionAppended;
  if (diff.authors_changed) return ChangeClass::kByline;
  return ChangeClass::kMinor;
}

}  // namespace sinmun
