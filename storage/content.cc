#include "storage/content.h"

#include "common/hash.h"

namespace sinmun {

std::string BlockRef::Key() const {
  std::string k = hash;
  k.push_back(static_cast<char>(type));
  k += publisher_hash;
  k.push_back('\x1f');
  k += publisher_id;
  return k;
}

BlockRef BlockRefOf(const Block& block) {
  return BlockRef{BlockHash(block), block.type, block.publisher_hash, block.publisher_id};
}

std::vector<BlockRef> BlockRefsOf(const Article& article) {
  std::vector<BlockRef> refs;
  refs.reserve(article.blocks.size());
  for (const Block& b : article.blocks) refs.push_back(BlockRefOf(b));
  return refs;
}

bool SameContent(const Article& before, std::span<const BlockRef> before_refs, const Article& after,
                 std::span<const BlockRef> after_refs) {
  if (before.title != after.title || before.subtitle != after.subtitle || before.authors != after.authors ||
      before.press != after.press || before.section != after.section || before.published != after.published ||
      before.origin_url != after.origin_url || before_refs.size() != after_refs.size()) {
    return false;
  }
  for (size_t i = 0; i < before_refs.size(); ++i) {
    if (before_refs[i].hash != after_refs[i].hash || before_refs[i].type != after_refs[i].type) {
      return false;
    }
  }
  return true;
}

bool SameContent(const Article& before, const Article& after) {
  return SameContent(before, BlockRefsOf(before), after, BlockRefsOf(after));
}

std::string FastKey(const Article& article) {
  if (article.blocks.empty()) return "";
  std::string material = article.title;
  material.push_back('\x1f');
  material += article.subtitle;
  material.push_back('\x1f');
  for (const std::string& author : article.authors) {
    material += author;
    material.push_back('\x1e');
  }
  material.push_back('\x1f');
  for (const Block& b : article.blocks) {
    if (b.publisher_hash.empty()) return "";
    material += b.publisher_hash;
    material.push_back('\x1e');
  }
  return Sha256(material);
}

}  // namespace sinmun
