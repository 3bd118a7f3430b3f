// SqliteStore: the embedded engine. One SQLite database in WAL mode in the
// data directory. Writes are serialised through one writer thread that
// commits whole batches at once (group commit): every Write in a batch runs
// in its own savepoint, and one durable COMMIT (fsync) serves them all, so
// the check-then-insert of a booking is serialised without paying an fsync
// per request. Reads use a pool of read-only connections on WAL snapshots.
// Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <future>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/store.h"
#include "store/store_metrics.h"

namespace salon::sqlite {

struct SqliteConfig {
  std::string path;           // the database file
  int readers = 16;           // read connections in the pool
  int max_batch = 512;        // writes sharing one commit at most
  int checkpoint_pages = 1000;  // WAL pages written since the last checkpoint that make one due
  int restart_pages = 16384;    // WAL size past which it restarts from the beginning
  bool synchronous = true;    // fsync every commit (off only in benchmarks of the CPU path)
  Metrics* metrics = nullptr;  // where to report (store/store_metrics.h); null: nowhere
};

class SqliteStore final : public Store {
 public:
  // Opens (creating if needed) and migrates the database. Throws StoreError.
  explicit SqliteStore(SqliteConfig config);
  ~SqliteStore() override;  // finishes every queued write first

  Status Read(const std::function<Status(ReadTxn&)>& fn) override;
  Status Write(const std::function<Status(WriteTxn&)>& fn) override;
  void WriteAsync(std::function<Status(WriteTxn&)> fn, std::function<void(Status)> done) override;
  bool WritesAsynchronously() const override { return true; }
  Status Ready() override;
  bool CommitsConcurrentWritesTogether() const override { return true; }
  // Copies the WAL back into the database now (the background thread does
  // this whenever checkpoint_pages more have been written); true if all of
  // it was. Past restart_pages the next commit starts the WAL afresh.
  bool Checkpoint();

 private:
  // A write waiting for the writer. `done` is called with its outcome
  // after its batch's COMMIT and commit hooks; an owned job (WriteAsync's)
  // is deleted then.
  struct Job {
    const std::function<Status(WriteTxn&)>* fn;
    std::function<void(Status)> done;
    bool owned = false;
    std::function<Status(WriteTxn&)> kept;         // an owned job's fn
    std::chrono::steady_clock::time_point queued;  // an owned job's, for its metric
  };
  // Queues `job`; false (nothing queued) once the store is stopping.
  bool Enqueue(Job* job);
  // Calls `job`'s done with `s` (never throwing into the writer); an owned
  // job is timed (as Write times its own) and deleted.
  void Finish(Job* job, Status s);

  void WriterLoop();
  void CheckpointLoop();
  static int OnWal(void* self, sqlite3* db, const char* name, int pages);
  void RunBatch(std::vector<Job*>& batch);
  std::unique_ptr<Connection> AcquireReader();
  void ReleaseReader(std::unique_ptr<Connection> c);

  SqliteConfig config_;
  StoreMetrics metrics_;
  std::unique_ptr<Connection> writer_conn_;

  std::mutex write_mu_;
  std::condition_variable write_cv_;
  std::deque<Job*> queue_;
  bool stopping_ = false;
  std::thread writer_;

  std::unique_ptr<Connection> checkpoint_conn_;
  std::mutex checkpoint_conn_mu_;
  std::mutex checkpoint_mu_;
  std::condition_variable checkpoint_cv_;
  bool checkpoint_due_ = false;
  bool checkpoint_stop_ = false;
  std::atomic<int> copied_pages_{0};  // the WAL's frames the last checkpoint copied
  std::thread checkpointer_;

  std::mutex read_mu_;
  std::condition_variable read_cv_;
  std::vector<std::unique_ptr<Connection>> idle_readers_;
};

}  // namespace salon::sqlite
