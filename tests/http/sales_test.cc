// The till through the API (ctest runs it on SQLite and on PostgreSQL):
// prices, tax, tips and change; receipt numbers; refunds that never exceed
// a line under concurrency; voids; clients' accounts charged, credited and
// paid off; the ledger balanced after each; and every refusal posting
// nothing.
#include <atomic>
#include <map>
#include <set>
#include <thread>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class SalesTest : public ServerTest {
 protected:
  // The fixture's salon with a second stylist, the cut taxed at 23 % and a
  // shampoo (12.00, 23 %, 5 in stock at the branch, low at 2).
  struct Till {
    SalonFixture s;
    std::string bea, shampoo;
  };
  Till MakeTill() {
    Till t{MakeSalon(), "", ""};
    t.bea = AddStylist(t.s, "Bea");
    EXPECT_EQ(Call(verb::patch, t.s.base() + "/services/" + t.s.cut, t.s.key,
                   R"({"tax_rate":2300})").status, 200);
    Reply p = Post(t.s.base() + "/products", t.s.key,
                   R"({"name":"Shampoo","sku":"SH-1","price":{"amount":1200,"currency":"EUR"},
                       "tax_rate":2300,"low_stock":2,"stock":{")" + t.s.branch + R"(":5}})");
    EXPECT_EQ(p.status, 201) << p.body;
    t.shampoo = p.Str("id");
    return t;
  }

  static long long Amount(const json::value& money) { return money.at("amount").as_int64(); }

  // Every ledger entry of the salon: each must balance; answers the sum per account.
  std::map<std::string, long long> LedgerBalances(const SalonFixture& s, int* entries = nullptr) {
    Reply ledger = Get(s.base() + "/ledger?limit=500", s.key);
    EXPECT_EQ(ledger.status, 200) << ledger.body;
    std::map<std::string, long long> balances;
    int n = 0;
    for (const auto& e : ledger.json.at("items").as_array()) {
      long long sum = 0;
      for (const auto& p : e.at("postings").as_array()) {
        sum += Amount(p.at("amount"));
        balances[std::string(p.at("account").as_string())] += Amount(p.at("amount"));
      }
      EXPECT_EQ(sum, 0) << json::serialize(e);
      ++n;
    }
    if (entries != nullptr) *entries = n;
    return balances;
  }

  std::string WalkIn(const Till& t, long long product_units, long long cash) {
    return R"({"branch_id":")" + t.s.branch + R"(","lines":[{"kind":"product","product_id":")" +
           t.shampoo + R"(","quantity":)" + std::to_string(product_units) +
           R"(}],"payments":[{"method":"cash","amount":)" + std::to_string(cash) + "}]}";
  }
};

TEST_F(SalesTest, ACheckoutPricesTaxDiscountsTipsAndChangeToTheCent) {
  Till t = MakeTill();
  Reply sale = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","client_id":")" + t.s.client + R"(","lines":[
        {"kind":"service","service_id":")" + t.s.cut + R"(","staff_id":")" + t.s.stylist + R"("},
        {"kind":"service","service_id":")" + t.s.colour + R"(","staff_id":")" + t.bea + R"("},
        {"kind":"product","product_id":")" + t.shampoo + R"(","quantity":2,
         "discount":{"percent":10,"reason":"loyalty"}}],
      "tip":{"amount":1000},
      "payments":[{"method":"card","amount":5000,"reference":"T-1"},
                  {"method":"cash","amount":{"amount":7000,"currency":"EUR"}}]})");
  ASSERT_EQ(sale.status, 201) << sale.body;
  EXPECT_EQ(sale.json.at("number").as_int64(), 1);
  EXPECT_EQ(sale.Str("status"), "completed");
  const json::object& totals = sale.json.at("totals").as_object();
  EXPECT_EQ(Amount(totals.at("subtotal")), 10900);
  EXPECT_EQ(Amount(totals.at("discount")), 240);
  EXPECT_EQ(Amount(totals.at("tax")), 467 + 404);  // 23 % inside 25.00 and inside 21.60
  EXPECT_EQ(Amount(totals.at("total")), 10660);
  EXPECT_EQ(Amount(totals.at("tips")), 1000);
  EXPECT_EQ(Amount(sale.json.at("change")), 340);  // 120.00 tendered for 116.60
  const json::array& lines = sale.json.at("lines").as_array();
  EXPECT_EQ(Amount(lines[0].at("net")), 2033);
  EXPECT_EQ(Amount(lines[2].at("gross")), 2160);
  // The tip by service value: 25.00 and 60.00 of 85.00.
  std::map<std::string, long long> tips;
  for (const auto& tip : sale.json.at("tips").as_array()) {
    tips[std::string(tip.at("staff_id").as_string())] = Amount(tip.at("amount"));
  }
  EXPECT_EQ(tips[t.s.stylist], 294);
  EXPECT_EQ(tips[t.bea], 706);

  Reply product = Get(t.s.base() + "/products/" + t.shampoo, t.s.key);
  EXPECT_EQ(product.json.at("stock").at(t.s.branch).as_int64(), 3);

  auto balances = LedgerBalances(t.s);
  EXPECT_EQ(balances["cash"], 6660);
  EXPECT_EQ(balances["card_clearing"], 5000);
  EXPECT_EQ(balances["revenue_services"], -(2033 + 6000));
  EXPECT_EQ(balances["revenue_products"], -(2160 - 404));
  EXPECT_EQ(balances["tax_payable"], -871);
  EXPECT_EQ(balances["tips_payable"], -1000);

  Reply again = Post(t.s.base() + "/sales", t.s.key, WalkIn(t, 1, 1200));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.json.at("number").as_int64(), 2);
  Reply read = Get(t.s.base() + "/sales/" + sale.Str("id"), t.s.key);
  ASSERT_EQ(read.status, 200);
  EXPECT_EQ(read.json.at("totals"), sale.json.at("totals"));
  EXPECT_EQ(Get(t.s.base() + "/sales?client_id=" + t.s.client, t.s.key)
                .json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Get(t.s.base() + "/sales?staff_id=" + t.bea, t.s.key)
                .json.at("items").as_array().size(), 1u);
  EXPECT_EQ(Get(t.s.base() + "/sales?branch_id=" + t.s.branch, t.s.key)
                .json.at("items").as_array().size(), 2u);
}

