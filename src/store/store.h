// The storage port: what the layers above need from a database, and nothing
// engine-specific. Engines (sqlite/, postgres/) implement it.
//
// Objects are stored as Records: a JSON document (codec/entity_json.h) plus
// the columns that queries filter on. Transaction methods throw
// StoreError on engine failures; Store::Read and Store::Write catch them at
// this boundary and answer a Status, so callers only see values.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "core/message_kind.h"
#include "core/message_status.h"
#include "store/subscription.h"

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
  std::string data;       // the JSON document
  std::string client_id;  // the client of an appointment
  std::string status;     // an appointment's or a campaign's status
};

struct ListQuery {
  Kind kind = Kind::kClient;
  std::string salon_id;  // required, except for kSalon (the admin's list)
  std::vector<std::string> parent_ids;  // empty: any parent
  std::string after_id;                 // cursor: ids greater than this
  int limit = 50;
  bool include_archived = false;
  std::string search;                   // substring of Record::search
  std::string client_id;                // "" = any; else exactly this client's
  std::string status;                   // "" = any; else exactly this status
  // When set, only records with start < overlap_end and end > overlap_start.
  std::optional<std::pair<long long, long long>> overlap;
};

// A text message in the outbox, or a job the dispatcher runs (kind
// MessageKind::kFanOut: the next chunk of a campaign; never listed). The
// columns are what the dispatcher and lists select by; `data` is the JSON
// document. Engines keep kind and status as their text forms (ToString).
struct MessageRow {
  std::string id;
  std::string salon_id;
  MessageKind kind = MessageKind::kConfirmation;
  std::string client_id;
  std::string appointment_id;
  std::string campaign_id;
  std::string to;      // E.164
  MessageStatus status = MessageStatus::kQueued;  // moves only as CanTransition allows
  long long due_at = 0;  // not before; while "sending", when the attempt is in doubt
  int attempts = 0;
  int segments = 0;
  long long created_at = 0;
  std::string data;
};

// The outbox's backlog: messages due and not yet handed to a provider
// (queued, or "sending" past the time their attempt fell in doubt).
struct OutboxBacklog {
  long long messages = 0;
  long long oldest_due = 0;  // Unix seconds; 0 when there are none
};

struct MessageQuery {
  std::string salon_id;  // required
  // status and kind are text forms (ToString of MessageStatus, MessageKind);
  // "" = any, and status "queued" also finds "sending".
  std::string status, client_id, appointment_id, campaign_id, kind;
  std::string after_id;
  int limit = 50;
};

// Busy time a (non-cancelled) appointment holds for one staff member.
struct BusyRow {
  std::string appointment_id;
  std::string staff_id;
  long long start = 0;
  long long end = 0;
};

// A response stored for an Idempotency-Key.
struct StoredResponse {
  std::string request_hash;
  int status = 0;
  std::string body;
  long long created_at = 0;
};

// A salon's rows outside the record tables, for copying a platform from one
// engine to another (salonctl copy).
struct SalonRows {
  std::vector<BusyRow> busy;
  std::vector<std::string> key_hashes;
  std::vector<std::pair<std::string, StoredResponse>> responses;  // by key, scope = salon
  struct DayVersion {
    std::string branch_id, day;
    long long version = 0;
  };
  std::vector<DayVersion> calendar;
  std::vector<MessageRow> messages;
  struct Counter {
    std::string scope;
    long long value = 0;
  };
  std::vector<Counter> counters;
};

// A change another process committed to a shared database, for in-memory
// caches to forget what it replaces. `seq` numbers the changes this process
// has heard of, from 1.
struct Change {
  enum class What {
    kRecord,    // the record `kind`/`id` was put
    kCalendar,  // the calendar day `day` of branch `id` changed
    kAll,       // changes may have been missed: forget everything
  };
  What what = What::kAll;
  Kind kind = Kind::kSalon;
  std::string id;
  std::string day;
  std::uint64_t seq = 0;
};

// Thrown by transaction methods; mapped to a Status by the engine.
struct StoreError : std::runtime_error {
  StoreError(Code c, const std::string& what) : std::runtime_error(what), code(c) {}
  Code code;
};

class ReadTxn {
 public:
  virtual ~ReadTxn() = default;
  virtual std::optional<Record> Get(Kind kind, std::string_view salon_id,
                                    std::string_view id) = 0;
  // Ordered by id.
  virtual std::vector<Record> List(const ListQuery& q) = 0;
  // Busy rows of `salon`'s `staff_ids` overlapping [from, to).
  virtual std::vector<BusyRow> Busy(std::string_view salon_id,
                                    const std::vector<std::string>& staff_ids,
                                    long long from, long long to) = 0;
  virtual std::optional<std::string> SalonIdByKeyHash(std::string_view hash) = 0;
  virtual std::optional<StoredResponse> GetResponse(std::string_view scope,
                                                    std::string_view key) = 0;
  // The version of a branch's calendar day ("" = the branch as a whole).
  virtual long long CalendarVersion(std::string_view branch_id, std::string_view day) = 0;
  // How many records of `kind` `salon` has, archived or not ("" for every salon).
  virtual long long Count(Kind kind, std::string_view salon_id) = 0;
  virtual SalonRows RowsOf(std::string_view salon_id) = 0;

