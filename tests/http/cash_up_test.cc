// The till's end of day through the API (ctest runs it on SQLite and on
// PostgreSQL): a day of sales, refunds and voids cashed up to the cent,
// its over/short entry, one cash-up per branch and day (also under
// concurrency), what comes after a cash-up counting toward the next day —
// by its place among the postings, also within the cash-up's second —,
// voids refused once the day is counted, cash paid on clients' accounts
// counted in the drawer; the takings and staff reports to the cent; and
// bad input refused with nothing posted.
#include <atomic>
#include <map>
#include <thread>

#include "tests/http/test_client.h"

namespace salon::testing {
namespace {

namespace json = boost::json;
using boost::beast::http::verb;

class CashUpTest : public ServerTest {
 protected:
  // The fixture's salon with a second stylist, Bea; the cut taxed at 23 %,
  // the colour at 0 %, a shampoo at 13.5 % (12.00, 50 in stock); Ann's
  // commission 10 % of services and 5 % of products, Bea's 15 % of services.
  struct Till {
    SalonFixture s;
    std::string bea, shampoo;
    std::string cash_ups() const { return s.base() + "/branches/" + s.branch + "/cash-ups"; }
  };
  Till MakeTill() {
    Till t{MakeSalon(), "", ""};
    t.bea = AddStylist(t.s, "Bea");
    EXPECT_EQ(Call(verb::patch, t.s.base() + "/services/" + t.s.cut, t.s.key,
                   R"({"tax_rate":2300})").status, 200);
    Reply p = Post(t.s.base() + "/products", t.s.key,
                   R"({"name":"Shampoo","sku":"SH-1","price":{"amount":1200,"currency":"EUR"},
                       "tax_rate":1350,"stock":{")" + t.s.branch + R"(":50}})");
    EXPECT_EQ(p.status, 201) << p.body;
    t.shampoo = p.Str("id");
    Reply ann = Call(verb::patch, t.s.base() + "/staff/" + t.s.stylist, t.s.key,
                     R"({"commission":{"services":1000,"products":500}})");
    EXPECT_EQ(ann.status, 200) << ann.body;
    EXPECT_EQ(ann.json.at("commission").at("products").as_int64(), 500);
    Reply bea = Call(verb::patch, t.s.base() + "/staff/" + t.bea, t.s.key,
                     R"({"commission":{"services":1500}})");
    EXPECT_EQ(bea.status, 200) << bea.body;
    EXPECT_EQ(bea.json.at("commission"), (json::object{{"services", 1500}, {"products", 0}}));
    return t;
  }

  static long long Amount(const json::value& money) { return money.at("amount").as_int64(); }

  // A minute passes: each step of a day at the till is at a time of its own.
  void Tick() { clock_.Advance(std::chrono::minutes(1)); }

  Reply Sell(const Till& t, const std::string& lines, const std::string& payments,
             const std::string& extra = "") {
    Tick();
    Reply r = Post(t.s.base() + "/sales", t.s.key,
                   R"({"branch_id":")" + t.s.branch + R"(","lines":)" + lines +
                       R"(,"payments":)" + payments + extra + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r;
  }
  std::string Service(const std::string& service, const std::string& staff) {
    return R"({"kind":"service","service_id":")" + service + R"(","staff_id":")" + staff + R"("})";
  }
  std::string Shampoo(const Till& t, int units, const std::string& staff = "") {
    std::string line = R"({"kind":"product","product_id":")" + t.shampoo +
                       R"(","quantity":)" + std::to_string(units);
    if (!staff.empty()) line += R"(,"staff_id":")" + staff + R"(")";
    return line + "}";
  }
  static std::string Pay(const std::string& method, long long amount) {
    return R"({"method":")" + method + R"(","amount":)" + std::to_string(amount) + "}";
  }
  Reply RefundOf(const Till& t, const Reply& sale, const std::string& body) {
    Tick();
    Reply r = Post(t.s.base() + "/sales/" + sale.Str("id") + "/refunds", t.s.key, body);
    EXPECT_EQ(r.status, 201) << r.body;
    return r;
  }
  Reply VoidOf(const Till& t, const Reply& sale) {
    Tick();
    return Post(t.s.base() + "/sales/" + sale.Str("id") + "/void", t.s.key,
                R"({"reason":"rang up wrong"})");
  }
  Reply CashUp(const Till& t, const std::string& date, long long float_amount, long long cash,
               long long card, std::vector<std::pair<std::string, std::string>> headers = {}) {
    Tick();
    return Call(verb::post, t.cash_ups(), t.s.key,
                R"({"date":")" + date + R"(","float":)" + std::to_string(float_amount) +
                    R"(,"counted":{"cash":)" + std::to_string(cash) + R"(,"card":)" +
                    std::to_string(card) + "}}",
                std::move(headers));
  }

