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

// Rendering a search's slots: each one's start and end in the salon's zone
// (the times of an availability answer, SlotsJson in http/).
void BM_FormatSlotTimes(benchmark::State& state) {
  Salon s;
  auto agendas = s.Agendas();
  AvailabilityQuery q{s.from, 7, 15, Instant(), {{&s.cut, std::nullopt}}};
  const SlotSearch found = FindSlots(s.zone, q, agendas);
  for (auto _ : state) {
    std::string out;
    InstantFormatter format(s.zone);
    for (const Slot& slot : found.slots) {
      format.AppendTo(out, slot.start);
      format.AppendTo(out, slot.end);
    }
    benchmark::DoNotOptimize(out);
  }
  state.counters["instants"] = 2.0 * double(found.slots.size());
}
BENCHMARK(BM_FormatSlotTimes);

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

// The worst cases we can build. The probe that froze the server: ten
// services of [1 busy, 1 free, 1 busy] minutes, 30 staff who all do them
// (09:00–18:00), so every start after 17:30 and around lunch is refused.
struct WorstCase {
  TimeZone zone = *TimeZone::Find("Europe/Dublin");
  LocalDate from = *ParseDate("2026-11-23");
  Service tiny;
  std::vector<StaffAgenda> agendas;
  std::vector<VisitItemRequest> items;

  // `buffer`: minutes after each service, so that every item's staff member
  // is still held during the rest of the visit (each must be another).
  WorstCase(int staff, int buffer) {
    tiny.id = ServiceId{"svc_tiny"};
    tiny.phases = buffer ? std::vector<Phase>{{1, true}} : std::vector<Phase>{{1, true}, {1, false}, {1, true}};
    tiny.buffer_minutes = buffer;
    for (int i = 0; i < staff; ++i) {
      Staff s;
      s.id = StaffId{"stf_" + std::to_string(i)};
      for (int d = 0; d < 7; ++d) s.hours[d] = {{9 * 60, 13 * 60}, {14 * 60, 18 * 60}};
      s.service_ids = {tiny.id};
      agendas.emplace_back(s, zone, from - date::days(1), 33, std::vector<Block>{});
    }
    items.assign(10, VisitItemRequest{&tiny, std::nullopt});
  }
};

void BM_WorstProbe(benchmark::State& state) {
  WorstCase w(30, 0);
  const int days = int(state.range(0));
  long long steps = 0;
  for (auto _ : state) {
    AvailabilityQuery q{w.from, days, 15, Instant(), w.items};
    WorkBudget budget;
    auto found = FindSlots(w.zone, q, w.agendas, &budget);
    benchmark::DoNotOptimize(found);
    steps = budget.used();
  }
  state.counters["steps"] = double(steps);
}
BENCHMARK(BM_WorstProbe)->Arg(1)->Arg(31)->Unit(benchmark::kMillisecond);

// Ten items for 9 staff who can each take only one (buffers): no visit fits,
// and no two orders of staff leave the same state, so the search runs until
// its budget is spent — the longest one search can take.
void BM_WorstBudgetSpent(benchmark::State& state) {
  WorstCase w(9, 60);
  long long steps = 0;
  for (auto _ : state) {
    AvailabilityQuery q{w.from, 1, 15, Instant(), w.items};
    WorkBudget budget;
    auto found = FindSlots(w.zone, q, w.agendas, &budget);
    benchmark::DoNotOptimize(found);
    steps = budget.used();
  }
  state.counters["steps"] = double(steps);
}
BENCHMARK(BM_WorstBudgetSpent)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace salon

BENCHMARK_MAIN();