TEST_F(SalesTest, PricesWithoutTaxHaveItAddedOnTop) {
  Reply salon = Post("/v1/salons", kAdminKey,
                     R"({"name":"Ohio Cuts","currency":"USD","country":"US","prices_include_tax":false})");
  ASSERT_EQ(salon.status, 201) << salon.body;
  EXPECT_FALSE(salon.json.at("prices_include_tax").as_bool());
  const std::string base = "/v1/salons/" + salon.Str("id"), key = salon.Str("api_key");
  std::string branch = Post(base + "/branches", key,
                            R"({"name":"Main","timezone":"America/New_York"})").Str("id");
  std::string gel = Post(base + "/products", key,
                         R"({"name":"Gel","price":{"amount":1000,"currency":"USD"},"tax_rate":888})")
                        .Str("id");
  Reply sale = Post(base + "/sales", key, R"({"branch_id":")" + branch +
      R"(","lines":[{"kind":"product","product_id":")" + gel +
      R"("}],"payments":[{"method":"card","amount":1089}]})");
  ASSERT_EQ(sale.status, 201) << sale.body;
  EXPECT_EQ(Amount(sale.json.at("totals").at("tax")), 89);  // 8.88 % of 10.00, rounded
  EXPECT_EQ(Amount(sale.json.at("totals").at("total")), 1089);
}

TEST_F(SalesTest, ACheckoutFromAnAppointmentTakesItsServicesAndCompletesIt) {
  Till t = MakeTill();
  Reply booked = Book(t.s, "2026-11-23T10:00:00Z", t.s.cut, t.s.stylist);
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string body = R"({"branch_id":")" + t.s.branch + R"(","appointment_id":")" +
                           booked.Str("id") + R"(","payments":[{"method":"card","amount":2500}]})";
  Reply sale = Post(t.s.base() + "/sales", t.s.key, body);
  ASSERT_EQ(sale.status, 201) << sale.body;
  EXPECT_EQ(sale.Str("client_id"), t.s.client);
  ASSERT_EQ(sale.json.at("lines").as_array().size(), 1u);
  EXPECT_EQ(sale.json.at("lines").at(0).at("staff_id").as_string(), t.s.stylist);
  const std::string appointment = t.s.base() + "/appointments/" + booked.Str("id");
  EXPECT_EQ(Get(appointment, t.s.key).Str("status"), "completed");
  EXPECT_EQ(Post(t.s.base() + "/sales", t.s.key, body).status, 409);  // checked out already

  Reply voided = Post(t.s.base() + "/sales/" + sale.Str("id") + "/void", t.s.key,
                      R"({"reason":"wrong client"})");
  ASSERT_EQ(voided.status, 200) << voided.body;
  EXPECT_EQ(voided.Str("status"), "voided");
  EXPECT_EQ(Get(appointment, t.s.key).Str("status"), "arrived");
}

