// IniReader: the INI dialect of sinmun.conf, read into sections and "key = value" lines,
// each with its line number. It knows no key or section names (config_keys.h does).
//
// The dialect, line by line (lines end at '\n'; a '\r' before it is white space):
//   - '#' starts a comment that runs to the end of the line, wherever it stands, so no
//     value can contain '#';
//   - the rest is trimmed of white space (space, tab, CR); an empty line is skipped;
//   - "[name]" opens a section (the name is taken as written, empty included);
//   - "key = value" sets a key: the key is what stands before the first '=', the value
//     what follows it, both trimmed; values are never quoted or unescaped;
//   - a line starting with ';' is an error, not a comment (some INI dialects take it as
//     one; a file should mean one thing);
//   - anything else is an error.
// This is the dialect of Boost.Program_options' config-file parser, which reports no
// line numbers; reading it here lets every message name its line.
//
// Thread-safety: a pure function; safe from any thread.
#ifndef SINMUN_CONFIG_INI_READER_H_
#define SINMUN_CONFIG_INI_READER_H_

#include <string>
#include <string_view>
#include <vector>

namespace sinmun {

struct IniEntry {
  int line = 0;  // 1-based
  std::string key;
  std::string value;
};

struct IniSection {
  int line = 0;      // of its "[name]" header; 0 for the lines before any header
  std::string name;  // between the brackets; empty for the lines before any header
  std::vector<IniEntry> entries;  // in file order
};

// A line the dialect cannot read.
struct IniSyntaxError {
  int line = 0;
  std::string what;  // e.g. "comments start with '#', not ';'"; control bytes escaped
};

struct IniFile {
  // sections[0] holds the entries before the first header (line 0, no name); then one
  // per header, in file order, repeated names included.
  std::vector<IniSection> sections;
  std::vector<IniSyntaxError> errors;  // in line order
};

// Reads `text`. Never fails as a whole: lines it cannot read are listed in `errors` and
// skipped, the rest is read.
IniFile ReadIni(std::string_view text);

}  // namespace sinmun

#endif  // SINMUN_CONFIG_INI_READER_H_
