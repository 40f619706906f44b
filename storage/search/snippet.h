// What search shows and relates beside the index: the snippet of a hit, with the query's
// words marked, and the paragraphs that count as shared text between two articles (the
// "shared" relation of `sinmun related`).
//
// Thread-safety: pure functions.
#ifndef SINMUN_STORAGE_SEARCH_SNIPPET_H_
#define SINMUN_STORAGE_SEARCH_SNIPPET_H_

#include <cstddef>
#include <string>
#include <vector>

#include "common/article.h"

namespace sinmun {

// Paragraphs shorter than this (in code points) do not count as shared text: bylines,
// "[사진]" and other boilerplate would tie unrelated stories together.
inline constexpr size_t kMinSharedParagraphChars = 20;

// A span [begin, end) of marked text, in Unicode code points of the text it marks.
struct Mark {
  size_t begin = 0, end = 0;
};
struct Snippet {
  std::string text;         // a stretch of the title or one block, "…" where cut
  std::vector<Mark> marks;  // in order, not overlapping
};

// A snippet of about max_chars code points from the first block (or the title, when no
// block matches) that contains one of `words`, centred on the first match, every
// occurrence of a word marked. Matching ignores ASCII case and white space inside the text,
// as the index does. With no match: the start of the first paragraph, unmarked.
Snippet MakeSnippet(const Article& article, const std::vector<std::string>& words,
                    size_t max_chars = 160);

// The block hashes (BlockHash) of the paragraphs that count as shared text: paragraph and
// subheading blocks of at least kMinSharedParagraphChars code points, each once, in order.
std::vector<std::string> SharedParagraphHashes(const Article& article);

// The blocks SharedParagraphHashes counts, in the same order (the first of equal ones).
std::vector<const Block*> SharedParagraphs(const Article& article);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_SNIPPET_H_
