#include "sales/product.h"

#include <vector>

namespace salon {

Status ValidateProduct(const Product& p) {
  std::vector<FieldError> errors;
  if (p.name.empty()) errors.push_back({"name", "must not be empty"});
  if (p.price.amount < 0) errors.push_back({"price.amount", "must not be negative"});
  if (p.tax_rate_bp < 0 || p.tax_rate_bp > 10000) {
    errors.push_back({"tax_rate", "must be 0 to 10000 basis points"});
  }
  if (p.low_stock < 0 || p.low_stock > 1'000'000) {
    errors.push_back({"low_stock", "must be 0 to 1000000"});
  }
  for (const auto& [branch, units] : p.stock) {
    if (units < -1'000'000 || units > 1'000'000) {
      errors.push_back({"stock." + branch, "must be -1000000 to 1000000 units"});
    }
  }
  if (!errors.empty()) return Status::Invalid("invalid product", errors);
  return Status::Ok();
}

bool RunsLow(const Product& p, const std::string& branch) {
  auto it = p.stock.find(branch);
  return it != p.stock.end() && !p.archived && it->second <= p.low_stock;
}

}  // namespace salon
