// The core's hot paths, a fixed amount of work with no timing: run under
// `valgrind --tool=callgrind` its instruction count is repeatable to a
// fraction of a percent, where wall-clock time on a shared machine is not.
// bench/instruction_gate.sh compares the count with the committed baseline.
#include <cstdio>
#include <algorithm>
#include <cstdlib>

#include "bench/standard_salon.h"

int main() {
  using namespace salon;
  // SALON_HOT_PATHS_SLOWDOWN=k does the work k times: the injected slowdown
  // the gate's own test must catch.
  const char* slowdown = std::getenv("SALON_HOT_PATHS_SLOWDOWN");
  const int rounds = 10 * (slowdown ? std::max(1, std::atoi(slowdown)) : 1);
  bench::StandardSalon s;
  size_t found = 0;
  for (int i = 0; i < rounds; ++i) {
    auto agendas = s.Agendas();
    AvailabilityQuery one{s.from, 7, 15, Instant(), {{&s.cut, std::nullopt}}};
    found += FindSlots(s.zone, one, agendas).slots.size();
    AvailabilityQuery two{s.from, 7, 15, Instant(),
                          {{&s.colour, std::nullopt}, {&s.cut, std::nullopt}}};
    found += FindSlots(s.zone, two, agendas).slots.size();
    Instant start = s.zone.ToInstant(LocalTime(s.from) + std::chrono::minutes(17 * 60));
    found += PlanVisit(start, {{&s.colour, std::nullopt}}, agendas).ok() ? 1 : 0;
  }
  std::printf("%zu\n", found);
  return found > 0 ? 0 : 1;
}
