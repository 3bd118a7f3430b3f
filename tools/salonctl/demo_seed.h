// The demo salon: one branch in Europe/Dublin, 6 staff with weekly hours,
// 25 services (5 with a colour-processing gap), 4 retail products stocked
// at the branch, 200 clients and a week of appointments from `today`, those
// already over at `now` checked out at the till, and an owner, a front desk
// and a stylist who sign in (owner@demo.salon…, or owner+<salon id>@demo.salon
// when another demo salon of the store has those). Written straight through
// the use cases.
#pragma once

#include <string>
#include <vector>

#include "server/node.h"

namespace salon {

struct DemoSalon {
  std::string salon_id;
  std::string api_key;
  std::string branch_id;
  std::string service_id;  // a cut, for example requests
  std::string client_id;
  std::string free_start;  // a start the availability search says is free for service_id
  int appointments = 0;
  std::vector<std::string> product_ids;  // in stock at branch_id
  std::string product_id;                // the first, for example requests
  // Cash that more than pays a walk-in sale of product_id and service_id
  // (minor units), so the example gets change.
  long long walk_in_cash = 0;
  int sales = 0;  // appointments over at `now`, checked out
  // People who sign in to the web pages: an owner, a front desk and the
  // first stylist, each with a random password.
  struct User {
    std::string email, password, role;
  };
  std::vector<User> users;
};

// The 25 services of a standard salon (10 cuts, 5 colours with a processing
// gap, 10 treatments), without ids; the third is a 15-minute fringe trim.
std::vector<Service> StandardServices();

// Deterministic for a given `seed` (and `now`, which only decides which
// visits are over).
Result<DemoSalon> SeedDemo(Node& node, LocalDate today, Instant now, unsigned seed);

}  // namespace salon