  // The salon's ledger entries (each must balance), optionally of [from, to).
  json::array Ledger(const Till& t, const std::string& span = "") {
    Reply r = Get(t.s.base() + "/ledger?limit=500&branch_id=" + t.s.branch + span, t.s.key);
    EXPECT_EQ(r.status, 200) << r.body;
    json::array items = r.json.at("items").as_array();
    for (const auto& e : items) {
      long long sum = 0;
      for (const auto& p : e.at("postings").as_array()) sum += Amount(p.at("amount"));
      EXPECT_EQ(sum, 0) << json::serialize(e);
    }
    return items;
  }
  static long long AccountSum(const json::array& entries, const std::string& account) {
    long long sum = 0;
    for (const auto& e : entries) {
      for (const auto& p : e.at("postings").as_array()) {
        if (p.at("account").as_string() == account) sum += Amount(p.at("amount"));
      }
    }
    return sum;
  }
  // An instant of an answer as a query value ('+' of an offset escaped).
  static std::string QueryInstant(const json::value& text) {
    std::string out;
    for (char c : std::string(text.as_string())) {
      out += c == '+' ? std::string("%2B") : std::string(1, c);
    }
    return out;
  }
  // The amount of each method of a {method: Money} object.
  static std::map<std::string, long long> ByMethod(const json::value& v) {
    std::map<std::string, long long> out;
    for (const auto& [method, money] : v.as_object()) out[std::string(method)] = Amount(money);
    return out;
  }
  using Amounts = std::map<std::string, long long>;
};

