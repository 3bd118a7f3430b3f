// Every use case that writes, failed at each of its store calls in turn (and
// at its commit), leaves nothing partial behind: no busy time without its
// appointment, no message without its booking, no response kept for a
// write that did not happen, no cache holding what was never committed. And
// once the faults stop, the same request (same Idempotency-Key) succeeds.
// The till's writes (checkout, refund, void, cash-up) likewise leave no sale
// without its ledger entry, no voucher or stock moved without its sale, no
// receipt number consumed; once they succeed, the ledger still balances.
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <vector>

#include "app/records.h"
#include "sales/ledger.h"
#include "tests/app/salon_use_cases.h"
#include "tests/support/faulty_store.h"

namespace salon::testing {
namespace {

class UseCaseFaultsTest : public SalonUseCasesTest<FaultyStore> {
 protected:
  UseCaseFaultsTest() : staff_(AddStylist("Ann")) {}

  // Everything the salon has stored: records (the till's too), busy time,
  // messages, calendar versions, kept responses and counters (receipt
  // numbers), as one comparable text.
  std::string State() {
    std::string out;
    EXPECT_TRUE(real_->Read([&](ReadTxn& txn) {
      for (Kind kind : {Kind::kBranch, Kind::kStaff, Kind::kService, Kind::kClient,
                        Kind::kTimeOff, Kind::kAppointment, Kind::kCampaign, Kind::kProduct,
                        Kind::kSale, Kind::kLedgerEntry, Kind::kVoucher, Kind::kCashUp,
                        Kind::kStockMove}) {
        ListQuery q;
        q.kind = kind;
        q.salon_id = salon_;
        q.limit = 1000;
        q.include_archived = true;
        for (const Record& r : txn.List(q)) out += r.id + " v" + std::to_string(r.version) + " " + r.data + "\n";
      }
      SalonRows rows = txn.RowsOf(salon_);
      for (const BusyRow& b : rows.busy) {
        out += "busy " + b.appointment_id.value + " " + b.staff_id.value + " " + std::to_string(b.start) + "\n";
      }
      for (const MessageRow& m : rows.messages) out += "message " + m.id + " " + m.data + "\n";
      for (const auto& d : rows.calendar) {
        out += "day " + d.branch_id.value + " " + d.day + " " + std::to_string(d.version) + "\n";
      }
      for (const auto& [key, r] : rows.responses) out += "response " + key + "\n";
      for (const SalonRows::Counter& c : rows.counters) {
        out += "counter " + c.scope + " " + std::to_string(c.value) + "\n";
      }
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
        RecordProperty("failure_points", points);
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

  // Every record of `kind` the salon has, parsed as T.
  template <typename T>
  std::vector<T> All() {
    std::vector<T> out;
    EXPECT_TRUE(real_->Read([&](ReadTxn& txn) {
      ListQuery q;
      q.kind = RecordTraits<T>::kKind;
      q.salon_id = salon_;
      q.limit = 1000;
      q.include_archived = true;
      for (const Record& r : txn.List(q)) {
        auto parsed = FromRecord<T>(r);
        EXPECT_TRUE(parsed.ok()) << r.id << ": " << parsed.status().message();
        if (parsed.ok()) out.push_back(std::move(*parsed));
      }
      return Status::Ok();
    }).ok());
    return out;
  }

  // The ledger's invariants: every entry balances, what it owes on
  // vouchers is what the live vouchers hold, and what clients owe it is
  // what the (one) client's account says.
  void ExpectLedgerInvariants() {
    std::int64_t liability = 0, receivable = 0;
    for (const LedgerEntry& e : All<LedgerEntry>()) {
      EXPECT_TRUE(Balanced(e.postings)) << e.id.value << " (" << e.source << ") does not balance";
      for (const Posting& p : e.postings) {
        if (p.account == Account::kVoucherLiability) liability += p.amount;
        if (p.account == Account::kClientAccounts) receivable += p.amount;
      }
    }
    std::int64_t held = 0;
    for (const Voucher& v : All<Voucher>()) held += v.balance;
    EXPECT_EQ(liability, -held);
    auto account = sales_.Account(salon_, client_.id);
    ASSERT_TRUE(account.ok()) << account.status().message();
    EXPECT_EQ(receivable, account->account.balance);
  }

  // The voucher with `code` (a failure, and a balance of -1, if none).
  Voucher VoucherOf(const std::string& code) {
    for (Voucher& v : All<Voucher>()) {
      if (v.id.value == code) return v;
    }
    ADD_FAILURE() << "no voucher " << code;
    Voucher none;
    none.balance = -1;
    return none;
  }

  long long StockOf(const Product& p) {
    for (const Product& now : All<Product>()) {
      if (now.id == p.id) {
        auto it = now.stock.find(branch_.id.value);
        return it == now.stock.end() ? 0 : it->second;
      }
    }
    ADD_FAILURE() << "no product " << p.id.value;
    return 0;
  }

  // A shampoo (12.00, 23 %) with 10 units at the branch.
  Product AddShampoo() {
    Product p;
    p.name = "Shampoo";
    p.sku = "SH-1";
    p.price = {1200, "EUR"};
    p.tax_rate_bp = 2300;
    p.low_stock = 2;
    p.stock[branch_.id.value] = 10;
    EXPECT_TRUE(catalog_.Create(salon_, p, KeepIn(p)).ok());
    return p;
  }

  static CheckoutLineRequest ProductLine(const Product& p, std::int64_t quantity) {
    CheckoutLineRequest l;
    l.kind = LineKind::kProduct;
    l.item_id = p.id.value;
    l.quantity = quantity;
    return l;
  }

  static CheckoutLineRequest VoucherLine(std::int64_t amount) {
    CheckoutLineRequest l;
    l.kind = LineKind::kVoucher;
    l.unit_price = amount;
    l.expires_on = *ParseDate("2027-11-30");
    return l;
  }

  // Sells a voucher of `amount` for cash at the branch; answers its code.
  std::string SellVoucher(std::int64_t amount) {
    CheckoutRequest req;
    req.branch = branch_.id;
    req.lines = {VoucherLine(amount)};
    req.payments = {{PaymentMethod::kCash, amount, "", ""}};
    SaleView sold;
    auto done = sales_.Checkout(salon_, req, KeepIn(sold));
    EXPECT_TRUE(done.ok()) << done.status().message();
    return sold.sale.lines.empty() ? "" : sold.sale.lines[0].line.item_id;
  }

  Staff staff_;
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
    q.salon_id = salon_;
    q.limit = 100;
    for (const MessageRow& m : txn.ListMessages(q)) texts += m.kind == MessageKind::kMarketing;
    return Status::Ok();
  }).ok());
  EXPECT_EQ(texts, 4);  // the three and the fixture's client, once each
  EXPECT_NE(State(), before_fan_out);
}

// A checkout from an appointment with a deposit held, selling a product and
// a voucher, paid by the deposit, part of an older voucher and a card: no
// sale without its ledger entry, no voucher spent or sold, no stock moved,
// no deposit applied, no appointment completed and no receipt number used
// unless all of them are.
TEST_F(UseCaseFaultsTest, ACheckoutLeavesNothingPartial) {
  const Product shampoo = AddShampoo();
  const std::string older = SellVoucher(5000);  // receipt 1
  AppointmentView booked;
  ASSERT_TRUE(appointments_.Book(salon_, At("2026-11-20T10:00:00Z"), KeepIn(booked)).ok());
  SaleView deposit;
  ASSERT_TRUE(sales_.TakeDeposit(salon_, booked.appointment.id,
                                 {PaymentMethod::kCard, 1000, "", "T-0"}, KeepIn(deposit))
                  .ok());  // receipt 2
  clock_.Set(*ParseInstant("2026-11-20T10:50:00Z"));

  CheckoutRequest req;
  req.branch = branch_.id;
  req.appointment = booked.appointment.id;
  req.lines = {ProductLine(shampoo, 1), VoucherLine(3000)};
  // 42.00 due: 10.00 held, 15.00 of the older voucher, the rest by card.
  req.payments = {{PaymentMethod::kVoucher, 1500, older, ""},
                  {PaymentMethod::kCard, 1700, "", "T-1"}};
  SaleView sold;
  const int points = FailEveryPoint(
      [&] { return sales_.Checkout(salon_, req, Keyed("checkout", sold)); }, "2026-11-20");
  // Reads the salon, branch, appointment, client, product, the deposits
  // held, moves two vouchers, numbers, saves, moves stock, posts, applies
  // the deposit, completes the visit, keeps its answer (20 today).
  EXPECT_GE(points, 15);

  const Sale& sale = sold.sale;
  EXPECT_EQ(sale.number, 3);
  EXPECT_EQ(sale.totals.total, 4200);
  ASSERT_EQ(sale.payments.size(), 3u);
  EXPECT_EQ(sale.payments[0].method, PaymentMethod::kDeposit);
  EXPECT_EQ(sale.payments[0].amount, 1000);
  ASSERT_EQ(sale.lines.size(), 2u);
  EXPECT_EQ(StockOf(shampoo), 9);
  EXPECT_EQ(VoucherOf(older).balance, 3500);
  EXPECT_EQ(VoucherOf(sale.lines[1].line.item_id).balance, 3000);
  for (const Sale& s : All<Sale>()) {
    if (s.id == deposit.sale.id) {
      EXPECT_EQ(s.settled_by, sale.id.value);
    }
  }
  for (const Appointment& a : All<Appointment>()) {
    if (a.id == booked.appointment.id) {
      EXPECT_EQ(a.status, AppointmentStatus::kCompleted);
    }
  }
  ExpectLedgerInvariants();
  ExpectCacheMatchesStore("2026-11-20");

  // The same key answers the stored answer, running nothing.
  const std::string state = State();
  SaleView again;
  auto replay = sales_.Checkout(salon_, req, Keyed("checkout", again));
  ASSERT_TRUE(replay.ok()) << replay.status().message();
  EXPECT_TRUE(replay->replayed);
  EXPECT_EQ(State(), state);
}

// A refund of one unit of a product line onto a voucher (a top-up): no
// refund kept without its ledger entry, its voucher's top-up and its unit
// back on the shelf.
TEST_F(UseCaseFaultsTest, ARefundToAVoucherLeavesNothingPartial) {
  const Product shampoo = AddShampoo();
  const std::string voucher = SellVoucher(2000);
  CheckoutRequest buy;
  buy.branch = branch_.id;
  buy.client = client_.id;
  buy.lines = {ProductLine(shampoo, 2)};
  buy.payments = {{PaymentMethod::kCard, 2400, "", "T-1"}};
  SaleView bought;
  ASSERT_TRUE(sales_.Checkout(salon_, buy, KeepIn(bought)).ok());
  ASSERT_EQ(StockOf(shampoo), 8);

  RefundRequest req;
  req.lines = {{0, 1, std::nullopt}};
  req.method = PaymentMethod::kVoucher;
  req.voucher_code = voucher;
  req.reason = "damaged";
  SaleView refunded;
  const int points = FailEveryPoint(
      [&] { return sales_.Refund(salon_, bought.sale.id, req, Keyed("refund", refunded)); },
      "2026-11-20");
  EXPECT_GE(points, 8);  // the sale, its branch, the voucher, saves, stock, posts, answer (11)

  ASSERT_EQ(refunded.sale.refunds.size(), 1u);
  EXPECT_EQ(refunded.sale.refunds[0].amount, 1200);
  EXPECT_EQ(refunded.sale.refunded[0].quantity, 1);
  EXPECT_EQ(StockOf(shampoo), 9);
  EXPECT_EQ(VoucherOf(voucher).balance, 3200);
  ExpectLedgerInvariants();
}

// A same-day void of a sale that sold one voucher and was paid in part by
// another: no sale voided without its reversing entry, the voucher it sold
// withdrawn, the one it spent restored and its stock back.
TEST_F(UseCaseFaultsTest, AVoidLeavesNothingPartial) {
  const Product shampoo = AddShampoo();
  const std::string older = SellVoucher(5000);
  CheckoutRequest req;
  req.branch = branch_.id;
  req.client = client_.id;
  req.lines = {ProductLine(shampoo, 1), VoucherLine(3000)};
  req.payments = {{PaymentMethod::kVoucher, 2000, older, ""},
                  {PaymentMethod::kCard, 2200, "", "T-1"}};
  SaleView sold;
  ASSERT_TRUE(sales_.Checkout(salon_, req, KeepIn(sold)).ok());
  ASSERT_EQ(sold.sale.lines.size(), 2u);
  const std::string sold_voucher = sold.sale.lines[1].line.item_id;
  ASSERT_EQ(VoucherOf(older).balance, 3000);
  ASSERT_EQ(StockOf(shampoo), 9);
  clock_.Advance(std::chrono::minutes(20));

  SaleView voided;
  const int points = FailEveryPoint(
      [&] { return sales_.Void(salon_, sold.sale.id, "rang up twice", Keyed("void", voided)); },
      "2026-11-20");
  // The sale, its branch, the day's cash-ups, two vouchers, saves, stock,
  // posts, its answer (14 today).
  EXPECT_GE(points, 10);

  EXPECT_EQ(voided.sale.status, SaleStatus::kVoided);
  EXPECT_EQ(StockOf(shampoo), 10);
  EXPECT_EQ(VoucherOf(older).balance, 5000);
  EXPECT_EQ(VoucherOf(sold_voucher).balance, 0);
  ExpectLedgerInvariants();
}

// A client paying 15.00 of the 30.00 they owe on account, in cash: no
// payment without its receipt number and its ledger entry, and the account
// moves only with both.
TEST_F(UseCaseFaultsTest, AnAccountPaymentLeavesNothingPartial) {
  CheckoutRequest buy;
  buy.branch = branch_.id;
  buy.client = client_.id;
  buy.lines = {{LineKind::kService, service_.id.value, staff_.id, 1, std::nullopt, std::nullopt,
                std::nullopt}};
  buy.payments = {{PaymentMethod::kAccount, 3000, "", ""}};
  SaleView bought;
  ASSERT_TRUE(sales_.Checkout(salon_, buy, KeepIn(bought)).ok());  // receipt 1
  ASSERT_EQ(sales_.Account(salon_, client_.id)->account.balance, 3000);
  clock_.Advance(std::chrono::minutes(5));

  AccountPaymentRequest req;
  req.branch = branch_.id;
  req.paid = {PaymentMethod::kCash, 1500, "", ""};
  SaleView paid;
  const int points = FailEveryPoint(
      [&] { return sales_.PayAccount(salon_, client_.id, req, Keyed("account", paid)); },
      "2026-11-20");
  // The salon, client, branch, the client's sales, numbers, saves, posts,
  // its answer (10 today).
  EXPECT_GE(points, 7);

  EXPECT_EQ(paid.sale.kind, SaleKind::kAccountPayment);
  EXPECT_EQ(paid.sale.number, 2);
  auto account = sales_.Account(salon_, client_.id);
  ASSERT_TRUE(account.ok()) << account.status().message();
  EXPECT_EQ(account->account.balance, 1500);
  ExpectLedgerInvariants();  // client_accounts is 15.00 too

  // Beyond what is owed: refused, nothing kept.
  const std::string state = State();
  req.paid.amount = 1501;
  EXPECT_EQ(sales_.PayAccount(salon_, client_.id, req, KeepIn(paid)).status().code(),
            Code::kInvalid);
  EXPECT_EQ(State(), state);
}

// A cash-up whose drawer is 3.50 short: no cash-up without its over/short
// entry, and neither without the other.
TEST_F(UseCaseFaultsTest, ACashUpWithADifferenceLeavesNothingPartial) {
  const Product shampoo = AddShampoo();
  SellVoucher(2500);  // 25.00 cash
  CheckoutRequest buy;
  buy.branch = branch_.id;
  buy.lines = {ProductLine(shampoo, 2)};
  buy.payments = {{PaymentMethod::kCard, 2400, "", "T-1"}};
  SaleView bought;
  ASSERT_TRUE(sales_.Checkout(salon_, buy, KeepIn(bought)).ok());
  clock_.Set(*ParseInstant("2026-11-20T18:30:00Z"));

  CashUpRequest req;
  req.date = *ParseDate("2026-11-20");
  req.float_amount = 10000;
  req.counted = {{PaymentMethod::kCash, 10000 + 2500 - 350}, {PaymentMethod::kCard, 2400}};
  CashUpView closed;
  const int points = FailEveryPoint(
      [&] { return cash_ups_.Close(salon_, branch_.id, req, Keyed("cash-up", closed)); },
      "2026-11-20");
  // The salon, branch, this day's and the day before's cash-up, the ledger,
  // the over/short entry, the cash-up, its answer (10 today).
  EXPECT_GE(points, 8);

  EXPECT_EQ(closed.cash_up.difference[PaymentMethod::kCash], -350);
  EXPECT_EQ(closed.cash_up.difference[PaymentMethod::kCard], 0);
  ASSERT_FALSE(closed.cash_up.over_short_entry.value.empty());
  bool posted = false;
  for (const LedgerEntry& e : All<LedgerEntry>()) {
    if (e.id != closed.cash_up.over_short_entry) continue;
    posted = true;
    EXPECT_EQ(e.source, kCashUpSource);
    EXPECT_EQ(e.postings,
              (std::vector<Posting>{{Account::kCash, -350}, {Account::kCashOverShort, 350}}));
  }
  EXPECT_TRUE(posted);
  EXPECT_EQ(All<CashUp>().size(), 1u);
  ExpectLedgerInvariants();
}

}  // namespace
}  // namespace salon::testing
