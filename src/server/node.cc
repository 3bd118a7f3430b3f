#include "server/node.h"

#include <spdlog/spdlog.h>

#include <filesystem>

#include "store/open_store.h"

namespace salon {

void EnsureDirectory(const std::string& dir) { std::filesystem::create_directories(dir); }

namespace {

std::unique_ptr<Store> OpenNodeStore(const NodeConfig& config) {
  StoreOptions options;
  options.synchronous = config.synchronous;
  options.pool = config.store_pool;
  return OpenStore(config.store.empty() ? "sqlite:" + config.data_dir : config.store, options);
}

}  // namespace

Node::Node(NodeConfig config, const Clock& clock, IdSource& ids)
    : config_(std::move(config)),
      store_(OpenNodeStore(config_)),
      directory_(*store_, config_.admin_key),
      calendar_(*store_),
      catalog_(directory_, calendar_, ids),
      booking_(directory_, calendar_, ids),
      api_(http::ApiDeps{*store_, clock, directory_, calendar_, booking_, catalog_, metrics_}),
      clock_(clock) {
  store_->Watch([this](const Change& change) {
    directory_.Forget(change);
    calendar_.Forget(change);
  });
}

Node::~Node() { Shutdown(std::chrono::seconds(5)); }

unsigned short Node::Start() {
  server_ = std::make_unique<http::Server>(config_.server, api_, metrics_);
  maintenance_ = std::thread([this] { MaintenanceLoop(); });
  return server_->Start();
}

bool Node::Shutdown(std::chrono::seconds grace) {
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
