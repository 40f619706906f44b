// SQLite handles for the search index (storage/search/search_index.h), the only user of
// SQLite: a connection and a prepared statement, each owning its C handle, and SQLite's
// result codes turned into Status values (corruption apart from I/O errors, a busy
// database apart from both).
//
// Thread-safety: a connection and its statements are used by one thread at a time.
#ifndef SINMUN_STORAGE_SEARCH_SQLITE_H_
#define SINMUN_STORAGE_SEARCH_SQLITE_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace sinmun {

// Status for SQLite result code `rc` on `db` (which may be null): Corruption for
// SQLITE_CORRUPT and SQLITE_NOTADB, Busy for SQLITE_BUSY and SQLITE_LOCKED, NotFound for
// SQLITE_CANTOPEN, IOError otherwise; the message is "what: SQLite's message".
Status SqliteStatus(int rc, sqlite3* db, std::string_view what);

class SqliteDb {
 public:
  // Opens the database file at `path`; read_only opens it without the right to write (and
  // fails with NotFound when there is no such file), otherwise it is created when missing.
  // Busy readers and writers wait up to 10 s for each other.
  static Result<std::unique_ptr<SqliteDb>> Open(const std::string& path, bool read_only);

  ~SqliteDb();
  SqliteDb(const SqliteDb&) = delete;
  SqliteDb& operator=(const SqliteDb&) = delete;

  sqlite3* get() const { return db_; }
  // Runs one or more statements that return no rows.
  Status Exec(std::string_view sql);
  // Rows changed by INSERT/UPDATE/DELETE since the connection opened (sqlite3_total_changes).
  int64_t TotalChanges() const;

 private:
  explicit SqliteDb(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

class Statement {
 public:
  // Prepares `sql` on `db`, kept for reuse (SQLITE_PREPARE_PERSISTENT).
  static Result<Statement> Prepare(SqliteDb& db, std::string_view sql);

  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Parameters count from 1. Text is copied.
  Statement& Bind(int i, int64_t v);
  Statement& Bind(int i, std::string_view v);
  Statement& BindNull(int i);
  // true: a row is ready (read it with Int/Text/IsNull); false: done.
  Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  Status Run();
  // Steps to the end: the first column of every row, as text.
  Result<std::vector<std::string>> Texts();
  int64_t Int(int column) const;
  std::string_view Text(int column) const;
  bool IsNull(int column) const;
  // Ready to run again, parameters kept.
  void Reset();

 private:
  Statement(sqlite3_stmt* stmt, SqliteDb* db) : stmt_(stmt), db_(db) {}
  sqlite3_stmt* stmt_ = nullptr;
  SqliteDb* db_ = nullptr;
};

}  // namespace sinmun

#endif  // SINMUN_STORAGE_SEARCH_SQLITE_H_
