// SHA-256 (OpenSSL) and hex, for content addressing.
//
// Thread-safety: pure functions.
#ifndef SINMUN_COMMON_HASH_H_
#define SINMUN_COMMON_HASH_H_

#include <string>
#include <string_view>

namespace sinmun {

// The 32 raw bytes of SHA-256(data).
std::string Sha256(std::string_view data);

// Lower-case hex of any bytes ("" for "").
std::string ToHex(std::string_view bytes);

// Inverse of ToHex; nullopt-like empty string plus false on odd length or a non-hex digit.
bool FromHex(std::string_view hex, std::string* bytes);

}  // namespace sinmun

#endif  // SINMUN_COMMON_HASH_H_
