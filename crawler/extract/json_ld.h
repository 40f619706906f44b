// JsonLd: the schema.org article a page describes in its <script type="application/ld+json">
// blocks, read as tolerantly as browsers' and search engines' structured-data readers do.
//
// RepairJsonLd makes one block's text parseable JSON where pages commonly break it:
//   - raw control characters inside strings (a headline with a literal newline or tab) are
//     escaped; outside strings they are white space;
//   - the JavaScript escape "\'", which JSON lacks, becomes the quote itself;
//   - a comma right before '}' or ']' is dropped;
//   - an HTML comment or CDATA wrapper around the block ("<!-- ... -->",
//     "//<![CDATA[ ... //]]>") and trailing ';' are removed.
// Anything else that is not JSON is left for the parser to refuse.
//
// ReadJsonLdArticle reads every block of a page (in document order) and merges what the
// article objects in them say: objects whose @type is an article type (NewsArticle, Article,
// ReportageNewsArticle, ... — also nested in @graph, arrays, mainEntity and
// mainEntityOfPage), each field taken from the first object that has it. A "publisher" or
// "author" given as {"@id": ...} is looked up among all objects of all blocks. Blocks that
// do not parse even after repair are skipped (and counted), never fatal.
//
// Limits: a block above kMaxBlockBytes is skipped; at most kMaxObjects objects are visited
// per block; nesting deeper than nlohmann's parser allows fails that block.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_EXTRACT_JSON_LD_H_
#define SINMUN_CRAWLER_EXTRACT_JSON_LD_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace sinmun {

struct JsonLdArticle {
  bool found = false;          // some block held an article object
  std::string headline;        // as written (not normalised)
  std::string alternative_headline;
  std::string description;
  std::string date_published;  // as written: ParsePageTime reads it
  std::string date_modified;
  std::vector<std::string> authors;  // names of Person authors (and of authors without @type)
  std::vector<std::string> author_organizations;  // names of Organization authors
  std::string publisher;       // publisher name
  std::string section;         // articleSection (first, when a list)
  std::string article_body;
  std::string url;             // url, else mainEntityOfPage's @id / url
  size_t broken_blocks = 0;    // blocks that did not parse even after repair
};

inline constexpr size_t kMaxJsonLdBlockBytes = 1u << 20;

// See the file comment. The result is valid JSON or, when the input was beyond repair,
// something the JSON parser refuses.
std::string RepairJsonLd(std::string_view block);

// `blocks`: the raw text of each ld+json script of the page, in document order.
JsonLdArticle ReadJsonLdArticle(const std::vector<std::string>& blocks);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_JSON_LD_H_
