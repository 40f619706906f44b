// InfoLogFs: the file system the archive gives RocksDB — the given one (the default, or a
// test's), except that RocksDB's info log (the LOG file) is written on a best-effort basis.
//
// RocksDB writes its info log through the same buffered file writer as its data files,
// and that writer, in a build with assertions (Debian's), asserts when it is written to
// after a failed write: on a full disk the LOG's first failed append turns the next log
// line — at the next flush, the next background error — into an abort. The LOG is a
// diagnostic: a line that cannot be written is dropped instead (errors of its appends,
// flushes, syncs and close are not passed on). Every other file passes through untouched,
// so a failed data write still reaches RocksDB's error handling (storage/write_guard.h).
//
// RocksDB creates its own info log through its default file system, not the one it is
// given; OpenInfoLog creates it through ours, as RocksDB would (the previous LOG kept as
// LOG.old.<microseconds>, which RocksDB prunes to DBOptions::keep_log_file_num), for
// DBOptions::info_log.
//
// Thread-safety: as the wrapped file system.
#ifndef SINMUN_STORAGE_INFO_LOG_FS_H_
#define SINMUN_STORAGE_INFO_LOG_FS_H_

#include <rocksdb/env.h>
#include <rocksdb/file_system.h>

#include <memory>
#include <string>

namespace sinmun {

class InfoLogFs final : public rocksdb::FileSystemWrapper {
 public:
  explicit InfoLogFs(const std::shared_ptr<rocksdb::FileSystem>& target);
  const char* Name() const override { return "sinmun::InfoLogFs"; }

  // Whether `path` names RocksDB's info log (a file named "LOG").
  static bool IsInfoLog(const std::string& path);

  rocksdb::IOStatus NewWritableFile(const std::string& path, const rocksdb::FileOptions& options,
                                    std::unique_ptr<rocksdb::FSWritableFile>* result,
                                    rocksdb::IODebugContext* dbg) override;
};

// The info log of the archive in `dir` (which exists), written through `env`'s file
// system (one with InfoLogFs); null when it cannot be created (RocksDB then logs nothing).
std::shared_ptr<rocksdb::Logger> OpenInfoLog(rocksdb::Env& env, const std::string& dir);

}  // namespace sinmun

#endif  // SINMUN_STORAGE_INFO_LOG_FS_H_
