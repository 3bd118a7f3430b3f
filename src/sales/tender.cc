#include "sales/tender.h"

#include <cstddef>
#include <string>

#include "sales/money_math.h"

namespace salon {

Result<Settlement> Settle(std::int64_t due, const std::vector<Payment>& payments) {
  if (payments.empty() && due > 0) {
    return Status::Invalid("invalid payments",
                           {FieldError{"payments", "something is due: give a payment"}});
  }
  std::vector<FieldError> errors;
  for (std::size_t i = 0; i < payments.size(); ++i) {
    if (payments[i].amount <= 0) {
      errors.push_back({"payments[" + std::to_string(i) + "].amount", "must be above 0"});
    }
  }
  if (!errors.empty()) return Status::Invalid("invalid payments", std::move(errors));

  std::int64_t paid = 0;
  std::int64_t cash = 0;  // ≤ paid: all amounts are positive
  for (const Payment& p : payments) {
    const auto sum = CheckedAdd(paid, p.amount);
    if (!sum) {
      return Status::Invalid("money overflow", {FieldError{"payments", "money overflow"}});
    }
    paid = *sum;
    if (p.method == PaymentMethod::kCash) cash += p.amount;
  }
  if (paid < due) {
    return Status::Invalid("payments short of what is due",
                           {FieldError{"payments", "short by " + std::to_string(due - paid)}});
  }
  // paid ≥ due and paid > 0, so the excess fits unless due is hugely
  // negative, which no sale makes; compute it wide to be safe.
  const __int128 excess = static_cast<__int128>(paid) - due;
  if (excess > cash) {
    return Status::Invalid("payments above what is due",
                           {FieldError{"payments", "only cash can give change"}});
  }
  Settlement s;
  s.payments = payments;
  s.change = static_cast<std::int64_t>(excess);
  s.cash_kept = cash - s.change;
  return s;
}

}  // namespace salon
