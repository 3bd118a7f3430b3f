// CalendarVersions: the version of every branch calendar day, persisted in
// the store and cached in memory, so that answering an unchanged calendar
// with 304 touches no database. Every write that changes what a day shows
// calls Touch in its transaction; the cache takes the new versions when the
// transaction commits. Thread-safe.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "app/committed_cache.h"
#include "base/ids.h"
#include "base/result.h"
#include "base/time.h"
#include "core/interval.h"
#include "ops/cache_metrics.h"
#include "store/store.h"

namespace salon {

class CalendarVersions {
 public:
  // Keeps at most kCacheBounds (scaled by `caches`) days' versions in memory:
  // room for a node of 100,000 salons, each pulling its branch's day (two
  // versions: the branch's and the day's), beside the days its bookings
  // touch (about 190 estimated bytes each). A maximum: a smaller node
  // spends nothing more.
  explicit CalendarVersions(Store& store, const CacheOptions& caches = {});
  static constexpr CacheBounds kCacheBounds{262144, 64 << 20};

  // An opaque strong ETag ("\"…\"") for local days [from, from + days) of a
  // branch; changes whenever anything shown on those days changes.
  Result<std::string> ETag(const BranchId& branch, LocalDate from, int days);
  // ETag from memory only: none unless every day's version is cached.
  std::optional<std::string> KnownETag(const BranchId& branch, LocalDate from, int days);

  // The version of a branch's local day ("" = the branch) from memory only.
  std::optional<long long> Known(const BranchId& branch, const std::string& day);

  // Called with a day touched and the version it became, once its
  // transaction commits.
  using DayCommitted = std::function<void(LocalDate day, long long version)>;
  // Marks local days (an empty list: the whole branch, e.g. a staff change)
  // as changed by the transaction `txn`.
  void Touch(WriteTxn& txn, const BranchId& branch, const std::vector<LocalDate>& days,
             DayCommitted committed = {});

  // Forgets days another process changed (a Store::Watch callback).
  void Forget(const Change& change);

  // Called with each day's new version once its transaction commits ("" =
  // the whole branch); set once, before serving (the live calendar).
  using Committed = std::function<void(const BranchId&, const std::string& day, long long)>;
  void OnCommitted(Committed committed) { committed_ = std::move(committed); }

 private:
  Committed committed_;
  Store& store_;
  CommittedCache<long long> versions_;  // key: branch + '/' + day ("" = branch)
};

}  // namespace salon
