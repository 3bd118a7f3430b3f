// Feeds: any bytes to boost::json::parse (through ParseJson, as request
// bodies are), then the document to every reader of src/codec/entity_json.h
// — salon (with its messaging settings), branch, staff, service, client,
// time off and appointment — and of the till (src/codec/sales_json.h,
// till_json.h: product, sale, voucher, ledger entry, stock move, cash-up),
// as it is and, when it is an object, as a JSON merge patch over a valid
// entity of each kind (what PATCH does).
// Oracle: no crash or sanitizer report; whatever a reader accepts, ToJson
// writes and the same reader accepts again, giving the same document (the
// store and PATCH rely on it) and equal values where the types define ==;
// instants are also written in a few time zones' local time.
#include <boost/json.hpp>

#include <cstdio>
#include <cstdlib>
#include <string>

#include "codec/entity_json.h"
#include "codec/json_reader.h"
#include "codec/sales_json.h"
#include "codec/till_json.h"

namespace json = boost::json;

namespace {

const json::value* g_input = nullptr;

[[noreturn]] void Fail(const char* what, const json::value& written) {
  std::fprintf(stderr, "json_codecs_fuzzer: %s\n  input:   %s\n  written: %s\n", what,
               g_input ? json::serialize(*g_input).c_str() : "?",
               json::serialize(written).c_str());
  std::abort();
}

const salon::TimeZone* Zone(const char* name) {
  static const salon::TimeZone* zones[4] = {};
  static const char* names[4] = {};
  for (int i = 0; i < 4; ++i) {
    if (names[i] == name) return zones[i];
    if (names[i] == nullptr) {
      names[i] = name;
      zones[i] = new salon::TimeZone(*salon::TimeZone::Find(name));
      return zones[i];
    }
  }
  std::abort();
}

// Decodes `v` with `read`; if accepted, writes it with `write`, reads that
// back and writes again: both writes must agree, and `same` must hold.
template <typename T, typename Read, typename Write, typename Same>
void RoundTrip(const json::value& v, Read read, Write write, Same same) {
  auto first = read(v);
  if (!first.ok()) return;
  const json::object written = write(*first);
  auto second = read(json::value(written));
  if (!second.ok()) Fail(("a written document was refused: " + second.status().message()).c_str(), written);
  const json::object again = write(*second);
  if (again != written) Fail("the round trip changed the document", again);
  if (!same(*first, *second)) Fail("the round trip changed the value", written);
}

template <typename T, typename Read, typename Same>
void Plain(const json::value& v, Read read, Same same) {
  RoundTrip<T>(v, read, [](const T& x) { return salon::ToJson(x); }, same);
}

template <typename T, typename Read, typename Same>
void Zoned(const json::value& v, Read read, Same same) {
  RoundTrip<T>(v, read, [](const T& x) { return salon::ToJson(x, nullptr); }, same);
  for (const char* name : {"Europe/Dublin", "Pacific/Chatham", "America/St_Johns"}) {
    const salon::TimeZone* zone = Zone(name);
    RoundTrip<T>(v, read, [zone](const T& x) { return salon::ToJson(x, zone); }, same);
  }
}

// Valid entities, the bases of merge patches.
const char* const kSalon =
    R"({"name":"Test Salon","currency":"EUR","country":"IE"})";
const char* const kBranch = R"({"name":"Main","timezone":"Europe/Dublin","slot_minutes":15,
    "opening_hours":{"mon":[["09:00","18:00"]]},"sms_sender":"Salon"})";
const char* const kStaff = R"({"name":"Ann","branch_id":"br_1",
    "hours":{"mon":[["09:00","13:00"],["14:00","18:00"]]},"service_ids":["svc_1"]})";
const char* const kService = R"({"name":"Colour","price":{"amount":6000,"currency":"EUR"},
    "phases":[{"minutes":30,"busy":true},{"minutes":45,"busy":false},{"minutes":30,"busy":true}],
    "buffer_minutes":10})";
