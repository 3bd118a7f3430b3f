// WrittenWait: a caller waiting for a write answered later gets what the
// continuation was given, and never waits forever on one that was dropped.
#include "app/answered_write.h"

#include <gtest/gtest.h>

#include <thread>

namespace salon {
namespace {

TEST(WrittenWaitTest, TheWaitGetsWhatTheContinuationWasGivenOnAnotherThread) {
  WrittenWait wait;
  std::thread writer([then = wait.Then()] {
    then({Status::Ok(), [] { return Result<Answer>(Answer{201, {}}); }});
    then({Status::Conflict("too late"), [] { return Result<Answer>(Answer{409, {}}); }});
  });
  Written written = wait.Wait();
  writer.join();
  EXPECT_TRUE(written.status.ok());
  EXPECT_EQ(written.answer()->code, 201);  // the first call only
}

TEST(WrittenWaitTest, AContinuationDroppedUncalledAnswersAnInternalError) {
  WrittenWait wait;
  { WrittenThen dropped = wait.Then(); }
  Written written = wait.Wait();
  EXPECT_EQ(written.status.code(), Code::kInternal);
  EXPECT_EQ(written.answer().status().code(), Code::kInternal);
}

}  // namespace
}  // namespace salon
