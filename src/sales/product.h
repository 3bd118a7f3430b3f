// Product: something a salon sells off the shelf (shampoo, a brush), with
// its stock per branch. Stock may fall below zero (sold before it was
// booked in): the sale is allowed and the product shows as low.
#pragma once

#include <map>
#include <string>

#include "base/ids.h"
#include "base/money.h"
#include "base/status.h"
#include "base/time.h"

namespace salon {

struct Product {
  ProductId id;
  SalonId salon_id;
  std::string name;
  std::string sku;
  Money price;
  int tax_rate_bp = 0;
  std::map<std::string, long long> stock;  // units by branch id
  long long low_stock = 0;  // at or below this many units a branch runs low
  long long version = 1;
  bool archived = false;
};

// A manual change of a product's stock at a branch (a delivery, breakage,
// a count), kept with its reason. Sales and refunds move stock themselves.
struct StockMove {
  StockMoveId id;
  SalonId salon_id;
  ProductId product_id;
  BranchId branch_id;
  long long delta = 0;  // ±1 to ±1,000,000 units
  std::string reason;
  Instant at;
  long long stock_after = 0;  // the branch's units after it
  long long version = 1;
};

// Name not empty; price ≥ 0; tax rate 0–10000 bp; low_stock ≥ 0; stock
// within ±1,000,000 units per branch.
Status ValidateProduct(const Product& p);

// Whether `branch` stocks `p` (has had units) and has it at or below its
// low-stock threshold; archived products never run low.
bool RunsLow(const Product& p, const std::string& branch);

}  // namespace salon
