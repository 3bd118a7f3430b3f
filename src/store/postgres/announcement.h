// Announcement: the text of the NOTIFYs by which a process tells the others
// what its committed writes changed. A payload is its sender's origin on the
// first line, then one change a line: "r\t<kind>\t<id>" for a record,
// "c\t<branch>\t<day>" for a calendar day.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/ids.h"
#include "store/store.h"

namespace salon::pg {

// The channel every process LISTENs on.
inline constexpr const char* kChangesChannel = "salon_changes";

// A change's line.
std::string RecordChange(Kind kind, std::string_view id);
std::string CalendarChange(const BranchId& branch, std::string_view day);

// The payloads carrying `changes` (lines), each signed by `origin`, each
// within a NOTIFY's limit.
std::vector<std::string> Payloads(const std::string& origin,
                                  const std::vector<std::string>& changes);

// The changes of one payload; empty when `origin` sent it.
std::vector<Change> ParseChanges(std::string_view payload, std::string_view origin);

}  // namespace salon::pg
