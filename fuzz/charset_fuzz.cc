// libFuzzer target: DecodeToUtf8. The first byte picks a Content-Type (so declarations,
// BOM-less pages and conflicts are all reached); the rest are the page bytes. The output
// must always be valid UTF-8.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "common/text.h"
#include "crawler/extract/charset.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static constexpr std::string_view kContentTypes[] = {
      "", "text/html", "text/html; charset=utf-8", "text/html; charset=euc-kr",
      "text/html; charset=ks_c_5601-1987", "text/html; charset=utf-16",
      "text/html; charset=iso-8859-1", "text/html; charset=x-unknown"};
  if (size == 0) return 0;
  const std::string_view content_type = kContentTypes[data[0] % std::size(kContentTypes)];
  const std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  sinmun::Result<sinmun::DecodedText> decoded = sinmun::DecodeToUtf8(bytes, content_type);
  if (decoded.ok() && !sinmun::IsValidUtf8(decoded->utf8)) std::abort();
  return 0;
}
