#include "tests/support/failing_fs.h"

namespace sinmun::test_support {
namespace {

using rocksdb::IOStatus;

class FailingFile : public rocksdb::FSWritableFileOwnerWrapper {
 public:
  FailingFile(std::unique_ptr<rocksdb::FSWritableFile> f, const std::atomic<FailingFs::Error>& error)
      : FSWritableFileOwnerWrapper(std::move(f)), error_(error) {}

  IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                  rocksdb::IODebugContext* d) override {
    IOStatus s = Injected();
    return s.ok() ? target()->Append(data, o, d) : s;
  }
  IOStatus Append(const rocksdb::Slice& data, const rocksdb::IOOptions& o,
                  const rocksdb::DataVerificationInfo& v, rocksdb::IODebugContext* d) override {
    IOStatus s = Injected();
    return s.ok() ? target()->Append(data, o, v, d) : s;
  }

 private:
  IOStatus Injected() const {
    switch (error_.load()) {
      case FailingFs::Error::kNone: return IOStatus::OK();
      case FailingFs::Error::kNoSpace: return IOStatus::NoSpace("injected: No space left on device");
      case FailingFs::Error::kIOError: return IOStatus::IOError("injected: Input/output error");
    }
    return IOStatus::OK();
  }

  const std::atomic<FailingFs::Error>& error_;
};

}  // namespace

FailingFs::FailingFs() : rocksdb::FileSystemWrapper(rocksdb::FileSystem::Default()) {}

IOStatus FailingFs::NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r, rocksdb::IODebugContext* d) {
  return Wrap(target()->NewWritableFile(f, o, r, d), r);
}

IOStatus FailingFs::ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                       std::unique_ptr<rocksdb::FSWritableFile>* r,
                                       rocksdb::IODebugContext* d) {
  return Wrap(target()->ReopenWritableFile(f, o, r, d), r);
}

IOStatus FailingFs::Wrap(IOStatus s, std::unique_ptr<rocksdb::FSWritableFile>* r) {
  if (s.ok()) *r = std::make_unique<FailingFile>(std::move(*r), error_);
  return s;
}

}  // namespace sinmun::test_support
