#include "store/sqlite/sqlite_store.h"

#include "base/thread_name.h"
#include "store/engine_support.h"
#include "store/sqlite/schema.h"
#include "store/sqlite/sqlite_txn.h"

namespace salon::sqlite {
namespace {

// A RESTART checkpoint holds the writer's lock while it waits for readers to
// leave the WAL: it polls for 10 ms at most and gives up (the next
// checkpoint tries again) instead of stalling every write for the default
// busy timeout's growing sleeps.
int BrieflyBusy(void*, int tries) {
  if (tries >= 50) return 0;
  std::this_thread::sleep_for(std::chrono::microseconds(200));
  return 1;
}

}  // namespace

SqliteStore::SqliteStore(SqliteConfig config)
    : config_(std::move(config)), metrics_(config_.metrics, "sqlite", config_.readers) {
  writer_conn_ = std::make_unique<Connection>(config_.path, Connection::Mode::kReadWrite);
  writer_conn_->Exec("PRAGMA journal_mode = WAL");
  writer_conn_->Exec(config_.synchronous ? "PRAGMA synchronous = FULL"
                                         : "PRAGMA synchronous = OFF");
  writer_conn_->Exec("PRAGMA foreign_keys = ON");
  // A large transaction (a seeded salon, a campaign's chunk) stays in memory
  // until its commit instead of spilling pages to the WAL half-way.
  writer_conn_->Exec("PRAGMA cache_size = -65536");  // KiB
  // Each write's savepoint keeps the pages it changes in a statement
  // journal: in memory, not a temporary file written for every page.
  writer_conn_->Exec("PRAGMA temp_store = MEMORY");
  Migrate(*writer_conn_);
  // Checkpoints run on their own thread, so the writer never stalls copying
  // the WAL back into the database; the WAL hook says when one is due.
  writer_conn_->Exec("PRAGMA wal_autocheckpoint = 0");
  // A restarted WAL is truncated back to this size.
  writer_conn_->Exec("PRAGMA journal_size_limit = 67108864");
  sqlite3_wal_hook(writer_conn_->handle(), &SqliteStore::OnWal, this);
  checkpoint_conn_ = std::make_unique<Connection>(config_.path, Connection::Mode::kReadWrite);
  // A connection that has not read the database does not know it is in WAL
  // mode, and its checkpoints silently do nothing: this statement reads it.
  checkpoint_conn_->Exec("PRAGMA journal_mode = WAL");
  checkpoint_conn_->Exec("PRAGMA journal_size_limit = 67108864");
  sqlite3_busy_handler(checkpoint_conn_->handle(), &BrieflyBusy, nullptr);
  checkpointer_ = NamedThread("sqlite-ckpt", [this] { CheckpointLoop(); });
  for (int i = 0; i < config_.readers; ++i) {
    auto c = std::make_unique<Connection>(config_.path, Connection::Mode::kReadOnly);
    c->Exec("PRAGMA query_only = ON");
    idle_readers_.push_back(std::move(c));
  }
  writer_ = NamedThread("sqlite-writer", [this] { WriterLoop(); });
}

SqliteStore::~SqliteStore() {
  {
    std::lock_guard lock(write_mu_);
    stopping_ = true;
  }
  write_cv_.notify_all();
  writer_.join();
  {
    std::lock_guard lock(checkpoint_mu_);
    checkpoint_stop_ = true;
  }
  checkpoint_cv_.notify_all();
  checkpointer_.join();
}

int SqliteStore::OnWal(void* self, sqlite3*, const char*, int pages) {
  auto* store = static_cast<SqliteStore*>(self);
  // Due once checkpoint_pages more have been written since the last copy
  // (the WAL's size alone stays large when it has not restarted yet, and a
  // checkpoint, with its fsync of the database, would follow every commit).
  int copied = store->copied_pages_.load();
  if (pages < copied) copied = 0;  // the WAL started again from its beginning
  if (pages - copied >= store->config_.checkpoint_pages) {
    {
      std::lock_guard lock(store->checkpoint_mu_);
      store->checkpoint_due_ = true;
    }
    store->checkpoint_cv_.notify_one();
  }
  return SQLITE_OK;
}

void SqliteStore::CheckpointLoop() {
  std::unique_lock lock(checkpoint_mu_);
  for (;;) {
    checkpoint_cv_.wait(lock, [&] { return checkpoint_due_ || checkpoint_stop_; });
    if (checkpoint_stop_) return;
    checkpoint_due_ = false;
    lock.unlock();
    Checkpoint();
    lock.lock();
  }
}

bool SqliteStore::Checkpoint() {
  // PASSIVE copies what it can and never stops the writer. A RESTART holds
  // the writer's lock while it copies and while it waits for readers to
  // leave the WAL (so the next commit starts it from the beginning): on a
  // large store the writer stalled there for hundreds of milliseconds, so it
  // runs only once the WAL has grown past restart_pages, when a PASSIVE has
  // just copied nearly everything and little is left to hold the lock for.
  std::lock_guard lock(checkpoint_conn_mu_);
  sqlite3* db = checkpoint_conn_->handle();
  int log = 0, copied = 0;
  int rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_PASSIVE, &log, &copied);
  if (rc == SQLITE_OK) copied_pages_ = copied;
  if (rc == SQLITE_OK && log >= config_.restart_pages) {
    rc = sqlite3_wal_checkpoint_v2(db, nullptr, SQLITE_CHECKPOINT_RESTART, &log, &copied);
  }
  return rc == SQLITE_OK && log >= 0 && log == copied;
}

