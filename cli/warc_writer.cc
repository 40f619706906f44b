#include "cli/warc_writer.h"

#include <time.h>

#include <algorithm>
#include <cctype>
#include <sstream>

#include "common/hash.h"

namespace sinmun::cli {
namespace {

std::string Base32(std::string_view bytes) {
  static constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
  std::string out;
  uint64_t buffer = 0;
  int bits = 0;
  for (unsigned char c : bytes) {
    buffer = (buffer << 8) | c;
    bits += 8;
    while (bits >= 5) {
      out.push_back(kAlphabet[(buffer >> (bits - 5)) & 31]);
      bits -= 5;
    }
  }
  if (bits > 0) out.push_back(kAlphabet[(buffer << (5 - bits)) & 31]);
  while (out.size() % 8 != 0) out.push_back('=');
  return out;
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

std::string HttpDate(Instant t) {
  time_t secs = static_cast<time_t>(t.time_since_epoch().count());
  tm utc{};
  gmtime_r(&secs, &utc);
  char buf[64];
  strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &utc);
  return buf;
}

std::string_view Reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 203: return "Non-Authoritative Information";
    case 304: return "Not Modified";
    case 404: return "Not Found";
    case 410: return "Gone";
    default: return "";
  }
}

// Strips CR/LF so that a stored value can never end a header early.
std::string OneLine(std::string_view s) {
  std::string out;
  for (char c : s) out.push_back(c == '\r' || c == '\n' ? ' ' : c);
  return out;
}

}  // namespace

std::string WarcWriter::RecordId(std::string_view name) const {
  std::string material = salt_;
  material.push_back('\0');
  material.append(name);
  std::string h = ToHex(Sha256(material)).substr(0, 32);
  h[12] = '8';  // RFC 9562 version 8 (custom), variant 10xx
  h[16] = "89ab"[std::stoi(h.substr(16, 1), nullptr, 16) & 3];
  return "<urn:uuid:" + h.substr(0, 8) + "-" + h.substr(8, 4) + "-" + h.substr(12, 4) + "-" +
         h.substr(16, 4) + "-" + h.substr(20, 12) + ">";
}

void WarcWriter::Write(std::string_view type, const std::string& record_id, const WarcFields& fields,
                       std::string_view block_head, std::string_view block_body) {
  std::string block;
  block.reserve(block_head.size() + block_body.size());
  block.append(block_head);
  block.append(block_body);
  std::string head = "WARC/1.1\r\nWARC-Type: " + std::string(type) + "\r\nWARC-Record-ID: " + record_id + "\r\n";
  for (const auto& [name, value] : fields) head += name + ": " + OneLine(value) + "\r\n";
  head += "WARC-Block-Digest: " + WarcDigest(block) + "\r\n";
  head += "Content-Length: " + std::to_string(block.size()) + "\r\n\r\n";
  out_ << head;
  out_.write(block.data(), static_cast<std::streamsize>(block.size()));
  out_ << "\r\n\r\n";
}

std::string WarcDate(Instant t) {
  time_t secs = static_cast<time_t>(t.time_since_epoch().count());
  tm utc{};
  gmtime_r(&secs, &utc);
  char buf[32];
  strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return buf;
}

std::string WarcDigest(std::string_view bytes) { return "sha256:" + Base32(Sha256(bytes)); }

std::string ResponseHttpHeader(int http_status, const std::string& content_type,
                               const std::string& response_headers, Instant fetched_at,
                               size_t body_size) {
  const int status = http_status != 0 ? http_status : 200;
  std::string out;
  std::vector<std::string> lines;
  {
    std::string line;
    std::istringstream in(response_headers);
    while (std::getline(in, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (!line.empty()) lines.push_back(line);
    }
  }
  if (lines.empty() || lines[0].rfind("HTTP/", 0) != 0) {
    out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(Reason(status)) + "\r\n";
    out += "Content-Type: " + OneLine(content_type.empty() ? "text/html" : content_type) + "\r\n";
    out += "Date: " + HttpDate(fetched_at) + "\r\n";
    out += "X-Sinmun-Synthesized: 1\r\n";
  } else {
    if (lines[0].rfind("HTTP/1.", 0) == 0) {
      out = lines[0] + "\r\n";
    } else {
      out = "HTTP/1.1 " + std::to_string(status) + " " + std::string(Reason(status)) + "\r\n";
      out += "X-Archive-Orig-Status-Line: " + lines[0] + "\r\n";
    }
    for (size_t i = 1; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      size_t colon = line.find(':');
      std::string name = Lower(line.substr(0, colon));
      if (name == "content-encoding" || name == "transfer-encoding" || name == "content-length") {
        out += "X-Archive-Orig-" + line + "\r\n";
      } else {
        out += line + "\r\n";
      }
    }
  }
  out += "Content-Length: " + std::to_string(body_size) + "\r\n\r\n";
  return out;
}

}  // namespace sinmun::cli
