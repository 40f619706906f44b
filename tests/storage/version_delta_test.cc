// The delta encoding of versions (storage/version_delta.h), on records alone: no RocksDB.
#include "storage/version_delta.h"

#include <gtest/gtest.h>

#include "storage/archive.h"

namespace sinmun {
namespace {

namespace pb = storage::pb;

const std::string kId = "daum:20260321214325415";

BlockRef Ref(char fill, BlockType type = BlockType::kParagraph) {
  return BlockRef{std::string(32, fill), type, std::string("ph-") + fill, std::string(1, fill)};
}

Article Meta(std::string title) {
  Article a;
  a.id = kId;
  a.url = "https://v.daum.net/v/20260321214325415";
  a.portal = "daum";
  a.title = std::move(title);
  a.authors = {"김기자"};
  a.published = Instant(std::chrono::seconds(1774097005));
  return a;
}

// The record of version `number` with `meta` and `refs`, delta-encoded against `prev`.
pb::VersionRecord Encode(uint32_t number, const VersionState* prev, const Article& meta,
                         const std::vector<BlockRef>& refs) {
  pb::VersionRecord rec;
  rec.set_number(number);
  rec.set_snapshot(IsSnapshotVersion(number));
  const bool whole = rec.snapshot() || prev == nullptr;
  EncodeMeta(whole ? nullptr : &prev->meta, meta, rec);
  EncodeBlocks(whole ? nullptr : &prev->refs, refs, rec);
  return rec;
}

TEST(VersionDeltaTest, SnapshotsEveryIntervalVersions) {
  EXPECT_TRUE(IsSnapshotVersion(1));
  EXPECT_FALSE(IsSnapshotVersion(2));
  EXPECT_FALSE(IsSnapshotVersion(kSnapshotInterval));
  EXPECT_TRUE(IsSnapshotVersion(kSnapshotInterval + 1));
  EXPECT_TRUE(IsSnapshotVersion(2 * kSnapshotInterval + 1));
}

TEST(VersionDeltaTest, AnEditIsOneInsertAndTheRestCopied) {
  VersionState v1;
  pb::VersionRecord r1 = Encode(1, nullptr, Meta("제목"), {Ref('a'), Ref('b'), Ref('c'), Ref('d')});
  ASSERT_TRUE(ApplyVersion(kId, r1, v1).ok());
  EXPECT_EQ(v1.refs, (std::vector<BlockRef>{Ref('a'), Ref('b'), Ref('c'), Ref('d')}));

  const std::vector<BlockRef> next = {Ref('a'), Ref('b'), Ref('x'), Ref('d')};
  pb::VersionRecord r2 = Encode(2, &v1, Meta("제목"), next);
  // copy 2, skip 1, insert x, copy 1; no metadata field, as none changed.
  ASSERT_EQ(r2.blocks_size(), 4);
  EXPECT_EQ(r2.blocks(0).copy(), 2u);
  EXPECT_EQ(r2.blocks(1).skip(), 1u);
  EXPECT_EQ(r2.blocks(2).insert().hash(), std::string(32, 'x'));
  EXPECT_EQ(r2.blocks(3).copy(), 1u);
  EXPECT_FALSE(r2.has_title());
  EXPECT_FALSE(r2.has_url());

  VersionState replay = v1;
  ASSERT_TRUE(ApplyVersion(kId, r2, replay).ok());
  EXPECT_EQ(replay.refs, next);
  EXPECT_EQ(replay.meta.title, "제목");
}

TEST(VersionDeltaTest, MetadataDeltasAndTrailingDropsReplay) {
  VersionState state;
  std::vector<Article> metas = {Meta("첫 제목"), Meta("둘째 제목"), Meta("둘째 제목"), Meta("셋째 제목")};
  metas[2].authors = {"김기자", "이기자"};
  metas[3].published.reset();
  metas[3].section = "정치";
  std::vector<std::vector<BlockRef>> lists = {{Ref('a'), Ref('b'), Ref('c')},
                                              {Ref('a'), Ref('b')},  // the last block dropped
                                              {Ref('z'), Ref('a'), Ref('b', BlockType::kSubheading)},
                                              {}};
  for (uint32_t n = 1; n <= metas.size(); ++n) {
    pb::VersionRecord rec = Encode(n, n == 1 ? nullptr : &state, metas[n - 1], lists[n - 1]);
    ASSERT_TRUE(ApplyVersion(kId, rec, state).ok()) << n;
    EXPECT_EQ(state.refs, lists[n - 1]) << n;
    EXPECT_EQ(state.meta, metas[n - 1]) << n;
  }
}

TEST(VersionDeltaTest, ASnapshotIgnoresThePreviousState) {
  VersionState state;
  state.meta = Meta("남은 상태");
  state.refs = {Ref('q')};
  pb::VersionRecord rec = Encode(kSnapshotInterval + 1, &state, Meta("새 스냅숏"), {Ref('a')});
  ASSERT_TRUE(rec.snapshot());
  ASSERT_TRUE(ApplyVersion(kId, rec, state).ok());
  EXPECT_EQ(state.meta, Meta("새 스냅숏"));
  EXPECT_EQ(state.refs, std::vector<BlockRef>{Ref('a')});
}

TEST(VersionDeltaTest, DamagedRecordsAreCorruption) {
  VersionState base;
  ASSERT_TRUE(ApplyVersion(kId, Encode(1, nullptr, Meta("제목"), {Ref('a'), Ref('b')}), base).ok());

  pb::VersionRecord past_end;
  past_end.set_number(2);
  past_end.add_blocks()->set_copy(3);
  past_end.set_block_count(3);
  VersionState s = base;
  EXPECT_TRUE(ApplyVersion(kId, past_end, s).IsCorruption());

  pb::VersionRecord bad_hash;
  bad_hash.set_number(2);
  bad_hash.add_blocks()->mutable_insert()->set_hash("short");
  bad_hash.set_block_count(1);
  s = base;
  EXPECT_TRUE(ApplyVersion(kId, bad_hash, s).IsCorruption());

  pb::VersionRecord empty_op;
  empty_op.set_number(2);
  empty_op.add_blocks();
  s = base;
  EXPECT_TRUE(ApplyVersion(kId, empty_op, s).IsCorruption());

  pb::VersionRecord miscounted;
  miscounted.set_number(2);
  miscounted.add_blocks()->set_copy(2);
  miscounted.set_block_count(5);
  s = base;
  Status st = ApplyVersion(kId, miscounted, s);
  EXPECT_TRUE(st.IsCorruption());
  EXPECT_NE(st.message().find(kId + " version 2"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace sinmun