const char* const kClient = R"({"first_name":"Bo","last_name":"Ryan","phone":"+353871234567",
    "email":"bo@example.com","sms_reminders":true,"sms_marketing":false})";
const char* const kTimeOff =
    R"({"staff_id":"stf_1","start":"2026-11-23T09:00:00Z","end":"2026-11-23T12:00:00+01:00"})";
const char* const kAppointment = R"({"id":"apt_1","status":"booked",
    "start":"2026-11-23T09:00:00Z","end":"2026-11-23T09:30:00Z",
    "created_at":"2026-11-20T12:00:00Z","updated_at":"2026-11-20T12:00:00Z",
    "items":[{"service_id":"svc_1","staff_id":"stf_1","start":"2026-11-23T09:00:00Z",
      "end":"2026-11-23T09:30:00Z","buffer_minutes":0,
      "phases":[{"start":"2026-11-23T09:00:00Z","end":"2026-11-23T09:30:00Z","busy":true}]}]})";

const char* const kProduct = R"({"name":"Gel","sku":"G-1","price":{"amount":850,"currency":"EUR"},
    "tax_rate":2300,"stock":{"br_1":4},"low_stock":2})";
const char* const kSale = R"({"id":"sale_1","salon_id":"sal_1","branch_id":"br_1","number":7,
    "currency":"EUR","prices_include_tax":true,"kind":"sale",
    "lines":[{"kind":"service","service_id":"svc_1","staff_id":"stf_1","name":"Cut","quantity":1,
      "unit_price":{"amount":2500,"currency":"EUR"},"tax_rate":2300,
      "discount":{"percent":12.5,"reason":"loyal"},
      "list":{"amount":2500,"currency":"EUR"},"discounted":{"amount":313,"currency":"EUR"},
      "net":{"amount":1778,"currency":"EUR"},"tax":{"amount":409,"currency":"EUR"},
      "gross":{"amount":2187,"currency":"EUR"},
      "refunded":{"quantity":0,"amount":{"amount":100,"currency":"EUR"}}}],
    "totals":{"subtotal":{"amount":2500,"currency":"EUR"},"discount":{"amount":313,"currency":"EUR"},
      "tax":{"amount":409,"currency":"EUR"},"tips":{"amount":0,"currency":"EUR"},
      "total":{"amount":2187,"currency":"EUR"}},
    "tips":[],"payments":[{"method":"card","amount":{"amount":2187,"currency":"EUR"},"reference":"T"}],
    "change":{"amount":0,"currency":"EUR"},"status":"completed",
    "refunds":[{"id":"ref_1","at":"2026-11-20T12:00:00Z","method":"cash","reason":"r",
      "amount":{"amount":100,"currency":"EUR"},
      "lines":[{"line":0,"quantity":0,"gross":{"amount":100,"currency":"EUR"},
        "net":{"amount":81,"currency":"EUR"},"tax":{"amount":19,"currency":"EUR"}}]}],
    "sold_at":"2026-11-20T12:00:00Z","version":2})";

bool SameItems(const std::vector<salon::AppointmentItem>& a,
               const std::vector<salon::AppointmentItem>& b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (a[i].service_id != b[i].service_id || a[i].staff_id != b[i].staff_id ||
        a[i].span != b[i].span || a[i].phases != b[i].phases ||
        a[i].buffer_minutes != b[i].buffer_minutes) {
      return false;
    }
  }
  return true;
}

