#include "tools/salonctl/demo_seed.h"

#include <algorithm>
#include <random>

#include "sales/pricing.h"

namespace salon {
namespace {

constexpr const char* kFirstNames[] = {"Aoife", "Ciara", "Niamh", "Sean",  "Liam",
                                       "Emma",  "Grace", "Jack",  "Orla",  "Conor",
                                       "Sarah", "Fionn", "Roisin", "Cian", "Maeve"};
constexpr const char* kLastNames[] = {"Murphy", "Kelly", "Byrne",  "Ryan",  "O'Brien",
                                      "Walsh",  "Doyle", "Lynch",  "Burke", "Quinn"};
constexpr const char* kStaffNames[] = {"Ann", "Brian", "Clodagh", "Declan", "Eimear", "Fiona"};

Service MakeService(const std::string& name, const std::string& category, long long cents,
                    std::vector<Phase> phases, int buffer) {
  Service s;
  s.name = name;
  s.category = category;
  s.price = {cents, "EUR"};
  s.phases = std::move(phases);
  s.buffer_minutes = buffer;
  return s;
}

// The shelf: name, SKU, price in cents (VAT included), units at the branch.
struct ShelfItem {
  const char* name;
  const char* sku;
  long long cents;
  long long units;
};
constexpr ShelfItem kShelf[] = {{"Hydrating shampoo 250ml", "SH-250", 1850, 24},
                                {"Repair conditioner 250ml", "CO-250", 1950, 18},
                                {"Styling wax 75ml", "WX-75", 1400, 12},
                                {"Paddle brush", "BR-PAD", 2200, 6}};
constexpr int kIrishVatBp = 2300;

}  // namespace

std::vector<Service> StandardServices() {
  std::vector<Service> out;
  const char* cuts[] = {"Cut & finish", "Dry cut", "Fringe trim", "Gents cut", "Kids cut",
                        "Blow dry", "Curly blow dry", "Hair up", "Bridal trial", "Beard trim"};
  int minutes[] = {45, 30, 15, 30, 30, 30, 45, 60, 90, 15};
  for (int i = 0; i < 10; ++i) {
    out.push_back(MakeService(cuts[i], "cut", 2000 + 500 * i, {{minutes[i], true}}, i % 3 == 0 ? 5 : 0));
  }
  const char* colours[] = {"Full head colour", "Root colour", "Balayage", "Full head highlights",
                           "Toner"};
  for (int i = 0; i < 5; ++i) {
    // Apply, leave to process (the stylist is free), rinse and finish.
    out.push_back(MakeService(colours[i], "colour", 6000 + 1500 * i,
                              {{30, true}, {30 + 15 * (i % 3), false}, {30, true}}, 10));
  }
  const char* treatments[] = {"Conditioning treatment", "Scalp massage", "Keratin smoothing",
                              "Olaplex", "Brow shape", "Brow tint", "Lash tint", "Lash lift",
                              "Manicure", "Pedicure"};
  int tmin[] = {30, 20, 120, 30, 15, 15, 20, 45, 45, 60};
  for (int i = 0; i < 10; ++i) {
    out.push_back(MakeService(treatments[i], "treatment", 1500 + 700 * i, {{tmin[i], true}}, 0));
  }
  return out;
}


// A person of `role` with a random password; their email is the role's at
// demo.salon, plus-addressed with the salon's id when another salon has it.
Result<DemoSalon::User> AddDemoUser(Node& node, const SalonId& salon, StaffRole role,
                                    const std::optional<StaffId>& staff) {
  std::random_device random;
  std::string password = "demo-";
  for (int i = 0; i < 12; ++i) password += "0123456789abcdef"[random() % 16];
  const std::string name(ToString(role));
  const std::string local = name == "front_desk" ? "desk" : name;
  const char* title = role == StaffRole::kOwner       ? "Orla Owner"
                      : role == StaffRole::kFrontDesk ? "Fiona Front Desk"
                                                      : "Sam Stylist";
  NewUserRequest req{title, local + "@demo.salon", password, role, staff};
  User made;
  Result<Answer> added = node.people().AddUser(salon, req, KeepIn(made));
  if (added.status().code() == Code::kConflict) {
    req.email = local + "+" + salon.value + "@demo.salon";
    added = node.people().AddUser(salon, req, KeepIn(made));
  }
  SALON_RETURN_IF_ERROR(added.status());
  return DemoSalon::User{req.email, password, name};
}

Result<DemoSalon> SeedDemo(Node& node, LocalDate today, Instant now, unsigned seed) {
  std::mt19937 rng(seed);
  DemoSalon demo;
  std::vector<Service> services = StandardServices();
  std::vector<Staff> staff;
  std::vector<Client> clients;
  std::vector<Appointment> over;  // booked visits that ended by `now`

  // Through the same use cases as the API, each in its own transaction.
  Salon salon;
  salon.name = "Demo Salon";
  salon.currency = "EUR";
  salon.country = "IE";
  NewSalon created;
  SALON_RETURN_IF_ERROR(node.salons().Create(salon, KeepIn(created)).status());
  demo.salon_id = created.salon.id.value;
  demo.api_key = created.api_key;
  const SalonId salon_id = created.salon.id;
  Catalog& catalog = node.catalog();

  Branch branch;
  branch.name = "Dublin City";
  branch.timezone = "Europe/Dublin";
  branch.online_booking = true;
  SALON_RETURN_IF_ERROR(catalog.Create(salon_id, branch, KeepIn(branch)).status());
  for (Service& s : services) {
    SALON_RETURN_IF_ERROR(catalog.Create(salon_id, s, KeepIn(s)).status());
  }
  for (int i = 0; i < 6; ++i) {
    Staff s;
    s.branch_id = branch.id;
    s.name = kStaffNames[i];
    // Tuesday to Saturday, lunch at 13:00; Thursdays late.
    for (int d = 1; d <= 5; ++d) {
      s.hours[d] = {{9 * 60, 13 * 60}, {14 * 60, (d == 3 ? 20 : 18) * 60}};
    }
    std::vector<ServiceId> offered;
    for (size_t k = 0; k < services.size(); ++k) {
      // Everyone cuts; colour and treatments are shared out.
      if (services[k].category == "cut" || (k + i) % 2 == 0) offered.push_back(services[k].id);
    }
    s.service_ids = std::move(offered);
    SALON_RETURN_IF_ERROR(catalog.Create(salon_id, s, KeepIn(s)).status());
    staff.push_back(std::move(s));
  }
  std::vector<Product> products;
  for (const ShelfItem& item : kShelf) {
    Product p;
    p.name = item.name;
    p.sku = item.sku;
    p.price = {item.cents, "EUR"};
    p.tax_rate_bp = kIrishVatBp;
    p.stock[branch.id.value] = item.units;
    p.low_stock = 3;
    SALON_RETURN_IF_ERROR(catalog.Create(salon_id, p, KeepIn(p)).status());
    demo.product_ids.push_back(p.id.value);
    products.push_back(std::move(p));
  }
  for (int i = 0; i < 200; ++i) {
    Client c;
    c.first_name = kFirstNames[rng() % std::size(kFirstNames)];
    c.last_name = kLastNames[rng() % std::size(kLastNames)];
    c.phone = "+35387" + std::to_string(1000000 + i);
    c.sms_reminders = rng() % 10 < 7;
    c.sms_marketing = rng() % 10 < 4;
    SALON_RETURN_IF_ERROR(catalog.Create(salon_id, c, KeepIn(c)).status());
    clients.push_back(std::move(c));
  }

  // A week of bookings: about 25 attempts a day at random quarter hours;
  // the ones that collide are simply not made, as at a real front desk.
  const TimeZone zone = *TimeZone::Find(branch.timezone);
  for (int day = 0; day < 7; ++day) {
    const LocalDate date = today + date::days(day);
    for (int attempt = 0; attempt < 30; ++attempt) {
      BookingRequest req;
      req.branch_id = branch.id;
      req.client_id = clients[rng() % clients.size()].id;
      int minute = 9 * 60 + 15 * int(rng() % 36);
      req.start = zone.ToInstant(LocalTime(date) + std::chrono::minutes(minute));
      req.items.push_back({services[rng() % services.size()].id, std::nullopt});
      if (rng() % 5 == 0) req.items.push_back({services[rng() % 10].id, std::nullopt});
      req.source = attempt % 5 < 2 ? "online" : "front_desk";
      AppointmentView booked;
      if (node.appointments().Book(salon_id, req, KeepIn(booked)).ok()) {
        ++demo.appointments;
        if (booked.appointment.span.end <= now) over.push_back(booked.appointment);
      }
    }
  }
  // The visits already over were paid for at the till: a few of them by
  // card, the appointment's services at list price (the till's default).
  for (size_t i = 0; i < over.size() && i < 5; ++i) {
    CheckoutRequest req;
    req.branch = branch.id;
    req.appointment = over[i].id;
    std::vector<CartLine> cart;
    for (const AppointmentItem& item : over[i].items) {
      const Service& s = *std::find_if(services.begin(), services.end(),
                                       [&](const Service& x) { return x.id == item.service_id; });
      cart.push_back({LineKind::kService, s.id.value, "", s.name, 1, s.price.amount,
                      s.tax_rate_bp, std::nullopt});
    }
    SALON_ASSIGN_OR_RETURN(PricedCart priced, PriceCart(cart, std::nullopt, salon.prices_include_tax));
    req.payments.push_back({PaymentMethod::kCard, priced.totals.total, "", ""});
    SaleView sold;
    SALON_RETURN_IF_ERROR(node.sales().Checkout(salon_id, req, KeepIn(sold)).status());
    ++demo.sales;
  }
  for (const auto& [role, staff_id] :
       {std::pair{StaffRole::kOwner, std::optional<StaffId>()},
        std::pair{StaffRole::kFrontDesk, std::optional<StaffId>()},
        std::pair{StaffRole::kStylist, std::optional<StaffId>(staff[0].id)}}) {
    SALON_ASSIGN_OR_RETURN(DemoSalon::User user, AddDemoUser(node, salon_id, role, staff_id));
    demo.users.push_back(std::move(user));
  }
  demo.branch_id = branch.id.value;
  demo.service_id = services[0].id.value;
  demo.client_id = clients[0].id.value;
  demo.product_id = products[0].id.value;
  // The example walk-in sale is paid in notes, rounded up past the total.
  SALON_ASSIGN_OR_RETURN(
      PricedCart walk_in,
      PriceCart({{LineKind::kProduct, products[0].id.value, "", products[0].name, 1,
                  products[0].price.amount, products[0].tax_rate_bp, std::nullopt},
                 {LineKind::kService, services[0].id.value, "", services[0].name, 1,
                  services[0].price.amount, services[0].tax_rate_bp, std::nullopt}},
                std::nullopt, salon.prices_include_tax));
  demo.walk_in_cash = (walk_in.totals.total / 1000 + 1) * 1000;
  // The example booking asks for what the search offers: a free time.
  AvailabilityRequest ask{branch.id, {services[0].id}, today + date::days(1), 7, std::nullopt};
  WorkBudget budget;
  SALON_ASSIGN_OR_RETURN(AvailabilityView free,
                         node.appointments().Availability(salon_id, ask, budget));
  if (!free.found.slots.empty()) demo.free_start = FormatInstant(free.found.slots.front().start, zone);
  return demo;
}

}  // namespace salon
