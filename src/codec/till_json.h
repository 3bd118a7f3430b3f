// The JSON forms of the till's end of day: cash-ups (one mapping for the
// API and the stored documents, as in sales_json.h) and the takings and
// staff reports. Amounts are {"amount","currency"} in the salon's currency;
// amounts by payment method are objects keyed by the method's name.
#pragma once

#include <boost/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/result.h"
#include "base/time.h"
#include "codec/json_reader.h"
#include "sales/cash_up.h"
#include "sales/takings.h"

namespace salon {

// `zone` null: instants in UTC (the stored form).
boost::json::object ToJson(const CashUp& c, const TimeZone* zone);
Result<CashUp> CashUpFromJson(const boost::json::value& v);

// The takings of a period (without its branch and dates, which the caller adds).
boost::json::object ToJson(const TakingsReport& r, const std::string& currency);
boost::json::object ToJson(const StaffReportRow& row, const std::string& currency);


}  // namespace salon
