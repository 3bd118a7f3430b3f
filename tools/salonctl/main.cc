// salonctl: the admin command line.
//   salonctl migrate [--store S]        brings the store's schema up to date
//   salonctl seed --demo [--store S]    creates the demo salon and prints its key
//   salonctl seed --salons N [--clients 3000 --history-days 90 --future-days 30
//       --out <data-dir>/salons.jsonl]  the workload's salons in bulk, for salon-load
//   salonctl copy --from S1 --to S2     moves a platform between stores
//   salonctl heartbeat --url U --key K --branch B [--once …]
//                                       books, finds and cancels in a canary salon
// A store S is sqlite:<dir> (default: the data dir) or postgres://….
#include <CLI/CLI.hpp>

#include <boost/json.hpp>

#include <iostream>

#include "base/private_files.h"
#include "server/admin_key.h"
#include "tools/salonctl/copy_command.h"
#include "tools/salonctl/demo_seed.h"
#include "tools/salonctl/heartbeat_command.h"
#include "tools/salonctl/seed_command.h"

namespace {

// The demo's people who sign in, for --json.
boost::json::array DemoUsersJson(const salon::DemoSalon& d) {
  boost::json::array users;
  for (const auto& u : d.users) {
    users.push_back({{"email", u.email}, {"password", u.password}, {"role", u.role}});
  }
  return users;
}

}  // namespace

