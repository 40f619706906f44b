// libFuzzer target: ParseTime over arbitrary text (page dates, feed dates, HTTP dates,
// command-line times). Whatever it accepts must format and read back to the same instant.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/time.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view text(reinterpret_cast<const char*>(data), size);
  std::optional<sinmun::Instant> t = sinmun::ParseTime(text);
  if (t) {
    std::optional<sinmun::Instant> again = sinmun::ParseTime(sinmun::FormatRfc3339Kst(*t));
    if (!again || *again != *t) std::abort();
  }
  return 0;
}
