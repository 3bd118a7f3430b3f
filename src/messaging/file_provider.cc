#include "messaging/file_provider.h"

#include <boost/json.hpp>
#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace salon {

std::vector<SendResult> FileProvider::Send(const std::vector<OutgoingSms>& batch) {
  std::string lines;
  for (const OutgoingSms& m : batch) {
    lines += boost::json::serialize(boost::json::object{{"id", m.message_id},
                                                        {"salon_id", m.salon_id},
                                                        {"from", m.from},
                                                        {"to", m.to},
                                                        {"text", m.text}});
    lines += '\n';
  }
  std::lock_guard lock(mu_);
  std::string error;
  const int fd = ::open(path_.c_str(), O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0640);
  if (fd < 0) {
    error = std::strerror(errno);
  } else {
    for (size_t done = 0; error.empty() && done < lines.size();) {
      const ssize_t n = ::write(fd, lines.data() + done, lines.size() - done);
      if (n < 0 && errno != EINTR) error = std::strerror(errno);
      if (n > 0) done += size_t(n);
    }
    if (error.empty() && ::fsync(fd) != 0) error = std::strerror(errno);
    ::close(fd);
  }
  const SendResult result = error.empty()
                                ? SendResult{SendOutcome::kAccepted, ""}
                                : SendResult{SendOutcome::kTransient, path_ + ": " + error};
  return std::vector<SendResult>(batch.size(), result);
}

}  // namespace salon
