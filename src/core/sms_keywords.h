// The reply keywords by which a recipient withdraws or restores marketing
// consent: a single word, in any case, surrounded by nothing but spaces.
#pragma once

#include <string_view>

namespace salon {

enum class ConsentKeyword { kNone, kStop, kStart };

// STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT → kStop; START, UNSTOP →
// kStart; anything else (including a sentence that contains them) → kNone.
ConsentKeyword ParseConsentKeyword(std::string_view text);

}  // namespace salon
