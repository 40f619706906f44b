#include "storage/change_class.h"

#include <array>
#include <utility>

namespace sinmun {
namespace {

constexpr std::array<std::pair<ChangeClass, std::string_view>, 9> kNames = {{
    {ChangeClass::kNew, "new"},
    {ChangeClass::kHeadline, "headline"},
    {ChangeClass::kBody, "body"},
    {ChangeClass::kByline, "byline"},
    {ChangeClass::kCorrectionAppended, "correction"},
    {ChangeClass::kMinor, "minor"},
    {ChangeClass::kDeleted, "deleted"},
    {ChangeClass::kRestored, "restored"},
    {ChangeClass::kReextracted, "reextracted"},
}};

}  // namespace

std::string_view ChangeClassName(ChangeClass change_class) {
  for (const auto& [c, name] : kNames) {
    if (c == change_class) return name;
  }
  return "unknown";
}

std::optional<ChangeClass> ParseChangeClass(std::string_view name) {
  for (const auto& [c, n] : kNames) {
    if (n == name) return c;
  }
  return std::nullopt;
}

}  // namespace sinmun
