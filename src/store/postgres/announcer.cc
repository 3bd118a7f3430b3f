#include "store/postgres/announcer.h"

#include <exception>
#include <iterator>

#include "store/postgres/announcement.h"

namespace salon::pg {
namespace {

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
    std::exception_ptr failed;
    try {
      Send(lines, c);
    } catch (...) {  // not the store's (memory): the next batch goes without these
      failed = std::current_exception();
      metrics_.AnnouncementLost();
    }
    lock.lock();
    sending_ = false;
    if (!failed) sent_through_ = batch;
    sent_.notify_all();
    if (failed) std::rethrow_exception(failed);
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