TEST_F(SalesTest, RefundsAndVoidsReverseMoneyAndStockAndTheLedgerStaysBalanced) {
  Till t = MakeTill();
  Reply sale = Post(t.s.base() + "/sales", t.s.key, WalkIn(t, 3, 5000));
  ASSERT_EQ(sale.status, 201) << sale.body;
  EXPECT_EQ(Amount(sale.json.at("change")), 5000 - 3600);
  const std::string one = t.s.base() + "/sales/" + sale.Str("id");
  Reply refund = Post(one + "/refunds", t.s.key,
                      R"({"lines":[{"line":0,"quantity":1}],"method":"cash","reason":"damaged"})");
  ASSERT_EQ(refund.status, 201) << refund.body;
  EXPECT_EQ(Amount(refund.json.at("lines").at(0).at("refunded").at("amount")), 1200);
  EXPECT_EQ(Get(t.s.base() + "/products/" + t.shampoo, t.s.key)
                .json.at("stock").at(t.s.branch).as_int64(), 5 - 3 + 1);
  EXPECT_EQ(Post(one + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"quantity":3}],"method":"cash","reason":"x"})").status, 409);
  EXPECT_EQ(Post(one + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"amount":2401}],"method":"cash","reason":"x"})").status, 409);
  EXPECT_EQ(Post(one + "/void", t.s.key, R"({"reason":"oops"})").status, 409);  // refunded
  ASSERT_EQ(Post(one + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"amount":2400}],"method":"card","reason":"x"})").status, 201);
  auto balances = LedgerBalances(t.s);
  EXPECT_EQ(balances["revenue_products"], 0);  // all of it refunded
  EXPECT_EQ(balances["tax_payable"], 0);
  EXPECT_EQ(balances["cash"], 3600 - 1200);
  EXPECT_EQ(balances["card_clearing"], -2400);

  Reply other = Post(t.s.base() + "/sales", t.s.key, WalkIn(t, 1, 1200));
  const std::string two = t.s.base() + "/sales/" + other.Str("id");
  ASSERT_EQ(Post(two + "/void", t.s.key, R"({"reason":"rang up twice"})").status, 200);
  EXPECT_EQ(Post(two + "/void", t.s.key, R"({"reason":"again"})").status, 409);
  EXPECT_EQ(Post(two + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"quantity":1}],"method":"cash","reason":"x"})").status, 409);
  int entries = 0;
  balances = LedgerBalances(t.s, &entries);
  EXPECT_EQ(entries, 5);  // 2 sales, 2 refunds, 1 void
  EXPECT_EQ(balances["cash"], 3600 - 1200);
  EXPECT_EQ(Get(t.s.base() + "/products/" + t.shampoo, t.s.key)
                .json.at("stock").at(t.s.branch).as_int64(), 5 - 3 + 1);

  // A void belongs to the day of its sale.
  Reply late = Post(t.s.base() + "/sales", t.s.key, WalkIn(t, 1, 1200));
  clock_.Advance(std::chrono::hours(24));
  EXPECT_EQ(Post(t.s.base() + "/sales/" + late.Str("id") + "/void", t.s.key,
                 R"({"reason":"next day"})").status, 409);
}

TEST_F(SalesTest, ConcurrentRefundsOfOneLineNeverExceedIt) {
  Till t = MakeTill();
  Reply sale = Post(t.s.base() + "/sales", t.s.key, WalkIn(t, 1, 1200));
  ASSERT_EQ(sale.status, 201) << sale.body;
  const std::string target = t.s.base() + "/sales/" + sale.Str("id") + "/refunds";
  std::atomic<int> created{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 16; ++i) {
    threads.emplace_back([&] {
      Client c(port_);
      Reply r = c.Send(verb::post, target,
                       R"({"lines":[{"line":0,"amount":500}],"method":"cash","reason":"race"})",
                       {{"Authorization", "Bearer " + t.s.key}});
      (r.status == 201 ? created : conflicts)++;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), 2);  // 5.00 twice fits in 12.00; a third would not
  EXPECT_EQ(conflicts.load(), 14);
  Reply read = Get(t.s.base() + "/sales/" + sale.Str("id"), t.s.key);
  EXPECT_EQ(Amount(read.json.at("lines").at(0).at("refunded").at("amount")), 1000);
}

TEST_F(SalesTest, ConcurrentCheckoutsNumberReceiptsWithoutGapOrRepeat) {
  Till t = MakeTill();
  std::vector<long long> numbers(8, 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      Client c(port_);
      Reply r = c.Send(verb::post, t.s.base() + "/sales", WalkIn(t, 1, 1200),
                       {{"Authorization", "Bearer " + t.s.key}});
      if (r.status == 201) numbers[i] = r.json.at("number").as_int64();
    });
  }
  for (auto& th : threads) th.join();
  std::set<long long> seen(numbers.begin(), numbers.end());
  EXPECT_EQ(seen, (std::set<long long>{1, 2, 3, 4, 5, 6, 7, 8}));
}

