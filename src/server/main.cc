// salond: the salon API server. Configuration by flags or SALON_* variables;
// SIGTERM or SIGINT drains and stops.
#include <CLI/CLI.hpp>
#include <spdlog/spdlog.h>

#include <csignal>
#include <iostream>

#include "base/private_files.h"
#include "base/stop_signals.h"
#include "ops/json_log.h"
#include "ops/log_metrics.h"
#include "server/admin_key.h"
#include "server/node.h"
#include "store/open_store.h"


int main(int argc, char** argv) {
  salon::KeepFilesPrivate();
  CLI::App cli{"salond — the salon API server"};
  salon::NodeConfig config;
  std::string listen = "127.0.0.1:8080";
  std::string log_format = "text";
  int idle = 60, request = 10;
  cli.add_option("--listen", listen, "address:port to listen on")
      ->envname("SALON_LISTEN")->capture_default_str();
  cli.add_option("--data-dir", config.data_dir, "directory of the admin key and embedded store")
      ->envname("SALON_DATA_DIR")->capture_default_str();
  cli.add_option("--store", config.store,
                 "sqlite:<dir> or postgres://user@host:port/db (default: sqlite:<data-dir>)")
      ->envname("SALON_STORE");
  cli.add_option("--store-pool", config.store_pool, "PostgreSQL connections at most")
      ->envname("SALON_STORE_POOL")->capture_default_str();
  cli.add_option("--store-writers", config.store_writers,
                 "PostgreSQL write transactions of salons at once; the salons' writes that wait "
                 "for one commit together (0: no bound, each salon's turn in its own)")
      ->envname("SALON_STORE_WRITERS")->check(CLI::NonNegativeNumber)->capture_default_str();
  cli.add_option("--threads", config.server.io_threads, "I/O threads (0: one per core)")
      ->envname("SALON_THREADS")->capture_default_str();
  cli.add_option("--workers", config.server.workers, "threads for handlers that write")
      ->envname("SALON_WORKERS")->capture_default_str();
  cli.add_option("--readers", config.server.readers,
                 "threads for handlers that read the store (GET, HEAD)")
      ->envname("SALON_READERS")->capture_default_str();
  cli.add_option("--worker-nice", config.server.worker_nice,
                 "how much lower the workers' CPU priority is than the I/O threads' and the "
                 "SQLite writer's (0-19)")
      ->envname("SALON_WORKER_NICE")->check(CLI::Range(0, 19))->capture_default_str();
  cli.add_option("--admin-key", config.admin_key,
                 "platform admin key (default: generated once, kept in the data dir)")
      ->envname("SALON_ADMIN_KEY");
  cli.add_option("--body-limit", config.server.body_limit, "largest request body in bytes")
      ->envname("SALON_BODY_LIMIT")->capture_default_str();
  cli.add_option("--max-connections", config.server.max_connections,
                 "open connections at most (the one idle longest makes room; else 503)")
      ->envname("SALON_MAX_CONNECTIONS")->capture_default_str();
  cli.add_option("--max-connections-per-address", config.server.max_connections_per_address,
                 "open connections from one client address at most; 0: no bound (behind a balancer)")
      ->envname("SALON_MAX_CONNECTIONS_PER_ADDRESS")->capture_default_str();
  cli.add_option("--rate-limit", config.rate_limit,
                 "scales every rate limit (2: twice as many requests); 0 turns them off")
      ->envname("SALON_RATE_LIMIT")->capture_default_str();
  cli.add_option("--cache-scale", config.cache_scale,
                 "scales every in-memory cache's bounds (entries and bytes)")
      ->envname("SALON_CACHE_SCALE")->check(CLI::PositiveNumber)->capture_default_str();
  cli.add_option("--slow-request", config.slow_request_seconds,
                 "seconds after which a request logs the stages its time went to")
      ->envname("SALON_SLOW_REQUEST")->check(CLI::NonNegativeNumber)->capture_default_str();
  config.web_dir = "web/dist";
  cli.add_option("--max-streams", config.max_streams, "live calendar streams at most")
      ->envname("SALON_MAX_STREAMS")->check(CLI::PositiveNumber)->capture_default_str();
  cli.add_option("--web-dir", config.web_dir, "the built web pages (scripts/build-web.sh)")
      ->envname("SALON_WEB_DIR")->capture_default_str();
  cli.add_option("--idle-timeout", idle, "seconds a keep-alive connection may idle")
      ->envname("SALON_IDLE_TIMEOUT")->capture_default_str();
  cli.add_option("--request-timeout", request, "seconds to read a request once started")
      ->envname("SALON_REQUEST_TIMEOUT")->capture_default_str();
  cli.add_option("--log-format", log_format, "text or json")
      ->envname("SALON_LOG_FORMAT")->check(CLI::IsMember({"text", "json"}))
      ->capture_default_str();
  cli.add_option("--role", config.role,
                 "all (serve and send), api (only serve) or messaging (send; serve callbacks)")
      ->envname("SALON_ROLE")->check(CLI::IsMember({"all", "api", "messaging"}))
      ->capture_default_str();
  cli.add_option("--sms-provider", config.sms_provider,
                 "file, file:<path> or kannel://user:pass@host:port[?connections=&rate=&from=]")
      ->envname("SALON_SMS_PROVIDER")->capture_default_str();
  cli.add_option("--callback-token", config.callback_token,
                 "secret the SMS gateway's callbacks carry (shared by every process)")
      ->envname("SALON_CALLBACK_TOKEN");
  cli.add_option("--public-url", config.public_url,
                 "base URL the SMS gateway calls back (default http://127.0.0.1:<port>)")
      ->envname("SALON_PUBLIC_URL");
  int in_doubt = int(config.dispatcher.in_doubt.count());
  int first_retry = int(config.dispatcher.first_retry.count());
  cli.add_option("--message-in-doubt", in_doubt,
                 "seconds before a message sent without a recorded answer is sent again")
      ->envname("SALON_MESSAGE_IN_DOUBT")->capture_default_str();
  cli.add_option("--message-retry", first_retry,
                 "seconds before the first retry of a failed send (doubling after)")
      ->envname("SALON_MESSAGE_RETRY")->capture_default_str();
  cli.add_option("--message-attempts", config.dispatcher.max_attempts,
                 "sends of one message before it fails")
      ->envname("SALON_MESSAGE_ATTEMPTS")->capture_default_str();
  CLI11_PARSE(cli, argc, argv);
  config.dispatcher.in_doubt = std::chrono::seconds(in_doubt);
  config.dispatcher.first_retry = std::chrono::seconds(first_retry);

  if (log_format == "json") spdlog::set_formatter(salon::JsonLogFormatter());
  // salon_log_messages_total{level,event} on /metrics, from when the node exists.
  const auto log_counts = salon::CountLogMessages();
  const auto colon = listen.rfind(':');
  if (colon == std::string::npos) {
    std::cerr << "--listen must be address:port\n";
    return 2;
  }
  config.server.address = listen.substr(0, colon);
  config.server.port = static_cast<unsigned short>(std::stoi(listen.substr(colon + 1)));
  config.server.idle_timeout = std::chrono::seconds(idle);
  config.server.request_timeout = std::chrono::seconds(request);

  // Signals are taken by sigwait below, so every thread must block them.
  const sigset_t signals = salon::BlockStopSignals();

  salon::SystemClock clock;
  salon::RandomIdSource ids;
  try {
    salon::EnsurePrivateDirectory(config.data_dir);
    salon::AdminKey admin = salon::ResolveAdminKey(config.admin_key, config.data_dir, ids);
    if (admin.generated) {
      std::cout << "Generated the admin key, kept in " << config.data_dir
                << "/admin.key: " << admin.key << std::endl;
    }
    config.admin_key = admin.key;
    salon::Node node(config, clock, ids);
    const auto counting_logs = log_counts->CountInto(node.metrics());
    unsigned short port = node.Start();
    std::cout << "salond listening on " << config.server.address << ":" << port << std::endl;
    spdlog::info("salond listening on {}:{} (store {})", config.server.address, port,
                 salon::IsPostgres(config.store) ? "postgres" : "sqlite:" + config.data_dir);
    int sig = 0;
    sigwait(&signals, &sig);
    spdlog::info("signal {}: draining", sig);
    if (!node.Shutdown(std::chrono::seconds(30))) {
      spdlog::warn("connections still open after 30 s were closed");
    }
    spdlog::info("stopped");
  } catch (const std::exception& e) {
    spdlog::critical("salond cannot run: {}", e.what());
    return 1;
  }
  return 0;
}
