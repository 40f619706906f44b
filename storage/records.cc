#include "storage/records.h"

namespace sinmun::storage_records {

std::string VersionName(std::string_view id, uint32_t number) {
  return std::string(id) + " version " + std::to_string(number);
}

BlockRef RefFromPb(const pb::BlockRef& r) {
  return BlockRef{r.hash(), static_cast<BlockType>(r.type()), r.publisher_hash(), r.publisher_id()};
}

void RefToPb(const BlockRef& r, pb::BlockRef* out) {
  out->set_hash(r.hash);
  out->set_type(static_cast<pb::BlockTypePb>(r.type));
  if (!r.publisher_hash.empty()) out->set_publisher_hash(r.publisher_hash);
  if (!r.publisher_id.empty()) out->set_publisher_id(r.publisher_id);
}

ArticleHead HeadFromPb(const std::string& id, const pb::HeadRecord& h) {
  ArticleHead head;
  head.id = id;
  head.url = h.url();
  head.portal = h.portal();
  head.press = h.press();
  head.title = h.title();
  head.versions = h.latest_version();
  head.first_seen = FromSeconds(h.first_seen());
  head.last_seen = FromSeconds(h.last_seen());
  head.last_checked = FromSeconds(h.last_checked());
  if (h.has_published()) head.published = FromSeconds(h.published());
  head.deleted = h.deleted();
  head.etag = h.etag();
  head.last_modified = h.last_modified();
  head.fetches = h.fetch_count();
  return head;
}

VersionInfo InfoFromPb(const pb::VersionRecord& rec, std::string title) {
  return VersionInfo{rec.number(),
                     FromSeconds(rec.fetched_at()),
                     static_cast<ChangeClass>(rec.change_class()),
                     std::move(title),
                     static_cast<int>(rec.added()),
                     static_cast<int>(rec.removed()),
                     static_cast<int>(rec.edited()),
                     rec.reextracted_from(),
                     rec.appended()};
}

pb::ChangeRecord ChangeRecordOf(const ChangeSummaryInput& in, const std::string& url) {
  pb::ChangeRecord change;
  change.set_change_class(ChangeClassToPb(in.change_class));
  change.set_summary(SummarizeChange(in));
  change.set_portal(in.after->portal);
  change.set_title(in.after->title);
  change.set_url(url);
  if (in.reextracted_from != 0) change.set_reextracted_from(in.reextracted_from);
  return change;
}

}  // namespace sinmun::storage_records
