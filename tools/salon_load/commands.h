// salon-load subcommands that live in files of their own.
#pragma once

#include <CLI/CLI.hpp>

#include <functional>

namespace salon::load {

struct Command {
  CLI::App* app;
  std::function<int()> run;  // the exit status
};

// blast: a campaign to every consenting client of N salons, beside pulls.
Command AddBlastCommand(CLI::App& cli);
// kannel-ceiling: Kannel's own intake rate, the ceiling of blast.
Command AddKannelCeilingCommand(CLI::App& cli);

}  // namespace salon::load
