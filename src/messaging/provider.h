// The port through which text messages leave: an SMS provider. Adapters:
// FileProvider (the embedded default) and KannelProvider.
#pragma once

#include <string>
#include <vector>

namespace salon {

struct OutgoingSms {
  std::string message_id;
  std::string salon_id;
  std::string from;  // "" = the provider's default sender
  std::string to;
  std::string text;
  bool ucs2 = false;
};

enum class SendOutcome {
  kAccepted,   // the provider has it
  kTransient,  // try again later (down, slow, busy)
  kPermanent,  // it will never take this message
  kUnknown,    // it may have taken it (no answer after sending): in doubt
};

struct SendResult {
  SendOutcome outcome = SendOutcome::kTransient;
  std::string detail;
};

class SmsProvider {
 public:
  virtual ~SmsProvider() = default;
  virtual const std::string& name() const = 0;
  // One result per message, in order. Blocks; thread-compatible.
  virtual std::vector<SendResult> Send(const std::vector<OutgoingSms>& batch) = 0;
};

}  // namespace salon
