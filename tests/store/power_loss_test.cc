// Power loss on the embedded store: every write SQLite has not fsynced is
// lost, at an arbitrary moment (mid-transaction, mid-checkpoint). A child
// process books through a VFS that keeps, per file, the bytes each unsynced
// write replaced; the "power cut" puts them back, truncates each file to its
// synced length, drops the shared-memory index (RAM), and ends the process.
// The database must then open consistent with every acknowledged booking.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <mutex>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace salon::sqlite {
namespace {

// --- The lossy VFS: the default unix VFS, remembering what fsync has not
// made durable.
struct Undo {
  sqlite3_int64 offset;
  std::string old_bytes;
};
struct FileState {
  sqlite3_int64 synced_size = 0;
  std::vector<Undo> undo;  // since the last sync, oldest first
};
std::mutex vfs_mu;
std::map<std::string, FileState> vfs_files;  // by path, kept after close
bool vfs_dead = false;                       // after the power cut
sqlite3_vfs* real_vfs = nullptr;

struct LossyFile {
  sqlite3_file base;
  sqlite3_file* real;  // follows this struct
  std::string path;
};

sqlite3_int64 RealSize(sqlite3_file* f) {
  sqlite3_int64 size = 0;
  f->pMethods->xFileSize(f, &size);
  return size;
}

// The bytes [offset, offset + n) of `f` that exist now.
std::string RealBytes(sqlite3_file* f, sqlite3_int64 offset, int n) {
  const sqlite3_int64 size = RealSize(f);
  if (offset >= size) return "";
  const int have = int(std::min<sqlite3_int64>(n, size - offset));
  std::string out(have, '\0');
  f->pMethods->xRead(f, out.data(), have, offset);
  return out;
}

LossyFile* Of(sqlite3_file* f) { return reinterpret_cast<LossyFile*>(f); }

int Close(sqlite3_file* f) {
  int rc = Of(f)->real->pMethods->xClose(Of(f)->real);
  Of(f)->path.~basic_string();
  return rc;
}
int Read(sqlite3_file* f, void* buf, int n, sqlite3_int64 off) {
  return Of(f)->real->pMethods->xRead(Of(f)->real, buf, n, off);
}
int Write(sqlite3_file* f, const void* buf, int n, sqlite3_int64 off) {
  std::lock_guard lock(vfs_mu);
  if (vfs_dead) return SQLITE_IOERR_WRITE;
  if (!Of(f)->path.empty()) {
    vfs_files[Of(f)->path].undo.push_back({off, RealBytes(Of(f)->real, off, n)});
  }
  return Of(f)->real->pMethods->xWrite(Of(f)->real, buf, n, off);
}
int Truncate(sqlite3_file* f, sqlite3_int64 size) {
  std::lock_guard lock(vfs_mu);
  if (vfs_dead) return SQLITE_IOERR_TRUNCATE;
  if (!Of(f)->path.empty()) {
    const sqlite3_int64 old = RealSize(Of(f)->real);
    if (old > size) {
      vfs_files[Of(f)->path].undo.push_back({size, RealBytes(Of(f)->real, size, int(old - size))});
    }
  }
  return Of(f)->real->pMethods->xTruncate(Of(f)->real, size);
}
int Sync(sqlite3_file* f, int flags) {
  std::lock_guard lock(vfs_mu);
  if (vfs_dead) return SQLITE_IOERR_FSYNC;
  int rc = Of(f)->real->pMethods->xSync(Of(f)->real, flags);
  if (rc == SQLITE_OK && !Of(f)->path.empty()) {
    FileState& state = vfs_files[Of(f)->path];
    state.undo.clear();
    state.synced_size = RealSize(Of(f)->real);
  }
  return rc;
}
int FileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Of(f)->real->pMethods->xFileSize(Of(f)->real, size);
}
int Lock(sqlite3_file* f, int l) { return Of(f)->real->pMethods->xLock(Of(f)->real, l); }
int Unlock(sqlite3_file* f, int l) { return Of(f)->real->pMethods->xUnlock(Of(f)->real, l); }
int CheckReservedLock(sqlite3_file* f, int* out) {
  return Of(f)->real->pMethods->xCheckReservedLock(Of(f)->real, out);
}
int FileControl(sqlite3_file* f, int op, void* arg) {
  return Of(f)->real->pMethods->xFileControl(Of(f)->real, op, arg);
}
int SectorSize(sqlite3_file* f) { return Of(f)->real->pMethods->xSectorSize(Of(f)->real); }
int DeviceCharacteristics(sqlite3_file* f) {
  return Of(f)->real->pMethods->xDeviceCharacteristics(Of(f)->real);
}
int ShmMap(sqlite3_file* f, int page, int size, int extend, void volatile** out) {
  return Of(f)->real->pMethods->xShmMap(Of(f)->real, page, size, extend, out);
}
int ShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Of(f)->real->pMethods->xShmLock(Of(f)->real, offset, n, flags);
}
void ShmBarrier(sqlite3_file* f) { Of(f)->real->pMethods->xShmBarrier(Of(f)->real); }
int ShmUnmap(sqlite3_file* f, int del) {
  return Of(f)->real->pMethods->xShmUnmap(Of(f)->real, del);
}

