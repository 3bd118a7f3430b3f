// A salon on a fresh SQLite store, reached through a CountingStore, with a
// fake clock and SMS provider: for tests of the outbox, its campaigns and
// its delivery reports below the API.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "app/directory.h"
#include "app/records.h"
#include "messaging/message.h"
#include "messaging/provider.h"
#include "ops/metrics.h"
#include "store/open_store.h"
#include "tests/messaging/counting_store.h"

namespace salon::testing {

// Remembers what it was given and accepts it; `during` (when set) runs
// inside each Send, as if the gateway reported back before it answered.
class FakeProvider final : public SmsProvider {
 public:
  const std::string& name() const override { return name_; }
  std::vector<SendResult> Send(const std::vector<OutgoingSms>& batch) override {
    {
      std::lock_guard lock(mu_);
      sent.insert(sent.end(), batch.begin(), batch.end());
    }
    if (during) during(batch);
    return std::vector<SendResult>(batch.size(), SendResult{SendOutcome::kAccepted, ""});
  }
  std::vector<OutgoingSms> sent;
  std::function<void(const std::vector<OutgoingSms>&)> during;

 private:
  const std::string name_ = "fake";
  std::mutex mu_;
};

class OutboxTest : public ::testing::Test {
 protected:
  OutboxTest() {
    char tmpl[] = "/tmp/salon-outbox-XXXXXX";
    dir_ = mkdtemp(tmpl);
    inner_ = OpenStore("sqlite:" + dir_);
    store_ = std::make_unique<CountingStore>(*inner_);
    directory_ = std::make_unique<Directory>(*store_, "admin-key");
  }
  ~OutboxTest() override {
    directory_.reset();
    store_.reset();
    inner_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The salon sal_1 with its branch br_1 (in Dublin).
  void AddSalon() {
    Salon s;
    s.id = salon_;
    s.name = "Hair by Ann";
    s.currency = "EUR";
    s.country = "IE";
    Branch b;
    b.id = BranchId{"br_1"};
    b.salon_id = salon_;
    b.name = "Main";
    b.timezone = "Europe/Dublin";
    ASSERT_TRUE(inner_->Write([&](WriteTxn& txn) {
      Save(txn, s);
      Save(txn, b);
      return Status::Ok();
    }).ok());
  }

  static Client MakeClient(const std::string& id, const std::string& phone, bool marketing) {
    Client c;
    c.id = ClientId{id};
    c.salon_id = SalonId{"sal_1"};
    c.first_name = "C" + id.substr(id.size() - 3);
    c.phone = phone;
    c.sms_marketing = marketing;
    return c;
  }

  // A confirmation to cli_001 of sal_1, queued now (not stored).
  MessageRow Confirmation(const std::string& id) {
    NewMessage m;
    m.id = id;
    m.salon_id = salon_.value;
    m.kind = MessageKind::kConfirmation;
    m.client_id = "cli_001";
    m.to = "+353871234567";
    m.text = "Hi";
    m.zone = "Europe/Dublin";
    m.due = clock_.Now();
    return BuildMessage(m, clock_.Now());
  }

  // The salon's messages as stored, by id.
  std::vector<MessageRow> Messages() {
    std::vector<MessageRow> out;
    EXPECT_TRUE(inner_->Read([&](ReadTxn& txn) {
      MessageQuery q;
      q.salon_id = salon_;
      out = txn.ListMessages(q);
      return Status::Ok();
    }).ok());
    return out;
  }

  std::string dir_;
  std::unique_ptr<Store> inner_;
  std::unique_ptr<CountingStore> store_;
  std::unique_ptr<Directory> directory_;
  const SalonId salon_{"sal_1"};
  FakeClock clock_{*ParseInstant("2026-11-20T12:00:00Z")};  // noon in Dublin: not quiet
  RandomIdSource ids_;
  Metrics metrics_;
  FakeProvider provider_;
};

}  // namespace salon::testing
