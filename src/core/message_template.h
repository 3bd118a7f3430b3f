// Message templates: text with {placeholders} filled in per recipient.
// "{{" and "}}" stand for literal braces.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace salon {

using TemplateValues = std::map<std::string, std::string, std::less<>>;

// Ok when every placeholder of `text` is one of `allowed` and braces pair
// up; else kInvalid naming the first problem.
Status CheckTemplate(std::string_view text, const std::vector<std::string>& allowed);

// `text` with each placeholder replaced by its value ("" when it has none).
std::string RenderTemplate(std::string_view text, const TemplateValues& values);

}  // namespace salon
