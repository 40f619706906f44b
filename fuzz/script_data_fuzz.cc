// libFuzzer target: any bytes as a page's script data → the Next.js flight reader (as a
// payload and as push() calls), __NEXT_DATA__ and Fusion.globalContent readers. Must never
// crash, hang or leak.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "crawler/extract/script_data.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)sinmun::ReadNextFlight(input);
  sinmun::ScriptBody body = sinmun::FindScriptBody({{"__NEXT_DATA__", input}, {"", input}});
  (void)body.html.size();
  return 0;
}
