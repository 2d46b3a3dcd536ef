// MessageScanner and node recognition through the public header: methods found across segment cuts,
// counted once, unknown methods and plain text ignored.
#include "minewatch/net/mining_messages.h"

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace minewatch::net {
namespace {

std::span<const std::uint8_t> bytes(std::string_view s) {
  return {reinterpret_cast<const std::uint8_t*>(s.data()), s.size()};
}

TEST(MessageScanner, CountsEveryMethodOnceAtAnyCut) {
  const std::string stream = R"({"id":1,"method":"mining.subscribe","params":[]})"
                             "\n"
                             R"({"id":2, "method" : "mining.submit","params":[]})"
                             "\n"
                             R"({"id":3,"method":"mining.submit","params":[]})"
                             "\n"
                             R"({"id":4,"method":"eth_submitWork","params":[]})"
                             "\n";
  for (std::size_t cut = 0; cut <= stream.size(); ++cut) {
    MessageScanner scanner;
    scanner.feed(bytes(std::string_view(stream).substr(0, cut)));
    scanner.feed(bytes(std::string_view(stream).substr(cut)));
    const MessageCounts& c = scanner.counts();
    EXPECT_EQ(c[Method::stratum_subscribe], 1u) << "cut at " << cut;
    EXPECT_EQ(c[Method::stratum_submit], 2u) << "cut at " << cut;
    EXPECT_EQ(c[Method::eth_submit_work], 1u) << "cut at " << cut;
  }
}

TEST(MessageScanner, ByteByByteFeedingFindsTheSame) {
  const std::string stream = R"({"method":"login","params":{"login":"4A..","pass":"x"}})"
                             R"({"method":"job","params":{"blob":"0707","job_id":"7"}})";
  MessageScanner scanner;
  for (char c : stream) scanner.feed(bytes(std::string_view(&c, 1)));
  EXPECT_EQ(scanner.counts()[Method::xmr_login], 1u);
  EXPECT_EQ(scanner.counts()[Method::xmr_job], 1u);
  EXPECT_TRUE(scanner.counts().job_fields);
}

TEST(MessageScanner, IgnoresOtherJsonAndText) {
  MessageScanner scanner;
  scanner.feed(bytes(R"({"jsonrpc":"2.0","method":"eth_getBalance","params":[]} "method" no colon)"));
  scanner.feed(bytes("GET /mining.submit HTTP/1.1\r\n\r\n"));
  for (std::size_t i = 0; i < kMethods; ++i) EXPECT_EQ(scanner.counts().by_method[i], 0u);
  EXPECT_FALSE(scanner.counts().job_fields);
}

TEST(MessageScanner, BlanksDoNotGrowWithoutBound) {
  MessageScanner scanner;
  scanner.feed(bytes(R"("method")"));
  for (int i = 0; i < 1000; ++i) scanner.feed(bytes("          "));
  scanner.feed(bytes(R"(: "mining.submit")"));
  // The value came more than a carry's length after its key: not a message we could keep track of.
  EXPECT_EQ(scanner.counts()[Method::stratum_submit], 0u);
  scanner.feed(bytes(R"({"method":"mining.submit"})"));
  EXPECT_EQ(scanner.counts()[Method::stratum_submit], 1u);
}

TEST(NodeProtocol, RecognisesBitcoinAndLevinHeaders) {
  const std::string version("\xF9\xBE\xB4\xD9version\0\0\0\0\0\x64\0\0\0", 20);
  EXPECT_EQ(node_protocol_of(bytes(version)), NodeProtocol::bitcoin);
  const std::string levin("\x01\x21\x01\x01\x01\x01\x01\x01\x10\0\0\0", 12);
  EXPECT_EQ(node_protocol_of(bytes(levin)), NodeProtocol::monero);
  EXPECT_EQ(node_protocol_of(bytes(R"({"method":"mining.subscribe"})")), NodeProtocol::none);
  const std::string magic_then_binary("\xF9\xBE\xB4\xD9\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c", 16);
  EXPECT_EQ(node_protocol_of(bytes(magic_then_binary)), NodeProtocol::none);
}

}  // namespace
}  // namespace minewatch::net
