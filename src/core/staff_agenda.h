// StaffAgenda: one staff member's bookable time over a window — working hours
// minus time off minus the busy time of existing appointments — plus what
// blocks the rest, to explain a refusal. Built once per request; read-only
// afterwards, so it may be shared between threads.
#pragma once

#include <string>
#include <vector>

#include "core/interval.h"
#include "core/staff.h"

namespace salon {

// Time a staff member cannot be booked, and why ("appointment apt_…").
struct Block {
  Interval span;
  std::string what;
};

class StaffAgenda {
 public:
  // Working hours over local days [first, first + days), within `open`
  // (the branch's opening hours, when it has them), minus `blocks`.
  StaffAgenda(const Staff& staff, const TimeZone& zone, LocalDate first, int days,
              std::vector<Block> blocks, const std::vector<Interval>* open = nullptr);

  const StaffId& id() const { return id_; }
  bool Offers(const ServiceId& s) const;
  bool IsFree(const Interval& span) const { return Covers(free_, span); }
  // Why `span` is not free: the first block it overlaps, or working hours.
  std::string WhyBusy(const Interval& span) const;

 private:
  StaffId id_;
  ServiceIdList services_;
  std::vector<Block> blocks_;
  std::vector<Interval> free_;       // normalized
};

}  // namespace salon
