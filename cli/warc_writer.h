// WarcWriter: WARC 1.1 records (ISO 28500:2017) for `sinmun export --format warc`, written
// one at a time to a stream, uncompressed.
//
// Each record is "WARC/1.1", its named fields, Content-Length, a blank line, the block and
// two CRLFs. Record ids are <urn:uuid:…> derived from a per-file salt and a name (e.g.
// "response daum:… 2"), so a later record can point at an earlier one (WARC-Concurrent-To,
// WARC-Refers-To) without the writer remembering anything: memory stays constant.
// Digests are "sha256:" + RFC 4648 base32 of the SHA-256 (the form the WARC spec's
// sha1 examples use).
//
// ResponseHttpHeader builds the HTTP part of a `response` record from what the archive
// kept. The body sinmun keeps is the decoded payload (libcurl undoes Content-Encoding and
// chunking), so the header must describe that payload: the stored header block is used
// as received except that Content-Encoding, Transfer-Encoding and Content-Length are
// renamed X-Archive-Orig-* (the convention of warcio and pywb) and a Content-Length of the
// kept body is added; an HTTP/2 or HTTP/3 status line is written as HTTP/1.1 (the WARC
// HTTP grammar), the original kept as X-Archive-Orig-Status-Line. Versions recorded before
// headers were kept get a synthesised header: status line, Content-Type (text/html when
// unknown), Date (the fetch time) and Content-Length, marked X-Sinmun-Synthesized: 1.
//
// Thread-safety: a WarcWriter is used from one thread; the free functions are pure.
#ifndef SINMUN_CLI_WARC_WRITER_H_
#define SINMUN_CLI_WARC_WRITER_H_

#include <ostream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/time.h"

namespace sinmun::cli {

using WarcFields = std::vector<std::pair<std::string, std::string>>;

class WarcWriter {
 public:
  // salt: distinct per file (so two exports never share record ids).
  WarcWriter(std::ostream& out, std::string salt) : out_(out), salt_(std::move(salt)) {}

  // "<urn:uuid:…>" for a name, stable within this writer.
  std::string RecordId(std::string_view name) const;

  // Writes one record: WARC-Type, WARC-Record-ID, the given fields, Content-Length,
  // and WARC-Block-Digest over block_head + block_body (two parts so that the payload
  // need not be copied).
  void Write(std::string_view type, const std::string& record_id, const WarcFields& fields,
             std::string_view block_head, std::string_view block_body);

 private:
  std::ostream& out_;
  std::string salt_;
};

// "2026-11-02T00:35:00Z".
std::string WarcDate(Instant t);

// "sha256:<base32>".
std::string WarcDigest(std::string_view bytes);

// The HTTP status line and header fields for a response record, ending with the blank
// line (see the file comment). http_status 0 = unknown (200 is written).
std::string ResponseHttpHeader(int http_status, const std::string& content_type,
                               const std::string& response_headers, Instant fetched_at,
                               size_t body_size);

}  // namespace sinmun::cli

#endif  // SINMUN_CLI_WARC_WRITER_H_
