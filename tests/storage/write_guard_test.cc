// A full disk and other write faults: WriteGuard's classification, and the archive over a
// RocksDB file system that fails writes on demand (tests/support/failing_fs.h).
//
// RocksDB 7.8 as Debian builds it keeps its assertions: a WAL sync or a memtable flush
// after a failed WAL write aborts the process. These tests make those calls through the
// archive after a failure, so an archive that passed them on to RocksDB would kill the test.
#include "storage/write_guard.h"

#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <stdlib.h>

#include <filesystem>

#include "storage/archive.h"
#include "tests/support/failing_fs.h"

namespace sinmun {
namespace {

using rocksdb::Status;
using test_support::FailingFs;
using Severity = rocksdb::Status::Severity;

TEST(WriteGuardTest, ClassifiesBySeverityThenCode) {
  EXPECT_EQ(WriteGuard::Classify(Status::OK()), WriteState::kWritable);
  EXPECT_EQ(WriteGuard::Classify(Status::NoSpace()), WriteState::kNoSpace);
  EXPECT_EQ(WriteGuard::Classify(Status(Status::NoSpace(), Severity::kHardError)), WriteState::kNoSpace);
  EXPECT_EQ(WriteGuard::Classify(Status::SpaceLimit()), WriteState::kNoSpace);
  EXPECT_EQ(WriteGuard::Classify(Status::IOError("disk")), WriteState::kIOError);
  EXPECT_EQ(WriteGuard::Classify(Status(Status::IOError("disk"), Severity::kHardError)), WriteState::kIOError);
  EXPECT_EQ(WriteGuard::Classify(Status(Status::IOError("disk"), Severity::kFatalError)),
            WriteState::kUnrecoverable);
  EXPECT_EQ(WriteGuard::Classify(Status(Status::NoSpace(), Severity::kUnrecoverableError)),
            WriteState::kUnrecoverable);
  EXPECT_EQ(WriteGuard::Classify(Status::Corruption("bad block")), WriteState::kUnrecoverable);
  // A soft error (a compaction without room) stalls compactions; writes go on.
  EXPECT_EQ(WriteGuard::Classify(Status(Status::NoSpace(), Severity::kSoftError)), WriteState::kWritable);
}

TEST(WriteGuardTest, KeepsTheWorstUntilResumed) {
  WriteGuard guard;
  EXPECT_TRUE(guard.writable());
  Status no_space(Status::NoSpace(), Severity::kHardError);
  guard.OnBackgroundError(rocksdb::BackgroundErrorReason::kWriteCallback, &no_space);
  EXPECT_EQ(guard.Get().state, WriteState::kNoSpace);
  EXPECT_NE(guard.Get().error.find("No space"), std::string::npos) << guard.Get().error;
  guard.OnWriteError(Status(Status::IOError("lost"), Severity::kFatalError));
  EXPECT_EQ(guard.Get().state, WriteState::kUnrecoverable);
  guard.OnWriteError(Status::NoSpace());
  EXPECT_EQ(guard.Get().state, WriteState::kUnrecoverable) << "never better by a milder error";
  bool auto_recovery = true;
  guard.OnErrorRecoveryBegin(rocksdb::BackgroundErrorReason::kFlush, Status::NoSpace(), &auto_recovery);
  EXPECT_FALSE(auto_recovery) << "the archive's owner resumes";
  guard.OnResumed();
  EXPECT_TRUE(guard.writable());
  EXPECT_EQ(guard.Get().error, "");
}

class FullDiskTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-full-disk-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    fs_ = std::make_shared<FailingFs>();
    env_ = rocksdb::NewCompositeEnv(fs_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::unique_ptr<Archive> Open() {
    ArchiveOptions o;
    o.sync = false;
    o.env = env_.get();
    auto a = Archive::Open(dir_ + "/archive", Archive::Mode::kReadWrite, o);
    EXPECT_TRUE(a.ok()) << a.status().ToString();
    return a.ok() ? std::move(a).value() : nullptr;
  }

  static Fetch FetchOf(int n) {
    Article a;
    a.id = "daum:" + std::to_string(20260321214325000LL + n);
    a.url = "https://v.daum.net/v/" + a.id.substr(5);
    a.portal = "daum";
    a.title = "기사 " + std::to_string(n);
    Block b;
    b.text = "기사 " + std::to_string(n) + "의 본문: 정부는 오늘 새 예산안을 발표했다.";
    a.blocks = {b};
    Fetch f;
    f.url = a.url;
    f.fetched_at = Instant(std::chrono::seconds(1774097005 + n));
    f.article = a;
    return f;
  }

  std::string dir_;
  std::shared_ptr<FailingFs> fs_;
  std::unique_ptr<rocksdb::Env> env_;
};

TEST_F(FullDiskTest, StopsCleanlyAndResumesWhenSpaceReturns) {
  auto archive = Open();
  ASSERT_NE(archive, nullptr);
  for (int n = 1; n <= 3; ++n) ASSERT_TRUE(archive->Record(FetchOf(n)).ok()) << n;
  EXPECT_TRUE(archive->Writable().writable());

  fs_->Fail(FailingFs::Error::kNoSpace);
  Result<RecordResult> failed = archive->Record(FetchOf(4));
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), sinmun::Status::Code::kIOError);
  Writability w = archive->Writable();
  EXPECT_EQ(w.state, WriteState::kNoSpace);
  EXPECT_NE(w.error.find("No space"), std::string::npos) << w.error;
  // Every write now fails at once; none reaches the stopped RocksDB (its WAL sync would abort).
  EXPECT_FALSE(archive->Record(FetchOf(5)).ok());
  EXPECT_EQ(archive->SyncWal().code(), sinmun::Status::Code::kIOError);
  EXPECT_FALSE(archive->UpdateSchedule(ScheduleChange{{{"https://a/", "task"}}, {}}).ok());
  EXPECT_FALSE(archive->SetSourceHealth("src", "broken").ok());
  // Reads go on.
  EXPECT_EQ(archive->Version(FetchOf(2).article->id, 1)->article.title, "기사 2");
  EXPECT_TRUE(archive->Head(FetchOf(4).article->id).status().IsNotFound());

