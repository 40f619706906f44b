// libFuzzer target: any bytes as an operator's site table file → SiteTable::Parse and a
// merge over the shipped table. Must never crash, hang or leak; every outcome is a table
// or an InvalidArgument.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "crawler/extract/site_table.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  sinmun::Result<sinmun::SiteTable> table = sinmun::SiteTable::Parse(input, "fuzz.json");
  if (table.ok()) {
    sinmun::SiteTable merged = sinmun::SiteTable::Merge(sinmun::ShippedSiteTable(), *table);
    (void)merged.Find("www.example.com");
  }
  return 0;
}