std::unique_ptr<Connection> SqliteStore::AcquireReader() {
  const auto start = std::chrono::steady_clock::now();
  std::unique_lock lock(read_mu_);
  const bool had_to_wait = idle_readers_.empty();
  read_cv_.wait(lock, [&] { return !idle_readers_.empty(); });
  auto c = std::move(idle_readers_.back());
  idle_readers_.pop_back();
  lock.unlock();
  metrics_.Acquired(std::chrono::steady_clock::now() - start, had_to_wait);
  return c;
}

void SqliteStore::ReleaseReader(std::unique_ptr<Connection> c) {
  metrics_.Released();
  {
    std::lock_guard lock(read_mu_);
    idle_readers_.push_back(std::move(c));
  }
  read_cv_.notify_one();
}

Status SqliteStore::Read(const std::function<Status(ReadTxn&)>& fn) {
  StoreMetrics::Timer timer(metrics_, StoreMetrics::Txn::kRead);
  auto conn = AcquireReader();
  Status s = GuardStore([&] {
    conn->Run("BEGIN");
    SqliteTxn txn(*conn, /*writing=*/false);
    Status inner = GuardStore([&] { return fn(txn); });
    conn->Run("COMMIT");
    return inner;
  });
  if (sqlite3_get_autocommit(conn->handle()) == 0) {
    sqlite3_exec(conn->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
  ReleaseReader(std::move(conn));
  return s;
}

bool SqliteStore::Enqueue(Job* job) {
  {
    std::lock_guard lock(write_mu_);
    if (stopping_) return false;
    queue_.push_back(job);
    metrics_.WritesQueued(1);
  }
  write_cv_.notify_one();
  return true;
}

Status SqliteStore::Write(const std::function<Status(WriteTxn&)>& fn) {
  StoreMetrics::Timer timer(metrics_, StoreMetrics::Txn::kWrite);
  std::promise<Status> outcome;
  Job job{&fn, [&outcome](Status s) { outcome.set_value(std::move(s)); }, false, {}, {}};
  if (!Enqueue(&job)) return Status::Unavailable("the store is shutting down");
  return outcome.get_future().get();
}

void SqliteStore::WriteAsync(std::function<Status(WriteTxn&)> fn,
                             std::function<void(Status)> done) {
  auto job = std::make_unique<Job>();
  job->kept = std::move(fn);
  job->fn = &job->kept;
  job->owned = true;
  job->done = std::move(done);
  job->queued = std::chrono::steady_clock::now();
  if (Enqueue(job.get())) {
    job.release();  // the writer deletes it once done
    return;
  }
  Finish(job.release(), Status::Unavailable("the store is shutting down"));
}

void SqliteStore::Finish(Job* job, Status s) {
  // A job of Write's lives on its waiting caller's stack: once done is
  // called it may be gone.
  if (!job->owned) return job->done(std::move(s));
  try {
    job->done(std::move(s));
  } catch (...) {
    // A completion that throws must not end the writer thread.
  }
  metrics_.Transaction(StoreMetrics::Txn::kWrite, std::chrono::steady_clock::now() - job->queued);
  delete job;
}

Status SqliteStore::Ready() {
  return GuardStore([&] {
    auto conn = AcquireReader();
    int version = SchemaVersion(*conn);
    ReleaseReader(std::move(conn));
    if (version != LatestSchemaVersion()) {
      return Status::Unavailable("schema version " + std::to_string(version) +
                                 ", expected " + std::to_string(LatestSchemaVersion()));
    }
    return Status::Ok();
  });
}

void SqliteStore::WriterLoop() {
  std::vector<Job*> batch;
  for (;;) {
    {
      std::unique_lock lock(write_mu_);
      write_cv_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and every write is done
      while (!queue_.empty() && int(batch.size()) < config_.max_batch) {
        batch.push_back(queue_.front());
        queue_.pop_front();
      }
      metrics_.WritesQueued(-int(batch.size()));
    }
    RunBatch(batch);
    batch.clear();
  }
}

void SqliteStore::RunBatch(std::vector<Job*>& batch) {
  Connection& c = *writer_conn_;
  std::vector<Status> results(batch.size());
  std::vector<std::function<void()>> hooks;
  Status commit = GuardStore([&] {
    c.Run("BEGIN IMMEDIATE");
    for (size_t i = 0; i < batch.size(); ++i) {
      SqliteTxn txn(c, /*writing=*/true);
      c.Run("SAVEPOINT job");
      results[i] = GuardStore([&] { return (*batch[i]->fn)(txn); });
      if (results[i].ok()) {
        for (auto& h : txn.TakeCommitHooks()) hooks.push_back(std::move(h));
      } else {
        c.Run("ROLLBACK TO job");
      }
      c.Run("RELEASE job");
    }
    c.Run("COMMIT");
    metrics_.Committed();
    return Status::Ok();
  });
  if (!commit.ok()) {
    // Nothing of this batch is kept, so none of it may be acknowledged.
    if (sqlite3_get_autocommit(c.handle()) == 0) {
      sqlite3_exec(c.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
    }
    for (Job* job : batch) Finish(job, Status::Unavailable(commit.message()));
    return;
  }
  for (auto& h : hooks) h();
  for (size_t i = 0; i < batch.size(); ++i) Finish(batch[i], results[i]);
}

}  // namespace salon::sqlite
