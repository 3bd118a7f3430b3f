#include "http/router.h"

namespace salon::http {
namespace {

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '/') { ++pos; continue; }
    size_t end = path.find('/', pos);
    if (end == std::string_view::npos) end = path.size();
    out.emplace_back(path.substr(pos, end - pos));
    pos = end;
  }
  return out;
}

bool IsParam(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

}  // namespace

void Router::Add(beast_http::verb method, std::string pattern, Dispatch dispatch,
                 Handler h) {
  Route r{method, pattern, dispatch, std::move(h), Split(pattern)};
  routes_.push_back(std::move(r));
}

Router::Match Router::Find(beast_http::verb method, std::string_view path) const {
  const std::vector<std::string> parts = Split(path);
  Match match;
  for (const Route& r : routes_) {
    if (r.segments.size() != parts.size()) continue;
    std::map<std::string, std::string, std::less<>> params;
    bool ok = true;
    for (size_t i = 0; i < parts.size() && ok; ++i) {
      if (IsParam(r.segments[i])) {
        params[r.segments[i].substr(1, r.segments[i].size() - 2)] = parts[i];
      } else {
        ok = r.segments[i] == parts[i];
      }
    }
    if (!ok) continue;
    if (r.method == method) {
      match.route = &r;
      match.path = std::move(params);
      return match;
    }
    if (!match.allow.empty()) match.allow += ", ";
    match.allow += std::string(beast_http::to_string(r.method));
  }
  return match;
}

}  // namespace salon::http
