// SiteTable: what sinmun knows about individual outlets' pages, as data.
//
// One entry per outlet: the hosts it serves, the press name as readers write it, and
// XPath 1.0 expressions (libxml2's XPath) saying where the page keeps its body, what to
// drop inside the body, and where the title, subtitle, authors and times are. Every rule
// is optional: a missing one is filled by the generic extractor (JSON-LD, meta tags, the
// page's own 입력/수정 lines, the element with the most paragraph text). An entry whose body
// rules select nothing on a page falls back to the generic extractor for the body, and the
// extraction says so (ExtractNotes in extractor.h) so that parser health can report it.
//
// The file format (JSON, read with nlohmann-json; crawler/extract/sites.json is the
// shipped table):
//
//   {"sites": [
//     {"id": "mk",                         required; [a-z0-9_-]+, unique
//      "press": "매일경제",                  the outlet's name as people write it
//      "hosts": ["mk.co.kr"],              required; each also covers its subdomains
//      "evidence": "...",                  where the rules come from
//      "verified": true,                   checked against a saved real page
//      "body": ["//div[@itemprop='articleBody']"],   the first expression that selects
//                                          anything gives the body element(s)
//      "drop": [".//div[@class='ad']"],    relative to each body element; removed
//      "title": [...], "subtitle": [...], "authors": [...],
//      "published": [...], "modified": [...],        the first expression that yields text
//                                          wins (authors: every text of it); an expression
//                                          may select elements, attributes or compute a
//                                          string (e.g. "string(//meta[@name='x']/@content)")
//      "note": "..."},                     free text for people
//     {"id": "old", "disabled": true}      (in an override file: removes that entry)
//   ]}
// A field may be one string instead of a list. Unknown keys, bad XPath, duplicate ids and
// hosts claimed by two entries are errors, reported as "<origin>:<line>: site \"<id>\":
// <what>" (the line of the entry's id), or "<origin>:<line>:<column>: <parse error>".
//
// Layering: Merge(base, overlay) gives base's entries with every overlay entry of the same
// id replacing it (or removing it when disabled) and the others added; an overlay entry
// may then claim hosts of base entries it does not replace — the overlay wins for them.
// The shipped table is compiled into the library (ShippedSiteTable), so binaries have it
// wherever they run; the operator's file is merged on top (LoadSiteTable).
//
// Thread-safety: a SiteTable is immutable once built; share it freely (the daemon holds
// a std::shared_ptr<const SiteTable> and swaps it on reload).
#ifndef SINMUN_CRAWLER_EXTRACT_SITE_TABLE_H_
#define SINMUN_CRAWLER_EXTRACT_SITE_TABLE_H_

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/status.h"

namespace sinmun {

struct SiteRule {
  std::string id;
  std::string press;
  std::vector<std::string> hosts;  // lower-case
  std::string evidence;
  bool verified = false;
  bool disabled = false;  // only in an overlay, before merging
  // XPath expressions; see the file comment.
  std::vector<std::string> body;
  std::vector<std::string> drop;
  std::vector<std::string> title;
  std::vector<std::string> subtitle;
  std::vector<std::string> authors;
  std::vector<std::string> published;
  std::vector<std::string> modified;
};

class SiteTable {
 public:
  SiteTable() = default;  // no entries

  // Parses a table. `origin` names it in errors (a file name). Fails with
  // InvalidArgument, one line, as described in the file comment.
  static Result<SiteTable> Parse(std::string_view json_text, std::string_view origin);

  // Base's entries with overlay's merged on top (file comment).
  static SiteTable Merge(const SiteTable& base, const SiteTable& overlay);

  // The entry serving `host` (lower-case): the one naming the longest suffix of it at a
  // label boundary ("www.mk.co.kr" is served by "mk.co.kr"); null when none.
  const SiteRule* Find(std::string_view host) const;

  // The entry with that id, or null.
  const SiteRule* ById(std::string_view id) const;

  const std::vector<SiteRule>& rules() const { return rules_; }

 private:
  void Index();

  std::vector<SiteRule> rules_;
  std::unordered_map<std::string, size_t> by_host_;
  std::unordered_map<std::string, size_t> by_id_;
};

// The table shipped with sinmun (crawler/extract/sites.json, compiled in). Built once, on
// first use; immutable.
const SiteTable& ShippedSiteTable();

// The shipped table with the operator's file at `path` merged on top; just the shipped
// table when `path` is empty. This is what the configuration's `[extract] site_table` key
// names: call it at start and on every reload (the file may change while the key does
// not), and keep the table in use when it fails. Fails with NotFound/IOError when the file
// cannot be read, and InvalidArgument when it is a directory, larger than 16 MiB or not a
// valid table (the message names the file, line and entry).
Result<SiteTable> LoadSiteTable(const std::string& path);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_SITE_TABLE_H_