TEST_F(SalesTest, ARepeatedCheckoutWithItsKeyChargesOnce) {
  Till t = MakeTill();
  Reply first = Call(verb::post, t.s.base() + "/sales", t.s.key, WalkIn(t, 1, 1200),
                     {{"Idempotency-Key", "till-1"}});
  Reply again = Call(verb::post, t.s.base() + "/sales", t.s.key, WalkIn(t, 1, 1200),
                     {{"Idempotency-Key", "till-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  int entries = 0;
  LedgerBalances(t.s, &entries);
  EXPECT_EQ(entries, 1);
}

TEST_F(SalesTest, BadInputIsRefusedAndPostsNothing) {
  Till t = MakeTill();
  SalonFixture other = MakeSalon("Other");
  auto sale = [&](const std::string& lines, const std::string& payments,
                  const std::string& extra = "") {
    return Post(t.s.base() + "/sales", t.s.key,
                R"({"branch_id":")" + t.s.branch + R"(","lines":)" + lines +
                    R"(,"payments":)" + payments + extra + "}");
  };
  const std::string shampoo = R"([{"kind":"product","product_id":")" + t.shampoo + R"("}])";
  const std::string cash = R"([{"method":"cash","amount":1200}])";
  EXPECT_EQ(sale(shampoo, R"([{"method":"cash","amount":1199}])").status, 422);  // short
  EXPECT_EQ(sale(shampoo, R"([{"method":"card","amount":1300}])").status, 422);  // no change
  EXPECT_EQ(sale(shampoo, R"([{"method":"cash","amount":-5}])").status, 422);
  EXPECT_EQ(sale(shampoo, R"([{"method":"cheque","amount":1200}])").status, 422);
  EXPECT_EQ(sale(shampoo, R"([{"method":"voucher","amount":1200,"voucher_code":"X"}])").status,
            422);  // no such voucher
  EXPECT_EQ(sale(shampoo, R"([{"method":"account","amount":1200}])").status, 422);  // no client
  EXPECT_EQ(sale(shampoo, R"([{"method":"account","amount":1200}])",
                 R"(,"client_id":")" + other.client + "\"").status, 422);  // another salon's
  EXPECT_EQ(sale(shampoo, R"([{"method":"deposit","amount":1200}])",
                 R"(,"client_id":")" + t.s.client + "\"").status, 422);
  EXPECT_EQ(sale(shampoo, R"([{"method":"cash","amount":{"amount":1200,"currency":"USD"}}])")
                .status, 422);
  EXPECT_EQ(sale(R"([{"kind":"product","product_id":")" + t.shampoo + R"(","quantity":-1}])", cash)
                .status, 422);
  EXPECT_EQ(sale(R"([{"kind":"product","product_id":")" + t.shampoo +
                     R"(","discount":{"amount":1201,"reason":"too much"}}])", cash).status, 422);
  EXPECT_EQ(sale(R"([{"kind":"product","product_id":")" + t.shampoo +
                     R"(","discount":{"amount":100}}])", cash).status, 422);  // no reason
  EXPECT_EQ(sale(R"([{"kind":"service","service_id":")" + other.cut + R"("}])", cash).status, 422);
  EXPECT_EQ(sale(R"([{"kind":"service","service_id":")" + t.s.cut + R"(","staff_id":")" +
                     other.stylist + R"("}])", cash).status, 422);
  EXPECT_EQ(sale(R"([{"kind":"product","product_id":")" + t.shampoo +
                     R"(","quantity":10000,"unit_price":1000000000}])", cash).status, 422);
  EXPECT_EQ(sale("[]", cash).status, 422);
  EXPECT_EQ(sale(shampoo, cash, R"(,"tip":{"amount":100,"staff_ids":["stf_nobody"]})").status,
            422);
  EXPECT_EQ(sale(R"("lines")", cash).status, 400);
  EXPECT_EQ(sale(shampoo, cash, R"(,"surprise":1)").status, 400);
  EXPECT_EQ(Post(t.s.base() + "/sales", t.s.key, "{").status, 400);
  EXPECT_EQ(Post(t.s.base() + "/products", t.s.key,
                 R"({"name":"X","price":{"amount":1,"currency":"EUR"},"tax_rate":10001})").status,
            422);
  EXPECT_EQ(Post(t.s.base() + "/products", t.s.key,
                 R"({"name":"X","price":{"amount":1,"currency":"USD"}})").status, 422);
  EXPECT_EQ(Call(verb::patch, t.s.base() + "/products/" + t.shampoo, t.s.key,
                 R"({"stock":{")" + t.s.branch + R"(":50}})").status, 422);
  EXPECT_EQ(Get(t.s.base() + "/sales/sale_nothing", t.s.key).status, 404);
  EXPECT_EQ(Get(t.s.base() + "/sales?from=yesterday", t.s.key).status, 422);

  int entries = -1;
  LedgerBalances(t.s, &entries);
  EXPECT_EQ(entries, 0);
  EXPECT_EQ(Get(t.s.base() + "/products/" + t.shampoo, t.s.key)
                .json.at("stock").at(t.s.branch).as_int64(), 5);
  // The next sale is still number 1: a refused sale takes no number.
  Reply ok = sale(shampoo, cash);
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ok.json.at("number").as_int64(), 1);
  EXPECT_EQ(Get(other.base() + "/sales/" + ok.Str("id"), other.key).status, 404);
}

