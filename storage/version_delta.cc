#include "storage/version_delta.h"

#include <dtl/dtl.hpp>

#include "storage/archive.h"
#include "storage/records.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;
using storage_records::FromSeconds;
using storage_records::VersionName;

std::optional<Instant> TimeFromPb(const pb::OptionalTime& t) {
  return t.has_seconds() ? std::optional<Instant>(FromSeconds(t.seconds())) : std::nullopt;
}

void SetTime(const std::optional<Instant>& t, pb::OptionalTime* out) {
  if (t) out->set_seconds(storage_records::Seconds(*t));
}

void ApplyMeta(std::string_view id, const pb::VersionRecord& rec, Article& a) {
  if (rec.snapshot()) {
    a = Article{};
    a.id = std::string(id);
  }
  if (rec.has_url()) a.url = rec.url();
  if (rec.has_portal()) a.portal = rec.portal();
  if (rec.has_source()) a.source = rec.source();
  if (rec.has_press()) a.press = rec.press();
  if (rec.has_section()) a.section = rec.section();
  if (rec.has_title()) a.title = rec.title();
  if (rec.has_subtitle()) a.subtitle = rec.subtitle();
  if (rec.has_origin_url()) a.origin_url = rec.origin_url();
  if (rec.has_encoding()) a.encoding = rec.encoding();
  if (rec.has_authors()) a.authors.assign(rec.authors().items().begin(), rec.authors().items().end());
  if (rec.has_published()) a.published = TimeFromPb(rec.published());
  if (rec.has_modified()) a.modified = TimeFromPb(rec.modified());
}

// Appends a copy or skip run, merged into the last op when it is of the same kind.
void AddRun(pb::VersionRecord& rec, bool copy, uint32_t n) {
  if (n == 0) return;
  if (rec.blocks_size() > 0) {
    pb::BlockOp* last = rec.mutable_blocks(rec.blocks_size() - 1);
    if (copy && last->op_case() == pb::BlockOp::kCopy) {
      last->set_copy(last->copy() + n);
      return;
    }
    if (!copy && last->op_case() == pb::BlockOp::kSkip) {
      last->set_skip(last->skip() + n);
      return;
    }
  }
  if (copy) {
    rec.add_blocks()->set_copy(n);
  } else {
    rec.add_blocks()->set_skip(n);
  }
}

}  // namespace

bool IsSnapshotVersion(uint32_t number) { return (number - 1) % kSnapshotInterval == 0; }

Status ApplyVersion(std::string_view id, const pb::VersionRecord& rec, VersionState& state) {
  ApplyMeta(id, rec, state.meta);
  std::vector<BlockRef> next;
  next.reserve(rec.block_count());
  const std::vector<BlockRef> empty;
  const std::vector<BlockRef>& prev = rec.snapshot() ? empty : state.refs;
  size_t cursor = 0;
  for (const pb::BlockOp& op : rec.blocks()) {
    switch (op.op_case()) {
      case pb::BlockOp::kCopy:
      case pb::BlockOp::kSkip: {
        size_t n = op.op_case() == pb::BlockOp::kCopy ? op.copy() : op.skip();
        if (cursor + n > prev.size()) {
          return Status::Corruption(VersionName(id, rec.number()) +
                                    ": block ops run past the previous version's blocks");
        }
        if (op.op_case() == pb::BlockOp::kCopy) {
          next.insert(next.end(), prev.begin() + static_cast<std::ptrdiff_t>(cursor),
                      prev.begin() + static_cast<std::ptrdiff_t>(cursor + n));
        }
        cursor += n;
        break;
      }
      case pb::BlockOp::kInsert:
        if (op.insert().hash().size() != 32) {
          return Status::Corruption(VersionName(id, rec.number()) + ": a block ref has a bad hash");
        }
        next.push_back(storage_records::RefFromPb(op.insert()));
        break;
      case pb::BlockOp::OP_NOT_SET:
        return Status::Corruption(VersionName(id, rec.number()) + ": an empty block op");
    }
  }
  if (next.size() != rec.block_count()) {
    return Status::Corruption(VersionName(id, rec.number()) + ": has " + std::to_string(next.size()) +
                              " blocks, record says " + std::to_string(rec.block_count()));
  }
  state.refs = std::move(next);
  return Status::Ok();
}

void EncodeMeta(const Article* prev, const Article& a, pb::VersionRecord& rec) {
#define SINMUN_META_FIELD(name) \
  if (prev == nullptr || prev->name != a.name) rec.set_##name(a.name)
  SINMUN_META_FIELD(url);
  SINMUN_META_FIELD(portal);
  SINMUN_META_FIELD(source);
  SINMUN_META_FIELD(press);
  SINMUN_META_FIELD(section);
  SINMUN_META_FIELD(title);
  SINMUN_META_FIELD(subtitle);
  SINMUN_META_FIELD(origin_url);
  SINMUN_META_FIELD(encoding);
#undef SINMUN_META_FIELD
  if (prev == nullptr || prev->authors != a.authors) {
    auto* list = rec.mutable_authors();
    for (const auto& author : a.authors) list->add_items(author);
  }
  if (prev == nullptr || prev->published != a.published) SetTime(a.published, rec.mutable_published());
  if (prev == nullptr || prev->modified != a.modified) SetTime(a.modified, rec.mutable_modified());
}

void EncodeBlocks(const std::vector<BlockRef>* prev, const std::vector<BlockRef>& next,
                  pb::VersionRecord& rec) {
  rec.set_block_count(static_cast<uint32_t>(next.size()));
  if (prev == nullptr) {
    for (const BlockRef& r : next) storage_records::RefToPb(r, rec.add_blocks()->mutable_insert());
    return;
  }
  std::vector<std::string> a, b;
  for (const BlockRef& r : *prev) a.push_back(r.Key());
  for (const BlockRef& r : next) b.push_back(r.Key());
  dtl::Diff<std::string, std::vector<std::string>> d(a, b);
  d.compose();
  for (const auto& [elem, info] : d.getSes().getSequence()) {
    switch (info.type) {
      case dtl::SES_COMMON: AddRun(rec, true, 1); break;
      case dtl::SES_DELETE: AddRun(rec, false, 1); break;
      case dtl::SES_ADD:
        storage_records::RefToPb(next[static_cast<size_t>(info.afterIdx - 1)],
                                 rec.add_blocks()->mutable_insert());
        break;
    }
  }
  // Refs left after the cursor are dropped without a trailing skip.
  while (rec.blocks_size() > 0 && rec.blocks(rec.blocks_size() - 1).op_case() == pb::BlockOp::kSkip) {
    rec.mutable_blocks()->RemoveLast();
  }
}

}  // namespace sinmun
