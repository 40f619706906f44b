// Output helpers shared by the subcommands: JSON printing, aligned tables with Korean text,
// ANSI colour.
#ifndef SINMUN_CLI_OUTPUT_H_
#define SINMUN_CLI_OUTPUT_H_

#include <ostream>
#include <string>
#include <vector>

#include "common/article_json.h"

namespace sinmun::cli {

// One JSON document and a newline: indented on a terminal, one line otherwise. Invalid
// UTF-8 (never produced by our own normalised text) is replaced, not thrown on.
void PrintJson(std::ostream& out, const Json& json, bool pretty);

// Columns aligned by display width (Hangul counts two columns). The last column is not
// padded; cells wider than max_width are cut with "…".
class Table {
 public:
  explicit Table(std::vector<std::string> header) : header_(std::move(header)) {}
  void AddRow(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  void Print(std::ostream& out, int max_width = 60) const;
  bool empty() const { return rows_.empty(); }

 private:
  std::vector<std::string> header_;
  std::vector<std::vector<std::string>> rows_;
};

struct Style {
  bool color = false;
  std::string Red(const std::string& s) const { return Wrap("\x1b[31m", s); }
  std::string Green(const std::string& s) const { return Wrap("\x1b[32m", s); }
  std::string Bold(const std::string& s) const { return Wrap("\x1b[1m", s); }
  std::string Dim(const std::string& s) const { return Wrap("\x1b[2m", s); }

 private:
  std::string Wrap(const char* code, const std::string& s) const {
    return color ? code + s + "\x1b[0m" : s;
  }
};

}  // namespace sinmun::cli

#endif  // SINMUN_CLI_OUTPUT_H_
