// The JSON form of the domain entities, used both for API responses and for
// the documents the store keeps, so there is one mapping to maintain.
// Instants are written in `zone`'s local time with its offset (UTC when null)
// and read with any offset. Readers are strict: unknown fields (of a
// request; a stored document's are ignored) and wrong types are kMalformed,
// missing or invalid values kInvalid. Server-owned fields (id, salon_id,
// version) are read when present; callers that parse requests overwrite them.
#pragma once

#include <boost/json.hpp>

#include "base/result.h"
#include "base/time.h"
#include "core/appointment.h"
#include "core/client.h"
#include "core/salon.h"
#include "core/service.h"
#include "core/staff.h"

namespace salon {

boost::json::object ToJson(const Salon& s);
boost::json::object ToJson(const Branch& b);
boost::json::object ToJson(const Staff& s);
boost::json::object ToJson(const Service& s);
boost::json::object ToJson(const Client& c);
boost::json::object ToJson(const TimeOff& t, const TimeZone* zone);
boost::json::object ToJson(const Appointment& a, const TimeZone* zone);
boost::json::object ToJson(const Money& m);
// ToJson of `amount` minor units of `currency`.
boost::json::object AmountJson(std::int64_t amount, const std::string& currency);
boost::json::object ToJson(const WeeklyHours& hours);
// ["id", …] of typed ids.
template <typename IdT>
boost::json::array IdArray(const std::vector<IdT>& ids) {
  boost::json::array a;
  a.reserve(ids.size());
  for (const auto& id : ids) a.emplace_back(id.value);
  return a;
}

class JsonReader;

Result<Salon> SalonFromJson(const boost::json::value& v);
Result<Branch> BranchFromJson(const boost::json::value& v);
Result<Staff> StaffFromJson(const boost::json::value& v);
Result<Service> ServiceFromJson(const boost::json::value& v);
Result<Client> ClientFromJson(const boost::json::value& v);
// In a request (not a StoredDocument): a client's first name (not empty),
// phone (E.164, of a country calling code in use) and email (empty, or with
// an @), as ClientFromJson checks them. Each fault is a value error of
// `r`'s field "first_name", "phone" or "email" (with its prefix).
void CheckClientFields(JsonReader& r, const std::string& first_name, const std::string& phone,
                       const std::string& email);
Result<TimeOff> TimeOffFromJson(const boost::json::value& v);
Result<Appointment> AppointmentFromJson(const boost::json::value& v);

// `patch` applied to `base` as a JSON merge patch (RFC 7396: objects merge
// member by member, null removes); used to PATCH through the same strict
// reader as a create.
boost::json::object MergePatch(boost::json::object base, const boost::json::object& patch);

}  // namespace salon