TEST_F(SalesTest, AGiftVoucherIsALiabilitySpentInPartsUntilItExpires) {
  Till t = MakeTill();
  Reply sold = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","lines":[{"kind":"voucher","amount":5000,"expires_on":"2027-11-20"}],
        "payments":[{"method":"card","amount":5000}]})");
  ASSERT_EQ(sold.status, 201) << sold.body;
  const std::string code(sold.json.at("lines").at(0).at("voucher_code").as_string());
  ASSERT_GE(code.size(), 20u);
  EXPECT_EQ(Amount(sold.json.at("totals").at("tax")), 0);
  const std::string voucher = t.s.base() + "/vouchers/" + code;
  Reply v = Get(voucher, t.s.key);
  ASSERT_EQ(v.status, 200) << v.body;
  EXPECT_EQ(Amount(v.json.at("balance")), 5000);
  EXPECT_EQ(v.Str("expires_on"), "2027-11-20");
  auto pay = [&](long long units, long long amount, const std::string& with) {
    return Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
        R"(","lines":[{"kind":"product","product_id":")" + t.shampoo + R"(","quantity":)" +
        std::to_string(units) + R"(}],"payments":[{"method":"voucher","amount":)" +
        std::to_string(amount) + R"(,"voucher_code":")" + with + R"("}]})");
  };
  Reply spent = pay(1, 1200, code);
  ASSERT_EQ(spent.status, 201) << spent.body;
  EXPECT_EQ(Amount(Get(voucher, t.s.key).json.at("balance")), 3800);
  EXPECT_EQ(pay(4, 4800, code).status, 409);  // more than is left
  EXPECT_EQ(pay(1, 1200, "NOPE-NOPE").status, 422);
  EXPECT_EQ(Amount(Get(voucher, t.s.key).json.at("balance")), 3800);

  // A refund to the voucher tops it up; a refund of the voucher takes from it.
  ASSERT_EQ(Post(t.s.base() + "/sales/" + spent.Str("id") + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"quantity":1}],"method":"voucher","voucher_code":")" +
                     code + R"(","reason":"wrong shade"})").status, 201);
  EXPECT_EQ(Amount(Get(voucher, t.s.key).json.at("balance")), 5000);
  ASSERT_EQ(Post(t.s.base() + "/sales/" + sold.Str("id") + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"amount":1000}],"method":"card","reason":"part back"})")
                .status, 201);
  Reply after = Get(voucher, t.s.key);
  EXPECT_EQ(Amount(after.json.at("balance")), 4000);
  EXPECT_EQ(after.json.at("history").as_array().size(), 4u);  // issued, redeemed, topped up, refunded
  // The liability in the ledger is what the live vouchers hold.
  EXPECT_EQ(LedgerBalances(t.s)["voucher_liability"], -4000);
  EXPECT_EQ(LedgerBalances(t.s)["revenue_products"], 0);

  // A voucher sold and partly spent cannot be voided away.
  Reply second = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","lines":[{"kind":"voucher","amount":2000}],"payments":[{"method":"cash","amount":2000}]})");
  ASSERT_EQ(second.status, 201) << second.body;
  const std::string code2(second.json.at("lines").at(0).at("voucher_code").as_string());
  ASSERT_EQ(pay(1, 1200, code2).status, 201);
  EXPECT_EQ(Post(t.s.base() + "/sales/" + second.Str("id") + "/void", t.s.key,
                 R"({"reason":"mistake"})").status, 409);
  SalonFixture other = MakeSalon("Other");
  EXPECT_EQ(Get(other.base() + "/vouchers/" + code, other.key).status, 404);

  clock_.Set(Instant(std::chrono::seconds(1826841600)));  // 2027-11-22: past its last day
  EXPECT_EQ(pay(1, 1200, code).status, 422);
}

TEST_F(SalesTest, StockMovesByHandWithAReasonAndLowStockIsListed) {
  Till t = MakeTill();
  const std::string stock = t.s.base() + "/products/" + t.shampoo + "/stock";
  const std::string low = t.s.base() + "/branches/" + t.s.branch + "/low-stock";
  EXPECT_EQ(Get(low, t.s.key).json.at("items").as_array().size(), 0u);  // 5 > 2
  ASSERT_EQ(Post(t.s.base() + "/sales", t.s.key, WalkIn(t, 3, 3600)).status, 201);
  Reply listed = Get(low, t.s.key);
  ASSERT_EQ(listed.json.at("items").as_array().size(), 1u);  // 2 left: low
  EXPECT_EQ(listed.json.at("items").at(0).at("id").as_string(), t.shampoo);
  Reply moved = Post(stock, t.s.key,
                     R"({"branch_id":")" + t.s.branch + R"(","delta":10,"reason":"delivery"})");
  ASSERT_EQ(moved.status, 201) << moved.body;
  EXPECT_EQ(moved.json.at("stock").as_int64(), 12);
  EXPECT_EQ(moved.Str("reason"), "delivery");
  EXPECT_EQ(Get(low, t.s.key).json.at("items").as_array().size(), 0u);
  EXPECT_EQ(Post(stock, t.s.key, R"({"branch_id":")" + t.s.branch + R"(","delta":0,"reason":"x"})")
                .status, 422);
  EXPECT_EQ(Post(stock, t.s.key, R"({"branch_id":"br_nowhere","delta":1,"reason":"x"})").status,
            422);
  EXPECT_EQ(Post(stock, t.s.key, R"({"branch_id":")" + t.s.branch + R"(","delta":1})").status, 422);
  EXPECT_EQ(Post(t.s.base() + "/products/prd_none/stock", t.s.key,
                 R"({"branch_id":")" + t.s.branch + R"(","delta":1,"reason":"x"})").status, 404);
  EXPECT_EQ(Get(t.s.base() + "/products/" + t.shampoo, t.s.key)
                .json.at("stock").at(t.s.branch).as_int64(), 12);
}

