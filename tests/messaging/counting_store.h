// A Store that passes everything to another and counts the reads of
// appointment lists (ReadTxn::List of Kind::kAppointment), of busy time, of
// records and of salon and client records made through it, in reads and
// writes alike, and the write transactions: how tests see how often a
// salon's appointments were scanned. It also keeps the salon of each message
// a write transaction read, in order.
#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <vector>

#include "store/store.h"

namespace salon::testing {

class CountingStore final : public Store {
 public:
  explicit CountingStore(Store& inner) : inner_(inner) {}

  // Pages of appointments listed so far.
  int appointment_lists() const { return appointment_lists_.load(); }
  // Record reads (Get or GetMany: a statement each) so far.
  int record_reads() const { return record_reads_.load(); }
  // Reads of a salon's own record so far.
  int salon_reads() const { return salon_reads_.load(); }
  // Reads of client records (Get or GetMany) so far.
  int client_reads() const { return client_reads_.load(); }
  // Reads of busy time (ReadTxn::Busy) so far.
  int busy_reads() const { return busy_reads_.load(); }
  // Write transactions begun so far.
  int writes() const { return writes_.load(); }
  // The salons of the messages write transactions read (GetMessage), in order.
  std::vector<std::string> salons_of_messages_written() {
    std::lock_guard lock(mu_);
    return salons_of_messages_written_;
  }

  Status Read(const std::function<Status(ReadTxn&)>& fn) override {
    return inner_.Read([&](ReadTxn& txn) {
      Txn counted(txn, nullptr, *this);
      return fn(counted);
    });
  }
  Status Write(const std::function<Status(WriteTxn&)>& fn) override {
    ++writes_;
    return inner_.Write([&](WriteTxn& txn) {
      Txn counted(txn, &txn, *this);
      return fn(counted);
    });
  }
  Status Ready() override { return inner_.Ready(); }
  bool CommitsConcurrentWritesTogether() const override {
    return inner_.CommitsConcurrentWritesTogether();
  }
  Subscription Watch(std::function<void(const Change&)> fn) override {
    return inner_.Watch(std::move(fn));
  }

 private:
  // A WriteTxn over `r` (and `w`, null in a read, whose write methods are never called).
  class Txn final : public WriteTxn {
   public:
    Txn(ReadTxn& r, WriteTxn* w, CountingStore& store) : r_(r), w_(w), store_(store) {}

    std::optional<Record> Get(Kind kind, const SalonId& salon_id, std::string_view id) override {
      if (kind == Kind::kSalon) ++store_.salon_reads_;
      if (kind == Kind::kClient) ++store_.client_reads_;
      ++store_.record_reads_;
      return r_.Get(kind, salon_id, id);
    }
    std::vector<Record> GetMany(Kind kind, const std::vector<RecordKey>& keys) override {
      if (kind == Kind::kClient) ++store_.client_reads_;
      ++store_.record_reads_;
      return r_.GetMany(kind, keys);
    }
    std::vector<Record> List(const ListQuery& q) override {
      if (q.kind == Kind::kAppointment) ++store_.appointment_lists_;
      return r_.List(q);
    }
    std::vector<BusyRow> Busy(const SalonId& salon_id, const std::vector<StaffId>& staff_ids,
                              long long from, long long to) override {
      ++store_.busy_reads_;
      return r_.Busy(salon_id, staff_ids, from, to);
    }
    std::optional<SalonId> SalonIdByKeyHash(std::string_view hash) override {
      return r_.SalonIdByKeyHash(hash);
    }
    std::optional<StoredResponse> GetResponse(std::string_view scope,
                                              std::string_view key) override {
      return r_.GetResponse(scope, key);
    }
    long long CalendarVersion(const BranchId& branch_id, std::string_view day) override {
      return r_.CalendarVersion(branch_id, day);
    }
    long long Count(Kind kind, const SalonId& salon_id) override {
      return r_.Count(kind, salon_id);
    }
    SalonRows RowsOf(const SalonId& salon_id) override { return r_.RowsOf(salon_id); }
    std::optional<MessageRow> GetMessage(const SalonId& salon_id,
                                         std::string_view id) override {
      if (w_ != nullptr) {
        std::lock_guard lock(store_.mu_);
        store_.salons_of_messages_written_.push_back(salon_id.value);
      }
      return r_.GetMessage(salon_id, id);
    }
    std::vector<MessageRow> ListMessages(const MessageQuery& q) override {
      return r_.ListMessages(q);
    }
    std::vector<std::pair<MessageStatus, long long>> CampaignCounts(
        const SalonId& salon_id, const CampaignId& campaign_id) override {
      return r_.CampaignCounts(salon_id, campaign_id);
    }
    long long MarketingSegmentsSince(const SalonId& salon_id, long long since) override {
      return r_.MarketingSegmentsSince(salon_id, since);
    }
    OutboxBacklog Backlog(long long now) override { return r_.Backlog(now); }
    std::vector<MessageRow> MessagesTo(std::string_view phone, int limit) override {
      return r_.MessagesTo(phone, limit);
    }
    bool writing() const override { return r_.writing(); }
    std::uint64_t Horizon() const override { return r_.Horizon(); }

    void Put(Kind kind, const Record& r) override { w_->Put(kind, r); }
    void SetBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
                 const std::vector<BusyRow>& rows) override {
      w_->SetBusy(appointment_id, salon_id, rows);
    }
    void AddBusy(const AppointmentId& appointment_id, const SalonId& salon_id,
                 const std::vector<BusyRow>& rows) override {
      w_->AddBusy(appointment_id, salon_id, rows);
    }
    void PutSalonKey(std::string_view hash, const SalonId& salon_id) override {
      w_->PutSalonKey(hash, salon_id);
    }
    void PutResponse(std::string_view scope, std::string_view key,
                     const StoredResponse& r) override {
      w_->PutResponse(scope, key, r);
    }
    long long PurgeResponses(long long before) override { return w_->PurgeResponses(before); }
    void BumpCalendar(const BranchId& branch_id, std::string_view day,
                      std::function<void(long long)> committed) override {
      w_->BumpCalendar(branch_id, day, std::move(committed));
    }
    long long NextNumber(const SalonId& salon_id, std::string_view scope) override {
      return w_->NextNumber(salon_id, scope);
    }
    void PutRows(const SalonId& salon_id, const SalonRows& rows) override {
      w_->PutRows(salon_id, rows);
    }
    void PutMessage(const MessageRow& m) override { w_->PutMessage(m); }
    void AddMessage(const MessageRow& m) override { w_->AddMessage(m); }
    std::vector<MessageRow> ClaimMessages(long long now, long long in_doubt_at,
                                          int limit) override {
      return w_->ClaimMessages(now, in_doubt_at, limit);
    }
    void OnCommit(std::function<void()> fn) override { w_->OnCommit(std::move(fn)); }

   private:
    ReadTxn& r_;
    WriteTxn* w_;
    CountingStore& store_;
  };

  Store& inner_;
  std::atomic<int> appointment_lists_{0};
  std::atomic<int> busy_reads_{0};
  std::atomic<int> salon_reads_{0};
  std::atomic<int> client_reads_{0};
  std::atomic<int> record_reads_{0};
  std::atomic<int> writes_{0};
  std::mutex mu_;
  std::vector<std::string> salons_of_messages_written_;
};

}  // namespace salon::testing
