#include "tools/salonctl/heartbeat_alerts.h"

#include <fmt/format.h>

#include "base/time.h"

namespace salon {

HeartbeatAlerts::HeartbeatAlerts(const Clock& clock, AlertRules rules)
    : clock_(clock), rules_(rules) {}

std::optional<AlertEvent> HeartbeatAlerts::Observe(bool ok, const std::string& error) {
  const Instant now = clock_.Now();
  if (!ok) {
    if (consecutive_failures_ == 0 && !firing_) {
      since_ = now;
      outage_failures_ = 0;
    }
    ++consecutive_failures_;
    ++outage_failures_;
    consecutive_successes_ = 0;
    last_error_ = error;
    if (firing_ || consecutive_failures_ < rules_.fail_after) return std::nullopt;
    firing_ = true;
    return AlertEvent{AlertEvent::Kind::kFiring, now, since_, consecutive_failures_, error};
  }
  consecutive_failures_ = 0;
  if (!firing_) return std::nullopt;
  if (++consecutive_successes_ < rules_.recover_after) return std::nullopt;
  firing_ = false;
  consecutive_successes_ = 0;
  return AlertEvent{AlertEvent::Kind::kResolved, now, since_, outage_failures_, last_error_};
}

namespace {

std::string Duration(std::chrono::seconds d) {
  const long long s = d.count();
  if (s < 60) return fmt::format("{} s", s);
  if (s < 3600) return fmt::format("{} min {} s", s / 60, s % 60);
  return fmt::format("{} h {} min", s / 3600, s % 3600 / 60);
}

}  // namespace

std::string AlertText(const AlertEvent& event, const std::string& where) {
  if (event.kind == AlertEvent::Kind::kFiring) {
    return fmt::format(
        ":red_circle: Salon heartbeat FAILING for {}: {} rounds in a row since {} could not "
        "book, see and cancel an appointment. Last error: {}",
        where, event.failures, FormatUtc(event.since), event.error);
  }
  return fmt::format(
      ":large_green_circle: Salon heartbeat RECOVERED for {}: good rounds again after {} down "
      "(since {}, {} failed rounds). Last error was: {}",
      where, Duration(event.at - event.since), FormatUtc(event.since), event.failures,
      event.error);
}

}  // namespace salon
