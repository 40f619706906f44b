// Article: what an extractor makes of one page, and what the archive stores as a version.
//
// An Article is a plain value. Text fields hold normalised text (common/text.h); absent
// fields are empty (strings, lists) or nullopt (times), never invented.
//
// A Block's identity in the archive is BlockHash(block): SHA-256 of its normalised text
// for text-only blocks (so the same paragraph in two articles is one stored block), and of
// text + U+001F + src for blocks that carry a source URL (images, embeds), so two images with
// the same caption stay two blocks.
#ifndef SINMUN_COMMON_ARTICLE_H_
#define SINMUN_COMMON_ARTICLE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "common/time.h"

namespace sinmun {

enum class BlockType { kParagraph, kSubheading, kImage, kCaption, kEmbed };

// "paragraph", "subheading", "image", "caption", "embed".
std::string_view BlockTypeName(BlockType type);
std::optional<BlockType> ParseBlockType(std::string_view name);

struct Block {
  BlockType type = BlockType::kParagraph;
  std::string text;            // normalised; for an image, its caption
  std::string src;             // image or embed URL, absolute; empty for text blocks
  std::string publisher_hash;  // Daum's contents-hash attribute, when the page has one
  std::string publisher_id;    // Daum's dmcf-pid, when the page has one

  bool operator==(const Block&) const = default;
};

// 32 raw bytes; see the file comment.
std::string BlockHash(const Block& block);

struct Article {
  std::string id;          // "daum:<17 digits>", "naver:<oid>:<aid>", "url:<canonical>"
  std::string url;         // canonical URL of the article
  std::string portal;      // a portal's name (common/portals.h: "daum", "naver") or "web"
  std::string source;      // config source name that found it (daemon); may be empty
  std::string press;       // the outlet, e.g. "YTN"
  std::string section;
  std::string title;
  std::string subtitle;    // subtitle or summary
  std::vector<std::string> authors;
  std::optional<Instant> published;
  std::optional<Instant> modified;
  std::string origin_url;  // the outlet's own URL (Naver's "기사원문")
  std::string encoding;    // what the page's bytes were decoded from, e.g. "UTF-8", "EUC-KR"
  std::vector<Block> blocks;

  bool operator==(const Article&) const = default;
};

}  // namespace sinmun

#endif  // SINMUN_COMMON_ARTICLE_H_
