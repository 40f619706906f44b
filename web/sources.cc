#include "web/sources.h"

namespace sinmun::web {

Result<std::vector<SourceRow>> LoadSourceStatus(Archive& /*archive*/) {
  // The archive does not keep source status yet (see the header).
  return std::vector<SourceRow>();
}

}  // namespace sinmun::web
