// Every use case that writes, failed at each of its store calls in turn (and
// at its commit), leaves nothing partial behind: no busy time without its
// appointment, no message without its booking, no response kept for a
// write that did not happen, no cache holding what was never committed. And
// once the faults stop, the same request (same Idempotency-Key) succeeds.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>

#include "app/appointments.h"
#include "app/catalog.h"
#include "app/messages.h"
#include "app/records.h"
#include "app/salons.h"
#include "messaging/appointment_messages.h"
#include "store/open_store.h"
#include "tests/support/faulty_store.h"

namespace salon::testing {
namespace {

class UseCaseFaultsTest : public ::testing::Test {
 protected:
  UseCaseFaultsTest()
      : dir_(MakeDir()),
        real_(OpenStore("sqlite:" + dir_)),
        store_(*real_),
        clock_(*ParseInstant("2026-11-20T08:00:00Z")),
        directory_(store_, "admin-key"),
        calendar_(store_),
        catalog_(store_, directory_, calendar_, ids_, clock_),
        booking_(directory_, calendar_, ids_),
        messages_(directory_, ids_, [] {}),
        deposits_(ids_),
        appointments_(store_, clock_, directory_, booking_, messages_, deposits_),
        salons_(store_, directory_, ids_, clock_),
        campaigns_(directory_, ids_, [] {}),
        outreach_(store_, clock_, campaigns_) {
    Salon s;
    s.name = "Faults";
    s.currency = "EUR";
    s.country = "IE";
    NewSalon created;
    EXPECT_TRUE(salons_.Create(s, KeepIn(created)).ok());
    salon_ = created.salon.id;
    branch_.name = "Main";
    branch_.timezone = "Europe/Dublin";
    EXPECT_TRUE(catalog_.Create(salon_, branch_, KeepIn(branch_)).ok());
    service_.name = "Cut";
    service_.price = {3000, "EUR"};
    service_.phases = {{45, true}};
    EXPECT_TRUE(catalog_.Create(salon_, service_, KeepIn(service_)).ok());
    Staff staff;
    staff.branch_id = branch_.id;
    staff.name = "Ann";
    for (int d = 0; d < 7; ++d) staff.hours[d] = {{9 * 60, 18 * 60}};
    staff.service_ids = {service_.id};
    EXPECT_TRUE(catalog_.Create(salon_, staff, KeepIn(staff_)).ok());
    Client client;
    client.first_name = "Aoife";
    client.phone = "+353871234567";
    client.sms_marketing = true;
    EXPECT_TRUE(catalog_.Create(salon_, client, KeepIn(client_)).ok());
  }

  ~UseCaseFaultsTest() override {
    real_.reset();
    std::filesystem::remove_all(dir_);
  }

  static std::string MakeDir() {
    char tmpl[] = "/tmp/salon-faults-XXXXXX";
    return mkdtemp(tmpl);
  }

  BookingRequest At(const char* start) {
    BookingRequest req;
    req.branch_id = branch_.id;
    req.client_id = client_.id;
    req.start = *ParseInstant(start);
    req.items = {{service_.id, std::nullopt}};
    return req;
  }

  // Everything the salon has stored: records, busy time, messages,
  // calendar versions and kept responses, as one comparable text.
  std::string State() {
    std::string out;
    EXPECT_TRUE(real_->Read([&](ReadTxn& txn) {
      for (Kind kind : {Kind::kBranch, Kind::kStaff, Kind::kService, Kind::kClient,
                        Kind::kAppointment}) {
        ListQuery q;
        q.kind = kind;
        q.salon_id = salon_.value;
        q.limit = 1000;
        q.include_archived = true;
        for (const Record& r : txn.List(q)) out += r.id + " v" + std::to_string(r.version) + " " + r.data + "\n";
      }
      SalonRows rows = txn.RowsOf(salon_.value);
      for (const BusyRow& b : rows.busy) {
        out += "busy " + b.appointment_id + " " + b.staff_id + " " + std::to_string(b.start) + "\n";
      }
      for (const MessageRow& m : rows.messages) out += "message " + m.id + " " + m.data + "\n";
      for (const auto& d : rows.calendar) {
        out += "day " + d.branch_id + " " + d.day + " " + std::to_string(d.version) + "\n";
      }
      for (const auto& [key, r] : rows.responses) out += "response " + key + "\n";
      return Status::Ok();
    }).ok());
    return out;
  }

