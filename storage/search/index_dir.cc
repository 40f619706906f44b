#include "storage/search/index_dir.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <vector>

#include "storage/search/xapian_index.h"

namespace sinmun {
namespace {

namespace fs = std::filesystem;

constexpr const char* kCurrent = "CURRENT";
constexpr const char* kRebuild = "REBUILD";
constexpr const char* kPrefix = "index-";
constexpr const char* kSuffix = ".sqlite";

// N of "index-N.sqlite" (or of its -wal/-shm files: `base` is then the database's name);
// -1 for other names.
long long Generation(const std::string& name, std::string* base) {
  if (!name.starts_with(kPrefix)) return -1;
  const size_t dot = name.find(kSuffix);
  if (dot == std::string::npos) return -1;
  const std::string digits = name.substr(std::strlen(kPrefix), dot - std::strlen(kPrefix));
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return -1;
  if (base != nullptr) *base = name.substr(0, dot + std::strlen(kSuffix));
  return std::stoll(digits);
}

Status WriteFileSynced(const fs::path& path, const std::string& text) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return Status::IOError("cannot write " + path.string() + ": " + std::strerror(errno));
  const bool ok = ::write(fd, text.data(), text.size()) == static_cast<ssize_t>(text.size()) && ::fsync(fd) == 0;
  const int err = errno;
  ::close(fd);
  if (!ok) return Status::IOError("cannot write " + path.string() + ": " + std::strerror(err));
  return Status::Ok();
}

void SyncDir(const fs::path& dir) {
  const int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd >= 0) {
    ::fsync(fd);
    ::close(fd);
  }
}

// The Xapian database's own files (glass backend).
bool IsXapianFile(const std::string& name) {
  return name == "iamglass" || name == "flintlock" || name.ends_with(".glass") || name.ends_with(".baseA") ||
         name.ends_with(".baseB") || name.ends_with(".tmp");
}

}  // namespace

Result<IndexDir::State> IndexDir::Read() const {
  State state;
  std::error_code ec;
  const fs::path current = fs::path(dir_) / kCurrent;
  if (fs::exists(current, ec)) {
    std::ifstream in(current);
    std::string name;
    std::getline(in, name);
    if (!in && !in.eof()) return Status::IOError("cannot read " + current.string());
    if (Generation(name, nullptr) < 0 || name.find('/') != std::string::npos) {
      return Status::Corruption(current.string() + " names no index file (\"" + name + "\")");
    }
    state.kind = Kind::kCurrent;
    state.path = (fs::path(dir_) / name).string();
    return state;
  }
  if (IsXapianIndex(dir_)) {
    state.kind = Kind::kXapian;
    state.path = dir_;
  }
  return state;
}

Result<std::string> IndexDir::NewIndexPath() const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::IOError("cannot create " + dir_ + ": " + ec.message());
  long long last = 0;
  for (const auto& e : fs::directory_iterator(dir_, ec)) last = std::max(last, Generation(e.path().filename(), nullptr));
  if (ec) return Status::IOError("cannot list " + dir_ + ": " + ec.message());
  return (fs::path(dir_) / (kPrefix + std::to_string(last + 1) + kSuffix)).string();
}

Status IndexDir::Install(const std::string& path) const {
  const fs::path dir(dir_);
  const std::string name = fs::path(path).filename();
  if (Generation(name, nullptr) < 0 || fs::path(path).parent_path() != dir) {
    return Status::InvalidArgument(path + " is not an index file of " + dir_);
  }
  const fs::path tmp = dir / "CURRENT.tmp";
  if (Status s = WriteFileSynced(tmp, name + "\n"); !s.ok()) return s;
  std::error_code ec;
  fs::rename(tmp, dir / kCurrent, ec);
  if (ec) return Status::IOError("cannot install " + path + ": " + ec.message());
  SyncDir(dir);
  RemoveStale(path);
  std::vector<fs::path> xapian;
  for (const auto& e : fs::directory_iterator(dir, ec)) {
    if (IsXapianFile(e.path().filename())) xapian.push_back(e.path());
  }
  for (const fs::path& p : xapian) fs::remove(p, ec);
  return Status::Ok();
}

void IndexDir::RemoveStale(const std::string& keep) const {
  std::string current;
  if (Result<State> s = Read(); s.ok() && s->kind == Kind::kCurrent) current = fs::path(s->path).filename();
  const std::string kept = keep.empty() ? "" : std::string(fs::path(keep).filename());
  std::error_code ec;
  std::vector<fs::path> stale;
  for (const auto& e : fs::directory_iterator(dir_, ec)) {
    std::string base;
    if (Generation(e.path().filename(), &base) < 0) continue;
    if (base != current && base != kept) stale.push_back(e.path());
  }
  for (const fs::path& p : stale) fs::remove(p, ec);
}

Status IndexDir::RequestRebuild() const {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) return Status::IOError("cannot create " + dir_ + ": " + ec.message());
  return WriteFileSynced(fs::path(dir_) / kRebuild, "rebuild the search index\n");
}

bool IndexDir::RebuildRequested() const {
  std::error_code ec;
  return fs::exists(fs::path(dir_) / kRebuild, ec);
}

void IndexDir::ClearRebuildRequest() const {
  std::error_code ec;
  fs::remove(fs::path(dir_) / kRebuild, ec);
}

Result<std::unique_ptr<SearchReader>> OpenSearchReader(const IndexDir& dir, bool* older_layout) {
  *older_layout = false;
  for (int attempt = 0;; ++attempt) {
    Result<IndexDir::State> state = dir.Read();
    if (!state.ok()) return state.status();
    if (state->kind == IndexDir::Kind::kNone) return Status::NotFound("no search index");
    if (state->kind == IndexDir::Kind::kXapian) {
      *older_layout = true;
      Result<std::unique_ptr<XapianIndex>> x = XapianIndex::Open(state->path);
      if (!x.ok()) return x.status();
      return std::unique_ptr<SearchReader>(std::move(*x));
    }
    Result<std::unique_ptr<SearchIndex>> index = SearchIndex::Open(state->path, SearchIndex::Mode::kReadOnly);
    // A rebuild swapped indexes between reading CURRENT and opening the file: read again.
    if (!index.ok() && index.status().IsNotFound() && attempt == 0) continue;
    if (!index.ok()) return index.status();
    *older_layout = (*index)->older_layout();
    return std::unique_ptr<SearchReader>(std::move(*index));
  }
}

}  // namespace sinmun
