// Migration 6 on either engine: a deposit and a sale of one client stored
// as schema 5 left them (no `search`), then what finds a visit's deposits.
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "store/store.h"

namespace salon::testing {

// A deposit and a sale for appointment apt_1 of client cli_1, `search` empty.
inline void PutSchemaFiveSales(Store& store) {
  ASSERT_TRUE(store.Write([](WriteTxn& txn) {
    for (const char* kind : {"deposit", "sale"}) {
      Record r;
      r.id = std::string("sale_") + kind;
      r.salon_id = "sal_a";
      r.client_id = "cli_1";
      r.data = std::string(R"({"kind":")") + kind + R"(","appointment_id":"apt_1"})";
      txn.Put(Kind::kSale, r);
    }
    return Status::Ok();
  }).ok());
}

// The ids of cli_1's sales whose `search` names apt_1's deposits (DepositKey).
inline std::vector<std::string> DepositsOfAppointmentOne(Store& store) {
  std::vector<std::string> ids;
  EXPECT_TRUE(store.Read([&](ReadTxn& txn) {
    ListQuery q;
    q.kind = Kind::kSale;
    q.salon_id = SalonId{"sal_a"};
    q.client_id = ClientId{"cli_1"};
    q.search = "deposit apt_1";
    for (const Record& r : txn.List(q)) ids.push_back(r.id);
    return Status::Ok();
  }).ok());
  return ids;
}

}  // namespace salon::testing
