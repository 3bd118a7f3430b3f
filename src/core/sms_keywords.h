// The reply keywords by which a recipient withdraws or restores marketing
// consent: a single word, in any case, surrounded by nothing but spaces.
#pragma once

#include <optional>
#include <string_view>

#include "core/client.h"

namespace salon {

enum class ConsentKeyword { kNone, kStop, kStart };

// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT → kStop; START, UNSTOP →
// kStart; anything else (including a sentence that contains them) → kNone.
ConsentKeyword ParseConsentKeyword(std::string_view text);

// The client's marketing consent after replying `keyword`, or none if it
// stays as it is. STOP withdraws it; START restores only what a STOP reply
// withdrew (never consent the client did not give this salon).
std::optional<bool> MarketingAfterReply(const Client& client, ConsentKeyword keyword);

}  // namespace salon
