// Logs as JSON lines ({"time","level","thread","message"}), one object per
// line whatever the message holds: quotes, backslashes and control
// characters in it are escaped, so every line parses.
#pragma once

#include <spdlog/formatter.h>

#include <memory>

namespace salon {

std::unique_ptr<spdlog::formatter> JsonLogFormatter();

}  // namespace salon
