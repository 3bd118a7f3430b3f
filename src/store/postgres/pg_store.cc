#include "store/postgres/pg_store.h"

#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <future>
#include <random>

#include "base/request_stages.h"
#include "base/thread_name.h"
#include "store/engine_support.h"
#include "store/postgres/announcement.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/pg_txn.h"

namespace salon::pg {
namespace {

std::string NewOrigin() {
  std::random_device rd;
  char buf[17];
  std::snprintf(buf, sizeof buf, "%08x%08x", rd(), rd());
  return buf;
}

}  // namespace

PgStore::PgStore(PgConfig config)
    : config_(std::move(config)),
      origin_(NewOrigin()),
      metrics_(config_.metrics, "postgres", config_.pool) {
  wake_fd_ = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
  (void)GuardStore([&] {
    bool reused = false;
    Release(Acquire(reused));
    return Status::Ok();
  });
  // Wait for the listener's first attempt, so that a store opened on a
  // reachable database is Ready at once.
  std::promise<void> first_attempt;
  auto attempted = first_attempt.get_future();
  listener_ = NamedThread("pg-listener",
                          [this, p = std::move(first_attempt)]() mutable { ListenLoop(&p); });
  attempted.wait();
}

PgStore::~PgStore() {
  stop_ = true;
  std::uint64_t one = 1;
  (void)!write(wake_fd_, &one, sizeof one);
  listener_.join();
  close(wake_fd_);
}

void PgStore::EnsureMigrated(Connection& c) {
  if (migrated_) return;
  std::lock_guard lock(migrate_mu_);
  if (migrated_) return;
  Migrate(c);
  migrated_ = true;
}

std::unique_ptr<Connection> PgStore::Acquire(bool& reused) {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(pool_mu_);
  const auto free = [&] { return !idle_.empty() || open_ < config_.pool; };
  const bool had_to_wait = !free();
  if (!pool_cv_.wait_for(lock, config_.acquire_timeout, free)) {
    lock.unlock();
    metrics_.TimedOut(std::chrono::steady_clock::now() - start);
    throw StoreError(Code::kUnavailable, "every database connection is busy");
  }
  if (!idle_.empty()) {
    auto c = std::move(idle_.back());
    idle_.pop_back();
    lock.unlock();
    reused = true;
    metrics_.Acquired(std::chrono::steady_clock::now() - start, had_to_wait);
    return c;
  }
  ++open_;
  lock.unlock();
  const auto waited = std::chrono::steady_clock::now() - start;
  reused = false;
  try {
    auto c = std::make_unique<Connection>(config_.url);
    EnsureMigrated(*c);
    metrics_.Acquired(waited, had_to_wait);
    return c;
  } catch (...) {
    lock.lock();
    --open_;
    pool_cv_.notify_one();
    throw;
  }
}

void PgStore::Release(std::unique_ptr<Connection> c) {
  metrics_.Released();
  if (c && !c->broken() && c->in_transaction()) c->Rollback();
  std::lock_guard lock(pool_mu_);
  if (!c || c->broken() || c->in_transaction()) {
    --open_;
  } else {
    idle_.push_back(std::move(c));
  }
  pool_cv_.notify_one();
}

void PgStore::DropIdle() {
  std::lock_guard lock(pool_mu_);
  open_ -= int(idle_.size());
  idle_.clear();
  pool_cv_.notify_all();
}

std::unique_ptr<Connection> PgStore::Begin(const char* begin,
                                           const std::function<void(Connection&)>& first) {
  for (int attempt = 0;; ++attempt) {
    bool reused = false;
    auto c = Acquire(reused);
    try {
      if (first) {
        c->Queue(begin, {});
        first(*c);
      } else {
        c->Run(begin);
      }
      return c;
    } catch (const StoreError& e) {
      const bool dead = c->broken();
      Release(std::move(c));
      if (e.code != Code::kUnavailable || !dead || !reused || attempt > 0) throw;
      DropIdle();  // they were opened before the same outage
    } catch (...) {  // memory: the connection goes back, not out of the count
      Release(std::move(c));
      throw;
    }
  }
}

Status PgStore::Read(const std::function<Status(ReadTxn&)>& fn) {
  StoreMetrics::Timer timer(metrics_, StoreMetrics::Txn::kRead);
  std::unique_ptr<Connection> c;
  Status s = GuardStore([&] {
    const std::uint64_t horizon = seq_.load();
    c = Begin("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    PgTxn txn(*c, /*writing=*/false, horizon);
    Status inner = GuardStore([&] { return fn(txn); });
    c->Run("COMMIT");
    return inner;
  });
  if (c) Release(std::move(c));
  return s;
}

Status PgStore::Write(const std::function<Status(WriteTxn&)>& fn) {
  StoreMetrics::Timer timer(metrics_, StoreMetrics::Txn::kWrite);
  std::unique_ptr<Connection> c;
  std::vector<std::function<void()>> hooks;
  Status s = GuardStore([&] {
    const std::uint64_t horizon = seq_.load();
    c = Begin("BEGIN");
    PgTxn txn(*c, /*writing=*/true, horizon);
    Status inner = GuardStore([&] { return fn(txn); });
    if (!inner.ok()) return inner;  // Release rolls back
    CommitAndAnnounce(*c, txn.TakeChanges());
    hooks = txn.TakeCommitHooks();
    return Status::Ok();
  });
  if (c) Release(std::move(c));
  if (s.ok()) {
    for (auto& h : hooks) h();
  }
  return s;
}

void PgStore::WriteTogether(std::span<SalonTurns::Queued* const> writes, bool leave_out_locked) {
  if (writes.size() == 1 && !leave_out_locked) {
    writes[0]->result = Write(*writes[0]->fn);
    return;
  }
  const bool alone = writes.size() == 1;  // no savepoint needed
  const auto start = std::chrono::steady_clock::now();
  std::unique_ptr<Connection> c;
  std::vector<std::string> changes;
  std::vector<std::function<void()>> hooks;
  Status s = GuardStore([&] {
    const std::uint64_t horizon = seq_.load();
    std::vector<std::string> locked;
    if (leave_out_locked) {
      c = Begin("BEGIN", [&](Connection& c) { locked = LockedElsewhere(c, writes); });
    } else {
      c = Begin("BEGIN");
    }
    int kept = 0;
    for (SalonTurns::Queued* w : writes) {
      if (std::ranges::find(locked, *w->salon) != locked.end()) {
        w->left_out = true;  // unwritten, for its turn to write (WriterSlots)
        w->result = Status::Unavailable("salon " + *w->salon + " is locked elsewhere");
        continue;
      }
      RequestStages::Installed its_request(w->stages);  // whose statements these are
      PgTxn txn(*c, /*writing=*/true, horizon);
      if (!alone) c->Savepoint("write");
      w->result = GuardStore([&] {
        Status inner = (*w->fn)(txn);
        // Its statements, answered now (alone, with the COMMIT).
        if (inner.ok() && !alone) c->Run("RELEASE SAVEPOINT write");
        return inner;
      });
      if (c->broken()) {  // nothing more can be written, nor committed
        return w->result.ok() ? Status::Unavailable("the store's connection was lost") : w->result;
      }
      if (!w->result.ok()) {
        if (!alone) c->RollbackTo("write");
        continue;
      }
      ++kept;
      for (auto& change : txn.TakeChanges()) changes.push_back(std::move(change));
      for (auto& h : txn.TakeCommitHooks()) hooks.push_back(std::move(h));
    }
    if (kept == 0) return Status::Ok();  // nothing to commit: Release rolls back
    CommitAndAnnounce(*c, std::move(changes));
    return Status::Ok();
  });
  if (c) Release(std::move(c));
  for (SalonTurns::Queued* w : writes) {
    if (!s.ok()) {  // nothing of them is kept
      w->result = s;
      w->left_out = false;
    }
    if (w->left_out) continue;  // its own transaction will count
    metrics_.Transaction(StoreMetrics::Txn::kWrite, std::chrono::steady_clock::now() - start);
  }
  if (!s.ok()) return;
  for (auto& h : hooks) {
    try {
      h();
    } catch (...) {
      // The writes are committed: a hook that throws (memory) must not
      // report them refused, nor keep the others' hooks from running.
    }
  }
}

std::vector<std::string> PgStore::LockedElsewhere(Connection& c,
                                                  std::span<SalonTurns::Queued* const> writes) {
  std::vector<std::string> salons;
  for (const SalonTurns::Queued* w : writes) {
    if (std::ranges::find(salons, *w->salon) == salons.end()) {
      salons.push_back(*w->salon);
    }
  }
  // Each salon's lock, taken now where it is free, for the whole transaction
  // (PgTxn::Lock takes it again, at once); a try never waits, so the order
  // does not matter here.
  Rows rows = c.Run(
      "SELECT s FROM unnest($1::text[]) AS s "
      "WHERE NOT pg_try_advisory_xact_lock(hashtextextended(s, 0))",
      {TextArray(salons)});
  std::vector<std::string> locked;
  for (int i = 0; i < rows.size(); ++i) locked.push_back(rows.Text(i, 0));
  return locked;
}

void PgStore::CommitAndAnnounce(Connection& c, std::vector<std::string> changes) {
  try {
    c.Run("COMMIT");
  } catch (const StoreError&) {
    if (c.broken()) announcer_.Announce(std::move(changes), nullptr);  // perhaps committed
    throw;
  }
  metrics_.Committed();
  announcer_.Announce(std::move(changes), &c);
}

Status PgStore::WriteFor(const SalonId& salon, const std::function<Status(WriteTxn&)>& fn) {
  if (config_.writers <= 0) return turns_.Write(salon.value, fn, write_waiting_);
  return turns_.Write(salon.value, fn, [this, &salon](std::span<SalonTurns::Queued* const> turn) {
    slots_.Write(salon.value, turn, write_in_slot_, write_waiting_);
  });
}

Status PgStore::Ready() {
  Status s = GuardStore([&] {
    bool reused = false;
    auto c = Acquire(reused);
    std::string mismatch;
    try {
      mismatch = SchemaMismatch(*c);
    } catch (...) {
      Release(std::move(c));
      throw;
    }
    Release(std::move(c));
    return mismatch.empty() ? Status::Ok() : Status::Unavailable(mismatch);
  });
  if (s.ok() && !listening_) {
    return Status::Unavailable("not listening for other processes' changes");
  }
  return s;
}

Subscription PgStore::Watch(std::function<void(const Change&)> fn) {
  return watchers_.Add(std::move(fn));
}

void PgStore::ListenLoop(std::promise<void>* first_attempt) {
  auto attempted = [&] {
    if (first_attempt) first_attempt->set_value();
    first_attempt = nullptr;
  };
  while (!stop_) {
    try {
      Connection c(config_.url);
      c.Exec(std::string("LISTEN ") + kChangesChannel);
      listening_ = true;
      attempted();
      // Whatever was committed while nobody listened is unknown.
      Change all;
      all.seq = ++seq_;
      watchers_.Publish(all);
      while (!stop_) {
        pollfd fds[2] = {{PQsocket(c.handle()), POLLIN, 0}, {wake_fd_, POLLIN, 0}};
        if (poll(fds, 2, -1) < 0 && errno != EINTR) break;
        if (stop_) break;
        if (!PQconsumeInput(c.handle())) break;  // the connection is lost
        while (PGnotify* n = PQnotifies(c.handle())) {
          try {
            for (Change& change : ParseChanges(n->extra, origin_)) {
              change.seq = ++seq_;
              watchers_.Publish(change);
            }
          } catch (const std::exception&) {
            Change unknown;  // unreadable: forget everything to be safe
            unknown.seq = ++seq_;
            watchers_.Publish(unknown);
          }
          PQfreemem(n);
        }
      }
    } catch (const StoreError&) {
    }
    attempted();
    listening_ = false;
    // Reconnect after a short pause, unless stopping.
    pollfd wake{wake_fd_, POLLIN, 0};
    poll(&wake, 1, 200);
  }
}

}  // namespace salon::pg
