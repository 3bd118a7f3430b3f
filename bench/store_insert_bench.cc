// The store's raw insert rate: the rows one booking writes (its document,
// its busy time, its calendar day's version, its confirmation and reminder
// in the outbox), each booking in its own durable transaction, from many
// threads at once so that commits are grouped as the server's are — without
// HTTP, parsing or planning. The ceiling of salon-load's `create` scenario.
//   build/bench/store_insert_bench [--benchmark_min_time=5]
// SALON_BENCH_STORE=sqlite:<dir> or postgres://… says where; by default a
// fresh SQLite store in /tmp/salon-store-bench-*, left there.
#include <benchmark/benchmark.h>

#include <atomic>
#include <cstdlib>
#include <memory>
#include <string>

#include "app/records.h"
#include "store/open_store.h"

namespace salon {
namespace {

Store& TheStore() {
  static std::unique_ptr<Store> store = [] {
    const char* env = std::getenv("SALON_BENCH_STORE");
    std::string spec = env ? env : "";
    if (spec.empty()) {
      char tmpl[] = "/tmp/salon-store-bench-XXXXXX";
      spec = std::string("sqlite:") + mkdtemp(tmpl);
    }
    return OpenStore(spec);
  }();
  return *store;
}

// A 45-minute visit of one service for `staff`, starting at `start`.
Appointment Visit(IdSource& ids, const std::string& staff, Instant start) {
  Appointment a;
  a.id = AppointmentId{ids.NewId("apt")};
  a.salon_id = SalonId{"sal_bench"};
  a.branch_id = BranchId{"br_bench"};
  a.client_id = ClientId{"cli_bench"};
  a.source = "front_desk";
  a.notes = "Usual colour, ask about the fringe";
  a.span = {start, start + std::chrono::minutes(45)};
  AppointmentItem item;
  item.service_id = ServiceId{"svc_bench"};
  item.staff_id = StaffId{staff};
  item.span = a.span;
  item.phases = {{a.span, true}};
  a.items = {item};
  a.created_at = a.updated_at = start;
  return a;
}

MessageRow Outgoing(IdSource& ids, const Appointment& a, MessageKind kind, long long due) {
  MessageRow m;
  m.id = ids.NewId("msg");
  m.salon_id = a.salon_id.value;
  m.kind = kind;
  m.client_id = a.client_id.value;
  m.appointment_id = a.id.value;
  m.to = "+353871234567";
  m.status = MessageStatus::kQueued;
  m.due_at = due;
  m.segments = 1;
  m.created_at = due;
  m.data = R"({"text":"Hi Bo, your Cut with Ann at Main is booked for Mon 23 Nov at 10:00.","history":[]})";
  return m;
}

void BM_BookingRows(benchmark::State& state) {
  static std::atomic<int> next_staff{0};
  Store& store = TheStore();
  static const TimeZone zone = *TimeZone::Find("Europe/Dublin");
  RandomIdSource ids;
  // Each thread books its own staff member, visit after visit.
  const std::string staff = "stf_bench_" + std::to_string(next_staff++);
  Instant start{std::chrono::seconds(1893456000)};
  for (auto _ : state) {
    const Appointment a = Visit(ids, staff, start);
    start += std::chrono::minutes(45);
    Status s = store.Write([&](WriteTxn& txn) {
      txn.Put(Kind::kAppointment, RecordTraits<Appointment>::ToRecord(a));
      txn.SetBusy(a.id.value, a.salon_id.value,
                  {{a.id.value, staff, UnixSeconds(a.span.start), UnixSeconds(a.span.end)}});
      txn.BumpCalendar(a.branch_id.value, FormatDate(zone.DateOf(a.span.start)));
      txn.AddMessage(Outgoing(ids, a, MessageKind::kConfirmation, UnixSeconds(a.created_at)));
      txn.AddMessage(Outgoing(ids, a, MessageKind::kReminder, UnixSeconds(a.span.start) - 86400));
      return Status::Ok();
    });
    if (!s.ok()) state.SkipWithError(s.message().c_str());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_BookingRows)->Threads(1)->Threads(16)->Threads(64)->UseRealTime();

}  // namespace
}  // namespace salon

BENCHMARK_MAIN();