TEST_F(CashUpTest, ADayOfSalesRefundsAndVoidsCashesUpToTheCent) {
  Till t = MakeTill();
  // Friday 20 November (Dublin, UTC+0), from 12:00.
  // S1: a cut by Ann and a shampoo by Bea, 3.00 tip to Ann, 50.00 tendered: 40.00 kept.
  Reply s1 = Sell(t, "[" + Service(t.s.cut, t.s.stylist) + "," + Shampoo(t, 1, t.bea) + "]",
                  "[" + Pay("cash", 5000) + "]", R"(,"tip":{"amount":300})");
  EXPECT_EQ(Amount(s1.json.at("change")), 1000);
  // S2: a colour by Bea less 6.00, by card.
  Reply s2 = Sell(t, "[" + Service(t.s.colour, t.bea) + "]", "[" + Pay("card", 5400) + "]",
                  R"(,"discount":{"amount":600,"reason":"loyalty"})");
  // S3: two shampoos, cash; one comes back, in cash.
  Reply s3 = Sell(t, "[" + Shampoo(t, 2) + "]", "[" + Pay("cash", 2400) + "]");
  RefundOf(t, s3, R"({"lines":[{"line":0,"quantity":1}],"method":"cash","reason":"damaged"})");
  // S4: a cut by card, voided.
  Reply s4 = Sell(t, "[" + Service(t.s.cut, t.s.stylist) + "]", "[" + Pay("card", 2500) + "]");
  ASSERT_EQ(VoidOf(t, s4).status, 200);
  // 5.00 of S1's cut back to the card.
  RefundOf(t, s1, R"({"lines":[{"line":0,"amount":500}],"method":"card","reason":"fringe"})");
  ASSERT_EQ(Ledger(t).size(), 7u);

  // Counted: 5.00 short in the drawer (100.00 float), the card batch right.
  Reply up = CashUp(t, "2026-11-20", 10000, 10000 + 4000 + 2400 - 1200 - 50, 4900);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(up.Str("id"), "cup_" + t.s.branch + "_2026-11-20");
  EXPECT_EQ(up.Str("branch_id"), t.s.branch);
  EXPECT_EQ(up.Str("date"), "2026-11-20");
  EXPECT_EQ(Amount(up.json.at("float")), 10000);
  EXPECT_EQ(ByMethod(up.json.at("expected")), (Amounts{{"cash", 15200}, {"card", 4900}}));
  EXPECT_EQ(ByMethod(up.json.at("counted")), (Amounts{{"cash", 15150}, {"card", 4900}}));
  EXPECT_EQ(ByMethod(up.json.at("difference")), (Amounts{{"cash", -50}, {"card", 0}}));
  EXPECT_EQ(Amount(up.json.at("cash_to_bank")), 5150);
  EXPECT_EQ(up.Str("from"), "2026-11-20T00:00:00+00:00");
  EXPECT_EQ(up.Str("to"), "2026-11-20T12:08:00+00:00");  // now: the day is not over
  EXPECT_EQ(up.Str("closed_at"), up.Str("to"));
  EXPECT_EQ(up.json.at("expected").at("cash").at("currency").as_string(), "EUR");

  // The over/short entry: cash credited by what was missing, no sale.
  json::array entries = Ledger(t);
  ASSERT_EQ(entries.size(), 8u);
  int over_short = 0;
  for (const auto& e : entries) {
    if (e.at("source").as_string() != "cash_up") continue;
    ++over_short;
    EXPECT_FALSE(e.as_object().contains("sale_id"));
    EXPECT_EQ(e.at("id").as_string(), up.Str("over_short_entry_id"));
    EXPECT_EQ(AccountSum(json::array{e}, "cash"), -50);
    EXPECT_EQ(AccountSum(json::array{e}, "cash_over_short"), 50);
  }
  EXPECT_EQ(over_short, 1);
  // The invariant: expected cash = float + the ledger's cash movement over the window.
  const json::array day = Ledger(t, "&from=" + QueryInstant(up.json.at("from")) +
                                        "&to=" + QueryInstant(up.json.at("to")));
  EXPECT_EQ(day.size(), 7u);
  EXPECT_EQ(10000 + AccountSum(day, "cash"), Amount(up.json.at("expected").at("cash")));
  EXPECT_EQ(AccountSum(day, "card_clearing"), Amount(up.json.at("expected").at("card")));

  // One per branch and day; nothing more is posted.
  EXPECT_EQ(CashUp(t, "2026-11-20", 10000, 15200, 4900).status, 409);
  EXPECT_EQ(Ledger(t).size(), 8u);
  Reply read = Get(t.cash_ups() + "/2026-11-20", t.s.key);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.json, up.json);

  // A sale of the counted day is no longer voided (refund it instead).
  EXPECT_EQ(VoidOf(t, s2).status, 409);
  EXPECT_EQ(Get(t.s.base() + "/sales/" + s2.Str("id"), t.s.key).Str("status"), "completed");

  // After the count: a cash sale, and one voided (its day is not counted yet).
  Reply s5 = Sell(t, "[" + Service(t.s.cut, t.bea) + "]", "[" + Pay("cash", 2500) + "]");
  Reply s6 = Sell(t, "[" + Shampoo(t, 1) + "]", "[" + Pay("cash", 1200) + "]");
  ASSERT_EQ(VoidOf(t, s6).status, 200);

  // Saturday 18:00: a colour by Ann, by card; Friday's late cut 10.00 back in cash.
  clock_.Set(*ParseInstant("2026-11-21T18:00:00Z"));
  Sell(t, "[" + Service(t.s.colour, t.s.stylist) + "]", "[" + Pay("card", 6000) + "]");
  RefundOf(t, s5, R"({"lines":[{"line":0,"amount":1000}],"method":"cash","reason":"redo"})");

  // Saturday counts Friday's after-hours sales and not Friday's over/short.
  Reply sat = CashUp(t, "2026-11-21", 10000, 10000 + 2500 - 1000, 6000);
  ASSERT_EQ(sat.status, 201) << sat.body;
  EXPECT_EQ(sat.Str("from"), up.Str("closed_at"));
  EXPECT_EQ(ByMethod(sat.json.at("expected")), (Amounts{{"cash", 11500}, {"card", 6000}}));
  EXPECT_EQ(ByMethod(sat.json.at("difference")), (Amounts{{"cash", 0}, {"card", 0}}));
  EXPECT_FALSE(sat.json.as_object().contains("over_short_entry_id"));
  EXPECT_EQ(AccountSum(Ledger(t), "cash_over_short"), 50);  // one entry, Friday's

  Reply both = Get(t.cash_ups() + "?from=2026-11-20&to=2026-11-21", t.s.key);
  ASSERT_EQ(both.status, 200) << both.body;
  ASSERT_EQ(both.json.at("items").as_array().size(), 2u);
  EXPECT_EQ(both.json.at("items").at(0).at("date").as_string(), "2026-11-20");
  EXPECT_EQ(Get(t.cash_ups() + "?from=2026-11-21", t.s.key).json.at("items").as_array().size(),
            1u);
  EXPECT_EQ(Get(t.cash_ups() + "?to=2026-11-19", t.s.key).json.at("items").as_array().size(),
            0u);

  // The takings of Friday (by its local date, whatever the cash-up windows).
  Reply fri = Get(t.s.base() + "/branches/" + t.s.branch +
                      "/reports/takings?from=2026-11-20&to=2026-11-20", t.s.key);
  ASSERT_EQ(fri.status, 200) << fri.body;
  EXPECT_EQ(fri.Str("branch_id"), t.s.branch);
  EXPECT_EQ(fri.Str("from"), "2026-11-20");
  EXPECT_EQ(fri.json.at("sales").at("count").as_int64(), 4);  // S1, S2, S3, S5
  EXPECT_EQ(Amount(fri.json.at("sales").at("total")), 3700 + 5400 + 2400 + 2500);
  EXPECT_EQ(fri.json.at("voids").at("count").as_int64(), 2);
  EXPECT_EQ(Amount(fri.json.at("voids").at("amount")), 2500 + 1200);
  EXPECT_EQ(ByMethod(fri.json.at("payments")), (Amounts{{"cash", 4000 + 2400 + 2500},
                                                         {"card", 5400}}));
  EXPECT_EQ(fri.json.at("refunds").at("count").as_int64(), 2);
  EXPECT_EQ(Amount(fri.json.at("refunds").at("amount")), 1700);
  EXPECT_EQ(ByMethod(fri.json.at("refunds").at("by_method")),
            (Amounts{{"cash", 1200}, {"card", 500}}));
  EXPECT_EQ(ByMethod(fri.json.at("net_by_method")), (Amounts{{"cash", 7700}, {"card", 4900}}));
  EXPECT_EQ(Amount(fri.json.at("discounts")), 600);
  EXPECT_EQ(Amount(fri.json.at("tips").at("total")), 300);
  ASSERT_EQ(fri.json.at("tips").at("by_staff").as_array().size(), 1u);
  EXPECT_EQ(fri.json.at("tips").at("by_staff").at(0).at("staff_id").as_string(), t.s.stylist);
  // Tax by rate, less refunds: the cuts 2033 + 467 each, less 407 + 93 of
  // S1's cut; the shampoos 1057 + 143 and 2115 + 285, less 1058 + 142; the
  // colour 5400 untaxed.
  std::map<long long, std::pair<long long, long long>> tax;
  for (const auto& r : fri.json.at("tax").as_array()) {
    tax[r.at("rate").as_int64()] = {Amount(r.at("net")), Amount(r.at("tax"))};
  }
  EXPECT_EQ(tax, (std::map<long long, std::pair<long long, long long>>{
                     {0, {5400, 0}},
                     {1350, {1057 + 2115 - 1058, 143 + 285 - 142}},
                     {2300, {2033 + 2033 - 407, 467 + 467 - 93}}}));
  EXPECT_EQ(Amount(fri.json.at("revenue").at("services")), 5400 + 2033 + 2033 - 407);
  EXPECT_EQ(Amount(fri.json.at("revenue").at("products")), 1057 + 2115 - 1058);
  EXPECT_EQ(Amount(fri.json.at("vouchers").at("sold")), 0);

  // Saturday's: one sale, and the refund of Friday's cut (Saturday's, not Friday's).
  Reply sat_takings = Get(t.s.base() + "/branches/" + t.s.branch +
                              "/reports/takings?from=2026-11-21&to=2026-11-21", t.s.key);
  ASSERT_EQ(sat_takings.status, 200) << sat_takings.body;
  EXPECT_EQ(sat_takings.json.at("sales").at("count").as_int64(), 1);
  EXPECT_EQ(sat_takings.json.at("refunds").at("count").as_int64(), 1);
  EXPECT_EQ(Amount(sat_takings.json.at("revenue").at("services")), 6000 - 813);

  // The staff report: revenue net of refunds in the period, tips, commission.
  auto staff = [&](const std::string& range) {
    Reply r = Get(t.s.base() + "/reports/staff?" + range, t.s.key);
    EXPECT_EQ(r.status, 200) << r.body;
    std::map<std::string, json::object> rows;
    for (const auto& row : r.json.at("staff").as_array()) {
      rows[std::string(row.at("staff_id").as_string())] = row.as_object();
    }
    return rows;
  };
  auto friday = staff("from=2026-11-20&to=2026-11-20&branch_id=" + t.s.branch);
  ASSERT_EQ(friday.size(), 2u);
  const json::object& ann = friday[t.s.stylist];
  EXPECT_EQ(ann.at("name").as_string(), "Ann");
  EXPECT_EQ(Amount(ann.at("services")), 2033 - 407);  // S4 was voided
  EXPECT_EQ(Amount(ann.at("products")), 0);
  EXPECT_EQ(Amount(ann.at("tips")), 300);
  EXPECT_EQ(Amount(ann.at("commission").at("services")), 163);  // 10 % of 16.26
  EXPECT_EQ(Amount(ann.at("commission").at("total")), 163);
  const json::object& bea = friday[t.bea];
  EXPECT_EQ(Amount(bea.at("services")), 5400 + 2033);
  EXPECT_EQ(Amount(bea.at("products")), 1057);
  EXPECT_EQ(Amount(bea.at("tips")), 0);
  EXPECT_EQ(Amount(bea.at("commission").at("services")), 1115);  // 15 % of 74.33
  EXPECT_EQ(Amount(bea.at("commission").at("products")), 0);
  auto weekend = staff("from=2026-11-20&to=2026-11-21");
  EXPECT_EQ(Amount(weekend[t.s.stylist].at("services")), 2033 - 407 + 6000);
  EXPECT_EQ(Amount(weekend[t.s.stylist].at("commission").at("services")), 763);  // 76.26
  EXPECT_EQ(Amount(weekend[t.bea].at("services")), 5400 + 2033 - 813);
}

