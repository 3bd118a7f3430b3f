// What every message and record pays before the store: its text measured
// for SMS, and its id drawn.
#include <benchmark/benchmark.h>

#include "base/clock.h"
#include "core/sms_text.h"

namespace salon {
namespace {

// A reminder as the default template renders it (GSM-7, one segment).
constexpr std::string_view kReminder =
    "Hi Alex, a reminder of your appointment at Studio Nord tomorrow at 14:30 "
    "with Sam. Reply STOP to opt out.";

void BM_MeasureSmsReminder(benchmark::State& state) {
  for (auto _ : state) benchmark::DoNotOptimize(MeasureSms(kReminder));
}
BENCHMARK(BM_MeasureSmsReminder);

void BM_MeasureSmsUnicode(benchmark::State& state) {
  const std::string text = std::string(kReminder) + " \xF0\x9F\x92\x87";  // an emoji: UCS-2
  for (auto _ : state) benchmark::DoNotOptimize(MeasureSms(text));
}
BENCHMARK(BM_MeasureSmsUnicode);

void BM_NewId(benchmark::State& state) {
  RandomIdSource ids;
  for (auto _ : state) benchmark::DoNotOptimize(ids.NewId("apt"));
}
BENCHMARK(BM_NewId)->Threads(1)->Threads(4);

}  // namespace
}  // namespace salon
