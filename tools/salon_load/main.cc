// salon-load: performance tests of the standard workload (../shared/WORKLOAD.md).
//   salon-load run pull|create|checkout|day|soak --port P --admin-key K [--salons N
//       --rate R --duration S --connections C --threads T --seed X --json F
//       --html F]; with --salons-file F (from salonctl seed) instead of --admin-key,
//       the first N seeded salons; --send-to P2 sends the scenario to
//       another port (a ceiling such as nginx) after setting up on P
//   salon-load compare --baseline A.json --run B.json [--tolerance 0.25]
//   salon-load report --json A.json --html A.html
//   salon-load capacity --port P (--admin-key K | --salons-file F) [--start 100
//       --max 20000 --duration 10]
//   salon-load blast --port P --admin-key K [--salons 100 --clients 1000
//       --pull-rate 500 --duration 60 --json F]
//   salon-load kannel-ceiling --kannel kannel://user:pass@host:port [--messages N]
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "tools/salon_load/capacity.h"
#include "tools/salon_load/commands.h"
#include "tools/salon_load/html_report.h"
#include "tools/salon_load/report.h"
#include "tools/salon_load/scenarios.h"
#include "tools/salon_load/server_sampler.h"

namespace {

boost::json::object ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  return boost::json::parse(ss.str()).as_object();
}

// --seed of run and capacity: 1 to kMaxSeed.
void AddSeedOption(CLI::App* command, std::uint64_t& seed) {
  using salon::load::kMaxSeed, salon::load::kYearsPerSeed;
  command
      ->add_option("--seed", seed,
                   "of the arrival schedule; seed k books " + std::to_string(kYearsPerSeed) +
                       " (k - 1) years ahead, so runs with different seeds on one store never "
                       "book the same slot")
      ->check(CLI::Range(std::uint64_t{1}, kMaxSeed))
      ->capture_default_str();
}

}  // namespace