TEST_F(CashUpTest, ConcurrentCashUpsOfOneDayMakeOne) {
  Till t = MakeTill();
  Sell(t, "[" + Shampoo(t, 1) + "]", "[" + Pay("cash", 1200) + "]");
  Tick();
  std::atomic<int> created{0}, conflicts{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&, i] {
      Client c(port_);
      // Each counts a different shortfall: only one may be booked.
      Reply r = c.Send(verb::post, t.cash_ups(),
                       R"({"date":"2026-11-20","float":0,"counted":{"cash":)" +
                           std::to_string(1100 - i) + R"(,"card":0}})",
                       {{"Authorization", "Bearer " + t.s.key}});
      (r.status == 201 ? created : conflicts)++;
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), 7);
  int over_short = 0;
  for (const auto& e : Ledger(t)) over_short += e.at("source").as_string() == "cash_up";
  EXPECT_EQ(over_short, 1);
  EXPECT_EQ(Get(t.cash_ups(), t.s.key).json.at("items").as_array().size(), 1u);
}

TEST_F(CashUpTest, ARepeatedCashUpWithItsKeyIsAnsweredAgain) {
  Till t = MakeTill();
  Reply first = CashUp(t, "2026-11-20", 5000, 4990, 0, {{"Idempotency-Key", "z-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  Reply again = CashUp(t, "2026-11-20", 5000, 4990, 0, {{"Idempotency-Key", "z-1"}});
  EXPECT_EQ(again.status, 201);
  EXPECT_EQ(again.body, first.body);
  EXPECT_EQ(again.Header("Idempotent-Replayed"), "true");
  EXPECT_EQ(Ledger(t).size(), 1u);  // one over/short entry
}

TEST_F(CashUpTest, BadInputIsRefusedAndPostsNothing) {
  Till t = MakeTill();
  Sell(t, "[" + Shampoo(t, 1) + "]", "[" + Pay("cash", 1200) + "]");
  auto post = [&](const std::string& body) { return Post(t.cash_ups(), t.s.key, body); };
  const std::string counted = R"("counted":{"cash":1200,"card":0})";
  EXPECT_EQ(post(R"({"date":"2026-13-01","float":0,)" + counted + "}").status, 422);
  EXPECT_EQ(post(R"({"date":"20 Nov","float":0,)" + counted + "}").status, 422);
  EXPECT_EQ(post(R"({"date":"2026-11-21","float":0,)" + counted + "}").status, 422);  // not begun
  EXPECT_EQ(post(R"({"float":0,)" + counted + "}").status, 422);
  EXPECT_EQ(post(R"({"date":"2026-11-20",)" + counted + "}").status, 422);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":0})").status, 422);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":0,"counted":{"cash":1200}})").status, 422);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":-1,)" + counted + "}").status, 422);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":0,"counted":{"cash":-5,"card":0}})").status,
            422);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":0,"counted":{"cash":1200,"card":0,"bitcoin":1}})")
                .status, 400);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":"100",)" + counted + "}").status, 400);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":0,)" + counted + R"(,"surprise":1})").status,
            400);
  EXPECT_EQ(post(R"({"date":"2026-11-20","float":{"amount":0,"currency":"USD"},)" + counted +
                 "}").status, 422);
  EXPECT_EQ(post("{").status, 400);
  EXPECT_EQ(Post(t.s.base() + "/branches/br_nowhere/cash-ups", t.s.key,
                 R"({"date":"2026-11-20","float":0,)" + counted + "}").status, 404);
  EXPECT_EQ(Call(verb::patch, t.s.base() + "/staff/" + t.bea, t.s.key,
                 R"({"commission":{"services":10001}})").status, 422);
  EXPECT_EQ(Call(verb::patch, t.s.base() + "/staff/" + t.bea, t.s.key,
                 R"({"commission":{"tips":100}})").status, 400);

  EXPECT_EQ(Ledger(t).size(), 1u);  // the sale's
  EXPECT_EQ(Get(t.cash_ups(), t.s.key).json.at("items").as_array().size(), 0u);
  EXPECT_EQ(Get(t.cash_ups() + "/2026-11-20", t.s.key).status, 404);
  EXPECT_EQ(Get(t.cash_ups() + "/yesterday", t.s.key).status, 422);
  EXPECT_EQ(Get(t.cash_ups() + "?from=nope", t.s.key).status, 422);
  EXPECT_EQ(Get(t.s.base() + "/branches/br_nowhere/cash-ups", t.s.key).status, 404);

  const std::string takings = t.s.base() + "/branches/" + t.s.branch + "/reports/takings";
  EXPECT_EQ(Get(takings + "?from=2026-11-20", t.s.key).status, 422);
  EXPECT_EQ(Get(takings + "?from=2026-11-21&to=2026-11-20", t.s.key).status, 422);
  EXPECT_EQ(Get(takings + "?from=2026-01-01&to=2027-01-02", t.s.key).status, 422);  // 367 days
  EXPECT_EQ(Get(takings + "?from=2026-01-01&to=2026-12-31", t.s.key).status, 200);
  EXPECT_EQ(Get(t.s.base() + "/branches/br_nowhere/reports/takings?from=2026-11-20&to=2026-11-20",
                t.s.key).status, 404);
  EXPECT_EQ(Get(t.s.base() + "/reports/staff?from=2026-11-20&to=2026-11-20&branch_id=br_nowhere",
                t.s.key).status, 422);
  EXPECT_EQ(Get(t.s.base() + "/reports/staff?from=x&to=2026-11-20", t.s.key).status, 422);

  // Still open: the day is cashed up once, now (in the sale's very second:
  // it was posted before the cash-up, so it is this day's).
  Reply ok = post(R"({"date":"2026-11-20","float":0,)" + counted + "}");
  ASSERT_EQ(ok.status, 201) << ok.body;
  EXPECT_EQ(ByMethod(ok.json.at("difference")), (Amounts{{"cash", 0}, {"card", 0}}));
}

