// A fixture for tests of app/'s use cases: every use case on an SQLite store
// in a temporary folder, reached through `Wrapper` (a Store wrapping the
// real one, e.g. FaultyStore), and one salon with a branch, a 45-minute cut
// and a client.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "app/appointments.h"
#include "app/cash_ups.h"
#include "app/catalog.h"
#include "app/messages.h"
#include "app/sales.h"
#include "app/salons.h"
#include "messaging/appointment_messages.h"
#include "messaging/message.h"
#include "store/open_store.h"

namespace salon::testing {

template <typename Wrapper>
class SalonUseCasesTest : public ::testing::Test {
 protected:
  SalonUseCasesTest()
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
        outreach_(store_, clock_, campaigns_),
        sales_(store_, clock_, ids_, calendar_, deposits_),
        cash_ups_(store_, clock_, ids_) {
    Salon s;
    s.name = "Use cases";
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
    Client client;
    client.first_name = "Aoife";
    client.phone = "+353871234567";
    client.sms_marketing = true;
    EXPECT_TRUE(catalog_.Create(salon_, client, KeepIn(client_)).ok());
  }

  ~SalonUseCasesTest() override {
    real_.reset();
    std::filesystem::remove_all(dir_);
  }

  // A stylist of the branch who does the cut, 9:00 to 18:00 every day.
  Staff AddStylist(const char* name) {
    Staff staff;
    staff.branch_id = branch_.id;
    staff.name = name;
    for (int d = 0; d < 7; ++d) staff.hours[d] = {{9 * 60, 18 * 60}};
    staff.service_ids = {service_.id};
    EXPECT_TRUE(catalog_.Create(salon_, staff, KeepIn(staff)).ok());
    return staff;
  }

  // A booking of the cut at `start` with whoever is free.
  BookingRequest At(const char* start) {
    BookingRequest req;
    req.branch_id = branch_.id;
    req.client_id = client_.id;
    req.start = *ParseInstant(start);
    req.items = {{service_.id, std::nullopt}};
    return req;
  }

  // The one confirmation `booked` queued (a failure, and an empty row, unless one).
  MessageRow ConfirmationOf(const AppointmentView& booked) {
    MessageQuery q;
    q.salon_id = salon_;
    q.appointment_id = booked.appointment.id;
    q.kind = ToString(MessageKind::kConfirmation);
    std::vector<MessageRow> rows;
    const Status read = real_->Read([&](ReadTxn& txn) {
      rows = txn.ListMessages(q);
      return Status::Ok();
    });
    EXPECT_TRUE(read.ok()) << read.message();
    EXPECT_EQ(rows.size(), 1u);
    return rows.empty() ? MessageRow{} : rows[0];
  }

  std::string dir_;
  std::unique_ptr<Store> real_;
  Wrapper store_;
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
  Sales sales_;
  CashUps cash_ups_;
  SalonId salon_;
  Branch branch_;
  Service service_;
  Client client_;

 private:
  static std::string MakeDir() {
    char tmpl[] = "/tmp/salon-app-XXXXXX";
    return mkdtemp(tmpl);
  }
};

}  // namespace salon::testing