int main(int argc, char** argv) {
  using namespace salon::load;
  CLI::App cli{"salon-load — performance tests of the salon workload"};
  cli.require_subcommand(1);

  auto* run = cli.add_subcommand("run", "drive a scenario against a running salond");
  std::string scenario, admin_key, json_path;
  int salons = 10, seconds = 10;
  DriverConfig config;
  run->add_option("scenario", scenario, "pull, create, hot, checkout, day or soak")->required();
  run->add_option("--host", config.host)->capture_default_str();
  run->add_option("--port", config.port)->capture_default_str();
  run->add_option("--admin-key", admin_key, "to create the salons")->envname("SALON_ADMIN_KEY");
  run->add_option("--salons", salons, "salons to create and spread the load over")
      ->capture_default_str();
  std::string salons_file;
  run->add_option("--salons-file", salons_file,
                  "use the salons seeded by salonctl seed --salons N (the first --salons)");
  run->add_option("--rate", config.rate, "requests per second (open model)")->capture_default_str();
  run->add_option("--duration", seconds, "seconds")->capture_default_str();
  run->add_option("--connections", config.connections, "at most, per thread")
      ->capture_default_str();
  run->add_option("--threads", config.threads, "sending threads")
      ->check(CLI::Range(1, kMaxDriverThreads))
      ->capture_default_str();
  AddSeedOption(run, config.seed);
  run->add_option("--json", json_path, "write the results here");
  std::string html_path;
  run->add_option("--html", html_path, "write a self-contained HTML report here");
  unsigned short send_to = 0;
  run->add_option("--send-to", send_to,
                  "set up on --port, then send the scenario to this port of --host (a "
                  "ceiling, e.g. nginx answering the same paths with the same bytes)");

  auto* report = cli.add_subcommand("report", "an HTML report of a run's JSON");
  std::string report_json, report_html;
  report->add_option("--json", report_json)->required();
  report->add_option("--html", report_html)->required();

  auto* compare = cli.add_subcommand("compare", "check a run against a baseline");
  std::string baseline_path, run_path;
  double tolerance = 0.25;
  compare->add_option("--baseline", baseline_path)->required();
  compare->add_option("--run", run_path)->required();
  compare->add_option("--tolerance", tolerance, "allowed relative worsening")
      ->capture_default_str();
  auto* capacity = cli.add_subcommand("capacity", "find the salons one salond serves at peak");
  int start_salons = 100, max_salons = 20000;
  DriverConfig cap;
  std::string cap_key;
  int cap_seconds = 10;
  capacity->add_option("--host", cap.host)->capture_default_str();
  capacity->add_option("--port", cap.port)->capture_default_str();
  capacity->add_option("--admin-key", cap_key)->envname("SALON_ADMIN_KEY");
  capacity->add_option("--start", start_salons, "salons of the first step")->capture_default_str();
  capacity->add_option("--max", max_salons, "salons at most")->capture_default_str();
  capacity->add_option("--duration", cap_seconds, "seconds per step")->capture_default_str();
  capacity->add_option("--connections", cap.connections)->capture_default_str();
  AddSeedOption(capacity, cap.seed);
  int warmup_seconds = 5;
  capacity->add_option("--warmup", warmup_seconds, "seconds of each step's mix run first, unmeasured")
      ->capture_default_str();
  std::string cap_file;
  capacity->add_option("--salons-file", cap_file, "salons seeded by salonctl seed --salons N");
  Command blast = AddBlastCommand(cli);
  Command ceiling = AddKannelCeilingCommand(cli);
  CLI11_PARSE(cli, argc, argv);

  try {
    if (blast.app->parsed()) return blast.run();
    if (ceiling.app->parsed()) return ceiling.run();
    if (compare->parsed()) {
      Verdict v = Compare(ReadJson(baseline_path), ReadJson(run_path), tolerance);
      for (const std::string& line : v.findings) std::cout << line << "\n";
      std::cout << (v.regressed ? "REGRESSION" : "no regression") << std::endl;
      return v.regressed ? 1 : 0;
    }
    if (capacity->parsed()) {
      cap.duration = std::chrono::seconds(cap_seconds);
      SalonSource source = [&](int n, Workload& w) {
        return AddSalons(cap, cap_key, n - int(w.salons.size()), w);
      };
      Workload seeded;
      if (!cap_file.empty()) {
        auto loaded = SeededSalons(cap, cap_file, max_salons);
        if (!loaded.ok()) {
          std::cerr << loaded.status().message() << std::endl;
          return 2;
        }
        seeded = std::move(*loaded);
        source = [&](int n, Workload& w) {
          w.salons.assign(seeded.salons.begin(),
                          seeded.salons.begin() + std::min<size_t>(n, seeded.salons.size()));
          w.first_monday = seeded.first_monday;
          return salon::Status::Ok();
        };
      }
      auto found = FindCapacity(cap, source, start_salons, max_salons,
                                std::chrono::seconds(warmup_seconds));
      if (!found.ok()) {
        std::cerr << found.status().message() << std::endl;
        return 2;
      }
      for (const CapacityStep& s : found->steps) {
        std::cout << (s.passed ? "pass " : "FAIL ") << s.salons << " salons at " << s.rate
                  << " req/s: p99 " << s.p99_ms << " ms, " << s.answered << "/" << s.scheduled
                  << " answered, " << s.errors << " errors\n";
      }
      std::cout << "capacity: " << found->salons << " salons"
                << (found->reached_max ? " (the --max asked; the server may take more)" : "")
                << std::endl;
      return 0;
    }
    if (report->parsed()) {
      std::ofstream(report_html) << HtmlReport(ReadJson(report_json));
      return 0;
    }
    config.duration = std::chrono::seconds(seconds);
    auto workload = salons_file.empty() ? SetUpSalons(config, admin_key, salons)
                                        : SeededSalons(config, salons_file, salons);
    if (!workload.ok()) {
      std::cerr << workload.status().message() << std::endl;
      return 2;
    }
    workload->first_monday = DayAfter(workload->first_monday, 364 * BookingYear(config.seed));
    auto maker = MakeScenario(scenario, *workload);
    if (!maker.ok()) {
      std::cerr << maker.status().message() << std::endl;
      return 2;
    }
    if (send_to != 0) config.port = send_to;
    std::unique_ptr<ServerSampler> sampler;
    if (scenario == "soak") {
      sampler = std::make_unique<ServerSampler>(
          config.host, config.port, std::max(std::chrono::milliseconds(1000),
                                             std::chrono::milliseconds(seconds * 1000 / 120)));
    }
    // On stderr, so that a profile or a CPU sample can start when the load
    // does: setting up thousands of salons takes longer than many runs.
    std::cerr << "salon-load: " << scenario << " set up, sending for " << seconds << " s"
              << std::endl;
    RunResult result = Drive(config, *maker);
    RunInfo info{scenario, salons, config};
    boost::json::object results = ToJson(info, result);
    std::cout << ConsoleSummary(info, result);
    if (sampler) {
      results["server"] = sampler->Finish();
      std::cout << "  server: " << results["server"].at("verdict").as_string().c_str() << "\n";
    }
    if (!json_path.empty()) std::ofstream(json_path) << boost::json::serialize(results) << "\n";
    if (!html_path.empty()) std::ofstream(html_path) << HtmlReport(results);
  } catch (const std::exception& e) {
    std::cerr << "salon-load: " << e.what() << std::endl;
    return 2;
  }
  return 0;
}
