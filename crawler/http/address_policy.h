// Which IP addresses the crawler may connect to.
//
// Pages are outside input: a redirect or a link to http://127.0.0.1:6379/ or to the
// cloud metadata address 169.254.169.254 must not make the daemon talk to the machine
// it runs on or its network. Only public unicast addresses are allowed unless the
// configuration says otherwise.
//
// Thread-safety: pure functions.
#ifndef SINMUN_CRAWLER_HTTP_ADDRESS_POLICY_H_
#define SINMUN_CRAWLER_HTTP_ADDRESS_POLICY_H_

#include <string>
#include <string_view>

struct sockaddr;

namespace sinmun {

// True for a literal IPv4 or IPv6 address ("93.184.216.34", "2606:2800::1") that is
// public unicast. False for: unspecified, loopback, RFC 1918 private, carrier-grade
// NAT (100.64/10), link-local, IETF protocol/documentation/benchmark ranges, multicast,
// reserved (240/4, broadcast), IPv6 unique-local (fc00::/7), link-local (fe80::/10),
// site-local, multicast (ff00::/8), documentation (2001:db8::/32); IPv4-mapped,
// IPv4-compatible, NAT64 (64:ff9b::/96) and 6to4 (2002::/16) addresses are judged by
// the IPv4 address inside. Anything that does not parse is not public.
bool IsPublicAddress(std::string_view ip);

// The same for a socket address (AF_INET / AF_INET6; any other family is not
// public). Writes the address as text to *text when text is non-null.
bool IsPublicSockaddr(const sockaddr* addr, std::string* text);

}  // namespace sinmun

#endif  // SINMUN_CRAWLER_HTTP_ADDRESS_POLICY_H_
