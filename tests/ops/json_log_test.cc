#include "ops/json_log.h"

#include <gtest/gtest.h>
#include <spdlog/sinks/ostream_sink.h>
#include <spdlog/spdlog.h>

#include <boost/json.hpp>

#include <sstream>

namespace salon {
namespace {

// Whatever a message holds, its line is one JSON object with the message.
TEST(JsonLogTest, EveryLineParsesWithTheMessageIntact) {
  std::ostringstream out;
  auto sink = std::make_shared<spdlog::sinks::ostream_sink_mt>(out);
  spdlog::logger logger("json", sink);
  logger.set_formatter(JsonLogFormatter());
  const std::string message = "said \"hi\" \\ back\nnext\tline \x01 \xC3\xA9";
  logger.info("{}", message);
  logger.flush();
  std::string line = out.str();
  ASSERT_FALSE(line.empty());
  ASSERT_EQ(line.back(), '\n');
  line.pop_back();
  EXPECT_EQ(line.find('\n'), std::string::npos);
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(line, ec);
  ASSERT_FALSE(ec) << line;
  EXPECT_EQ(v.at("message").as_string(), message);
  EXPECT_EQ(v.at("level").as_string(), "info");
}

}  // namespace
}  // namespace salon