  // Still full: resuming fails and the archive stays stopped.
  EXPECT_FALSE(archive->Resume().ok());
  EXPECT_FALSE(archive->Writable().writable());

  fs_->Fail(FailingFs::Error::kNone);
  ASSERT_TRUE(archive->Resume().ok());
  EXPECT_TRUE(archive->Writable().writable());
  EXPECT_TRUE(archive->Resume().ok()) << "resuming a writable archive does nothing";
  for (int n = 4; n <= 5; ++n) EXPECT_EQ(archive->Record(FetchOf(n))->outcome, Outcome::kNew) << n;
  EXPECT_TRUE(archive->SyncWal().ok());
  EXPECT_TRUE(archive->Verify()->ok());
  archive.reset();

  auto reopened = Archive::Open(dir_ + "/archive", Archive::Mode::kReadWrite);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->Stats()->articles, 5u);
  EXPECT_TRUE((*reopened)->Verify()->ok());
}

TEST_F(FullDiskTest, AStoppedArchiveClosesAndKeepsWhatWasAcknowledged) {
  auto archive = Open();
  ASSERT_NE(archive, nullptr);
  for (int n = 1; n <= 3; ++n) ASSERT_TRUE(archive->Record(FetchOf(n)).ok()) << n;
  fs_->Fail(FailingFs::Error::kNoSpace);
  EXPECT_FALSE(archive->Record(FetchOf(4)).ok());
  archive.reset();  // closes without the flush (which would touch the failed WAL)
  fs_->Fail(FailingFs::Error::kNone);

  auto reopened = Archive::Open(dir_ + "/archive", Archive::Mode::kReadWrite);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->Stats()->articles, 3u);
  EXPECT_TRUE((*reopened)->Verify()->ok());
  EXPECT_EQ((*reopened)->Record(FetchOf(4))->outcome, Outcome::kNew);
}

// An I/O error in a WAL write is fatal to RocksDB: the archive says so and refuses to
// resume; closed and opened again (the disk mended), it holds what it acknowledged.
TEST_F(FullDiskTest, AnIOErrorIsUnrecoverableUntilReopened) {
  auto archive = Open();
  ASSERT_NE(archive, nullptr);
  for (int n = 1; n <= 2; ++n) ASSERT_TRUE(archive->Record(FetchOf(n)).ok()) << n;
  fs_->Fail(FailingFs::Error::kIOError);
  EXPECT_FALSE(archive->Record(FetchOf(3)).ok());
  Writability w = archive->Writable();
  EXPECT_EQ(w.state, WriteState::kUnrecoverable);
  EXPECT_NE(w.error.find("Input/output error"), std::string::npos) << w.error;
  fs_->Fail(FailingFs::Error::kNone);
  EXPECT_EQ(archive->Resume().code(), sinmun::Status::Code::kUnsupported);
  EXPECT_FALSE(archive->Record(FetchOf(3)).ok());
  EXPECT_EQ(archive->SyncWal().code(), sinmun::Status::Code::kIOError);
  archive.reset();

  archive = Open();
  ASSERT_NE(archive, nullptr);
  EXPECT_EQ(archive->Stats()->articles, 2u);
  EXPECT_EQ(archive->Record(FetchOf(3))->outcome, Outcome::kNew);
  EXPECT_TRUE(archive->Verify()->ok());
}

TEST_F(FullDiskTest, AReadOnlyArchiveIsAlwaysWritableAndCannotResume) {
  { ASSERT_NE(Open(), nullptr); }
  auto reader = Archive::Open(dir_ + "/archive", Archive::Mode::kReadOnly);
  ASSERT_TRUE(reader.ok()) << reader.status().ToString();
  EXPECT_TRUE((*reader)->Writable().writable());
  EXPECT_EQ((*reader)->Resume().code(), sinmun::Status::Code::kUnsupported);
  Result<uint64_t> free = (*reader)->FreeBytes();
  ASSERT_TRUE(free.ok()) << free.status().ToString();
  EXPECT_GT(*free, 0u);
}

}  // namespace
}  // namespace sinmun
