// ArchiveWatch (daemon/archive_watch.h) over a real archive whose file system fails writes
// on demand (tests/support/failing_fs.h), with a fake clock: pause, say so, check, resume.
#include "daemon/archive_watch.h"

#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <stdlib.h>

#include <filesystem>
#include <vector>

#include "tests/support/failing_fs.h"

namespace sinmun {
namespace {

using std::chrono::seconds;
using test_support::FailingFs;

class RecordingNotifier final : public Notifier {
 public:
  void Notify(std::string_view state) override { messages.emplace_back(state); }
  std::optional<std::chrono::milliseconds> WatchdogInterval() const override { return std::nullopt; }
  std::vector<std::string> messages;
};

class ArchiveWatchTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string templ = (std::filesystem::temp_directory_path() / "sinmun-watch-XXXXXX").string();
    dir_ = mkdtemp(templ.data());
    fs_ = std::make_shared<FailingFs>();
    env_ = rocksdb::NewCompositeEnv(fs_);
    ArchiveOptions o;
    o.sync = false;
    o.env = env_.get();
    auto a = Archive::Open(dir_ + "/archive", Archive::Mode::kReadWrite, o);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    archive_ = std::move(*a);
    watch_ = std::make_unique<ArchiveWatch>(*archive_, dir_ + "/archive", health_, metrics_, notifier_);
  }
  void TearDown() override {
    watch_.reset();
    archive_.reset();
    std::filesystem::remove_all(dir_);
  }

  Status Write() {
    ScheduleChange change;
    change.put.emplace_back("https://v.daum.net/v/" + std::to_string(++writes_), "task");
    return archive_->UpdateSchedule(change);
  }
  MonoTime Now() const { return clock_.Monotonic(); }
  double Writable() const { return metrics_.Get("sinmun_archive_writable", {}); }

  FakeClock clock_{Instant(seconds(1774097005))};
  std::string dir_;
  std::shared_ptr<FailingFs> fs_;
  std::unique_ptr<rocksdb::Env> env_;
  std::unique_ptr<Archive> archive_;
  Health health_;
  Metrics metrics_;
  RecordingNotifier notifier_;
  std::unique_ptr<ArchiveWatch> watch_;
  int writes_ = 0;
};

TEST_F(ArchiveWatchTest, PausesOnAFullDiskAndResumesWhenWritesSucceedAgain) {
  EXPECT_EQ(watch_->Poll(Now()), ArchiveWatch::State::kWriting);
  EXPECT_EQ(Writable(), 1);
  ASSERT_TRUE(Write().ok());
  EXPECT_FALSE(watch_->OnWriteFailed(Now())) << "nothing failed: the archive is writable";

  fs_->Fail(FailingFs::Error::kNoSpace);
  ASSERT_FALSE(Write().ok());
  EXPECT_TRUE(watch_->OnWriteFailed(Now()));
  EXPECT_EQ(watch_->state(), ArchiveWatch::State::kPaused);
  EXPECT_NE(watch_->reason().find("not writable (no space left)"), std::string::npos) << watch_->reason();
  EXPECT_NE(watch_->reason().find("bytes free"), std::string::npos) << watch_->reason();
  HealthReport r = health_.Report();
  EXPECT_EQ(r.http_status(), 503);
  ASSERT_EQ(r.reasons.size(), 1u);
  EXPECT_EQ(r.reasons[0].first, "archive");
  EXPECT_EQ(Writable(), 0);
  ASSERT_FALSE(notifier_.messages.empty());
  EXPECT_EQ(notifier_.messages.back().rfind("STATUS=paused: archive ", 0), 0u) << notifier_.messages.back();
  ScheduleChange deferred;
  deferred.put.emplace_back("https://v.daum.net/v/deferred", "task");
  watch_->Defer(deferred);
  const size_t told = notifier_.messages.size();
  EXPECT_TRUE(watch_->OnWriteFailed(Now()));
  EXPECT_EQ(notifier_.messages.size(), told) << "a later failure while paused is not told again";

  // Before kCheckEvery nothing is tried; after, a resume is tried and fails while full.
  clock_.Advance(seconds(1));
  EXPECT_EQ(watch_->Poll(Now()), ArchiveWatch::State::kPaused);
  clock_.Advance(ArchiveWatch::kCheckEvery);
  EXPECT_EQ(watch_->Poll(Now()), ArchiveWatch::State::kPaused);
  EXPECT_FALSE(archive_->Writable().writable());
  EXPECT_EQ(watch_->deferred(), 1u);

  fs_->Fail(FailingFs::Error::kNone);
  clock_.Advance(seconds(1));
  EXPECT_EQ(watch_->Poll(Now()), ArchiveWatch::State::kPaused) << "not checked again so soon";
  clock_.Advance(ArchiveWatch::kCheckEvery);
  EXPECT_EQ(watch_->Poll(Now()), ArchiveWatch::State::kWriting);
  EXPECT_EQ(watch_->reason(), "");
  EXPECT_EQ(health_.Report().Body(), "ok\n");
  EXPECT_EQ(Writable(), 1);
  EXPECT_EQ(watch_->deferred(), 0u) << "the deferred schedule change is written at the resume";
  Result<std::vector<std::pair<std::string, std::string>>> schedule = archive_->LoadSchedule();
  ASSERT_TRUE(schedule.ok()) << schedule.status().message();
  bool found = false;
  for (const auto& [key, value] : *schedule) found = found || key == "https://v.daum.net/v/deferred";
  EXPECT_TRUE(found);
  EXPECT_TRUE(Write().ok());
}

TEST_F(ArchiveWatchTest, AnUnrecoverableErrorFails) {
  fs_->Fail(FailingFs::Error::kIOError);
  ASSERT_FALSE(Write().ok());
  EXPECT_TRUE(watch_->OnWriteFailed(Now()));
  EXPECT_EQ(watch_->state(), ArchiveWatch::State::kFailed);
  EXPECT_NE(watch_->reason().find("unrecoverable"), std::string::npos) << watch_->reason();
  EXPECT_EQ(health_.Report().http_status(), 503);
  fs_->Fail(FailingFs::Error::kNone);
  clock_.Advance(ArchiveWatch::kCheckEvery * 2);
  EXPECT_EQ(watch_->Poll(Now()), ArchiveWatch::State::kFailed) << "never resumed";
}

TEST_F(ArchiveWatchTest, SeesAnArchiveThatStoppedWithoutAWriteOfItsOwnFailing) {
  fs_->Fail(FailingFs::Error::kNoSpace);
  ASSERT_FALSE(Write().ok());  // as if by another path (a background flush)
  EXPECT_EQ(watch_->Poll(Now()), ArchiveWatch::State::kPaused);
  EXPECT_EQ(health_.Report().http_status(), 503);
}

}  // namespace
}  // namespace sinmun
