// The shipped site table (crawler/extract/sites.json), compiled into the library at build
// time so that every binary has it wherever it runs. Generated: see
// crawler/extract/embed_file.cmake and crawler/CMakeLists.txt.
#ifndef SINMUN_CRAWLER_EXTRACT_SHIPPED_SITES_H_
#define SINMUN_CRAWLER_EXTRACT_SHIPPED_SITES_H_

#include <string_view>

namespace sinmun {

// The bytes of sites.json as they were at build time.
std::string_view ShippedSiteTableJson();

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_EXTRACT_SHIPPED_SITES_H_
