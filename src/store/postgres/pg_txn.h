// ReadTxn and WriteTxn over one PostgreSQL connection inside an open
// transaction. Writes that answer nothing are queued (Connection::Queue) and
// reach the server with the next read or with the COMMIT: a booking's writes
// and its COMMIT are one round trip (taken into a group, a salon's turn or a
// writer slot's, its writes and the end of its savepoint are:
// PgStore::WriteTogether). A writing
// transaction takes its salon's advisory lock before its first statement
// about that salon, so writes of one salon are serialised across every
// process while different salons run in parallel; the changes it makes are
// announced to the other processes (NOTIFY, sent only once the transaction
// has committed: Announcer).
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "store/postgres/pg_connection.h"
#include "store/store.h"

namespace salon::pg {

class PgTxn final : public WriteTxn {
 public:
  PgTxn(Connection& c, bool writing, std::uint64_t horizon)
      : c_(c), writing_(writing), horizon_(horizon) {}

  std::optional<Record> Get(Kind kind, const SalonId& salon, std::string_view id) override;
  std::vector<Record> GetMany(Kind kind, const std::vector<RecordKey>& keys) override;
  std::vector<Record> List(const ListQuery& q) override;
  std::vector<BusyRow> Busy(const SalonId& salon, const std::vector<StaffId>& staff,
                            long long from, long long to) override;
  std::optional<SalonId> SalonIdByKeyHash(std::string_view hash) override;
  std::optional<StoredResponse> GetResponse(std::string_view scope,
                                            std::string_view key) override;
  long long CalendarVersion(const BranchId& branch, std::string_view day) override;
  long long Count(Kind kind, const SalonId& salon) override;
  SalonRows RowsOf(const SalonId& salon) override;
  // Messages (sqlite_messages.cc / pg_messages.cc).
  std::optional<MessageRow> GetMessage(const SalonId& salon, std::string_view id) override;
  std::vector<MessageRow> GetMessages(std::vector<RecordKey> keys) override;
  std::vector<MessageRow> ListMessages(const MessageQuery& q) override;
  std::vector<std::pair<MessageStatus, long long>> CampaignCounts(
      const SalonId& salon, const CampaignId& campaign) override;
  long long MarketingSegmentsSince(const SalonId& salon, long long since) override;
  OutboxBacklog Backlog(long long now) override;
  std::vector<MessageRow> MessagesTo(std::string_view phone, int limit) override;
  void PutMessage(const MessageRow& m) override;
  void AddMessage(const MessageRow& m) override;
  std::vector<MessageRow> ClaimMessages(long long now, long long in_doubt_at,
                                        int limit) override;
  std::uint64_t Horizon() const override { return horizon_; }
  bool writing() const override { return writing_; }

  void Put(Kind kind, const Record& r) override;
  void SetBusy(const AppointmentId& appointment, const SalonId& salon,
               const std::vector<BusyRow>& rows) override;
  void AddBusy(const AppointmentId& appointment, const SalonId& salon,
               const std::vector<BusyRow>& rows) override;
  void PutSalonKey(std::string_view hash, const SalonId& salon) override;
  void PutResponse(std::string_view scope, std::string_view key,
                   const StoredResponse& r) override;
  long long PurgeResponses(long long before) override;
  void BumpCalendar(const BranchId& branch, std::string_view day,
                    std::function<void(long long)> committed) override;
  long long NextNumber(const SalonId& salon, std::string_view scope) override;
  void PutRows(const SalonId& salon, const SalonRows& rows) override;
  void OnCommit(std::function<void()> fn) override { on_commit_.push_back(std::move(fn)); }

  // This transaction's changes, one line each (see announcement.h), for the
  // Announcer once it commits (PgStore::CommitAndAnnounce).
  std::vector<std::string> TakeChanges() { return std::move(changes_); }
  std::vector<std::function<void()>> TakeCommitHooks() { return std::move(on_commit_); }

 private:
  // Serialises this (writing) transaction with the other writers of `salon`.
  void Lock(std::string_view salon_id);

  Connection& c_;
  const bool writing_;
  const std::uint64_t horizon_;
  std::set<std::string, std::less<>> locked_;
  std::vector<std::string> changes_;  // one line each, see announcement.h
  std::vector<std::function<void()>> on_commit_;
};

}  // namespace salon::pg
