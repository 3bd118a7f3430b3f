#include "tools/salonctl/copy_command.h"

#include <unistd.h>

#include <chrono>
#include <iostream>

#include "store/engine_support.h"
#include "store/open_store.h"
#include "store/store_copy.h"

namespace salon {
namespace {

// A one-line bar on stderr, redrawn at most ten times a second (every
// update when stderr is not a terminal would flood a log, so then only 0 %
// and 100 %).
class ProgressBar {
 public:
  void operator()(long long done, long long total) {
    const auto now = std::chrono::steady_clock::now();
    const bool last = done >= total;
    if (!last && now - drawn_ < std::chrono::milliseconds(100)) return;
    if (!tty_ && !last && done != 0) return;
    drawn_ = now;
    const int width = 40;
    const int filled = total > 0 ? int(width * done / total) : width;
    std::cerr << (tty_ ? "\r[" : "[") << std::string(filled, '#')
              << std::string(width - filled, '.') << "] " << (total ? 100 * done / total : 100)
              << "% " << done << "/" << total << " records" << (tty_ && !last ? "" : "\n")
              << std::flush;
  }

 private:
  const bool tty_ = isatty(STDERR_FILENO) != 0;
  std::chrono::steady_clock::time_point drawn_{};
};

}  // namespace

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
