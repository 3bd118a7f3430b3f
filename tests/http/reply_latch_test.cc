// ReplyLatch: a handler that answers after it returns meets its reply there,
// whichever comes first, and a reply that never comes still answers.
#include "http/reply_latch.h"

#include <gtest/gtest.h>

#include <stdexcept>
#include <vector>

namespace salon::http {
namespace {

Response Made(beast_http::status status) {
  Response res;
  res.result(status);
  return res;
}

class ReplyLatchTest : public ::testing::Test {
 protected:
  // What the latch sent on to the connection, made.
  std::vector<int> sent_;
  std::vector<std::string> thrown_;
  std::function<void(ReplyLatch::Make)> Send() {
    return [this](ReplyLatch::Make make) {
      try {
        sent_.push_back(make().result_int());
      } catch (const std::exception& e) {
        thrown_.push_back(e.what());
      }
    };
  }
};

TEST_F(ReplyLatchTest, AReplyBeforeTheHandlerReturnedIsMadeByTheWorker) {
  ReplyLatch latch(Send());
  latch.Give([] { return Made(beast_http::status::created); });
  EXPECT_TRUE(sent_.empty());  // the handler still runs
  ReplyLatch::Make make = latch.Returned();
  ASSERT_TRUE(make);
  EXPECT_EQ(make().result_int(), 201);
  EXPECT_TRUE(sent_.empty());
}

TEST_F(ReplyLatchTest, AReplyAfterTheHandlerReturnedIsSentOnOnce) {
  {
    ReplyLatch latch(Send());
    EXPECT_FALSE(latch.Returned());
    latch.Give([] { return Made(beast_http::status::created); });
    latch.Give([] { return Made(beast_http::status::conflict); });  // ignored
  }
  EXPECT_EQ(sent_, std::vector<int>{201});
  EXPECT_TRUE(thrown_.empty());
}

TEST_F(ReplyLatchTest, AReplyThatNeverComesIsAServerError) {
  {
    ReplyLatch latch(Send());
    EXPECT_FALSE(latch.Returned());
  }
  EXPECT_TRUE(sent_.empty());
  ASSERT_EQ(thrown_.size(), 1u);  // Api::Complete answers such a maker 500
  EXPECT_NE(thrown_[0].find("never came"), std::string::npos);
}

}  // namespace
}  // namespace salon::http
