// The availability engine alone: the standard salon (6 staff, breaks, a
// realistic book of appointments) searched over 7 days.
#include <benchmark/benchmark.h>

#include "bench/standard_salon.h"

namespace salon {
namespace {

using Salon = bench::StandardSalon;

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
