#include "core/service.h"

namespace salon {

int Service::DurationMinutes() const {
  int total = 0;
  for (const Phase& p : phases) total += p.minutes;
  return total;
}

Status ValidateService(const Service& s) {
  std::vector<FieldError> errors;
  if (s.name.empty()) errors.push_back({"name", "must not be empty"});
  if (s.phases.empty() || s.phases.size() > 20) {
    errors.push_back({"phases", "a service has 1 to 20 phases"});
  } else {
    for (const Phase& p : s.phases) {
      if (p.minutes < 1 || p.minutes > 720) {
        errors.push_back({"phases", "each phase lasts 1 to 720 minutes"});
        break;
      }
    }
    if (!s.phases.front().busy || !s.phases.back().busy) {
      errors.push_back({"phases", "the first and last phases must be busy"});
    }
  }
  if (s.buffer_minutes < 0 || s.buffer_minutes > 240) {
    errors.push_back({"buffer_minutes", "must be 0 to 240"});
  }
  if (s.price.amount < 0) errors.push_back({"price.amount", "must not be negative"});
  if (s.tax_rate_bp < 0 || s.tax_rate_bp > 10000) {
    errors.push_back({"tax_rate", "must be 0 to 10000 basis points"});
  }
  if (!errors.empty()) return Status::Invalid("invalid service", errors);
  return Status::Ok();
}

}  // namespace salon
