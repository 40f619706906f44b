#include "common/article.h"

#include <array>

#include "common/hash.h"

namespace sinmun {
namespace {

constexpr std::array<std::string_view, 5> kBlockTypeNames = {"paragraph", "subheading", "image",
                                                             "caption", "embed"};

}  // namespace

std::string_view BlockTypeName(BlockType type) {
  return kBlockTypeNames[static_cast<size_t>(type)];
}

std::optional<BlockType> ParseBlockType(std::string_view name) {
  for (size_t i = 0; i < kBlockTypeNames.size(); ++i) {
    if (kBlockTypeNames[i] == name) return static_cast<BlockType>(i);
  }
  return std::nullopt;
}

std::string BlockHash(const Block& block) {
  if (block.src.empty()) return Sha256(block.text);
  std::string content = block.text;
  content.push_back('\x1f');
  content += block.src;
  return Sha256(content);
}

}  // namespace sinmun