const sqlite3_io_methods kLossyMethods = {
    2,        Close,           Read,          Write,  Truncate, Sync,      FileSize, Lock,
    Unlock,   CheckReservedLock, FileControl, SectorSize, DeviceCharacteristics,
    ShmMap,   ShmLock,         ShmBarrier,    ShmUnmap, nullptr, nullptr};

int Open(sqlite3_vfs*, const char* name, sqlite3_file* f, int flags, int* out_flags) {
  LossyFile* file = Of(f);
  file->real = reinterpret_cast<sqlite3_file*>(file + 1);
  int rc = real_vfs->xOpen(real_vfs, name, file->real, flags, out_flags);
  if (rc != SQLITE_OK) {
    file->base.pMethods = nullptr;
    return rc;
  }
  new (&file->path) std::string(name ? name : "");
  {
    std::lock_guard lock(vfs_mu);
    if (name && !vfs_files.count(name)) vfs_files[name].synced_size = RealSize(file->real);
  }
  file->base.pMethods = &kLossyMethods;
  return SQLITE_OK;
}

sqlite3_vfs lossy_vfs;

void RegisterLossyVfs() {
  real_vfs = sqlite3_vfs_find(nullptr);
  lossy_vfs = *real_vfs;
  lossy_vfs.zName = "lossy";
  lossy_vfs.szOsFile = int(sizeof(LossyFile)) + real_vfs->szOsFile;
  lossy_vfs.xOpen = Open;
  sqlite3_vfs_register(&lossy_vfs, /*makeDflt=*/1);
}

// The power cut: nothing more reaches the disk, and what was not synced is
// gone as if never written.
void CutThePower() {
  std::lock_guard lock(vfs_mu);
  vfs_dead = true;
  for (auto& [path, state] : vfs_files) {
    if (!std::filesystem::exists(path)) continue;
    std::fstream file(path, std::ios::in | std::ios::out | std::ios::binary);
    for (auto it = state.undo.rbegin(); it != state.undo.rend(); ++it) {
      file.seekp(it->offset);
      file.write(it->old_bytes.data(), std::streamsize(it->old_bytes.size()));
    }
    file.close();
    if (std::filesystem::file_size(path) > std::uintmax_t(state.synced_size)) {
      std::filesystem::resize_file(path, std::uintmax_t(state.synced_size));
    }
  }
  for (auto& [path, state] : vfs_files) {
    std::filesystem::remove(path + "-shm");  // the WAL index is memory, not disk
  }
}

