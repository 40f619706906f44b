#include "crawler/http/address_policy.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <array>
#include <cstdint>
#include <cstring>

namespace sinmun {
namespace {

bool InV4(uint32_t a, uint32_t net, int bits) {
  const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
  return (a & mask) == (net & mask);
}

constexpr uint32_t V4(int a, int b, int c, int d) {
  return (static_cast<uint32_t>(a) << 24) | (static_cast<uint32_t>(b) << 16) |
         (static_cast<uint32_t>(c) << 8) | static_cast<uint32_t>(d);
}

bool PublicV4(uint32_t a) {
  struct Net {
    uint32_t net;
    int bits;
  };
  static constexpr std::array<Net, 16> kNotPublic = {{
      {V4(0, 0, 0, 0), 8},        // "this network"
      {V4(10, 0, 0, 0), 8},       // private
      {V4(100, 64, 0, 0), 10},    // carrier-grade NAT
      {V4(127, 0, 0, 0), 8},      // loopback
      {V4(169, 254, 0, 0), 16},   // link-local (cloud metadata lives here)
      {V4(172, 16, 0, 0), 12},    // private
      {V4(192, 0, 0, 0), 24},     // IETF protocol assignments
      {V4(192, 0, 2, 0), 24},     // documentation
      {V4(192, 88, 99, 0), 24},   // 6to4 relay anycast (deprecated)
      {V4(192, 168, 0, 0), 16},   // private
      {V4(198, 18, 0, 0), 15},    // benchmarking
      {V4(198, 51, 100, 0), 24},  // documentation
      {V4(203, 0, 113, 0), 24},   // documentation
      {V4(224, 0, 0, 0), 4},      // multicast
      {V4(240, 0, 0, 0), 4},      // reserved, broadcast
      {V4(255, 255, 255, 255), 32},
  }};
  for (const Net& n : kNotPublic) {
    if (InV4(a, n.net, n.bits)) return false;
  }
  return true;
}

uint32_t V4At(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | static_cast<uint32_t>(p[3]);
}

bool PublicV6(const uint8_t b[16]) {
  static constexpr uint8_t kZero[12] = {};
  static constexpr uint8_t kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  static constexpr uint8_t kNat64[12] = {0, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
  if (std::memcmp(b, kMapped, 12) == 0 || std::memcmp(b, kNat64, 12) == 0) {
    return PublicV4(V4At(b + 12));
  }
  if (std::memcmp(b, kZero, 12) == 0) {
    // ::, ::1 and the deprecated IPv4-compatible ::a.b.c.d
    const uint32_t low = V4At(b + 12);
    if (low <= 1) return false;
    return PublicV4(low);
  }
  if (b[0] == 0x20 && b[1] == 0x02) return PublicV4(V4At(b + 2));         // 6to4 2002::/16
  if ((b[0] & 0xfe) == 0xfc) return false;                               // fc00::/7 unique-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return false;               // fe80::/10 link-local
  if (b[0] == 0xfe && (b[1] & 0xc0) == 0xc0) return false;               // fec0::/10 site-local
  if (b[0] == 0xff) return false;                                        // multicast
  if (b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0d && b[3] == 0xb8) return false;  // 2001:db8::/32
  if (b[0] == 0x01 && b[1] == 0x00 && std::memcmp(b + 2, kZero, 6) == 0) return false;  // 100::/64 discard
  // Global unicast is 2000::/3; everything else is unassigned or special.
  return (b[0] & 0xe0) == 0x20;
}

}  // namespace

bool IsPublicAddress(std::string_view ip) {
  if (ip.size() >= 2 && ip.front() == '[' && ip.back() == ']') ip = ip.substr(1, ip.size() - 2);
  if (ip.empty() || ip.size() > INET6_ADDRSTRLEN) return false;
  const std::string s(ip);
  in_addr v4{};
  if (inet_pton(AF_INET, s.c_str(), &v4) == 1) return PublicV4(ntohl(v4.s_addr));
  in6_addr v6{};
  if (inet_pton(AF_INET6, s.c_str(), &v6) == 1) return PublicV6(v6.s6_addr);
  return false;
}

bool IsPublicSockaddr(const sockaddr* addr, std::string* text) {
  if (addr == nullptr) return false;
  char buf[INET6_ADDRSTRLEN] = {};
  if (addr->sa_family == AF_INET) {
    sockaddr_in in{};
    std::memcpy(&in, addr, sizeof in);
    if (text != nullptr && inet_ntop(AF_INET, &in.sin_addr, buf, sizeof buf) != nullptr) *text = buf;
    return PublicV4(ntohl(in.sin_addr.s_addr));
  }
  if (addr->sa_family == AF_INET6) {
    sockaddr_in6 in6{};
    std::memcpy(&in6, addr, sizeof in6);
    if (text != nullptr && inet_ntop(AF_INET6, &in6.sin6_addr, buf, sizeof buf) != nullptr) {
      *text = buf;
    }
    return PublicV6(in6.sin6_addr.s6_addr);
  }
  return false;
}

}  // namespace sinmun