// Instants are whole seconds, so a sale, its void and the day's cash-up may
// share one; the branch's posting sequence orders them: whatever was posted
// before the cash-up is its day's, whatever comes after the next day's, and
// a void always falls in the day of its sale.
TEST_F(CashUpTest, PostingsInTheSecondOfACashUpGoToTheDayTheirPlaceSays) {
  Till t = MakeTill();
  const std::string one = "[" + Shampoo(t, 1) + "]";
  const std::string cash = "[" + Pay("cash", 1200) + "]";
  Tick();
  // One second: a sale voided, a sale kept, then the count.
  auto sell = [&] {
    Reply r = Post(t.s.base() + "/sales", t.s.key,
                   R"({"branch_id":")" + t.s.branch + R"(","lines":)" + one +
                       R"(,"payments":)" + cash + "}");
    EXPECT_EQ(r.status, 201) << r.body;
    return r;
  };
  auto void_of = [&](const Reply& sale) {
    return Post(t.s.base() + "/sales/" + sale.Str("id") + "/void", t.s.key,
                R"({"reason":"rang up wrong"})");
  };
  Reply voided = sell();
  ASSERT_EQ(void_of(voided).status, 200);
  Reply kept = sell();
  Reply up = Call(verb::post, t.cash_ups(), t.s.key,
                  R"({"date":"2026-11-20","float":0,"counted":{"cash":1200,"card":0}})");
  ASSERT_EQ(up.status, 201) << up.body;
  // The voided sale and its void are both Friday's: they cancel out.
  EXPECT_EQ(ByMethod(up.json.at("expected")), (Amounts{{"cash", 1200}, {"card", 0}}));
  EXPECT_EQ(ByMethod(up.json.at("difference")), (Amounts{{"cash", 0}, {"card", 0}}));
  EXPECT_FALSE(up.json.as_object().contains("over_short_entry_id"));
  ASSERT_TRUE(up.json.as_object().contains("to_sequence"));
  const long long mark = up.json.at("to_sequence").as_int64();
  EXPECT_EQ(mark, 4);  // after the sale, its void and the kept sale
  // Still that second: the kept sale was counted, so it is not voided; a
  // sale after the count is the next day's, and voided freely.
  EXPECT_EQ(void_of(kept).status, 409);
  Reply late = sell();
  ASSERT_EQ(void_of(late).status, 200);
  for (const auto& e : Ledger(t)) {
    EXPECT_EQ(e.at("sequence").as_int64() < mark,
              e.at("sale_id").as_string() != late.Str("id"))
        << json::serialize(e);
  }

  // Saturday counts the late sale with its void: nothing.
  clock_.Set(*ParseInstant("2026-11-21T18:00:00Z"));
  Reply sat = CashUp(t, "2026-11-21", 0, 0, 0);
  ASSERT_EQ(sat.status, 201) << sat.body;
  EXPECT_EQ(ByMethod(sat.json.at("expected")), (Amounts{{"cash", 0}, {"card", 0}}));
  EXPECT_EQ(sat.json.at("from_sequence").as_int64(), mark);
  EXPECT_EQ(sat.Str("from"), up.Str("to"));
}

