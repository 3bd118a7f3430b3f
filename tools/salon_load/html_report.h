// A self-contained HTML report of a run (no scripts, no external files):
// the summary, requests and errors per interval, latency percentiles over
// time, and the latency histogram, drawn as inline SVG from the run's JSON.
#pragma once

#include <boost/json.hpp>

#include <string>

namespace salon::load {

std::string HtmlReport(const boost::json::object& results);

}  // namespace salon::load
