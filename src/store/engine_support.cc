#include "store/engine_support.h"

namespace salon {

const char* TableName(Kind kind) {
  switch (kind) {
    case Kind::kSalon: return "salons";
    case Kind::kBranch: return "branches";
    case Kind::kStaff: return "staff";
    case Kind::kService: return "services";
    case Kind::kClient: return "clients";
    case Kind::kTimeOff: return "time_off";
    case Kind::kAppointment: return "appointments";
  }
  return "salons";
}

}  // namespace salon