// A client pays what they owe on account in cash: the drawer holds it, so
// the day's cash-up expects it; the account's own movement is shown apart.
TEST_F(CashUpTest, CashPaidOnAnAccountIsCountedInTheDrawer) {
  Till t = MakeTill();
  Reply on_account = Sell(t, "[" + Service(t.s.cut, t.s.stylist) + "]",
                          "[" + Pay("account", 2500) + "]",
                          R"(,"client_id":")" + t.s.client + R"(")");
  ASSERT_EQ(on_account.status, 201);
  Tick();
  Reply paid = Post(t.s.base() + "/clients/" + t.s.client + "/account/payments", t.s.key,
                    R"({"branch_id":")" + t.s.branch + R"(","amount":1000,"method":"cash"})");
  ASSERT_EQ(paid.status, 201) << paid.body;
  Reply up = CashUp(t, "2026-11-20", 5000, 6000, 0);
  ASSERT_EQ(up.status, 201) << up.body;
  EXPECT_EQ(ByMethod(up.json.at("expected")),
            (Amounts{{"cash", 5000 + 1000}, {"card", 0}, {"account", 2500 - 1000}}));
  EXPECT_EQ(ByMethod(up.json.at("difference")),
            (Amounts{{"cash", 0}, {"card", 0}, {"account", -1500}}));
  EXPECT_EQ(Amount(up.json.at("cash_to_bank")), 1000);

  // The takings: the cut sold on account, the account's cash apart.
  Reply fri = Get(t.s.base() + "/branches/" + t.s.branch +
                      "/reports/takings?from=2026-11-20&to=2026-11-20", t.s.key);
  ASSERT_EQ(fri.status, 200) << fri.body;
  EXPECT_EQ(fri.json.at("sales").at("count").as_int64(), 1);
  EXPECT_EQ(fri.json.at("account_payments").at("count").as_int64(), 1);
  EXPECT_EQ(Amount(fri.json.at("account_payments").at("amount")), 1000);
  EXPECT_EQ(ByMethod(fri.json.at("payments")), (Amounts{{"cash", 1000}, {"account", 2500}}));
}

}  // namespace
}  // namespace salon::testing
