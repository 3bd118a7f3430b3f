// Country calling codes (ITU-T E.164 assignments, including the global
// services such as +800 and +882): the first one to three digits of an
// international number. Pure.
#pragma once

#include <string_view>

namespace salon {

// The digits of the country calling code an E.164 number (`+` then digits)
// begins with, or 0 if it begins with none that is assigned (+999…).
int CountryCallingCode(std::string_view e164);

}  // namespace salon
