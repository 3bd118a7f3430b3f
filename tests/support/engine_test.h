// A test run once per store engine: GetParam() is "sqlite" (a file in a
// fresh temporary directory) or "postgres" (a fresh database of ./test's
// cluster); spec_ opens it (store/open_store.h).
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "tests/support/postgres.h"

namespace salon::testing {

class EngineTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "postgres") {
      spec_ = FreshDatabase();
      ASSERT_FALSE(spec_.empty());
    } else {
      char tmpl[] = "/tmp/salon-store-XXXXXX";
      dir_ = mkdtemp(tmpl);
      spec_ = "sqlite:" + dir_;
    }
  }
  void TearDown() override {
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }

  std::string dir_;
  std::string spec_;
};

// Instantiates `suite` for both engines.
#define SALON_ON_EVERY_ENGINE(suite)                                                    \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::testing::Values("sqlite", "postgres"),     \
                           [](const auto& info) { return info.param; })

}  // namespace salon::testing
