#include "crawler/discover/gzip.h"

#include <zlib.h>

#include <algorithm>
#include <array>
#include <climits>
#include <memory>

namespace sinmun {
namespace {

struct InflateEnd {
  void operator()(z_stream* z) const {
    inflateEnd(z);
    delete z;
  }
};
using InflatePtr = std::unique_ptr<z_stream, InflateEnd>;

// 15 window bits + 16: a gzip wrapper only (no zlib or raw deflate).
constexpr int kGzipWindowBits = 15 + 16;

std::string ZlibMessage(const z_stream& z, int code) {
  if (z.msg != nullptr) return z.msg;
  return "zlib error " + std::to_string(code);
}

}  // namespace

bool LooksGzipped(std::string_view bytes) {
  return bytes.size() >= 2 && static_cast<unsigned char>(bytes[0]) == 0x1f &&
         static_cast<unsigned char>(bytes[1]) == 0x8b;
}

Result<std::string> Gunzip(std::string_view bytes, uint64_t max_bytes) {
  if (!LooksGzipped(bytes)) return Status::InvalidArgument("not gzip data (no 1f 8b magic)");
  if (bytes.size() > UINT_MAX) return Status::InvalidArgument("gzip data too large");
  InflatePtr z(new z_stream{});
  if (int rc = inflateInit2(z.get(), kGzipWindowBits); rc != Z_OK) {
    delete z.release();
    return Status::InvalidArgument("cannot start gzip decompression: zlib error " +
                                   std::to_string(rc));
  }
  z->next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z->avail_in = static_cast<uInt>(bytes.size());
  std::string out;
  std::array<char, 64 * 1024> chunk;
  while (true) {
    z->next_out = reinterpret_cast<Bytef*>(chunk.data());
    z->avail_out = static_cast<uInt>(chunk.size());
    const int rc = inflate(z.get(), Z_NO_FLUSH);
    const size_t produced = chunk.size() - z->avail_out;
    if (out.size() + produced > max_bytes) {
      return Status::InvalidArgument("gzip data decompresses to more than " +
                                     std::to_string(max_bytes) + " bytes (the body limit)");
    }
    out.append(chunk.data(), produced);
    if (rc == Z_STREAM_END) {
      // Another member follows: read it too; anything else ends the file.
      std::string_view rest(reinterpret_cast<const char*>(z->next_in), z->avail_in);
      if (!LooksGzipped(rest)) break;
      inflateReset(z.get());
      continue;
    }
    if (rc == Z_BUF_ERROR && z->avail_in == 0) {
      return Status::InvalidArgument("truncated gzip data (the stream ends early)");
    }
    if ((rc != Z_OK && rc != Z_BUF_ERROR) || (rc == Z_BUF_ERROR && produced == 0)) {
      return Status::InvalidArgument("corrupt gzip data: " + ZlibMessage(*z, rc));
    }
  }
  return out;
}

}  // namespace sinmun
