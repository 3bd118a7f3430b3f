#include "store/postgres/announcer.h"

#include <iterator>

#include "store/postgres/pg_txn.h"

namespace salon::pg {
namespace {

// A NOTIFY payload is at most 8000 bytes; changes are sent in chunks below it.
constexpr size_t kPayloadLimit = 7000;

// The payloads carrying `changes`, each signed by `origin` on its first line.
std::vector<std::string> Payloads(const std::string& origin,
                                  const std::vector<std::string>& changes) {
  std::vector<std::string> out;
  std::string payload;
  auto flush = [&] {
    if (payload.empty()) return;
    out.push_back(origin + payload);
    payload.clear();
  };
  for (const std::string& line : changes) {
    if (payload.size() + line.size() + origin.size() > kPayloadLimit) flush();
    payload += "\n" + line;
  }
  flush();
  return out;
}

void Notify(Connection& c, const std::vector<std::string>& payloads) {
  for (const std::string& payload : payloads) {
    c.Queue("SELECT pg_notify($1, $2)", {kChangesChannel, payload});
  }
  c.Flush();
}

}  // namespace

void Announcer::Announce(std::vector<std::string> changes, Connection* c) {
  if (changes.empty()) return;
  std::unique_lock lock(mu_);
  pending_.insert(pending_.end(), std::make_move_iterator(changes.begin()),
                  std::make_move_iterator(changes.end()));
  const std::uint64_t mine = next_batch_;
  while (sent_through_ < mine) {
    if (sending_) {
      sent_.wait(lock);
      continue;
    }
    // No announcement on its way: this call sends every write's waiting.
    sending_ = true;
    const std::uint64_t batch = next_batch_++;
    std::vector<std::string> lines = std::move(pending_);
    pending_.clear();
    lock.unlock();
    try {
      Send(lines, c);
    } catch (...) {  // not the store's (memory): the next batch goes without these
      lock.lock();
      sending_ = false;
      sent_.notify_all();
      throw;
    }
    lock.lock();
    sending_ = false;
    sent_through_ = batch;
    sent_.notify_all();
  }
}

void Announcer::Send(const std::vector<std::string>& changes, Connection* c) {
  const std::vector<std::string> payloads = Payloads(origin_, changes);
  if (c != nullptr && !c->broken()) {
    try {
      Notify(*c, payloads);
      return;
    } catch (const StoreError&) {
    }
  }
  try {
    Connection fresh(url_);
    Notify(fresh, payloads);
  } catch (const StoreError&) {
    metrics_.AnnouncementLost();
  }
}

}  // namespace salon::pg
