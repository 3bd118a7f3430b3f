#include "store/postgres/announcement.h"

namespace salon::pg {
namespace {

// A NOTIFY payload is at most 8000 bytes; changes are sent in chunks below it.
constexpr size_t kPayloadLimit = 7000;

}  // namespace

std::string RecordChange(Kind kind, std::string_view id) {
  return "r\t" + std::to_string(int(kind)) + "\t" + std::string(id);
}
std::string CalendarChange(const BranchId& branch, std::string_view day) {
  return "c\t" + branch.value + "\t" + std::string(day);
}

std::vector<std::string> Payloads(const std::string& origin,
                                  const std::vector<std::string>& changes) {
  std::vector<std::string> out;
  std::string payload;
  auto flush = [&] {
    if (payload.empty()) return;
    out.push_back(origin + payload);
    payload.clear();
  };
  for (const std::string& line : changes) {
    if (payload.size() + line.size() + origin.size() > kPayloadLimit) flush();
    payload += "\n" + line;
  }
  flush();
  return out;
}

std::vector<Change> ParseChanges(std::string_view payload, std::string_view origin) {
  std::vector<Change> out;
  size_t eol = payload.find('\n');
  if (payload.substr(0, eol) == origin) return out;
  while (eol != std::string_view::npos) {
    payload.remove_prefix(eol + 1);
    eol = payload.find('\n');
    std::string_view line = payload.substr(0, eol);
    size_t t1 = line.find('\t'), t2 = line.find('\t', t1 + 1);
    if (t1 == std::string_view::npos || t2 == std::string_view::npos) continue;
    Change c;
    std::string_view a = line.substr(t1 + 1, t2 - t1 - 1), b = line.substr(t2 + 1);
    if (line.starts_with("r\t")) {
      c.what = Change::What::kRecord;
      c.kind = Kind(std::stoi(std::string(a)));
      c.id = b;
    } else {
      c.what = Change::What::kCalendar;
      c.id = a;
      c.day = b;
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace salon::pg
