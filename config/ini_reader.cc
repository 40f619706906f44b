#include "config/ini_reader.h"

#include "config/value_types.h"

namespace sinmun {

IniFile ReadIni(std::string_view text) {
  using config_internal::Quote;
  using config_internal::Trim;
  IniFile file;
  file.sections.push_back(IniSection{});
  int number = 0;
  while (!text.empty()) {
    ++number;
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);

    line = Trim(line.substr(0, line.find('#')));
    if (line.empty()) continue;
    if (line.front() == ';') {
      file.errors.push_back({number, "comments start with '#', not ';'"});
    } else if (line.size() >= 2 && line.front() == '[' && line.back() == ']') {
      file.sections.push_back(
          IniSection{.line = number, .name = std::string(line.substr(1, line.size() - 2))});
    } else if (size_t eq = line.find('='); eq != std::string_view::npos) {
      file.sections.back().entries.push_back(IniEntry{.line = number,
                                                      .key = std::string(Trim(line.substr(0, eq))),
                                                      .value = std::string(Trim(line.substr(eq + 1)))});
    } else {
      file.errors.push_back({number, "expected \"key = value\" or \"[section]\", got " + Quote(line)});
    }
  }
  return file;
}

}  // namespace sinmun
