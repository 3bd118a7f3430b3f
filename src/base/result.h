// Result<T>: a value or a non-ok Status, with absl::StatusOr's surface so that
// a later move to std::expected or StatusOr is mechanical.
#pragma once

#include <cassert>
#include <optional>
#include <utility>

#include "base/status.h"

namespace salon {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT
    assert(!status_.ok());
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }

  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace salon

// Early return on failure: `SALON_RETURN_IF_ERROR(DoThing());`
#define SALON_RETURN_IF_ERROR(expr)        \
  do {                                     \
    ::salon::Status salon_status_ = (expr); \
    if (!salon_status_.ok()) return salon_status_; \
  } while (0)

#define SALON_CONCAT_INNER(a, b) a##b
#define SALON_CONCAT(a, b) SALON_CONCAT_INNER(a, b)
// `SALON_ASSIGN_OR_RETURN(auto x, MaybeX());`
#define SALON_ASSIGN_OR_RETURN(lhs, expr) \
  SALON_ASSIGN_OR_RETURN_IMPL(SALON_CONCAT(salon_result_, __LINE__), lhs, expr)
#define SALON_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                                \
  if (!tmp.ok()) return tmp.status();               \
  lhs = std::move(tmp).value()
