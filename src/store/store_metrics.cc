#include "store/store_metrics.h"

#include <string>

namespace salon {
namespace {

double Seconds(std::chrono::steady_clock::duration d) {
  return std::chrono::duration<double>(d).count();
}

}  // namespace

StoreMetrics::StoreMetrics(Metrics* metrics, const char* engine, int pool_size) {
  if (metrics == nullptr) return;
  const std::string e = std::string("engine=\"") + engine + "\"";
  const char* kTxn = "salon_store_transaction_duration_seconds";
  const char* kTxnHelp =
      "Time a store transaction took as its caller saw it: waiting for a connection, "
      "running, committing";
  read_ = &metrics->HistogramOf(kTxn, kTxnHelp, "{" + e + ",kind=\"read\"}");
  write_ = &metrics->HistogramOf(kTxn, kTxnHelp, "{" + e + ",kind=\"write\"}");
  wait_ = &metrics->HistogramOf("salon_store_pool_wait_seconds",
                                "Time each connection taken from the store's pool waited for one",
                                "{" + e + "}");
  waits_ = &metrics->CounterOf("salon_store_pool_waits_total",
                               "Connections taken from the store's pool that had to wait for one",
                               "{" + e + "}");
  timeouts_ = &metrics->CounterOf(
      "salon_store_pool_timeouts_total",
      "Calls that gave up waiting for a connection of the store's pool", "{" + e + "}");
  in_use_ = &metrics->GaugeOf("salon_store_connections_in_use",
                              "Connections of the store's pool taken now", "{" + e + "}");
  turn_waits_ = &metrics->GaugeOf(
      "salon_store_salon_turn_waits",
      "Writes waiting in this process for an earlier write of their salon", "{" + e + "}");
  writes_queued_ = &metrics->GaugeOf("salon_store_writes_queued",
                                     "Writes waiting now for a writer: SQLite's writer thread, a "
                                     "PostgreSQL writer slot",
                                     "{" + e + "}");
  commits_ = &metrics->CounterOf("salon_store_commits_total",
                                 "Durable commits of one or more writes", "{" + e + "}");
  announcements_lost_ = &metrics->CounterOf(
      "salon_store_announcements_lost_total",
      "Announcements of writes that committed, or may have (one or more writes each), whose "
      "NOTIFY to the other processes failed, then again on a fresh connection (PostgreSQL)",
      "{" + e + "}");
  metrics->GaugeOf("salon_store_connections_max", "Connections the store's pool holds at most",
                   "{" + e + "}")
      .Set(pool_size);
}

void StoreMetrics::Transaction(Txn kind, std::chrono::steady_clock::duration took) {
  Histogram* h = kind == Txn::kRead ? read_ : write_;
  if (h) h->Observe(Seconds(took));
}

void StoreMetrics::Acquired(std::chrono::steady_clock::duration waited, bool had_to_wait) {
  if (!wait_) return;
  wait_->Observe(Seconds(waited));
  if (had_to_wait) waits_->Add();
  in_use_->Add(1);
}

void StoreMetrics::TimedOut(std::chrono::steady_clock::duration waited) {
  if (!wait_) return;
  wait_->Observe(Seconds(waited));
  waits_->Add();
  timeouts_->Add();
}

void StoreMetrics::Released() {
  if (in_use_) in_use_->Add(-1);
}

void StoreMetrics::WaitingForTurn(int change) {
  if (turn_waits_) turn_waits_->Add(change);
}

void StoreMetrics::WritesQueued(int change) {
  if (writes_queued_) writes_queued_->Add(change);
}

void StoreMetrics::Committed() {
  if (commits_) commits_->Add();
}

void StoreMetrics::AnnouncementLost() {
  if (announcements_lost_) announcements_lost_->Add();
}

}  // namespace salon
