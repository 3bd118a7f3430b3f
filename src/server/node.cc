#include "server/node.h"

#include <filesystem>

#include "store/sqlite/sqlite_store.h"

namespace salon {

void EnsureDirectory(const std::string& dir) { std::filesystem::create_directories(dir); }

namespace {

std::unique_ptr<Store> OpenStore(const NodeConfig& config) {
  EnsureDirectory(config.data_dir);
  sqlite::SqliteConfig c;
  c.path = (std::filesystem::path(config.data_dir) / "salon.db").string();
  c.synchronous = config.synchronous;
  return std::make_unique<sqlite::SqliteStore>(c);
}

}  // namespace

Node::Node(NodeConfig config, const Clock& clock, IdSource& ids)
    : config_(std::move(config)),
      store_(OpenStore(config_)),
      directory_(*store_, config_.admin_key),
      calendar_(*store_),
      catalog_(directory_, calendar_, ids),
      booking_(directory_, calendar_, ids),
      api_(http::ApiDeps{*store_, clock, directory_, calendar_, booking_, catalog_, metrics_}) {}

Node::~Node() { Shutdown(std::chrono::seconds(5)); }

unsigned short Node::Start() {
  server_ = std::make_unique<http::Server>(config_.server, api_, metrics_);
  return server_->Start();
}

void Node::Shutdown(std::chrono::seconds grace) {
  if (!server_) return;
  server_->Drain(grace);
  server_->Stop();
  server_.reset();
}

}  // namespace salon
