// InfoLogFs (storage/info_log_fs.h): RocksDB's info log drops what it cannot write; data
// files keep their errors.
#include "storage/info_log_fs.h"

#include <gtest/gtest.h>
#include <rocksdb/env.h>
#include <stdlib.h>

#include <filesystem>

#include "tests/support/failing_fs.h"

namespace sinmun {
namespace {

using test_support::FailingFs;

TEST(InfoLogFsTest, OnlyTheInfoLogIsBestEffort) {
  EXPECT_TRUE(InfoLogFs::IsInfoLog("/var/lib/sinmun/LOG"));
  EXPECT_TRUE(InfoLogFs::IsInfoLog("LOG"));
  EXPECT_FALSE(InfoLogFs::IsInfoLog("/var/lib/sinmun/000004.log"));
  EXPECT_FALSE(InfoLogFs::IsInfoLog("/var/lib/sinmun/LOG.old.1774097005"));
  EXPECT_FALSE(InfoLogFs::IsInfoLog("/var/lib/sinmun/CATALOG"));

  std::string templ = (std::filesystem::temp_directory_path() / "sinmun-info-log-XXXXXX").string();
  const std::string dir = mkdtemp(templ.data());
  auto failing = std::make_shared<FailingFs>();
  InfoLogFs fs(failing);
  failing->Fail(FailingFs::Error::kNoSpace);
  rocksdb::IOOptions io;
  std::unique_ptr<rocksdb::FSWritableFile> log, wal;
  ASSERT_TRUE(fs.NewWritableFile(dir + "/LOG", rocksdb::FileOptions(), &log, nullptr).ok());
  ASSERT_TRUE(fs.NewWritableFile(dir + "/000004.log", rocksdb::FileOptions(), &wal, nullptr).ok());
  EXPECT_TRUE(log->Append("a line RocksDB logs\n", io, nullptr).ok());
  EXPECT_TRUE(log->Flush(io, nullptr).ok());
  EXPECT_TRUE(wal->Append("a record", io, nullptr).IsNoSpace());
  failing->Fail(FailingFs::Error::kNone);
  EXPECT_TRUE(log->Append("the next line\n", io, nullptr).ok());
  EXPECT_TRUE(log->Close(io, nullptr).ok());
  EXPECT_TRUE(wal->Close(io, nullptr).ok());
  std::filesystem::remove_all(dir);
}

// RocksDB's own info log (rocksdb::NewEnvLogger, as the archive opens it) over a disk that
// fills: its buffered writer never sees the failures, so the lines after them do not abort.
TEST(InfoLogFsTest, TheInfoLogOutlivesAFullDisk) {
  std::string templ = (std::filesystem::temp_directory_path() / "sinmun-info-log-XXXXXX").string();
  const std::string dir = mkdtemp(templ.data());
  auto failing = std::make_shared<FailingFs>();
  std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(std::make_shared<InfoLogFs>(failing));
  {
    std::shared_ptr<rocksdb::Logger> log = OpenInfoLog(*env, dir);
    ASSERT_NE(log, nullptr);
    rocksdb::Log(rocksdb::InfoLogLevel::INFO_LEVEL, log, "before the disk filled");
    log->Flush();
    failing->Fail(FailingFs::Error::kNoSpace);
    for (int i = 0; i < 3; ++i) {
      rocksdb::Log(rocksdb::InfoLogLevel::WARN_LEVEL, log, "line %d, written nowhere", i);
      log->Flush();
    }
    failing->Fail(FailingFs::Error::kNone);
    rocksdb::Log(rocksdb::InfoLogLevel::INFO_LEVEL, log, "after space came back");
    log->Flush();
    EXPECT_TRUE(log->Close().ok());
  }
  EXPECT_TRUE(std::filesystem::exists(dir + "/LOG"));
  // A second open keeps the first log as LOG.old.<microseconds>, as RocksDB does.
  ASSERT_NE(OpenInfoLog(*env, dir), nullptr);
  size_t old = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    old += entry.path().filename().string().rfind("LOG.old.", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(old, 1u);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace sinmun