int main(int argc, char** argv) {
  salon::KeepFilesPrivate();
  CLI::App cli{"salonctl — salon administration"};
  cli.require_subcommand(1);
  cli.fallthrough();
  std::string data_dir = "data";
  cli.add_option("--data-dir", data_dir, "directory of the admin key and embedded store")
      ->envname("SALON_DATA_DIR")->capture_default_str();
  std::string store;
  cli.add_option("--store", store, "sqlite:<dir> or postgres://… (default: sqlite:<data-dir>)")
      ->envname("SALON_STORE");

  auto* copy = cli.add_subcommand("copy", "copy every salon from one store to another");
  std::string copy_from, copy_to;
  copy->add_option("--from", copy_from, "the source store")->required();
  copy->add_option("--to", copy_to, "the destination store")->required();

  auto* heartbeat = cli.add_subcommand(
      "heartbeat", "book, find and cancel in a canary salon as a client would; alert in chat");
  salon::HeartbeatOptions hb;
  heartbeat->add_option("--url", hb.target.url,
                        "the canary salon's URL, http://host:port/v1/salons/<id> (or salond's "
                        "with --salon)")->required();
  heartbeat->add_option("--salon", hb.target.salon, "the canary salon, if --url does not name it");
  heartbeat->add_option("--key", hb.target.key, "the canary salon's key")
      ->envname("SALON_HEARTBEAT_KEY")->required();
  heartbeat->add_option("--branch", hb.target.branch, "the canary branch")->required();
  heartbeat->add_option("--service", hb.target.service, "the service booked (default: the first)");
  heartbeat->add_option("--client", hb.target.client,
                        "the client booked (default: a canary client, made once, no SMS consent)");
  heartbeat->add_option("--every", hb.every, "time between rounds (60s, 5m, 1h)")
      ->capture_default_str();
  heartbeat->add_flag("--once", hb.once, "one round: exit 0 if it succeeded, 1 if not");
  heartbeat->add_option("--webhook", hb.webhook, "a chat's incoming webhook (Slack format)");
  heartbeat->add_option("--metrics-listen", hb.metrics_listen, "where /metrics is served (\"\": nowhere)")
      ->capture_default_str();
  heartbeat->add_option("--history", hb.history, "a JSON-lines file each round is appended to");

  auto* migrate = cli.add_subcommand("migrate", "apply the store's schema migrations");
  auto* seed = cli.add_subcommand("seed", "create sample data");
  bool demo = false;
  std::string listen = "127.0.0.1:8080";
  auto* demo_flag = seed->add_flag("--demo", demo, "the demo salon");
  salon::SeedPlan plan;
  std::string seed_out;
  auto* salons_opt = seed->add_option("--salons", plan.salons, "salons of the standard workload")
                         ->excludes(demo_flag);
  seed->add_option("--clients", plan.clients, "per salon")->capture_default_str();
  seed->add_option("--history-days", plan.history_days, "days of past appointments")
      ->capture_default_str();
  seed->add_option("--future-days", plan.future_days, "days of bookings ahead")
      ->capture_default_str();
  seed->add_option("--out", seed_out,
                   "the salons, for salon-load --salons-file (default: <data-dir>/salons.jsonl)");
  bool as_json = false;
  seed->add_flag("--json", as_json, "print the demo's ids and key as one JSON line");
  seed->add_option("--listen", listen, "where salond will listen, for the examples")
      ->envname("SALON_LISTEN")->capture_default_str();
  CLI11_PARSE(cli, argc, argv);

  salon::SystemClock clock;
  salon::RandomIdSource ids;
  try {
    if (copy->parsed()) return salon::RunCopy(copy_from, copy_to);
    if (heartbeat->parsed()) return salon::RunHeartbeat(hb);
    salon::NodeConfig config;
    config.data_dir = data_dir;
    config.store = store;
    config.admin_key = salon::ResolveAdminKey("", data_dir, ids).key;
    salon::Node node(config, clock, ids);  // opening migrates
    if (migrate->parsed()) {
      salon::Status ready = node.store().Ready();
      std::cout << (ready.ok() ? "schema is current" : ready.message()) << std::endl;
      return ready.ok() ? 0 : 1;
    }
    if (seed->parsed() && salons_opt->count() > 0) {
      return salon::RunSeed(node, plan, data_dir,
                            seed_out.empty() ? data_dir + "/salons.jsonl" : seed_out);
    }
    if (!demo) {
      std::cerr << "seed needs --demo or --salons N" << std::endl;
      return 2;
    }
    const salon::LocalDate today =
        date::floor<date::days>(salon::TimeZone::Find("Europe/Dublin")->ToLocal(clock.Now()));
    auto seeded = salon::SeedDemo(node, today, clock.Now(), 42);
    if (!seeded.ok()) {
      std::cerr << "seeding failed: " << seeded.status().message() << std::endl;
      return 1;
    }
    const auto& d = *seeded;
    if (as_json) {
      std::cout << boost::json::serialize(boost::json::object{
                       {"salon_id", d.salon_id}, {"api_key", d.api_key},
                       {"branch_id", d.branch_id}, {"service_id", d.service_id},
                       {"client_id", d.client_id}, {"appointments", d.appointments},
                       {"product_id", d.product_id},
                       {"product_ids", boost::json::value_from(d.product_ids)},
                       {"walk_in_cash", d.walk_in_cash}, {"sales", d.sales},
                       {"users", DemoUsersJson(d)}})
                << std::endl;
      return 0;
    }
    const std::string base = "http://" + listen + "/v1/salons/" + d.salon_id;
    std::cout << "Demo salon " << d.salon_id << " with " << d.appointments
              << " appointments this week (" << d.sales << " already checked out) and "
              << d.product_ids.size() << " products in stock.\n"
              << "  salon key: " << d.api_key << "\n"
              << "  admin key: " << config.admin_key << " (also in " << data_dir
              << "/admin.key)\n\nTry:\n"
              << "  export KEY=" << d.api_key << "\n"
              << "  curl -H \"Authorization: Bearer $KEY\" '" << base << "/branches/"
              << d.branch_id << "/calendar?date=" << salon::FormatDate(today + date::days(2))
              << "'\n"
              << "  curl -H \"Authorization: Bearer $KEY\" '" << base << "/branches/"
              << d.branch_id << "/availability?service_ids=" << d.service_id
              << "&from=" << salon::FormatDate(today + date::days(1)) << "&days=7'\n"
              << "  curl -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' "
              << "-d '{\"branch_id\":\"" << d.branch_id << "\",\"client_id\":\"" << d.client_id
              << "\",\"start\":\"" << d.free_start
              << "\",\"items\":[{\"service_id\":\"" << d.service_id << "\"}]}' "
              << base << "/appointments\n"
              << "  curl -H \"Authorization: Bearer $KEY\" -H 'Content-Type: application/json' "
              << "-d '{\"branch_id\":\"" << d.branch_id
              << "\",\"lines\":[{\"kind\":\"product\",\"product_id\":\"" << d.product_id
              << "\"},{\"kind\":\"service\",\"service_id\":\"" << d.service_id
              << "\"}],\"payments\":[{\"method\":\"cash\",\"amount\":" << d.walk_in_cash
              << "}]}' " << base << "/sales\n"
              << "  curl http://" << listen << "/v1/openapi.json\n\n"
              << "Sign in to the front desk at http://" << listen << "/ as\n";
    for (const auto& u : d.users) {
      std::cout << "  " << u.email << "  password " << u.password << "  (" << u.role << ")\n";
    }
    std::cout << "Online booking: http://" << listen << "/book/" << d.branch_id << "\n";
  } catch (const std::exception& e) {
    std::cerr << "salonctl: " << e.what() << std::endl;
    return 1;
  }
  return 0;
}
