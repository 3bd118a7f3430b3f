// Status: the outcome of an operation that can fail in an expected way.
// Expected failures (not found, invalid input, a taken slot) are values, not
// exceptions. A Status is cheap to copy when ok. Thread-compatible.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace salon {

// What went wrong, independent of any transport. http/problem.cc maps each
// code to an HTTP status in one exhaustive switch.
enum class Code {
  kOk,
  kMalformed,        // syntactically wrong input (bad JSON, wrong types)
  kInvalid,          // well-formed but semantically invalid input
  kUnauthenticated,  // missing or wrong credentials
  kForbidden,        // known caller, not allowed (a role without the right)
  kTooMany,          // too many attempts; retry_after() says when to try again
  kNotFound,         // no such object visible to the caller
  kConflict,         // collides with existing state
  kStale,            // a version precondition failed
  kTooLarge,         // input over a size limit
  kUnavailable,      // a dependency is down; retry later
  kInternal,         // a bug or an unexpected failure
};

struct FieldError {
  std::string field;
  std::string message;
};

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Code code, std::string message, std::vector<FieldError> errors = {})
      : code_(code), message_(std::move(message)), errors_(std::move(errors)) {}

  static Status Ok() { return {}; }
  static Status Malformed(std::string m, std::vector<FieldError> e = {}) {
    return {Code::kMalformed, std::move(m), std::move(e)};
  }
  static Status Invalid(std::string m, std::vector<FieldError> e = {}) {
    return {Code::kInvalid, std::move(m), std::move(e)};
  }
  static Status Unauthenticated(std::string m) {
    return {Code::kUnauthenticated, std::move(m)};
  }
  static Status Forbidden(std::string m) { return {Code::kForbidden, std::move(m)}; }
  static Status TooMany(std::string m, long long retry_after_seconds) {
    Status s{Code::kTooMany, std::move(m)};
    s.retry_after_ = retry_after_seconds;
    return s;
  }
  static Status NotFound(std::string m) { return {Code::kNotFound, std::move(m)}; }
  static Status Conflict(std::string m) { return {Code::kConflict, std::move(m)}; }
  static Status Stale(std::string m) { return {Code::kStale, std::move(m)}; }
  static Status TooLarge(std::string m) { return {Code::kTooLarge, std::move(m)}; }
  static Status Unavailable(std::string m) {
    return {Code::kUnavailable, std::move(m)};
  }
  static Status Internal(std::string m) { return {Code::kInternal, std::move(m)}; }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  const std::string& message() const { return message_; }
  const std::vector<FieldError>& errors() const { return errors_; }
  // Seconds until a kTooMany caller may try again.
  long long retry_after() const { return retry_after_; }

 private:
  Code code_ = Code::kOk;
  std::string message_;
  std::vector<FieldError> errors_;
  long long retry_after_ = 0;
};

}  // namespace salon
