// What every engine shares: table names, and the boundary where StoreError
// exceptions become a Status.
#pragma once

#include <exception>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace salon {

// The table holding records of `kind`.
const char* TableName(Kind kind);

// A message row's kind and status from their stored text; StoreError
// (kInternal) for text no MessageKind / MessageStatus has.
MessageKind StoredMessageKind(std::string_view text);
MessageStatus StoredMessageStatus(std::string_view text);

// The part of WriteTxn::PutRows every engine does alike: busy rows, key
// hashes and stored responses (calendar versions are the engine's own).
void PutCopiedRows(WriteTxn& txn, const SalonId& salon, const SalonRows& rows);

// The conditions of a message list (OutboxReader::ListMessages) after its
// salon and id: only those `q` sets, so that each can use its index (a move
// finds its visit's reminders by the appointment's index, not among all its
// salon's messages), with their values in order. `placeholder(n)` is the
// engine's n-th parameter; the first is number `first`.
struct MessageFilters {
  std::string sql;
  std::vector<std::string> values;
};
MessageFilters MessageFiltersOf(const MessageQuery& q, int first,
                                const std::function<std::string(int)>& placeholder);

// Runs `fn`, turning exceptions into a Status: the engine boundary.
template <typename Fn>
Status GuardStore(Fn&& fn) {
  try {
    return fn();
  } catch (const StoreError& e) {
    return Status(e.code, e.what());
  } catch (const std::exception& e) {
    return Status::Internal(e.what());
  }
}

}  // namespace salon