  // The calendar's ETag as this process's cache has it, and as the store
  // has it (a fresh cache): they differ if a failed write reached the cache.
  void ExpectCacheMatchesStore(const char* day) {
    CalendarVersions fresh(*real_);
    const LocalDate date = *ParseDate(day);
    EXPECT_EQ(*calendar_.ETag(branch_.id, date, 1), *fresh.ETag(branch_.id, date, 1));
  }

  // Runs `write` failing at call 1, 2, … until it runs without reaching the
  // fault; each failure must leave State() as it was. Answers how many
  // points failed.
  int FailEveryPoint(const std::function<Result<Answer>()>& write, const char* day) {
    int points = 0;
    for (int n = 1; n < 500; ++n) {
      const std::string before = State();
      store_.FailCall(n);
      Result<Answer> answer = write();
      if (!store_.failed()) {
        store_.FailCall(0);
        EXPECT_TRUE(answer.ok()) << answer.status().message();
        return points;
      }
      ++points;
      EXPECT_FALSE(answer.ok()) << "failed at call " << n << " yet answered ok";
      EXPECT_EQ(State(), before) << "failed at call " << n << " and kept part of the write";
      ExpectCacheMatchesStore(day);
    }
    ADD_FAILURE() << "the write never ran without a fault";
    return points;
  }

  template <typename T>
  static Answering<T> Keyed(const std::string& key, T& out) {
    Answering<T> how = KeepIn(out);
    how.key = key;
    how.fingerprint = "fp-" + key;
    return how;
  }