TEST_F(SalesTest, ADepositPaysFirstIsKeptForANoShowAndReturnedOnCancel) {
  Till t = MakeTill();
  auto book = [&](const std::string& start) {
    Reply r = Book(t.s, start, t.s.cut, t.s.stylist);
    EXPECT_EQ(r.status, 201) << r.body;
    return t.s.base() + "/appointments/" + r.Str("id");
  };
  const std::string paid = book("2026-11-23T10:00:00Z");
  const std::string missed = book("2026-11-23T11:00:00Z");
  const std::string called_off = book("2026-11-23T12:00:00Z");
  for (const std::string& a : {paid, missed, called_off}) {
    Reply d = Post(a + "/deposits", t.s.key, R"({"amount":1000,"method":"card"})");
    ASSERT_EQ(d.status, 201) << d.body;
    EXPECT_EQ(d.Str("kind"), "deposit");
  }
  EXPECT_EQ(LedgerBalances(t.s)["deposits_held"], -3000);
  EXPECT_EQ(Post(paid + "/deposits", t.s.key, R"({"amount":1000,"method":"voucher"})").status,
            422);
  EXPECT_EQ(Post(paid + "/deposits", t.s.key, R"({"amount":0,"method":"cash"})").status, 422);

  // Checked out: the deposit pays first, the rest by card.
  const std::string id = paid.substr(paid.rfind('/') + 1);
  Reply sale = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","appointment_id":")" + id + R"(","payments":[{"method":"card","amount":1500}]})");
  ASSERT_EQ(sale.status, 201) << sale.body;
  const json::array& payments = sale.json.at("payments").as_array();
  ASSERT_EQ(payments.size(), 2u);
  EXPECT_EQ(payments[0].at("method").as_string(), "deposit");
  EXPECT_EQ(Amount(payments[0].at("amount")), 1000);

  // Missed: kept as a no-show fee. Cancelled: returned to the card.
  ASSERT_EQ(Post(missed + "/status", t.s.key, R"({"status":"no_show"})").status, 200);
  ASSERT_EQ(Post(called_off + "/cancel", t.s.key, R"({"reason":"salon closed"})").status, 200);
  auto balances = LedgerBalances(t.s);
  EXPECT_EQ(balances["deposits_held"], 0);
  EXPECT_EQ(balances["card_clearing"], 3000 + 1500 - 1000);
  EXPECT_EQ(balances["revenue_services"], -(2033 + 1000));  // the cut (23 % inside) and the fee
  bool fee = false;
  const Reply sales = Get(t.s.base() + "/sales?limit=100", t.s.key);
  for (const auto& s : sales.json.at("items").as_array()) {
    fee = fee || s.at("kind").as_string() == "no_show_fee";
  }
  EXPECT_TRUE(fee);
  // A deposit for a visit already missed is refused.
  EXPECT_EQ(Post(missed + "/deposits", t.s.key, R"({"amount":500,"method":"cash"})").status, 409);
}

