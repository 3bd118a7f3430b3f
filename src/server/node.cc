#include "server/node.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "base/thread_name.h"
#include "messaging/open_provider.h"
#include "store/open_store.h"

namespace salon {

namespace {

std::unique_ptr<Store> OpenNodeStore(const NodeConfig& config, Metrics& metrics) {
  StoreOptions options;
  options.synchronous = config.synchronous;
  options.pool = config.store_pool;
  options.writers = config.store_writers;
  options.metrics = &metrics;  // metrics_ is made before store_
  return OpenStore(config.store.empty() ? "sqlite:" + config.data_dir : config.store, options);
}

}  // namespace

Node::Node(NodeConfig config, const Clock& clock, IdSource& ids)
    : config_(std::move(config)),
      store_(OpenNodeStore(config_, metrics_)),
      directory_(*store_, config_.admin_key, CacheOptions{&metrics_, config_.cache_scale}),
      calendar_(*store_, CacheOptions{&metrics_, config_.cache_scale}),
      people_(*store_, ids, clock, CacheOptions{&metrics_, config_.cache_scale}),
      live_calendar_(config_.max_streams, metrics_),
      catalog_(*store_, directory_, calendar_, ids, clock),
      booking_(directory_, calendar_, ids, CacheOptions{&metrics_, config_.cache_scale}),
      appointment_messages_(directory_, ids, [this] { WakeDispatcher(); }),
      campaigns_(directory_, ids, [this] { WakeDispatcher(); }),
      gateway_(*store_, directory_, clock),
      deposits_(ids),
      appointments_(*store_, clock, directory_, booking_, appointment_messages_, deposits_),
      salons_(*store_, directory_, ids, clock),
      messages_(*store_, clock, campaigns_),
      sales_(*store_, clock, ids, calendar_, deposits_),
      cash_ups_(*store_, clock, ids),
      reports_(*store_),
      calendar_days_(*store_, directory_),
      health_(*store_),
      online_booking_(directory_, catalog_, appointments_, *store_, clock, config_.admin_key),
      callback_token_(config_.callback_token.empty() ? ids.NewSecret(16)
                                                     : config_.callback_token),
      api_(http::ApiDeps{clock, directory_, calendar_, calendar_days_, appointments_, catalog_,
                         salons_, messages_, sales_, health_, metrics_, gateway_, callback_token_,
                         config_.rate_limit, config_.cache_scale,
                         config_.slow_request_seconds, cash_ups_, reports_, people_,
                         config_.web_dir, online_booking_, live_calendar_}),
      clock_(clock) {
  if (config_.role != "all" && config_.role != "api" && config_.role != "messaging") {
    throw std::invalid_argument("unknown role '" + config_.role + "': all, api or messaging");
  }
  calendar_.OnCommitted([this](const BranchId& branch, const std::string& day, long long v) {
    live_calendar_.Publish(branch, day, v);
  });
  forgetting_ = store_->Watch([this](const Change& change) {
    directory_.Forget(change);
    calendar_.Forget(change);
    people_.Forget(change);
    if (change.what == Change::What::kCalendar) {
      live_calendar_.Publish(BranchId{change.id}, change.day, std::nullopt);
    } else if (change.what == Change::What::kAll) {
      live_calendar_.ResetAll();
    }
  });
}

Node::~Node() { Shutdown(std::chrono::seconds(5)); }

unsigned short Node::Start() {
  server_ = std::make_unique<http::Server>(config_.server, api_, metrics_);
  maintenance_ = NamedThread("maintenance", [this] { MaintenanceLoop(); });
  const unsigned short port = server_->Start();
  if (config_.role != "api") {
    const std::string base = config_.public_url.empty()
                                 ? "http://127.0.0.1:" + std::to_string(port)
                                 : config_.public_url;
    auto provider = OpenProvider(
        config_.sms_provider, config_.data_dir,
        base + "/v1/callbacks/kannel/delivery?token=" + callback_token_ +
            "&salon={salon}&id={id}&type=%d");
    if (!provider.ok()) throw std::invalid_argument(provider.status().message());
    provider_ = std::move(*provider);
    auto dispatcher = std::make_unique<Dispatcher>(*store_, directory_, campaigns_, *provider_,
                                                   clock_, metrics_, config_.dispatcher);
    dispatcher->Start();
    std::lock_guard lock(dispatcher_mu_);
    dispatcher_ = std::move(dispatcher);
  }
  return port;
}

void Node::WakeDispatcher() {
  std::lock_guard lock(dispatcher_mu_);
  if (dispatcher_) dispatcher_->Wake();
}

bool Node::Shutdown(std::chrono::seconds grace) {
  {
    std::unique_ptr<Dispatcher> dispatcher;
    {
      std::lock_guard lock(dispatcher_mu_);
      dispatcher = std::move(dispatcher_);
    }
    dispatcher.reset();  // stops it: no message is left half recorded
  }
  if (maintenance_.joinable()) {
    {
      std::lock_guard lock(maintenance_mu_);
      maintenance_stop_ = true;
    }
    maintenance_cv_.notify_all();
    maintenance_.join();
  }
  if (!server_) return true;
  const bool drained = server_->Drain(grace);
  server_->Stop();
  server_.reset();
  return drained;
}

Result<long long> Node::PurgeOldResponses() {
  const long long before =
      (clock_.Now() - config_.keep_responses).time_since_epoch().count();
  long long purged = 0;
  SALON_RETURN_IF_ERROR(store_->Write([&](WriteTxn& txn) {
    purged = txn.PurgeResponses(before);
    return Status::Ok();
  }));
  return purged;
}

void Node::MaintenanceLoop() {
  std::unique_lock lock(maintenance_mu_);
  while (!maintenance_cv_.wait_for(lock, std::chrono::hours(1),
                                   [&] { return maintenance_stop_; })) {
    lock.unlock();
    auto purged = PurgeOldResponses();
    if (!purged.ok()) spdlog::warn("purging old responses failed: {}", purged.status().message());
    lock.lock();
  }
}

}  // namespace salon
