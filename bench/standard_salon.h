// The standard salon of ../shared/WORKLOAD.md for the core benchmarks: 6
// staff with a lunch break, a cut and a colour with a processing gap, and
// about 25 appointments a day over a week from Monday 2026-11-23.
#pragma once

#include <random>

#include "core/availability.h"

namespace salon::bench {

struct StandardSalon {
  TimeZone zone = *TimeZone::Find("Europe/Dublin");
  LocalDate from = *ParseDate("2026-11-23");
  Service cut, colour;
  std::vector<Staff> staff;
  std::vector<std::vector<Block>> blocks;

  StandardSalon() {
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

}  // namespace salon::bench