  // The message `id` of `salon`; in a write transaction it stays locked
  // until the end of it (a read-modify-write).
  virtual std::optional<MessageRow> GetMessage(std::string_view salon_id,
                                               std::string_view id) = 0;
  // Ordered by id; fan-out jobs are never listed.
  virtual std::vector<MessageRow> ListMessages(const MessageQuery& q) = 0;
  // How many messages of a campaign are in each status.
  virtual std::vector<std::pair<MessageStatus, long long>> CampaignCounts(
      std::string_view salon_id, std::string_view campaign_id) = 0;
  // Segments of `salon`'s marketing messages created since `since` and not skipped.
  virtual long long MarketingSegmentsSince(std::string_view salon_id, long long since) = 0;
  // The backlog of every salon's messages due by `now` (Unix seconds).
  virtual OutboxBacklog Backlog(long long now) = 0;
  // The last `limit` messages to `phone` for a client, newest first.
  virtual std::vector<MessageRow> MessagesTo(std::string_view phone, int limit) = 0;
  // Whether this is a WriteTxn's: its reads may then see its own changes,
  // not yet committed, which no cache may take.
  virtual bool writing() const = 0;
  // The seq of the last Change heard before this transaction's snapshot was
  // taken: a value read here reflects every change up to it (0 when no other
  // process shares the database).
  virtual std::uint64_t Horizon() const { return 0; }
};

class WriteTxn : public ReadTxn {
 public:
  // Inserts or replaces the record with this kind and id.
  virtual void Put(Kind kind, const Record& r) = 0;
  // Replaces the appointment's busy rows. A row that would overlap another
  // appointment's row of the same staff member is refused by the database
  // itself (no double booking): StoreError(kConflict), thrown here or, where
  // an engine sends its writes in batches (PostgreSQL), from the next read
  // or the commit; either way Write answers kConflict and keeps nothing.
  virtual void SetBusy(std::string_view appointment_id, std::string_view salon_id,
                       const std::vector<BusyRow>& rows) = 0;
  virtual void PutSalonKey(std::string_view hash, std::string_view salon_id) = 0;
  virtual void PutResponse(std::string_view scope, std::string_view key,
                           const StoredResponse& r) = 0;
  // Forgets responses stored before `before` (unix seconds); answers how many.
  virtual long long PurgeResponses(long long before) = 0;
  // Increments the version of a branch's calendar day. Once the transaction
  // is durably committed (before Write returns, as OnCommit), `committed`
  // gets the version the day became.
  virtual void BumpCalendar(std::string_view branch_id, std::string_view day,
                            std::function<void(long long version)> committed = {}) = 0;
  // Increments and answers `salon`'s counter `scope` (1 the first time).
  // Undone with the transaction and serialised with the salon's writes, so
  // the numbers it answers (receipt numbers) have no gap and no repeat.
  virtual long long NextNumber(std::string_view salon_id, std::string_view scope) = 0;
  // Stores a salon's rows copied from another engine; running it again
  // changes nothing (calendar versions and counters only grow).
  virtual void PutRows(std::string_view salon_id, const SalonRows& rows) = 0;
  // Inserts or replaces a message.
  virtual void PutMessage(const MessageRow& m) = 0;
  // Inserts a message unless one with its id exists (that one is kept as it is).
  virtual void AddMessage(const MessageRow& m) = 0;
  // Claims up to `limit` messages (of any salon) that are due at `now`: those
  // queued, and those whose earlier claim is in doubt since. Each becomes
  // "sending", due (in doubt) at `in_doubt_at`, one attempt more; answered
  // in id order. Two concurrent claims never take the same message.
  virtual std::vector<MessageRow> ClaimMessages(long long now, long long in_doubt_at,
                                                int limit) = 0;
  // Runs `fn` after the transaction is durably committed, before Write returns.
  virtual void OnCommit(std::function<void()> fn) = 0;
};

class Store {
 public:
  virtual ~Store() = default;
  // Runs `fn` on a consistent snapshot. Engine failure: kUnavailable.
  virtual Status Read(const std::function<Status(ReadTxn&)>& fn) = 0;
  // Runs `fn` in a transaction serialised with every other write of the same
  // salon (the salon of the first salon-scoped call). If it answers ok, the
  // changes are durable when Write returns ok; otherwise none of them are kept.
  virtual Status Write(const std::function<Status(WriteTxn&)>& fn) = 0;
  // Ok when the database is reachable and its schema current.
  virtual Status Ready() = 0;
  // Calls `fn` (on an engine thread) with each change other processes commit,
  // until the Subscription answered is destroyed: that waits for a call in
  // progress, so hold it in something destroyed before what `fn` touches.
  // Engines a single process owns have none. Register before serving.
  virtual Subscription Watch(std::function<void(const Change&)> fn) {
    (void)fn;
    return {};
  }
};

}  // namespace salon
