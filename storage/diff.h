// The difference between two versions of an article, as `sinmun diff` shows it, and the
// change class derived from it.
//
// Paragraph level: an LCS (dtl) over the blocks' identities (BlockHash + type) gives runs
// of unchanged blocks and "hunks" of removed/added blocks between them. Inside a hunk a
// removed block and an added block are paired into one kEdited change when
//   1. they carry the same Daum publisher_id (dmcf-pid), else
//   2. the hunk's remaining removed and added blocks are equally many: they pair by
//      position (the i-th removed with the i-th added), else
//   3. their texts are similar: word-level Dice similarity >= kEditSimilarity, taken
//      greedily in document order.
// An edited pair gets a word-level diff (SplitWords + dtl LCS). Unpaired blocks are
// kRemoved / kAdded. Changes come in the new version's document order; a removed block
// comes just before the block that followed it.
//
// Word level: consecutive ops of one kind are merged into one WordOp, and inside a run
// of changes all deletions come before all insertions, so
//   "a b c" -> "a x c" is [same "a ", deleted "b", inserted "x", same " c"].
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_DIFF_H_
#define SINMUN_STORAGE_DIFF_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.h"
#include "storage/change_class.h"

namespace sinmun {

inline constexpr double kEditSimilarity = 0.5;

struct WordOp {
  enum class Kind { kSame, kInserted, kDeleted };
  Kind kind;
  std::string text;

  bool operator==(const WordOp&) const = default;
};

struct BlockChange {
  enum class Kind { kSame, kAdded, kRemoved, kEdited };
  Kind kind;
  std::optional<Block> before, after;  // before for same/removed/edited; after for same/added/edited
  std::vector<WordOp> words;           // kEdited only: word-level diff of before.text -> after.text
};

struct ArticleDiff {
  bool title_changed = false, subtitle_changed = false, authors_changed = false;
  std::string title_before, title_after;
  std::vector<WordOp> title_words;  // when title_changed
  std::vector<BlockChange> blocks;  // in document order
  int added = 0, removed = 0, edited = 0;
};

// Word-level diff of two normalised texts (see the file comment for the op shape).
std::vector<WordOp> DiffWords(std::string_view before, std::string_view after);

ArticleDiff DiffArticles(const Article& before, const Article& after);

// The class of the edit before -> after, by priority:
//   headline   the title changed beyond whitespace/punctuation;
//   body       a block was removed, a block was inserted other than at the end, an edit
//              changed more than whitespace/punctuation, or the subtitle changed so;
//   correction the only substantive block changes are blocks added after the last block
//              that the two versions share (a correction or addendum appended);
//   byline     the authors changed;
//   minor      anything else (whitespace/punctuation edits, metadata such as section).
// Never returns kNew, kDeleted or kRestored: those come from the fetch, not the content.
// REQUIRES: diff == DiffArticles(before, after).
ChangeClass ClassifyChange(const Article& before, const Article& after, const ArticleDiff& diff);

// True when `diff` ends in blocks added after the last block the two versions share, none
// removed there (a correction or addendum appended, not an ending rewritten), whatever it
// changes before. The class says so only when nothing weighs more (ClassifyChange); edit
// statistics count corrections by this.
bool AppendsBlocks(const ArticleDiff& diff);

// True when the two texts differ only in whitespace and punctuation.
bool DiffersOnlyInPunctuation(std::string_view a, std::string_view b);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_DIFF_H_
