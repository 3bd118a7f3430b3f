// Test values written as text: a malformed literal is the test's own bug
// (dereferencing the failed parse aborts, the JSON one fails the test).
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "base/time.h"
#include "codec/json_reader.h"

namespace salon::testing {

inline Instant At(const char* text) { return *ParseInstant(text); }
inline LocalDate Date(const char* text) { return *ParseDate(text); }

inline boost::json::value Parse(const char* text) {
  boost::json::value v;
  EXPECT_TRUE(ParseJson(text, v).ok());
  return v;
}

}  // namespace salon::testing
