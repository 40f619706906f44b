// Status and Result<T>: errors as values across module boundaries.
//
// Every fallible call that crosses a module boundary returns a Status (no value) or a
// Result<T> (a value or the Status that explains its absence). Library errors
// (rocksdb::Status, CURLcode, libxml2 errors, Boost exceptions) are converted at the
// edge that calls the library. Corruption (stored data is wrong) is kept apart from
// IOError (the environment failed), so callers can tell "repair" from "retry".
//
// Thread-safety: values; safe to copy and move between threads.
#ifndef SINMUN_COMMON_STATUS_H_
#define SINMUN_COMMON_STATUS_H_

#include <cassert>
#include <optional>
#include <string>
#include <utility>

namespace sinmun {

class [[nodiscard]] Status {
 public:
  enum class Code {
    kOk,
    kNotFound,         // the thing asked for does not exist
    kInvalidArgument,  // the caller's input (or outside input) is malformed
    kCorruption,       // stored data is inconsistent
    kIOError,          // the environment failed (disk, network)
    kBusy,             // another process holds a resource (the archive's writer lock)
    kUnsupported,      // well-formed, but not something we handle
  };

  Status() = default;
  static Status Ok() { return Status(); }
  static Status NotFound(std::string msg) { return Status(Code::kNotFound, std::move(msg)); }
  static Status InvalidArgument(std::string msg) {
    return Status(Code::kInvalidArgument, std::move(msg));
  }
  static Status Corruption(std::string msg) { return Status(Code::kCorruption, std::move(msg)); }
  static Status IOError(std::string msg) { return Status(Code::kIOError, std::move(msg)); }
  static Status Busy(std::string msg) { return Status(Code::kBusy, std::move(msg)); }
  static Status Unsupported(std::string msg) {
    return Status(Code::kUnsupported, std::move(msg));
  }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  const std::string& message() const { return message_; }

  // "not found: no article naver:001:0000000001"; "ok" for success.
  std::string ToString() const;

 private:
  Status(Code code, std::string msg) : code_(code), message_(std::move(msg)) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// A value of T, or the non-ok Status that explains why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    assert(!status_.ok() && "a Result without a value needs an error Status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  // REQUIRES: ok()
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace sinmun

#endif  // SINMUN_COMMON_STATUS_H_
