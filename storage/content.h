// The content of a version: what makes a fetch a new version, and the one rule that says
// whether two readings of an article are the same content (DESIGN.md "What a version is").
//
// A version's content is its metadata that matters — title, subtitle, authors, press,
// section, published time, origin URL — and its blocks in order, each by content hash
// (BlockHash: the normalised text, + src for images and embeds) and type. The url, source,
// encoding and modified time are not content: a change of those alone makes no version
// (they are stored with the next one). The publisher's ids (Daum contents-hash and dmcf-pid)
// are not content either: a page whose contents-hashes changed but whose text did not is
// the same content.
//
// Archive::Record decides "unchanged" with SameContent; Capture::Reextract (`sinmun reextract`)
// asks the same question before it records a re-extraction.
//
// FastKey is the cheap test Record tries first: a digest of the title, subtitle, authors
// and the Daum contents-hash sequence, kept in the article's head. Equal fast keys mean
// the same content without hashing a block (the publisher's hashes stand for the texts).
//
// Thread-safety: values and pure functions.
#ifndef SINMUN_STORAGE_CONTENT_H_
#define SINMUN_STORAGE_CONTENT_H_

#include <span>
#include <string>
#include <vector>

#include "common/article.h"

namespace sinmun {

// A block as one version uses it: the shared content's hash (the key of the stored block)
// plus what is particular to this use.
struct BlockRef {
  std::string hash;  // BlockHash of the block: 32 raw bytes
  BlockType type = BlockType::kParagraph;
  std::string publisher_hash, publisher_id;  // Daum contents-hash and dmcf-pid, when given

  bool operator==(const BlockRef&) const = default;
  // Everything a version's block list must preserve of this ref, as one string (the delta
  // encoder's identity of a ref).
  std::string Key() const;
};

BlockRef BlockRefOf(const Block& block);
std::vector<BlockRef> BlockRefsOf(const Article& article);

// Whether `before` and `after` have the same content (see the file comment). The
// metadata comes from the articles (their blocks are not read) and the blocks from the
// refs, so a stored version whose block texts were not loaded can be compared.
bool SameContent(const Article& before, std::span<const BlockRef> before_refs, const Article& after,
                 std::span<const BlockRef> after_refs);
// The same for two whole articles (their blocks hashed here).
bool SameContent(const Article& before, const Article& after);

// SHA-256 over the title, subtitle, authors and the contents-hash sequence; "" when the
// article has no blocks or some block has no contents-hash (then the fast path does not
// apply). Subtitle and authors cost nothing to include and keep byline edits off it.
std::string FastKey(const Article& article);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_CONTENT_H_
