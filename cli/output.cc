#include "cli/output.h"

#include <algorithm>

#include "common/text.h"

namespace sinmun::cli {

void PrintJson(std::ostream& out, const Json& json, bool pretty) {
  out << json.dump(pretty ? 2 : -1, ' ', false, Json::error_handler_t::replace) << '\n';
}

void Table::Print(std::ostream& out, int max_width) const {
  std::vector<int> widths(header_.size(), 0);
  auto measure = [&](const std::vector<std::string>& row) {
    for (size_t i = 0; i < row.size() && i < widths.size(); ++i) {
      widths[i] = std::max(widths[i], std::min(DisplayWidth(row[i]), max_width));
    }
  };
  measure(header_);
  for (const auto& row : rows_) measure(row);
  auto print = [&](const std::vector<std::string>& row) {
    std::string line;
    for (size_t i = 0; i < row.size(); ++i) {
      bool last = i + 1 == row.size();
      std::string cell = last ? row[i] : TruncateToWidth(row[i], max_width);
      line += cell;
      if (!last) line += std::string(widths[i] - DisplayWidth(cell) + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out << line << '\n';
  };
  print(header_);
  for (const auto& row : rows_) print(row);
}

}  // namespace sinmun::cli
