// The availability engine alone: the standard salon (6 staff, breaks, a
// realistic book of appointments) searched over 7 days.
#include <benchmark/benchmark.h>

#include <random>

#include "core/availability.h"

namespace salon {
namespace {

struct Salon {
  TimeZone zone = *TimeZone::Find("Europe/Dublin");
  LocalDate from = *ParseDate("2026-11-23");
  Service cut, colour;
  std::vector<Staff> staff;
  std::vector<std::vector<Block>> blocks;

  Salon() {
    cut.id = ServiceId{"svc_cut"};
    cut.phases = {{30, true}};
    colour.id = ServiceId{"svc_colour"};
    colour.phases = {{30, true}, {45, false}, {30, true}};
    std::mt19937 rng(7);
    for (int i = 0; i < 6; ++i) {
      Staff s;
      s.id = StaffId{"stf_" + std::to_string(i)};
      for (int d = 0; d < 6; ++d) s.hours[d] = {{9 * 60, 13 * 60}, {14 * 60, 19 * 60}};
      s.service_ids = {cut.id, colour.id};
      staff.push_back(s);
      // About 25 appointments a day across 6 staff: 4 each, 30–60 minutes.
      std::vector<Block> b;
      for (int d = 0; d < 7; ++d) {
        for (int k = 0; k < 4; ++k) {
          int minute = 9 * 60 + 120 * k + int(rng() % 4) * 15;
          Instant start = zone.ToInstant(LocalTime(from + date::days(d)) + std::chrono::minutes(minute));
          b.push_back({{start, start + std::chrono::minutes(30 + 15 * (rng() % 3))}, "apt"});
        }
      }
      blocks.push_back(std::move(b));
    }
  }

  std::vector<StaffAgenda> Agendas() const {
    std::vector<StaffAgenda> out;
    for (size_t i = 0; i < staff.size(); ++i) {
      out.emplace_back(staff[i], zone, from - date::days(1), 9, blocks[i]);
    }
    return out;
  }
};

void BM_AvailabilityOneService7Days(benchmark::State& state) {
  Salon s;
  for (auto _ : state) {
    auto agendas = s.Agendas();  // built per request, as the server does
    AvailabilityQuery q{s.from, 7, 15, Instant(), {{&s.cut, std::nullopt}}};
    auto slots = FindSlots(s.zone, q, agendas);
    benchmark::DoNotOptimize(slots);
  }
}
BENCHMARK(BM_AvailabilityOneService7Days);

void BM_AvailabilityTwoServices7Days(benchmark::State& state) {
  Salon s;
  for (auto _ : state) {
    auto agendas = s.Agendas();
    AvailabilityQuery q{s.from, 7, 15, Instant(), {{&s.colour, std::nullopt}, {&s.cut, std::nullopt}}};
    auto slots = FindSlots(s.zone, q, agendas);
    benchmark::DoNotOptimize(slots);
  }
}
BENCHMARK(BM_AvailabilityTwoServices7Days);

void BM_PlanOneVisit(benchmark::State& state) {
  Salon s;
  auto agendas = s.Agendas();
  Instant start = s.zone.ToInstant(LocalTime(s.from) + std::chrono::minutes(17 * 60));
  for (auto _ : state) {
    auto plan = PlanVisit(start, {{&s.colour, std::nullopt}}, agendas);
    benchmark::DoNotOptimize(plan);
  }
}
BENCHMARK(BM_PlanOneVisit);

}  // namespace
}  // namespace salon

BENCHMARK_MAIN();
