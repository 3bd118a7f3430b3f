#include "tools/salonctl/copy_command.h"

#include <chrono>
#include <iostream>

#include "store/engine_support.h"
#include "store/open_store.h"
#include "store/store_copy.h"
#include "tools/salonctl/progress_bar.h"

namespace salon {


int RunCopy(const std::string& from, const std::string& to) {
  auto source = OpenStore(from);
  auto destination = OpenStore(to);
  for (Store* s : {source.get(), destination.get()}) {
    Status ready = s->Ready();
    if (!ready.ok()) {
      std::cerr << "salonctl copy: " << ready.message() << std::endl;
      return 1;
    }
  }
  ProgressBar bar;
  const auto started = std::chrono::steady_clock::now();
  auto report = CopyStore(*source, *destination, std::ref(bar));
  if (!report.ok()) {
    std::cerr << "salonctl copy failed: " << report.status().message()
              << "\n(running it again resumes the copy)" << std::endl;
    return 1;
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "copied and verified in " << seconds << " s —";
  for (const auto& [kind, n] : report->records) std::cout << " " << TableName(kind) << ": " << n;
  std::cout << std::endl;
  return 0;
}

}  // namespace salon
