#include "web/sources.h"

#include "crawler/frontier/source_status.h"

namespace sinmun::web {

Result<std::vector<SourceRow>> LoadSourceStatus(Archive& archive) {
  Result<std::map<std::string, std::string>> kept = archive.LoadSourceRecords();
  if (!kept.ok()) return kept.status();
  std::vector<SourceRow> rows;
  for (const auto& [name, text] : *kept) {
    std::optional<SourceRecord> r = DecodeSourceRecord(text);
    if (!r) continue;  // unreadable: `sinmun sources` names it
    SourceRow row;
    row.name = r->name;
    row.type = r->type;
    row.url = r->url;
    row.status = std::string(SourceStateName(r->status.state));
    row.detail = r->status.detail;
    row.last_poll = r->status.last_poll;
    row.next_poll = r->status.next_poll;
    row.found_24h = r->status.found_24h;
    row.new_24h = r->status.new_24h;
    row.archived_24h = r->status.archived_24h;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace sinmun::web
