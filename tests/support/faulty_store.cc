#include "tests/support/faulty_store.h"

namespace salon::testing {

namespace {

// Each call first ticks, then goes to the real transaction.
class FaultyTxn final : public WriteTxn {
 public:
  FaultyTxn(WriteTxn& real, FaultyStore& store) : real_(real), store_(store) {}

  std::optional<Record> Get(Kind kind, const SalonId& salon_id, std::string_view id) override {
    store_.Tick();
    return real_.Get(kind, salon_id, id);
  }
  std::vector<Record> List(const ListQuery& q) override {
    store_.Tick();
    return real_.List(q);
  }
  std::vector<BusyRow> Busy(const SalonId& salon_id, const std::vector<StaffId>& staff_ids,
                            long long from, long long to) override {
    store_.Tick();
    return real_.Busy(salon_id, staff_ids, from, to);
  }
  std::optional<SalonId> SalonIdByKeyHash(std::string_view hash) override {
    store_.Tick();
    return real_.SalonIdByKeyHash(hash);
  }
  std::optional<StoredResponse> GetResponse(std::string_view scope, std::string_view key) override {
    store_.Tick();
    return real_.GetResponse(scope, key);
  }
  long long CalendarVersion(const BranchId& branch_id, std::string_view day) override {
    store_.Tick();
    return real_.CalendarVersion(branch_id, day);
  }
  long long Count(Kind kind, const SalonId& salon_id) override {
    store_.Tick();
    return real_.Count(kind, salon_id);
  }
  SalonRows RowsOf(const SalonId& salon_id) override {
    store_.Tick();
    return real_.RowsOf(salon_id);
  }
  std::optional<MessageRow> GetMessage(const SalonId& salon_id, std::string_view id) override {
    store_.Tick();
    return real_.GetMessage(salon_id, id);
  }
  std::vector<MessageRow> ListMessages(const MessageQuery& q) override {
    store_.Tick();
    return real_.ListMessages(q);
  }
  std::vector<std::pair<MessageStatus, long long>> CampaignCounts(
      const SalonId& salon_id, const CampaignId& campaign_id) override {
    store_.Tick();
    return real_.CampaignCounts(salon_id, campaign_id);
  }
  long long MarketingSegmentsSince(const SalonId& salon_id, long long since) override {
    store_.Tick();
    return real_.MarketingSegmentsSince(salon_id, since);
  }
  OutboxBacklog Backlog(long long now) override {
    store_.Tick();
    return real_.Backlog(now);
  }
  std::vector<MessageRow> MessagesTo(std::string_view phone, int limit) override {
    store_.Tick();
    return real_.MessagesTo(phone, limit);
  }
  bool writing() const override { return true; }
  std::uint64_t Horizon() const override { return real_.Horizon(); }

  void Put(Kind kind, const Record& r) override {
    store_.Tick();
    real_.Put(kind, r);
  }
  void SetBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
               const std::vector<BusyRow>& rows) override {
    store_.Tick();
    real_.SetBusy(appointment_id, salon_id, rows);
  }
  void AddBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
               const std::vector<BusyRow>& rows) override {
    store_.Tick();
    real_.AddBusy(appointment_id, salon_id, rows);
  }
  void PutSalonKey(std::string_view hash, const SalonId& salon_id) override {
    store_.Tick();
    real_.PutSalonKey(hash, salon_id);
  }
  void PutResponse(std::string_view scope, std::string_view key,
                   const StoredResponse& r) override {
    store_.Tick();
    real_.PutResponse(scope, key, r);
  }
  long long PurgeResponses(long long before) override {
    store_.Tick();
    return real_.PurgeResponses(before);
  }
  void BumpCalendar(const BranchId& branch_id, std::string_view day,
                    std::function<void(long long)> committed) override {
    store_.Tick();
    real_.BumpCalendar(branch_id, day, std::move(committed));
  }
  long long NextNumber(const SalonId& salon_id, std::string_view scope) override {
    store_.Tick();
    return real_.NextNumber(salon_id, scope);
  }
  void PutRows(const SalonId& salon_id, const SalonRows& rows) override {
    store_.Tick();
    real_.PutRows(salon_id, rows);
  }
  void PutMessage(const MessageRow& m) override {
    store_.Tick();
    real_.PutMessage(m);
  }
  void AddMessage(const MessageRow& m) override {
    store_.Tick();
    real_.AddMessage(m);
  }
  std::vector<MessageRow> ClaimMessages(long long now, long long in_doubt_at,
                                        int limit) override {
    store_.Tick();
    return real_.ClaimMessages(now, in_doubt_at, limit);
  }
  void OnCommit(std::function<void()> fn) override { real_.OnCommit(std::move(fn)); }

 private:
  WriteTxn& real_;
  FaultyStore& store_;
};

}  // namespace

void FaultyStore::Tick() {
  if (fail_at_ > 0 && ++calls_ == fail_at_) {
    failed_ = true;
    throw StoreError(Code::kUnavailable, "injected fault at call " + std::to_string(calls_));
  }
}

Status FaultyStore::Write(const std::function<Status(WriteTxn&)>& fn) {
  failed_ = false;
  return real_.Write([&](WriteTxn& txn) -> Status {
    FaultyTxn faulty(txn, *this);
    Status s = fn(faulty);
    if (!s.ok()) return s;
    // The commit, as one more call: failing it keeps nothing.
    if (fail_at_ > 0 && ++calls_ == fail_at_) {
      failed_ = true;
      return Status::Unavailable("injected fault at the commit");
    }
    return s;
  });
}

}  // namespace salon::testing
