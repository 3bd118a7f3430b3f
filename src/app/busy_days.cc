#include "app/busy_days.h"

#include <algorithm>
#include <array>
#include <functional>

#include "app/records.h"
#include "core/local_days.h"

namespace salon {
namespace {

Block BusyBlock(const BusyRow& b) {
  return {{FromUnixSeconds(b.start), FromUnixSeconds(b.end)},
          "appointment " + b.appointment_id.value};
}

// Every block of `day` in the order it came: as read, then each commit's.
template <typename Fn>
void ForEachBlock(const BusyDays::Day& day, Fn&& fn) {
  std::array<const BusyDays::Layer*, BusyDays::kMaxDepth + 1> layers;
  std::size_t n = 0;
  for (const BusyDays::Layer* l = day.get(); l != nullptr && n < layers.size();
       l = l->below.get()) {
    layers[n++] = l;
  }
  while (n > 0) {
    for (const StaffBlock& b : layers[--n]->blocks) fn(b);
  }
}

// The staff set a day was read for, in short (its ids in the branch's order).
std::size_t StaffHash(const std::vector<StaffId>& staff) {
  std::string ids;
  for (const StaffId& s : staff) ids += s.value + ",";
  return std::hash<std::string>{}(ids);
}

}  // namespace

// Counts the layers shared with other entries too: the cache's bound holds
// however the entries that made them were evicted.
void BusyDays::Layer::Seal() {
  bytes = 48 + blocks.capacity() * sizeof(StaffBlock) + (below ? below->bytes : 0);  // + control
  for (const StaffBlock& b : blocks) bytes += b.staff_id.value.capacity() + b.block.what.capacity();
}

Result<std::vector<StaffBlock>> ReadHeldTime(ReadTxn& txn, const SalonId& salon,
                                             const std::vector<StaffId>& staff, long long from,
                                             long long to, const AppointmentId& except) {
  std::vector<StaffBlock> held;
  if (staff.empty()) return held;
  for (const BusyRow& b : txn.Busy(salon, staff, from, to)) {
    if (b.appointment_id != except) held.push_back({b.staff_id, BusyBlock(b)});
  }
  ListQuery off;
  off.salon_id = salon;
  for (const StaffId& id : staff) off.parent_ids.push_back(id.value);
  off.overlap = {from, to};
  off.limit = 5000;
  SALON_ASSIGN_OR_RETURN(Page<TimeOff> time_off, List<TimeOff>(txn, off));
  for (const TimeOff& t : time_off.items) {
    held.push_back({t.staff_id, {t.span, "time off " + t.id.value}});
  }
  return held;
}

BusyDays::BusyDays(CalendarVersions& versions, const CacheOptions& caches)
    : versions_(versions),
      days_(
          caches.Scaled(kBounds), [](const Day& day) { return day->bytes; },
          caches.MetricsOf("busy_days", caches.Scaled(kBounds))) {}

std::string BusyDays::Key(const BranchId& branch, const std::string& day, long long version,
                          std::size_t staff_hash) {
  return branch.value + "/" + day + "@" + std::to_string(version) + "/" +
         std::to_string(staff_hash);
}

Result<std::vector<StaffBlock>> BusyDays::Within(ReadTxn& txn, const Branch& branch,
                                                 const TimeZone& zone,
                                                 const std::vector<StaffId>& staff,
                                                 Interval within) {
  std::vector<StaffBlock> held;
  const std::size_t staff_hash = StaffHash(staff);
  for (LocalDate d : DaysOf(within, zone)) {
    const std::string day = FormatDate(d);
    const std::uint64_t ticket = days_.Ticket();
    Day blocks;
    if (auto v = versions_.Known(branch.id, day)) {
      if (auto cached = days_.Find(Key(branch.id, day, *v, staff_hash))) blocks = *cached;
    }
    if (!blocks) {  // the day and its version as this snapshot has them
      const Interval span = SpanOfDays(zone, d);
      const long long version = txn.CalendarVersion(branch.id, day);
      SALON_ASSIGN_OR_RETURN(std::vector<StaffBlock> read,
                             ReadHeldTime(txn, branch.salon_id, staff, UnixSeconds(span.start),
                                          UnixSeconds(span.end)));
      auto layer = std::make_shared<Layer>(Layer{nullptr, std::move(read)});
      layer->Seal();
      blocks = std::move(layer);
      days_.Emplace(Key(branch.id, day, version, staff_hash), blocks, txn.Horizon(), ticket);
    }
    const std::size_t from_days_before = held.size();
    ForEachBlock(blocks, [&](const StaffBlock& b) {
      if (!b.block.span.Overlaps(within)) return;
      // A block crossing midnight is in both days' entries: once is enough.
      const auto before = held.begin() + from_days_before;
      const bool seen = std::any_of(held.begin(), before, [&](const StaffBlock& h) {
        return h.staff_id == b.staff_id && h.block.span == b.block.span;
      });
      if (!seen) held.push_back(b);
    });
  }
  return held;
}

CalendarVersions::DayCommitted BusyDays::Added(const Branch& branch, const TimeZone& zone,
                                               const std::vector<StaffId>& staff,
                                               const std::vector<BusyRow>& rows) {
  return [this, branch = branch.id, zone, staff_hash = StaffHash(staff), rows](LocalDate d,
                                                                               long long v) {
    const std::string day = FormatDate(d);
    const std::uint64_t ticket = days_.Ticket();
    auto before = days_.Find(Key(branch, day, v - 1, staff_hash));
    if (!before) return;
    auto after = std::make_shared<Layer>();
    if ((*before)->depth < kMaxDepth) {
      after->below = *before;
      after->depth = (*before)->depth + 1;
    } else {
      ForEachBlock(*before, [&](const StaffBlock& b) { after->blocks.push_back(b); });
    }
    for (const BusyRow& r : rows) {
      if (Interval{FromUnixSeconds(r.start), FromUnixSeconds(r.end)}.Overlaps(
              SpanOfDays(zone, d))) {
        after->blocks.push_back({r.staff_id, BusyBlock(r)});
      }
    }
    after->Seal();
    // Nothing is forgotten or assigned here (an entry never changes), so no
    // horizon or ticket blocks it.
    days_.Emplace(Key(branch, day, v, staff_hash), std::move(after), 0, ticket);
  };
}

}  // namespace salon
