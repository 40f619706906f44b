// FailingFs: a RocksDB file system that fails writes on demand, for unit tests of what the
// archive and the daemon do when the disk fills or fails (as leveldb's SpecialEnv does).
// Every append to a file opened for writing fails with the chosen error while set; reads
// and everything else pass through to the default file system.
//
//   auto fs = std::make_shared<FailingFs>();
//   std::unique_ptr<rocksdb::Env> env = rocksdb::NewCompositeEnv(fs);  // ArchiveOptions::env
//   fs->Fail(FailingFs::Error::kNoSpace);  ...  fs->Fail(FailingFs::Error::kNone);
//
// Thread-safety: Fail may be called from any thread (RocksDB writes from its own).
#ifndef SINMUN_TESTS_SUPPORT_FAILING_FS_H_
#define SINMUN_TESTS_SUPPORT_FAILING_FS_H_

#include <rocksdb/file_system.h>

#include <atomic>
#include <memory>
#include <string>

namespace sinmun::test_support {

class FailingFs : public rocksdb::FileSystemWrapper {
 public:
  enum class Error { kNone, kNoSpace, kIOError };  // kIOError: EIO, which RocksDB deems fatal in a WAL write

  FailingFs();
  const char* Name() const override { return "FailingFs"; }
  void Fail(Error error) { error_ = error; }

  rocksdb::IOStatus NewWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                    std::unique_ptr<rocksdb::FSWritableFile>* r,
                                    rocksdb::IODebugContext* d) override;
  rocksdb::IOStatus ReopenWritableFile(const std::string& f, const rocksdb::FileOptions& o,
                                       std::unique_ptr<rocksdb::FSWritableFile>* r,
                                       rocksdb::IODebugContext* d) override;

 private:
  rocksdb::IOStatus Wrap(rocksdb::IOStatus s, std::unique_ptr<rocksdb::FSWritableFile>* r);

  std::atomic<Error> error_{Error::kNone};
};

}  // namespace sinmun::test_support

#endif  // SINMUN_TESTS_SUPPORT_FAILING_FS_H_
