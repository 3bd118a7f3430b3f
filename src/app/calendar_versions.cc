#include "app/calendar_versions.h"

#include "base/hex.h"

namespace salon {
namespace {

std::string Key(const BranchId& branch, const std::string& day) {
  return branch.value + "/" + day;
}

}  // namespace

CalendarVersions::CalendarVersions(Store& store, const CacheOptions& caches)
    : store_(store),
      versions_(caches.Scaled(kCacheBounds), {},
                caches.MetricsOf("calendar_versions", caches.Scaled(kCacheBounds))) {}

namespace {

// The day keys of local days [from, from + days), after "" (the branch).
std::vector<std::string> DayKeys(LocalDate from, int days) {
  std::vector<std::string> keys{""};
  for (int i = 0; i < days; ++i) keys.push_back(FormatDate(from + date::days(i)));
  return keys;
}

// FNV-1a over the versions: short, opaque, and stable across restarts.
std::string TagOf(const BranchId& branch, LocalDate from, const std::vector<long long>& versions) {
  std::uint64_t h = 1469598103934665603ull;
  auto mix = [&](std::string_view s) {
    for (unsigned char c : s) { h ^= c; h *= 1099511628211ull; }
  };
  mix(branch.value);
  mix(FormatDate(from));
  for (long long v : versions) mix(std::to_string(v) + ",");
  char buf[24];
  std::snprintf(buf, sizeof buf, "\"%016llx\"", static_cast<unsigned long long>(h));
  return buf;
}

}  // namespace

std::optional<std::string> CalendarVersions::KnownETag(const BranchId& branch, LocalDate from,
                                                       int days) {
  std::vector<long long> versions;
  for (const std::string& day : DayKeys(from, days)) {
    auto v = Known(branch, day);
    if (!v) return std::nullopt;
    versions.push_back(*v);
  }
  return TagOf(branch, from, versions);
}

Result<std::string> CalendarVersions::ETag(const BranchId& branch, LocalDate from,
                                           int days) {
  const std::vector<std::string> day_keys = DayKeys(from, days);
  const std::uint64_t ticket = versions_.Ticket();  // before the read's snapshot
  std::vector<long long> versions(day_keys.size(), -1);
  bool missing = false;
  for (size_t i = 0; i < day_keys.size(); ++i) {
    auto v = versions_.Find(Key(branch, day_keys[i]));
    if (v) versions[i] = *v; else missing = true;
  }
  if (missing) {
    SALON_RETURN_IF_ERROR(store_.Read([&](ReadTxn& txn) {
      for (size_t i = 0; i < day_keys.size(); ++i) {
        if (versions[i] >= 0) continue;
        long long v = txn.CalendarVersion(branch, day_keys[i]);
        versions_.Emplace(Key(branch, day_keys[i]), v, txn.Horizon(), ticket);
        versions[i] = v;
      }
      return Status::Ok();
    }));
  }
  return TagOf(branch, from, versions);
}

std::optional<long long> CalendarVersions::Known(const BranchId& branch, const std::string& day) {
  return versions_.Find(Key(branch, day));
}

void CalendarVersions::Touch(WriteTxn& txn, const BranchId& branch,
                             const std::vector<LocalDate>& days, DayCommitted committed) {
  auto bump = [&](const std::string& day, std::function<void(long long)> then) {
    txn.BumpCalendar(branch, day, [this, branch, day, h = txn.Horizon(), then](long long v) {
      versions_.Assign(Key(branch, day), v, h);
      if (committed_) committed_(branch, day, v);
      if (then) then(v);
    });
  };
  if (days.empty()) bump("", {});
  for (LocalDate d : days) {
    bump(FormatDate(d), committed ? [committed, d](long long v) { committed(d, v); }
                                  : std::function<void(long long)>());
  }
}

void CalendarVersions::Forget(const Change& change) {
  if (change.what == Change::What::kAll) {
    versions_.ForgetAll(change.seq);
  } else if (change.what == Change::What::kCalendar) {
    versions_.Forget(Key(BranchId{change.id}, change.day), change.seq);
  }
}

}  // namespace salon
