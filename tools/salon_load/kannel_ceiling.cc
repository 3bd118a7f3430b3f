// Kannel's own intake: the blast's message sent straight to smsbox's sendsms
// by the same client salond uses (KannelProvider: keep-alive connections in
// parallel), with no database, no outbox and no delivery reports.
#include <chrono>
#include <iostream>

#include "messaging/open_provider.h"
#include "tools/salon_load/commands.h"

namespace salon::load {

Command AddKannelCeilingCommand(CLI::App& cli) {
  auto* app = cli.add_subcommand("kannel-ceiling", "Kannel's own intake rate (blast's ceiling)");
  struct Options {
    std::string kannel;
    int messages = 20000, batch = 500;
  };
  auto o = std::make_shared<Options>();
  app->add_option("--kannel", o->kannel, "kannel://user:pass@host:port[?connections=8]")
      ->required();
  app->add_option("--messages", o->messages)->capture_default_str();
  return {app, [o] {
            auto provider = OpenProvider(o->kannel, ".", "");
            if (!provider.ok()) {
              std::cerr << provider.status().message() << std::endl;
              return 2;
            }
            const auto t0 = std::chrono::steady_clock::now();
            long long accepted = 0;
            for (int sent = 0; sent < o->messages; sent += o->batch) {
              std::vector<OutgoingSms> batch;
              for (int i = sent; i < std::min(o->messages, sent + o->batch); ++i) {
                char to[32];
                std::snprintf(to, sizeof to, "+3538%09d", i);
                batch.push_back({"m" + std::to_string(i), "sal", "Salon", to,
                                 "Hi Client" + std::to_string(i) +
                                     ", 20% off all colour this week at Blast Salon. Reply STOP "
                                     "to opt out"});
              }
              for (const SendResult& r : (*provider)->Send(batch)) {
                accepted += r.outcome == SendOutcome::kAccepted;
              }
            }
            const double s =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            std::cout << "kannel intake: " << accepted << "/" << o->messages << " accepted in "
                      << s << " s (" << accepted / s << " messages/s)" << std::endl;
            return accepted == o->messages ? 0 : 1;
          }};
}

}  // namespace salon::load
