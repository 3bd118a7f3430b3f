// The requests of the standard workload (../shared/WORKLOAD.md), built from
// a workload's salons. Pure: the same arguments give the same request.
#pragma once

#include <cstdint>
#include <string>

#include "tools/salon_load/driver.h"
#include "tools/salon_load/scenarios.h"

namespace salon::load {

// The start (UTC, RFC 3339) of a salon's k-th distinct booking slot: staff
// k % staff, then 15-minute slots 09:00–18:00 local time Monday to Saturday,
// week after week from the workload's first Monday plus `weeks_later`.
std::string SlotStart(const Workload& w, const LoadSalon& s, std::uint64_t k, int weeks_later = 0);
// The staff member of slot k.
const std::string& SlotStaff(const LoadSalon& s, std::uint64_t k);

// A day-view pull of the workload's day: unchanged (If-None-Match, 304) or
// changed (a full 200).
HttpRequest PullRequest(const Workload& w, const LoadSalon& s, bool changed);
// A 7-day availability search for the salon's second service.
HttpRequest AvailabilityRequest(const Workload& w, const LoadSalon& s);
// A booking of slot k of a salon (201).
HttpRequest BookingRequest(const LoadSalon& s, const Workload& w, std::uint64_t k);
// A new client (201) with a phone number made from n.
HttpRequest ClientRequest(const LoadSalon& s, std::uint64_t n);

// What an appointment booked by BookingRequest costs: the sum of its
// services' prices (tax included).
std::int64_t BookingPrice(const LoadSalon& s);
// The checkout (201) of appointment `appointment` of the salon, booked by
// BookingRequest and neither cancelled nor checked out yet, paid by card.
HttpRequest AppointmentSaleRequest(const LoadSalon& s, const std::string& appointment);
// A walk-in sale (201) of the salon's product, paid by card.
HttpRequest ProductSaleRequest(const LoadSalon& s);
// A walk-in sale (201): service k % services by staff member k % staff and
// the salon's product, paid in part by card and the rest in cash with change.
HttpRequest WalkInSaleRequest(const LoadSalon& s, std::uint64_t k);

// The slot of request n of a driver thread (of up to kMaxDriverThreads) at
// salon n % salons: distinct for every (n, thread).
inline std::uint64_t SlotOf(const Workload& w, std::uint64_t n, int thread) {
  return (n / w.salons.size()) * kMaxDriverThreads + std::uint64_t(thread);
}

}  // namespace salon::load