// The child: books until the power is cut at a random moment, writing the id
// of each acknowledged booking (a Write that returned ok) to `acks`.
[[noreturn]] void BookUntilThePowerGoes(const std::string& db, const std::string& acks,
                                        unsigned seed) {
  RegisterLossyVfs();
  std::mt19937 random(seed);
  const int cut_after = 20 + int(random() % 300);
  {
    SqliteConfig config{db};
    auto* store = new SqliteStore(config);  // never closed cleanly: the power goes
    std::ofstream out(acks, std::ios::app);
    for (int i = 0;; ++i) {
      const std::string id = "apt_" + std::to_string(seed) + "_" + std::to_string(i);
      if (i == cut_after) {
        std::thread cut([] { CutThePower(); });  // while the next write is under way
        (void)store->Write([&](WriteTxn& txn) {
          Record r{id, "sal_a", "br_a", 1000LL * i, 1000LL * i + 900, "", 1, false,
                   std::string(2000 + random() % 3000, 'x'), "", ""};
          txn.Put(Kind::kAppointment, r);
          return Status::Ok();
        });
        cut.join();
        _exit(0);
      }
      Status s = store->Write([&](WriteTxn& txn) {
        Record r{id, "sal_a", "br_a", 1000LL * i, 1000LL * i + 900, "", 1, false,
                 std::string(2000 + random() % 3000, 'x'), "", ""};
        txn.Put(Kind::kAppointment, r);
        const long long start = 1'800'000'000LL + 10'000'000LL * seed + 1000LL * i;
        txn.SetBusy(AppointmentId{id}, SalonId{"sal_a"},
                    {{AppointmentId{id}, StaffId{"stf_a"}, start, start + 900}});
        return Status::Ok();
      });
      if (!s.ok()) {
        std::fprintf(stderr, "booking %d failed: %s\n", i, s.message().c_str());
        _exit(3);
      }
      out << id << std::endl;  // flushed: the acknowledgement is out
    }
  }
}

TEST(PowerLossTest, EveryAcknowledgedBookingSurvivesAndTheDatabaseOpensConsistent) {
  char tmpl[] = "/tmp/salon-power-XXXXXX";
  const std::string dir = mkdtemp(tmpl);
  const std::string db = dir + "/salon.db", acks = dir + "/acks.txt";
  int cuts = 0;
  for (unsigned seed = 1; seed <= 6; ++seed) {
    const pid_t child = fork();
    if (child == 0) BookUntilThePowerGoes(db, acks, seed);
    int status = 0;
    waitpid(child, &status, 0);
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << "child " << status;
    ++cuts;

    SqliteConfig config{db};
    SqliteStore store(config);  // opens, recovering the WAL
    std::set<std::string> acknowledged;
    {
      std::ifstream in(acks);
      for (std::string id; std::getline(in, id);) acknowledged.insert(id);
    }
    ASSERT_FALSE(acknowledged.empty());
    std::set<std::string> missing = acknowledged;
    ASSERT_TRUE(store.Read([&](ReadTxn& txn) {
      for (const std::string& id : acknowledged) {
        if (txn.Get(Kind::kAppointment, SalonId{"sal_a"}, id)) missing.erase(id);
      }
      return Status::Ok();
    }).ok());
    EXPECT_TRUE(missing.empty()) << missing.size() << " acknowledged bookings lost, e.g. "
                                 << *missing.begin();
    sqlite3* raw = nullptr;
    ASSERT_EQ(sqlite3_open_v2(db.c_str(), &raw, SQLITE_OPEN_READONLY, nullptr), SQLITE_OK);
    sqlite3_stmt* check = nullptr;
    ASSERT_EQ(sqlite3_prepare_v2(raw, "PRAGMA integrity_check", -1, &check, nullptr), SQLITE_OK);
    ASSERT_EQ(sqlite3_step(check), SQLITE_ROW);
    EXPECT_STREQ(reinterpret_cast<const char*>(sqlite3_column_text(check, 0)), "ok");
    sqlite3_finalize(check);
    sqlite3_close(raw);
  }
  EXPECT_EQ(cuts, 6);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace salon::sqlite