void AllReaders(const json::value& v) {
  using namespace salon;
  Plain<Salon>(v, SalonFromJson, [](const Salon& a, const Salon& b) {
    return a.id == b.id && a.name == b.name && a.currency == b.currency &&
           a.country == b.country && a.messaging.templates == b.messaging.templates &&
           a.messaging.reminder_hours == b.messaging.reminder_hours &&
           a.messaging.quiet.start == b.messaging.quiet.start &&
           a.messaging.quiet.end == b.messaging.quiet.end &&
           a.messaging.monthly_segment_budget == b.messaging.monthly_segment_budget &&
           a.version == b.version;
  });
  Plain<Branch>(v, BranchFromJson, [](const Branch& a, const Branch& b) {
    return a.id == b.id && a.salon_id == b.salon_id && a.name == b.name &&
           a.timezone == b.timezone && a.slot_minutes == b.slot_minutes &&
           a.opening_hours == b.opening_hours && a.sms_sender == b.sms_sender &&
           a.version == b.version && a.archived == b.archived;
  });
  Plain<Staff>(v, StaffFromJson, [](const Staff& a, const Staff& b) {
    return a.id == b.id && a.salon_id == b.salon_id && a.branch_id == b.branch_id &&
           a.name == b.name && a.hours == b.hours && a.service_ids == b.service_ids &&
           a.version == b.version && a.archived == b.archived;
  });
  Plain<Service>(v, ServiceFromJson, [](const Service& a, const Service& b) {
    return a.id == b.id && a.salon_id == b.salon_id && a.name == b.name &&
           a.category == b.category && a.price == b.price && a.phases == b.phases &&
           a.buffer_minutes == b.buffer_minutes && a.version == b.version &&
           a.archived == b.archived;
  });
  Plain<Client>(v, ClientFromJson, [](const Client& a, const Client& b) {
    bool same = a.id == b.id && a.salon_id == b.salon_id && a.first_name == b.first_name &&
                a.last_name == b.last_name && a.phone == b.phone && a.email == b.email &&
                a.sms_reminders == b.sms_reminders && a.sms_marketing == b.sms_marketing &&
                a.version == b.version && a.archived == b.archived &&
                a.consent_log.size() == b.consent_log.size();
    for (size_t i = 0; same && i < a.consent_log.size(); ++i) {
      const ConsentChange &x = a.consent_log[i], &y = b.consent_log[i];
      same = x.consent == y.consent && x.given == y.given && x.at == y.at && x.source == y.source;
    }
    return same;
  });
  Zoned<TimeOff>(v, TimeOffFromJson, [](const TimeOff& a, const TimeOff& b) {
    return a.id == b.id && a.salon_id == b.salon_id && a.staff_id == b.staff_id &&
           a.span == b.span && a.reason == b.reason && a.archived == b.archived;
  });
  // The till's documents: equal when they write the same (their == would
  // have to list every field a second time).
  auto same_doc = [](const auto&, const auto&) { return true; };
  Plain<Product>(v, ProductFromJson, same_doc);
  Plain<Voucher>(v, VoucherFromJson, same_doc);
  Zoned<Sale>(v, SaleFromJson, same_doc);
  Zoned<LedgerEntry>(v, LedgerEntryFromJson, same_doc);
  Zoned<StockMove>(v, StockMoveFromJson, same_doc);
  Zoned<CashUp>(v, CashUpFromJson, same_doc);
  Zoned<Appointment>(v, AppointmentFromJson, [](const Appointment& a, const Appointment& b) {
    return a.id == b.id && a.salon_id == b.salon_id && a.branch_id == b.branch_id &&
           a.client_id == b.client_id && a.status == b.status && a.span == b.span &&
           SameItems(a.items, b.items) && a.notes == b.notes && a.source == b.source &&
           a.cancel_reason == b.cancel_reason && a.version == b.version &&
           a.created_at == b.created_at && a.updated_at == b.updated_at;
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  json::value v;  // parsed as request bodies are (depth at most 32)
  if (!salon::ParseJson(std::string_view(reinterpret_cast<const char*>(data), size), v).ok()) {
    return 0;
  }
  g_input = &v;
  AllReaders(v);
  if (const json::object* patch = v.if_object()) {
    for (const char* base : {kSalon, kBranch, kStaff, kService, kClient, kTimeOff, kAppointment,
                             kProduct, kSale}) {
      AllReaders(json::value(salon::MergePatch(json::parse(base).as_object(), *patch)));
    }
  }
  g_input = nullptr;
  return 0;
}
