// Product: something a salon sells off the shelf (shampoo, a brush), with
// its stock per branch. Stock may fall below zero (sold before it was
// booked in): the sale is allowed and the product shows as low.
#pragma once

#include <map>
#include <string>

#include "base/ids.h"
#include "base/money.h"
#include "base/status.h"

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

// Name not empty; price ≥ 0; tax rate 0–10000 bp; low_stock ≥ 0; stock
// within ±1,000,000 units per branch.
Status ValidateProduct(const Product& p);

// Whether `branch` has `p` at or below its low-stock threshold.
bool RunsLow(const Product& p, const std::string& branch);

}  // namespace salon
