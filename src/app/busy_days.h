// BusyDays: the time that holds a branch's staff on a local day — their busy
// rows and time off — kept in memory under the day's calendar version (and
// the staff it was read for), so that planning a booking on a day already
// read asks the store for none of it.
//
// What it answers is a guess, never a guarantee: the store itself refuses a
// booking whose time was taken (Booking::Commit), and a plan that failed is
// made again under the salon's lock from the store alone (Appointments::Book).
// A stale day costs a second write, never a double booking.
//
// An entry is never changed: a day's next version is another key. A new
// booking's commit derives the version it made from the one before (its own
// rows added, as a layer over the blocks before, which it shares: the
// store's writer runs the commit hooks, and a busy day is not copied for
// each booking), so a day that takes bookings all day stays cached. Bounded
// (kBounds, least recently used first: a day's old versions, never asked for
// again, go before any day in use; an entry counts the layers it shares).
// Thread-safe.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/calendar_versions.h"
#include "app/committed_cache.h"
#include "core/salon.h"
#include "core/staff_agenda.h"
#include "store/store.h"

namespace salon {

// A block of one staff member's time.
struct StaffBlock {
  StaffId staff_id;
  Block block;
};

// The busy rows and time off of `salon`'s `staff` overlapping [from, to), as
// blocks, but the busy time of `except` (an appointment being moved).
Result<std::vector<StaffBlock>> ReadHeldTime(ReadTxn& txn, const SalonId& salon,
                                             const std::vector<StaffId>& staff, long long from,
                                             long long to, const AppointmentId& except = {});

class BusyDays {
 public:
  explicit BusyDays(CalendarVersions& versions, const CacheOptions& caches = {});
  static constexpr CacheBounds kBounds{20000, 64 << 20};

  // The blocks of `staff` (the branch's, as Directory::BranchStaff lists
  // them) overlapping `within`: each local day it touches from memory when
  // held at the version this process last knew, else read through `txn` (a
  // snapshot) with its version there, and kept.
  Result<std::vector<StaffBlock>> Within(ReadTxn& txn, const Branch& branch, const TimeZone& zone,
                                         const std::vector<StaffId>& staff, Interval within);

  // The Touch callback of a write that adds a new appointment's busy `rows`
  // for `staff` (the branch's): as it commits, each day touched gets its new
  // version derived from the one before (these rows added), where that is
  // cached.
  CalendarVersions::DayCommitted Added(const Branch& branch, const TimeZone& zone,
                                       const std::vector<StaffId>& staff,
                                       const std::vector<BusyRow>& rows);

  // How a day is held: its blocks are those of the layer below (none for a
  // day as read) and its own.
  struct Layer {
    std::shared_ptr<const Layer> below;
    std::vector<StaffBlock> blocks;
    int depth = 0;  // layers below
    std::size_t bytes = 0;  // estimated, with the layers below (Seal)
    // Sets `bytes`, once the blocks are in.
    void Seal();
  };
  using Day = std::shared_ptr<const Layer>;
  // Past this depth a derived day is copied into one layer, so that a day
  // is read in a bounded number of steps.
  static constexpr int kMaxDepth = 16;

 private:
  // The key of a day at a version, as read for a staff set (its hash).
  static std::string Key(const BranchId& branch, const std::string& day, long long version,
                         std::size_t staff_hash);

  CalendarVersions& versions_;
  CommittedCache<Day> days_;
};

}  // namespace salon
