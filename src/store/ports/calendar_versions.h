// The calendar-versions port: a number per branch and day that grows with
// every change to the day (the calendar's ETag).
#pragma once

#include <functional>
#include <string_view>

#include "base/ids.h"

namespace salon {

class CalendarVersionReader {
 public:
  virtual ~CalendarVersionReader() = default;
  // The version of a branch's calendar day ("" = the branch as a whole).
  virtual long long CalendarVersion(const BranchId& branch, std::string_view day) = 0;
};

class CalendarVersionWriter {
 public:
  virtual ~CalendarVersionWriter() = default;
  // Increments the version of a branch's calendar day. Once the transaction
  // is durably committed (before Write returns, as OnCommit), `committed`
  // gets the version the day became.
  virtual void BumpCalendar(const BranchId& branch, std::string_view day,
                            std::function<void(long long version)> committed = {}) = 0;
};

}  // namespace salon
