#include "tools/salonctl/heartbeat_history.h"

#include <boost/json.hpp>

#include <fmt/format.h>

#include <memory>

#include "base/time.h"

namespace salon {

namespace json = boost::json;

namespace {

std::string Quoted(const std::string& s) { return json::serialize(json::string(s)); }

}  // namespace

// Written by hand so that milliseconds read 12.345, not 1.2345E1.
std::string HistoryLine(const RoundResult& round) {
  std::string steps;
  for (const StepResult& s : round.steps) {
    steps += fmt::format(R"({}{{"step":{},"ms":{:.3f},"status":{},"request_id":{}}})",
                         steps.empty() ? "" : ",", Quoted(s.step), s.ms, s.status,
                         Quoted(s.request_id));
  }
  return fmt::format(R"({{"time":{},"ok":{},"ms":{:.3f},"steps":[{}],"error":{}}})",
                     Quoted(FormatUtc(round.time)), round.ok ? "true" : "false", round.ms, steps,
                     round.ok ? "null" : Quoted(round.error));
}

Result<std::unique_ptr<HeartbeatHistory>> HeartbeatHistory::Open(const std::string& path) {
  std::ofstream out(path, std::ios::app);
  if (!out) return Status::Unavailable("cannot append to " + path);
  return std::unique_ptr<HeartbeatHistory>(new HeartbeatHistory(std::move(out)));
}

bool HeartbeatHistory::Append(const RoundResult& round) {
  out_ << HistoryLine(round) << '\n';
  out_.flush();
  return bool(out_);
}

}  // namespace salon
