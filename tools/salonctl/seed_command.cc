#include "tools/salonctl/seed_command.h"

#include <filesystem>
#include <fstream>
#include <iostream>

#include "tools/salonctl/progress_bar.h"

namespace salon {

int RunSeed(Node& node, SeedPlan plan, const std::string& data_dir, const std::string& out_path) {
  std::string note;
  plan = FitToDisk(plan, (long long)std::filesystem::space(data_dir).available, note);
  if (!note.empty()) std::cout << note << std::endl;
  std::ofstream out(out_path);
  if (!out) {
    std::cerr << "cannot write " << out_path << std::endl;
    return 1;
  }
  const LocalDate today(
      date::floor<date::days>(std::chrono::system_clock::now()).time_since_epoch());
  ProgressBar bar("salons");
  const auto t0 = std::chrono::steady_clock::now();
  RandomIdSource ids;
  auto seeded = SeedSalons(node.store(), node.directory(), ids, plan, today, [&](int done) {
    bar(done, plan.salons);
  }, out);
  if (!seeded.ok()) {
    std::cerr << "seeding failed: " << seeded.status().message() << std::endl;
    return 1;
  }
  const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::cout << "seeded " << seeded->salons << " salons: " << seeded->records << " records ("
            << seeded->appointments << " appointments over " << plan.history_days
            << " days past and " << plan.future_days << " ahead, " << seeded->sales
            << " of them checked out) in " << s << " s ("
            << seeded->records / s << " records/s); salons for salon-load in " << out_path
            << std::endl;
  return 0;
}

}  // namespace salon