  std::string dir_;
  std::unique_ptr<Store> real_;
  FaultyStore store_;
  FakeClock clock_;
  SequentialIdSource ids_;
  Directory directory_;
  CalendarVersions calendar_;
  Catalog catalog_;
  Booking booking_;
  AppointmentMessages messages_;
  Deposits deposits_;
  Appointments appointments_;
  Salons salons_;
  Campaigns campaigns_;
  Messages outreach_;
  SalonId salon_;
  Branch branch_;
  Service service_;
  Staff staff_;
  Client client_;
};

TEST_F(UseCaseFaultsTest, BookingLeavesNothingPartial) {
  AppointmentView booked;
  const int points = FailEveryPoint(
      [&] { return appointments_.Book(salon_, At("2026-11-23T10:00:00Z"), Keyed("book", booked)); },
      "2026-11-23");
  EXPECT_GE(points, 8);  // a booking reads, stores, holds time, queues, keeps its answer
  // It happened once, with its busy time and its messages.
  const std::string state = State();
  EXPECT_NE(state.find("busy " + booked.appointment.id.value), std::string::npos);
  EXPECT_NE(state.find("message "), std::string::npos);
  // The same key now answers the stored answer, running nothing.
  AppointmentView again;
  auto replay = appointments_.Book(salon_, At("2026-11-23T10:00:00Z"), Keyed("book", again));
  ASSERT_TRUE(replay.ok());
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(State(), state);
}

TEST_F(UseCaseFaultsTest, MovingLeavesNothingPartial) {
  AppointmentView booked;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T10:00:00Z"), KeepIn(booked)).ok());
  RescheduleRequest move;
  move.start = *ParseInstant("2026-11-24T11:00:00Z");
  AppointmentView moved;
  const int points = FailEveryPoint(
      [&] {
        return appointments_.Reschedule(salon_, booked.appointment.id, move, std::nullopt,
                                        Keyed("move", moved));
      },
      "2026-11-24");
  EXPECT_GE(points, 8);
  EXPECT_EQ(moved.appointment.span.start, *move.start);
  ExpectCacheMatchesStore("2026-11-23");
  ExpectCacheMatchesStore("2026-11-24");
}

TEST_F(UseCaseFaultsTest, CancellingLeavesNothingPartial) {
  AppointmentView booked;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-23T10:00:00Z"), KeepIn(booked)).ok());
  AppointmentView cancelled;
  const int points = FailEveryPoint(
      [&] {
        return appointments_.ChangeStatus(salon_, booked.appointment.id,
                                          AppointmentStatus::kCancelled, "ill", std::nullopt,
                                          Keyed("cancel", cancelled));
      },
      "2026-11-23");
  EXPECT_GE(points, 5);
  EXPECT_EQ(cancelled.appointment.status, AppointmentStatus::kCancelled);
  EXPECT_EQ(State().find("busy " + booked.appointment.id.value), std::string::npos);
}

TEST_F(UseCaseFaultsTest, CatalogWritesLeaveNothingPartial) {
  Staff moved = staff_;
  Branch second;
  second.name = "Second";
  second.timezone = "Europe/Dublin";
  EXPECT_GE(FailEveryPoint([&] { return catalog_.Create(salon_, second, Keyed("branch", second)); },
                           "2026-11-23"),
            2);
  boost::json::object patch{{"branch_id", second.id.value}};
  EXPECT_GE(FailEveryPoint(
                [&] {
                  return catalog_.Patch<Staff>(salon_, staff_.id.value, patch, std::nullopt,
                                               Keyed("staff", moved));
                },
                "2026-11-23"),
            4);
  EXPECT_EQ(moved.branch_id, second.id);
}

// A campaign's creation, then its fan-out chunk (the dispatcher's write):
// no campaign without its fan-out job, no chunk's messages without the
// cursor that counts them, so a chunk is never counted twice.
TEST_F(UseCaseFaultsTest, CampaignsAndTheirFanOutLeaveNothingPartial) {
  for (int i = 0; i < 3; ++i) {
    Client c;
    c.first_name = "Client" + std::to_string(i);
    c.phone = "+35387765432" + std::to_string(i);
    c.sms_marketing = true;
    ASSERT_TRUE(catalog_.Create(salon_, c, KeepIn(c)).ok());
  }
  CampaignRequest req;
  req.name = "Winter";
  req.message = "Hi {first_name}, 20% off colour this week at {salon}";
  boost::json::object created;
  EXPECT_GE(FailEveryPoint([&] { return outreach_.CreateCampaign(salon_, req, Keyed("campaign", created)); },
                           "2026-11-23"),
            3);
  const std::string before_fan_out = State();
  // The dispatcher claims the job; the fan-out then fails at each point.
  std::optional<MessageRow> job;
  ASSERT_TRUE(real_->Write([&](WriteTxn& txn) {
    for (MessageRow& row : txn.ClaimMessages(UnixSeconds(clock_.Now()),
                                             UnixSeconds(clock_.Now()) + 60, 10)) {
      if (row.kind == MessageKind::kFanOut) job = row;
    }
    return Status::Ok();
  }).ok());
  ASSERT_TRUE(job.has_value());
  Answer unused;
  const int points = FailEveryPoint(
      [&]() -> Result<Answer> {
        SALON_RETURN_IF_ERROR(store_.Write([&](WriteTxn& txn) {
          return campaigns_.FanOut(txn, *job, clock_.Now());
        }));
        return unused;
      },
      "2026-11-23");
  EXPECT_GE(points, 4);  // reads the audience, adds each client's message, moves the cursor
  int texts = 0;
  ASSERT_TRUE(real_->Read([&](ReadTxn& txn) {
    MessageQuery q;
    q.salon_id = salon_.value;
    q.limit = 100;
    for (const MessageRow& m : txn.ListMessages(q)) texts += m.kind == MessageKind::kMarketing;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(texts, 4);  // the three and the fixture's client, once each
  EXPECT_NE(State(), before_fan_out);
}

}  // namespace
}  // namespace salon::testing