TEST_F(SalesTest, AClientsAccountIsChargedCreditedAndPaidOff) {
  Till t = MakeTill();
  SalonFixture other = MakeSalon("Other");
  const std::string account = t.s.base() + "/clients/" + t.s.client + "/account";
  auto owed = [&] {
    Reply r = Get(account, t.s.key);
    EXPECT_EQ(r.status, 200) << r.body;
    return Amount(r.json.at("balance"));
  };
  auto pay = [&](const std::string& body,
                 std::vector<std::pair<std::string, std::string>> headers = {}) {
    return Call(verb::post, account + "/payments", t.s.key, body, std::move(headers));
  };
  const std::string branch = R"("branch_id":")" + t.s.branch + R"(")";
  EXPECT_EQ(owed(), 0);
  EXPECT_EQ(Get(account, t.s.key).json.at("history").as_array().size(), 0u);

  // Two shampoos, 4.00 by card and the rest on the client's account.
  Reply sale = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","client_id":")" + t.s.client + R"(","lines":[{"kind":"product","product_id":")" +
      t.shampoo + R"(","quantity":2}],"payments":[{"method":"card","amount":400},
      {"method":"account","amount":2000}]})");
  ASSERT_EQ(sale.status, 201) << sale.body;
  EXPECT_EQ(owed(), 2000);
  EXPECT_EQ(LedgerBalances(t.s)["client_accounts"], 2000);  // a receivable: owed to the salon

  // One comes back, credited to the account.
  const std::string one = t.s.base() + "/sales/" + sale.Str("id");
  ASSERT_EQ(Post(one + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"quantity":1}],"method":"account","reason":"damaged"})")
                .status, 201);
  EXPECT_EQ(owed(), 800);

  // Paid off: never above what is owed, in cash or by card, at a known till.
  EXPECT_EQ(pay("{" + branch + R"(,"amount":801,"method":"cash"})").status, 422);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":0,"method":"cash"})").status, 422);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":100,"method":"voucher"})").status, 422);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":100,"method":"account"})").status, 422);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":{"amount":100,"currency":"USD"},"method":"cash"})")
                .status, 422);
  EXPECT_EQ(pay(R"({"branch_id":"br_nowhere","amount":100,"method":"cash"})").status, 422);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":100,"method":"cheque"})").status, 422);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":"100","method":"cash"})").status, 400);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":100})").status, 422);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":100,"method":"cash","tip":1})").status, 400);
  EXPECT_EQ(Post(t.s.base() + "/clients/cli_nobody/account/payments", t.s.key,
                 "{" + branch + R"(,"amount":100,"method":"cash"})").status, 404);
  EXPECT_EQ(Post(t.s.base() + "/clients/" + other.client + "/account/payments", t.s.key,
                 "{" + branch + R"(,"amount":100,"method":"cash"})").status, 404);
  EXPECT_EQ(owed(), 800);

  const std::string cash = "{" + branch + R"(,"amount":500,"method":"cash"})";
  Reply paid = pay(cash, {{"Idempotency-Key", "acct-1"}});
  ASSERT_EQ(paid.status, 201) << paid.body;
  EXPECT_EQ(paid.Str("kind"), "account_payment");
  EXPECT_EQ(paid.Str("client_id"), t.s.client);
  EXPECT_EQ(paid.json.at("number").as_int64(), 2);  // the branch's next receipt
  EXPECT_EQ(paid.json.at("lines").as_array().size(), 0u);
  ASSERT_EQ(paid.json.at("payments").as_array().size(), 1u);
  EXPECT_EQ(Amount(paid.json.at("payments").at(0).at("amount")), 500);
  Reply again = pay(cash, {{"Idempotency-Key", "acct-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, paid.body);  // paid once
  EXPECT_EQ(owed(), 300);
  Reply by_card = pay("{" + branch + R"(,"amount":300,"method":"card","reference":"T-9"})");
  ASSERT_EQ(by_card.status, 201) << by_card.body;
  EXPECT_EQ(owed(), 0);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":1,"method":"cash"})").status, 422);  // nothing owed

  // The history: charged, refunded, paid twice, in order; it sums to the balance.
  Reply read = Get(account, t.s.key);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Str("client_id"), t.s.client);
  const json::array& history = read.json.at("history").as_array();
  ASSERT_EQ(history.size(), 4u);
  std::vector<std::string> kinds;
  long long sum = 0;
  for (const auto& e : history) {
    kinds.emplace_back(e.at("kind").as_string());
    sum += Amount(e.at("amount"));
  }
  EXPECT_EQ(kinds, (std::vector<std::string>{"charged", "refunded", "paid", "paid"}));
  EXPECT_EQ(sum, 0);
  EXPECT_EQ(history[0].at("sale_id").as_string(), sale.Str("id"));
  EXPECT_EQ(history[2].at("method").as_string(), "cash");
  EXPECT_EQ(history[3].at("sale_id").as_string(), by_card.Str("id"));
  EXPECT_EQ(history[0].at("at").as_string(), sale.Str("sold_at"));  // the branch's time

  auto balances = LedgerBalances(t.s);
  EXPECT_EQ(balances["client_accounts"], 0);
  EXPECT_EQ(balances["cash"], 500);
  EXPECT_EQ(balances["card_clearing"], 400 + 300);
  // An account payment stays paid: not refunded, not voided; its receipt prints.
  const std::string payment = t.s.base() + "/sales/" + paid.Str("id");
  EXPECT_EQ(Post(payment + "/void", t.s.key, R"({"reason":"x"})").status, 409);
  EXPECT_EQ(Post(payment + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"amount":100}],"method":"cash","reason":"x"})").status,
            409);
  EXPECT_EQ(Get(payment + "/receipt", t.s.key).status, 200);

  // A visit checked out on account is its client's; voided, the charge goes.
  Reply booked = Book(t.s, "2026-11-23T10:00:00Z", t.s.cut, t.s.stylist);
  ASSERT_EQ(booked.status, 201) << booked.body;
  Reply visit = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","appointment_id":")" + booked.Str("id") +
      R"(","payments":[{"method":"account","amount":2500}]})");
  ASSERT_EQ(visit.status, 201) << visit.body;
  EXPECT_EQ(owed(), 2500);
  ASSERT_EQ(Post(t.s.base() + "/sales/" + visit.Str("id") + "/void", t.s.key,
                 R"({"reason":"wrong client"})").status, 200);
  EXPECT_EQ(owed(), 0);
  EXPECT_EQ(Get(account, t.s.key).json.at("history").as_array().back().at("kind").as_string(),
            "voided");
  EXPECT_EQ(LedgerBalances(t.s)["client_accounts"], 0);

  // A refund to an account needs the sale's client; a client's account is
  // their salon's alone.
  Reply walk_in = Post(t.s.base() + "/sales", t.s.key, WalkIn(t, 1, 1200));
  ASSERT_EQ(walk_in.status, 201) << walk_in.body;
  EXPECT_EQ(Post(t.s.base() + "/sales/" + walk_in.Str("id") + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"quantity":1}],"method":"account","reason":"x"})").status,
            422);
  EXPECT_EQ(Get(t.s.base() + "/clients/" + other.client + "/account", t.s.key).status, 404);
  EXPECT_EQ(Get(t.s.base() + "/clients/cli_nobody/account", t.s.key).status, 404);
  EXPECT_EQ(Get(other.base() + "/clients/" + t.s.client + "/account", other.key).status, 404);

  // Credit: a cash sale refunded to the account leaves the salon owing the
  // client, which their next sale on account uses.
  Reply cash_sale = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","client_id":")" + t.s.client + R"(","lines":[{"kind":"product","product_id":")" +
      t.shampoo + R"("}],"payments":[{"method":"cash","amount":1200}]})");
  ASSERT_EQ(cash_sale.status, 201) << cash_sale.body;
  ASSERT_EQ(Post(t.s.base() + "/sales/" + cash_sale.Str("id") + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"amount":1200}],"method":"account","reason":"credit"})")
                .status, 201);
  EXPECT_EQ(owed(), -1200);
  EXPECT_EQ(pay("{" + branch + R"(,"amount":1,"method":"cash"})").status, 422);
  EXPECT_EQ(LedgerBalances(t.s)["client_accounts"], -1200);
}

