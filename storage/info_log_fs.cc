#include "storage/info_log_fs.h"

#include <rocksdb/system_clock.h>

namespace sinmun {
namespace {

using rocksdb::IODebugContext;
using rocksdb::IOOptions;
using rocksdb::IOStatus;

// A writable file whose failures are dropped (the info log's).
class BestEffortFile final : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  explicit BestEffortFile(std::unique_ptr<rocksdb::FSWritableFile> file)
      : FSWritableFileOwnerWrapper(std::move(file)) {}

  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o, IODebugContext* d) override {
    target()->Append(data, o, d).PermitUncheckedError();
    return IOStatus::OK();
  }
  IOStatus Append(const rocksdb::Slice& data, const IOOptions& o, const rocksdb::DataVerificationInfo& v,
                  IODebugContext* d) override {
    target()->Append(data, o, v, d).PermitUncheckedError();
    return IOStatus::OK();
  }
  IOStatus Flush(const IOOptions& o, IODebugContext* d) override {
    target()->Flush(o, d).PermitUncheckedError();
    return IOStatus::OK();
  }
  IOStatus Sync(const IOOptions& o, IODebugContext* d) override {
    target()->Sync(o, d).PermitUncheckedError();
    return IOStatus::OK();
  }
  IOStatus Fsync(const IOOptions& o, IODebugContext* d) override {
    target()->Fsync(o, d).PermitUncheckedError();
    return IOStatus::OK();
  }
  IOStatus Close(const IOOptions& o, IODebugContext* d) override {
    target()->Close(o, d).PermitUncheckedError();
    return IOStatus::OK();
  }
};

}  // namespace

InfoLogFs::InfoLogFs(const std::shared_ptr<rocksdb::FileSystem>& target) : rocksdb::FileSystemWrapper(target) {}

bool InfoLogFs::IsInfoLog(const std::string& path) {
  return path == "LOG" || (path.size() > 4 && path.compare(path.size() - 4, 4, "/LOG") == 0);
}

IOStatus InfoLogFs::NewWritableFile(const std::string& path, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result, IODebugContext* dbg) {
  IOStatus s = target()->NewWritableFile(path, options, result, dbg);
  if (s.ok() && IsInfoLog(path)) *result = std::make_unique<BestEffortFile>(std::move(*result));
  return s;
}

std::shared_ptr<rocksdb::Logger> OpenInfoLog(rocksdb::Env& env, const std::string& dir) {
  const std::string path = dir + "/LOG";
  if (env.FileExists(path).ok()) {
    const uint64_t now = env.GetSystemClock()->NowMicros();
    env.RenameFile(path, dir + "/LOG.old." + std::to_string(now)).PermitUncheckedError();
  }
  std::shared_ptr<rocksdb::Logger> log;
  if (!rocksdb::NewEnvLogger(path, &env, &log).ok()) return nullptr;
  log->SetInfoLogLevel(rocksdb::InfoLogLevel::INFO_LEVEL);
  return log;
}

}  // namespace sinmun
