#include "crawler/http/address_policy.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace sinmun {
namespace {

TEST(AddressPolicyTest, PublicAddresses) {
  for (const char* ip : {"1.1.1.1", "8.8.8.8", "211.249.220.24", "125.209.222.141",
                         "2606:4700:4700::1111", "2001:4860:4860::8888", "::ffff:8.8.8.8",
                         "[2404:6800:4004:81b::200e]"}) {
    EXPECT_TRUE(IsPublicAddress(ip)) << ip;
  }
}

TEST(AddressPolicyTest, NonPublicAddresses) {
  for (const char* ip :
       {"127.0.0.1", "127.255.0.9", "0.0.0.0", "10.1.2.3", "172.16.0.1", "172.31.255.255",
        "192.168.1.1", "169.254.169.254", "100.64.0.1", "192.0.2.1", "198.18.0.1",
        "224.0.0.1", "240.0.0.1", "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1",
        "fe80::1", "fec0::1", "ff02::1", "2001:db8::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1",
        "64:ff9b::a00:1", "2002:7f00:1::", "::127.0.0.1", "[::1]", "", "localhost",
        "example.com", "1.2.3", "999.1.1.1"}) {
    EXPECT_FALSE(IsPublicAddress(ip)) << ip;
  }
}

TEST(AddressPolicyTest, EdgesOfRanges) {
  EXPECT_TRUE(IsPublicAddress("172.15.255.255"));
  EXPECT_TRUE(IsPublicAddress("172.32.0.0"));
  EXPECT_TRUE(IsPublicAddress("100.63.255.255"));
  EXPECT_TRUE(IsPublicAddress("100.128.0.0"));
  EXPECT_TRUE(IsPublicAddress("11.0.0.0"));
  EXPECT_TRUE(IsPublicAddress("223.255.255.254"));
}

TEST(AddressPolicyTest, Sockaddr) {
  sockaddr_in v4{};
  v4.sin_family = AF_INET;
  inet_pton(AF_INET, "127.0.0.1", &v4.sin_addr);
  std::string text;
  EXPECT_FALSE(IsPublicSockaddr(reinterpret_cast<sockaddr*>(&v4), &text));
  EXPECT_EQ(text, "127.0.0.1");
  inet_pton(AF_INET, "8.8.4.4", &v4.sin_addr);
  EXPECT_TRUE(IsPublicSockaddr(reinterpret_cast<sockaddr*>(&v4), &text));
  EXPECT_EQ(text, "8.8.4.4");

  sockaddr_in6 v6{};
  v6.sin6_family = AF_INET6;
  inet_pton(AF_INET6, "fe80::1", &v6.sin6_addr);
  EXPECT_FALSE(IsPublicSockaddr(reinterpret_cast<sockaddr*>(&v6), &text));
  EXPECT_EQ(text, "fe80::1");

  sockaddr other{};
  other.sa_family = AF_UNIX;
  EXPECT_FALSE(IsPublicSockaddr(&other, nullptr));
  EXPECT_FALSE(IsPublicSockaddr(nullptr, nullptr));
}

}  // namespace
}  // namespace sinmun
