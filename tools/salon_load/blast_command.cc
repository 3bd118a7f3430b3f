#include <fstream>
#include <iostream>

#include "tools/salon_load/blast.h"
#include "tools/salon_load/commands.h"
#include "tools/salon_load/report.h"

namespace salon::load {

Command AddBlastCommand(CLI::App& cli) {
  auto* app = cli.add_subcommand("blast", "a campaign to every consenting client of N salons");
  struct Options {
    BlastConfig config;
    std::string admin_key, json_path;
    int pull_seconds = 60;
  };
  auto o = std::make_shared<Options>();
  o->config.server.rate = 500;
  app->add_option("--host", o->config.server.host)->capture_default_str();
  app->add_option("--port", o->config.server.port)->capture_default_str();
  app->add_option("--admin-key", o->admin_key)->envname("SALON_ADMIN_KEY")->required();
  app->add_option("--salons", o->config.salons)->capture_default_str();
  app->add_option("--clients", o->config.clients_per_salon, "consenting clients per salon")
      ->capture_default_str();
  app->add_option("--pull-rate", o->config.server.rate, "calendar pulls per second beside it")
      ->capture_default_str();
  app->add_option("--duration", o->pull_seconds, "seconds of pulls (cover the blast)")
      ->capture_default_str();
  app->add_option("--json", o->json_path, "write the results here");
  return {app, [o] {
            o->config.server.duration = std::chrono::seconds(o->pull_seconds);
            auto w = SetUpSalons(o->config.server, o->admin_key, o->config.salons);
            if (!w.ok()) {
              std::cerr << w.status().message() << std::endl;
              return 2;
            }
            std::cout << "adding " << o->config.salons * o->config.clients_per_salon
                      << " clients..." << std::endl;
            Status audience = AddBlastAudience(o->config.server, *w, o->config.clients_per_salon);
            if (!audience.ok()) {
              std::cerr << audience.message() << std::endl;
              return 2;
            }
            auto r = RunBlast(o->config, *w);
            if (!r.ok()) {
              std::cerr << r.status().message() << std::endl;
              return 1;
            }
            const double rate = r->messages / r->seconds_to_handed_over;
            RunInfo info{"pull (beside the blast)", o->config.salons, o->config.server};
            std::cout << "blast: " << r->messages << " messages handed to the gateway in "
                      << r->seconds_to_handed_over << " s (" << rate << " messages/s); "
                      << "all delivered after " << r->seconds_to_delivered << " s; "
                      << r->failed << " failed\n"
                      << ConsoleSummary(info, r->pulls);
            if (!o->json_path.empty()) {
              boost::json::object out = ToJson(info, r->pulls);
              out["blast"] = boost::json::object{{"messages", r->messages},
                                                 {"seconds_to_handed_over", r->seconds_to_handed_over},
                                                 {"messages_per_second", rate},
                                                 {"seconds_to_delivered", r->seconds_to_delivered},
                                                 {"failed", r->failed}};
              std::ofstream(o->json_path) << boost::json::serialize(out) << "\n";
            }
            return r->failed == 0 ? 0 : 1;
          }};
}

}  // namespace salon::load
