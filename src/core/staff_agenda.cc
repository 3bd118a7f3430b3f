#include "core/staff_agenda.h"

namespace salon {

StaffAgenda::StaffAgenda(const Staff& staff, const TimeZone& zone, LocalDate first, int days,
                         std::vector<Block> blocks, const std::vector<Interval>* open)
    : id_(staff.id), services_(staff.service_ids), blocks_(std::move(blocks)) {
  std::vector<Interval> cut;
  cut.reserve(blocks_.size());
  for (const Block& b : blocks_) cut.push_back(b.span);
  std::vector<Interval> working = WorkingIntervals(staff.hours, zone, first, days);
  if (open != nullptr) working = Intersect(std::move(working), *open);
  free_ = Subtract(std::move(working), std::move(cut));
}

bool StaffAgenda::Offers(const ServiceId& s) const { return services_.Contains(s); }

std::string StaffAgenda::WhyBusy(const Interval& span) const {
  for (const Block& b : blocks_) {
    if (b.span.Overlaps(span)) return b.what;
  }
  return "outside working hours";
}

}  // namespace salon