TEST_F(SalesTest, AVoucherSpentAndToppedUpAgainIsNotVoidedWithItsSale) {
  Till t = MakeTill();
  Reply sold = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","lines":[{"kind":"voucher","amount":5000}],"payments":[{"method":"card","amount":5000}]})");
  ASSERT_EQ(sold.status, 201) << sold.body;
  const std::string code(sold.json.at("lines").at(0).at("voucher_code").as_string());
  // Spent on a shampoo, which comes back onto the voucher: 50.00 again.
  Reply spent = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","lines":[{"kind":"product","product_id":")" + t.shampoo +
      R"("}],"payments":[{"method":"voucher","amount":1200,"voucher_code":")" + code + R"("}]})");
  ASSERT_EQ(spent.status, 201) << spent.body;
  ASSERT_EQ(Post(t.s.base() + "/sales/" + spent.Str("id") + "/refunds", t.s.key,
                 R"({"lines":[{"line":0,"quantity":1}],"method":"voucher","voucher_code":")" +
                     code + R"(","reason":"wrong shade"})").status, 201);
  const std::string voucher = t.s.base() + "/vouchers/" + code;
  ASSERT_EQ(Amount(Get(voucher, t.s.key).json.at("balance")), 5000);

  // Money went through it: its sale is refunded now, not voided.
  const std::string one = t.s.base() + "/sales/" + sold.Str("id");
  Reply refused = Post(one + "/void", t.s.key, R"({"reason":"mistake"})");
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(Get(one, t.s.key).Str("status"), "completed");
  Reply after = Get(voucher, t.s.key);
  EXPECT_EQ(Amount(after.json.at("balance")), 5000);
  EXPECT_EQ(after.json.at("history").as_array().size(), 3u);  // issued, redeemed, topped up
  EXPECT_EQ(LedgerBalances(t.s)["voucher_liability"], -5000);
  // A voucher as sold is voided with its sale.
  Reply fresh = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","lines":[{"kind":"voucher","amount":3000}],"payments":[{"method":"cash","amount":3000}]})");
  ASSERT_EQ(fresh.status, 201) << fresh.body;
  Reply voided = Post(t.s.base() + "/sales/" + fresh.Str("id") + "/void", t.s.key,
                      R"({"reason":"mistake"})");
  ASSERT_EQ(voided.status, 200) << voided.body;
  EXPECT_FALSE(voided.Str("voided_at").empty());
  EXPECT_EQ(LedgerBalances(t.s)["voucher_liability"], -5000);
}

TEST_F(SalesTest, TheReceiptIsPrintableHtmlWithEveryNameEscaped) {
  Till t = MakeTill();
  std::string odd = Post(t.s.base() + "/products", t.s.key,
                         R"({"name":"<b>Gel</b> & co","price":{"amount":850,"currency":"EUR"}})")
                        .Str("id");
  Reply sale = Post(t.s.base() + "/sales", t.s.key, R"({"branch_id":")" + t.s.branch +
      R"(","lines":[{"kind":"product","product_id":")" + odd +
      R"("}],"payments":[{"method":"cash","amount":1000}]})");
  ASSERT_EQ(sale.status, 201) << sale.body;
  Reply receipt = Get(t.s.base() + "/sales/" + sale.Str("id") + "/receipt", t.s.key);
  ASSERT_EQ(receipt.status, 200);
  EXPECT_EQ(receipt.Header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(receipt.body.find("&lt;b&gt;Gel&lt;/b&gt; &amp; co"), std::string::npos);
  EXPECT_EQ(receipt.body.find("<b>Gel"), std::string::npos);
  EXPECT_NE(receipt.body.find("8.50 EUR"), std::string::npos);
  EXPECT_NE(receipt.body.find("1.50 EUR"), std::string::npos);  // change
  EXPECT_NE(receipt.body.find("Receipt 1"), std::string::npos);
}


}  // namespace
}  // namespace salon::testing
