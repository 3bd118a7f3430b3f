// ReadTxn and WriteTxn over one SQLite connection inside an open transaction.
#pragma once

#include <functional>
#include <vector>

#include "store/sqlite/connection.h"
#include "store/store.h"

namespace salon::sqlite {

class SqliteTxn final : public WriteTxn {
 public:
  SqliteTxn(Connection& c, bool writing) : c_(c), writing_(writing) {}
  bool writing() const override { return writing_; }

  std::optional<Record> Get(Kind kind, const SalonId& salon, std::string_view id) override;
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

  std::vector<std::function<void()>> TakeCommitHooks() { return std::move(on_commit_); }

 private:
  Connection& c_;
  const bool writing_;
  std::vector<std::function<void()>> on_commit_;
};

}  // namespace salon::sqlite
