// The records port: stored objects as a JSON document (codec/storage_format.h)
// plus the columns queries filter on. Keys are typed; a Record's columns are
// the engine's row, converted by app/records.h.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/ids.h"

namespace salon {

enum class Kind {
  kSalon, kBranch, kStaff, kService, kClient, kTimeOff, kAppointment, kCampaign,
  // The till (src/sales); ledger entries and stock moves are never replaced.
  kProduct, kSale, kLedgerEntry, kVoucher, kCashUp, kStockMove,
  // People who sign in (search: their email) and their sessions (id: hash of the secret).
  kUser, kSession,
};

struct Record {
  std::string id;
  std::string salon_id;
  std::string parent_id;  // branch of staff and appointments; staff of time off
  long long start = 0;    // unix seconds, for appointments and time off
  long long end = 0;
  std::string search;     // lower-case text a list may be searched by
  long long version = 1;
  bool archived = false;
  std::string data;       // the stored document
  std::string client_id;  // the client of an appointment
  std::string status;     // an appointment's or a campaign's status
};

struct ListQuery {
  Kind kind = Kind::kClient;
  SalonId salon_id;  // required, except for kSalon (the admin's list)
  std::vector<std::string> parent_ids;  // empty: any parent
  std::string after_id;                 // cursor: ids greater than this
  int limit = 50;
  bool include_archived = false;
  std::string search;                   // substring of Record::search
  ClientId client_id;                   // empty = any; else exactly this client's
  std::string status;                   // "" = any; else exactly this status
  // When set, only records with start < overlap_end and end > overlap_start.
  std::optional<std::pair<long long, long long>> overlap;
};

// Where a record is: its salon and id.
struct RecordKey {
  SalonId salon;
  std::string id;
};

class RecordReader {
 public:
  virtual ~RecordReader() = default;
  virtual std::optional<Record> Get(Kind kind, const SalonId& salon, std::string_view id) = 0;
  // The records of `kind` at `keys` that exist, in no given order: as Get
  // each, in one round trip where the engine has one to save (PostgreSQL).
  virtual std::vector<Record> GetMany(Kind kind, const std::vector<RecordKey>& keys) {
    std::vector<Record> found;
    for (const RecordKey& key : keys) {
      if (auto r = Get(kind, key.salon, key.id)) found.push_back(std::move(*r));
    }
    return found;
  }
  // Ordered by id.
  virtual std::vector<Record> List(const ListQuery& q) = 0;
  // How many records of `kind` `salon` has, archived or not (empty: every salon).
  virtual long long Count(Kind kind, const SalonId& salon) = 0;
};

class RecordWriter {
 public:
  virtual ~RecordWriter() = default;
  // Inserts or replaces the record with this kind and id.
  virtual void Put(Kind kind, const Record& r) = 0;
};

}  // namespace salon
