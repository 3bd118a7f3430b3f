#include "core/message_template.h"

#include <algorithm>

namespace salon {
namespace {

// Walks `text`, calling `literal(char)` and `placeholder(name)`; answers a
// non-empty error for an unpaired brace.
template <typename Literal, typename Placeholder>
std::string Walk(std::string_view text, Literal literal, Placeholder placeholder) {
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if ((c == '{' || c == '}') && i + 1 < text.size() && text[i + 1] == c) {
      literal(c);
      ++i;
    } else if (c == '{') {
      const size_t close = text.find('}', i);
      if (close == std::string_view::npos) return "a '{' without its '}'";
      placeholder(text.substr(i + 1, close - i - 1));
      i = close;
    } else if (c == '}') {
      return "a '}' without its '{' (write '}}' for a brace)";
    } else {
      literal(c);
    }
  }
  return "";
}

}  // namespace

Status CheckTemplate(std::string_view text, const std::vector<std::string>& allowed) {
  std::string unknown;
  const std::string error = Walk(
      text, [](char) {},
      [&](std::string_view name) {
        if (unknown.empty() &&
            std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
          unknown = std::string(name);
        }
      });
  if (!error.empty()) return Status::Invalid("the template has " + error);
  if (!unknown.empty()) {
    std::string names;
    for (const std::string& a : allowed) names += (names.empty() ? "{" : ", {") + a + "}";
    return Status::Invalid("unknown placeholder {" + unknown + "}; known: " + names);
  }
  return Status::Ok();
}

std::string RenderTemplate(std::string_view text, const TemplateValues& values) {
  std::string out;
  out.reserve(text.size() + 32);
  Walk(
      text, [&](char c) { out += c; },
      [&](std::string_view name) {
        if (auto it = values.find(name); it != values.end()) out += it->second;
      });
  return out;
}

}  // namespace salon
