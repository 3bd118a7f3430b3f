// FileProvider: "sends" each message as one JSON line appended to a file
// (synced before it answers), so the embedded setup needs no gateway and an
// operator can read what would have gone out.
#pragma once

#include <mutex>
#include <string>

#include "messaging/provider.h"

namespace salon {

class FileProvider final : public SmsProvider {
 public:
  explicit FileProvider(std::string path) : path_(std::move(path)) {}
  const std::string& name() const override { return name_; }
  std::vector<SendResult> Send(const std::vector<OutgoingSms>& batch) override;

 private:
  const std::string name_ = "file";
  std::string path_;
  std::mutex mu_;
};

}  // namespace salon
