#include "messaging/delivery_reports.h"

#include <map>
#include <string>
#include <utility>

#include "messaging/message.h"

namespace salon {

namespace {

bool Delivered(int type) { return type & 1; }
bool Failed(int type) { return (type & 2) || (type & 16); }
bool Sent(int type) { return (type & 12) != 0; }

// One report applied, inside the group's transaction, to its message as
// read there (`row`, null when there is none): the group's reports of one
// message apply one after another.
Status Apply(WriteTxn& txn, MessageRow* row, const std::string& message_id, int type, Instant now) {
  if (!row || !IsText(row->kind)) return Status::NotFound("no message '" + message_id + "'");
  // Reports may come out of order (a "queued on the SMSC" after "delivered")
  // or twice: a move CanTransition refuses is news the row is already past.
  Status moved;
  if (Delivered(type)) {
    moved = Transition(*row, MessageStatus::kDelivered, now);
  } else if (Failed(type)) {
    moved = Transition(*row, MessageStatus::kFailed, now,
                       "not delivered (report type " + std::to_string(type) + ")");
  } else {
    moved = Transition(*row, MessageStatus::kSent, now);
  }
  if (moved.ok()) txn.PutMessage(*row);
  return Status::Ok();
}

}  // namespace

Status DeliveryReports::Record(const SalonId& salon, const std::string& message_id, int type) {
  if (!Delivered(type) && !Failed(type) && !Sent(type)) {
    return Status::Invalid("unknown delivery report type " + std::to_string(type));
  }
  Report mine{salon, message_id, type, Status::Ok(), false, {}};
  if (store_.CommitsConcurrentWritesTogether()) {
    std::vector<Report*> alone{&mine};
    WriteGroup(alone);
    return mine.outcome;
  }
  std::unique_lock lock(mu_);
  waiting_.push_back(&mine);
  while (!mine.done) {
    if (writing_) {
      mine.wake.wait(lock);
      continue;
    }
    // No group is being written: this caller writes all that wait, its own among them.
    writing_ = true;
    std::vector<Report*> group;
    group.swap(waiting_);
    lock.unlock();
    WriteGroup(group);
    lock.lock();
    writing_ = false;
    for (Report* r : group) {
      r->done = true;
      r->wake.notify_one();
    }
    // Those that came meanwhile are the next group: the first of them writes it.
    if (!waiting_.empty()) waiting_.front()->wake.notify_one();
  }
  return mine.outcome;
}

size_t DeliveryReports::waiting() const {
  std::lock_guard lock(mu_);
  return waiting_.size();
}

void DeliveryReports::WriteGroup(std::vector<Report*>& group) {
  std::vector<RecordKey> keys;
  for (const Report* r : group) keys.push_back({r->salon, r->message_id});
  const Instant now = clock_.Now();
  Status written = store_.Write([&](WriteTxn& txn) {
    // Read, and locked, in write order (OutboxReader::GetMessages).
    std::map<std::pair<std::string, std::string>, MessageRow> rows;
    for (MessageRow& m : txn.GetMessages(keys)) {
      rows.emplace(std::pair{m.salon_id, m.id}, std::move(m));
    }
    for (Report* r : group) {
      auto found = rows.find({r->salon.value, r->message_id});
      MessageRow* row = found == rows.end() ? nullptr : &found->second;
      r->outcome = Apply(txn, row, r->message_id, r->type, now);
    }
    return Status::Ok();
  });
  if (!written.ok()) {
    for (Report* r : group) r->outcome = written;
  }
}

}  // namespace salon
