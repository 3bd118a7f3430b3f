#include "codec/entity_json.h"

#include "codec/json_fields.h"
#include "codec/json_reader.h"
#include "core/country_codes.h"
#include "core/message_template.h"

namespace salon {

namespace json = boost::json;

namespace {

constexpr const char* kDayKeys[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};


json::object ToJson(const MessagingSettings& m) {
  json::object templates;
  for (MessageKind k : kMessageKinds) templates[KindName(k)] = m.Template(k);
  return {{"templates", std::move(templates)},
          {"reminder_hours", m.reminder_hours},
          {"quiet_hours", json::object{{"start", FormatClockTime(m.quiet.start)},
                                       {"end", FormatClockTime(m.quiet.end)}}},
          {"monthly_segment_budget", m.monthly_segment_budget}};
}

void ReadClockTime(JsonReader& r, std::string_view key, int& out) {
  auto text = r.String(key, Need::kRequired, 5);
  if (!text) return;
  auto t = ParseClockTime(*text);
  if (!t.ok() || *t >= 24 * 60) {
    r.ValueError(r.Field(key), "must be a time of day such as 21:00");
  } else {
    out = *t;
  }
}

void ReadMessaging(JsonReader& parent, std::string_view key, MessagingSettings& m) {
  const json::object* o = parent.Object(key, Need::kOptional);
  if (o == nullptr) return;
  JsonReader r(*o, parent.Field(key) + ".");
  if (const json::object* t = r.Object("templates", Need::kOptional)) {
    JsonReader tr(*t, r.Field("templates") + ".");
    for (MessageKind k : kMessageKinds) {
      auto text = tr.String(KindName(k), Need::kOptional, 1000);
      if (!text) continue;
      Status valid = CheckTemplate(*text, Placeholders(k));
      if (text->empty()) {
        tr.ValueError(tr.Field(KindName(k)), "must not be empty");
      } else if (!valid.ok()) {
        tr.ValueError(tr.Field(KindName(k)), valid.message());
      }
      m.templates[size_t(k)] = *text == DefaultTemplate(k) ? "" : *text;
    }
    tr.RejectUnknown();
    r.Absorb(std::move(tr));
  }
  if (auto h = r.Int("reminder_hours", Need::kOptional)) {
    if (*h < 1 || *h > 168) r.ValueError(r.Field("reminder_hours"), "must be from 1 to 168");
    m.reminder_hours = int(*h);
  }
  if (const json::object* q = r.Object("quiet_hours", Need::kOptional)) {
    JsonReader qr(*q, r.Field("quiet_hours") + ".");
    ReadClockTime(qr, "start", m.quiet.start);
    ReadClockTime(qr, "end", m.quiet.end);
    qr.RejectUnknown();
    r.Absorb(std::move(qr));
  }
  if (auto b = r.Int("monthly_segment_budget", Need::kOptional)) {
    if (*b < 0) r.ValueError(r.Field("monthly_segment_budget"), "must not be negative");
    m.monthly_segment_budget = *b;
  }
  r.RejectUnknown();
  parent.Absorb(std::move(r));
}


}  // namespace

json::object ToJson(const Money& m) { return AmountJson(m.amount, m.currency); }

json::object AmountJson(std::int64_t amount, const std::string& currency) {
  return {{"amount", amount}, {"currency", currency}};
}

json::object ToJson(const WeeklyHours& hours) {
  json::object o;
  for (int d = 0; d < 7; ++d) {
    if (hours[d].empty()) continue;
    json::array spans;
    for (const WorkingSpan& s : hours[d]) {
      spans.push_back(json::array{json::string(FormatClockTime(s.start_minute)),
                                  json::string(FormatClockTime(s.end_minute))});
    }
    o[kDayKeys[d]] = std::move(spans);
  }
  return o;
}

json::object ToJson(const Salon& s) {
  return {{"id", s.id.value},     {"name", s.name},
          {"currency", s.currency}, {"country", s.country},
          {"messaging", ToJson(s.messaging)}, {"prices_include_tax", s.prices_include_tax},
          {"version", s.version}};
}

json::object ToJson(const Branch& b) {
  json::object o{{"id", b.id.value},           {"salon_id", b.salon_id.value},
                 {"name", b.name},             {"timezone", b.timezone},
                 {"slot_minutes", b.slot_minutes}, {"version", b.version},
                 {"archived", b.archived}};
  if (b.opening_hours) o["opening_hours"] = ToJson(*b.opening_hours);
  if (!b.sms_sender.empty()) o["sms_sender"] = b.sms_sender;
  o["online_booking"] = b.online_booking;
  return o;
}

json::object ToJson(const Staff& s) {
  return {{"id", s.id.value},
          {"salon_id", s.salon_id.value},
          {"branch_id", s.branch_id.value},
          {"name", s.name},
          {"hours", ToJson(s.hours)},
          {"service_ids", IdArray(s.service_ids.ids())},
          {"commission", json::object{{"services", s.commission.services_bp},
                                      {"products", s.commission.products_bp}}},
          {"version", s.version},
          {"archived", s.archived}};
}

json::object ToJson(const Service& s) {
  json::array phases;
  for (const Phase& p : s.phases) {
    phases.push_back(json::object{{"minutes", p.minutes}, {"busy", p.busy}});
  }
  return {{"id", s.id.value},
          {"salon_id", s.salon_id.value},
          {"name", s.name},
          {"category", s.category},
          {"price", ToJson(s.price)},
          {"phases", std::move(phases)},
          {"duration_minutes", s.DurationMinutes()},
          {"buffer_minutes", s.buffer_minutes},
          {"tax_rate", s.tax_rate_bp},
          {"version", s.version},
          {"archived", s.archived}};
}

json::object ToJson(const Client& c) {
  json::object o{{"id", c.id.value},
                 {"salon_id", c.salon_id.value},
                 {"first_name", c.first_name},
                 {"last_name", c.last_name},
                 {"phone", c.phone},
                 {"sms_reminders", c.sms_reminders},
                 {"sms_marketing", c.sms_marketing},
                 {"version", c.version},
                 {"archived", c.archived}};
  if (!c.email.empty()) o["email"] = c.email;
  json::array log;
  for (const ConsentChange& change : c.consent_log) {
    log.push_back(json::object{{"consent", change.consent},
                               {"given", change.given},
                               {"at", FormatUtc(change.at)},
                               {"source", change.source}});
  }
  o["consent_log"] = std::move(log);
  return o;
}

json::object ToJson(const TimeOff& t, const TimeZone* zone) {
  return {{"id", t.id.value},
          {"salon_id", t.salon_id.value},
          {"staff_id", t.staff_id.value},
          {"start", TimeText(t.span.start, zone)},
          {"end", TimeText(t.span.end, zone)},
          {"reason", t.reason},
          {"archived", t.archived}};
}

json::object ToJson(const Appointment& a, const TimeZone* zone) {
  json::array items;
  for (const AppointmentItem& item : a.items) {
    json::array phases;
    for (const PhaseSlot& p : item.phases) {
      phases.push_back(json::object{{"start", TimeText(p.span.start, zone)},
                                    {"end", TimeText(p.span.end, zone)},
                                    {"busy", p.busy}});
    }
    items.push_back(json::object{{"service_id", item.service_id.value},
                                 {"staff_id", item.staff_id.value},
                                 {"start", TimeText(item.span.start, zone)},
                                 {"end", TimeText(item.span.end, zone)},
                                 {"buffer_minutes", item.buffer_minutes},
                                 {"phases", std::move(phases)}});
  }
  json::object o{{"id", a.id.value},
                 {"salon_id", a.salon_id.value},
                 {"branch_id", a.branch_id.value},
                 {"client_id", a.client_id.value},
                 {"status", ToString(a.status)},
                 {"start", TimeText(a.span.start, zone)},
                 {"end", TimeText(a.span.end, zone)},
                 {"items", std::move(items)},
                 {"notes", a.notes},
                 {"source", a.source},
                 {"version", a.version},
                 {"created_at", TimeText(a.created_at, zone)},
                 {"updated_at", TimeText(a.updated_at, zone)}};
  if (!a.cancel_reason.empty()) o["cancel_reason"] = a.cancel_reason;
  return o;
}

namespace {

// Reads a required WeeklyHours object at `key`, validated.
void ReadHours(JsonReader& r, std::string_view key, WeeklyHours& hours) {
  const json::object* o = r.Object(key, Need::kRequired);
  if (o == nullptr) return;
  JsonReader days(*o, std::string(key) + ".");
  for (int d = 0; d < 7; ++d) {
    const json::array* spans = days.Array(kDayKeys[d], Need::kOptional);
    if (spans == nullptr) continue;
    if (spans->size() > 12) days.ValueError(days.Field(kDayKeys[d]), "at most 12 spans a day");
    for (const json::value& span : *spans) {
      const json::array* pair = span.if_array();
      if (pair == nullptr || pair->size() != 2 || !(*pair)[0].is_string() ||
          !(*pair)[1].is_string()) {
        days.ShapeError(days.Field(kDayKeys[d]), "each span is [\"HH:MM\", \"HH:MM\"]");
        break;
      }
      auto start = ParseClockTime((*pair)[0].get_string());
      auto end = ParseClockTime((*pair)[1].get_string());
      if (!start.ok() || !end.ok()) {
        days.ValueError(days.Field(kDayKeys[d]), "times are HH:MM from 00:00 to 24:00");
        break;
      }
      hours[d].push_back({*start, *end});
    }
  }
  days.RejectUnknown();
  if (days.ok()) {
    const Status valid = ValidateHours(hours);
    for (const FieldError& e : valid.errors()) {
      days.ValueError(std::string(key) + e.field.substr(e.field.find('.')), e.message);
    }
  }
  r.Absorb(std::move(days));
}

template <typename IdT>
void ReadIdArray(JsonReader& r, std::string_view key, std::vector<IdT>& out, Need need) {
  const json::array* a = r.Array(key, need);
  if (a == nullptr) return;
  if (a->size() > 500) r.ValueError(r.Field(key), "at most 500 ids");
  for (const json::value& v : *a) {
    if (!v.is_string()) {
      r.ShapeError(r.Field(key), "must be an array of id strings");
      return;
    }
    out.push_back(IdT{std::string(v.get_string())});
  }
}

}  // namespace

Result<Salon> SalonFromJson(const json::value& v) {
  JsonReader r(v);
  Salon s;
  ReadId(r, "id", s.id);
  if (auto x = r.Name("name", Need::kRequired, 200)) s.name = *x;
  if (auto x = r.String("currency", Need::kRequired, 3)) s.currency = *x;
  if (auto x = r.String("country", Need::kRequired, 2)) s.country = *x;
  ReadMessaging(r, "messaging", s.messaging);
  if (auto x = r.Bool("prices_include_tax", Need::kOptional)) s.prices_include_tax = *x;
  ReadVersion(r, s.version);
  r.RejectUnknown();
  if (r.ok()) {
    if (s.name.empty()) r.ValueError("name", "must not be empty");
    if (!IsCurrencyCode(s.currency)) {
      r.ValueError("currency", "must be an ISO 4217 code such as EUR");
    }
    if (s.country.size() != 2 || !std::isupper(uint8_t(s.country[0])) ||
        !std::isupper(uint8_t(s.country[1]))) {
      r.ValueError("country", "must be an ISO 3166-1 alpha-2 code such as IE");
    }
  }
  SALON_RETURN_IF_ERROR(r.Finish("the salon"));
  return s;
}

Result<Branch> BranchFromJson(const json::value& v) {
  JsonReader r(v);
  Branch b;
  ReadId(r, "id", b.id);
  ReadId(r, "salon_id", b.salon_id);
  if (auto x = r.Name("name", Need::kRequired, 200)) b.name = *x;
  if (auto x = r.String("timezone", Need::kRequired, 64)) b.timezone = *x;
  if (auto x = r.Int("slot_minutes", Need::kOptional)) b.slot_minutes = int(*x);
  if (auto x = r.Bool("archived", Need::kOptional)) b.archived = *x;
  if (r.Has("opening_hours")) {
    b.opening_hours.emplace();
    ReadHours(r, "opening_hours", *b.opening_hours);
  }
  if (auto x = r.String("sms_sender", Need::kOptional, 16)) b.sms_sender = *x;
  if (auto x = r.Bool("online_booking", Need::kOptional)) b.online_booking = *x;
  ReadVersion(r, b.version);
  r.RejectUnknown();
  if (r.ok()) {
    if (b.name.empty()) r.ValueError("name", "must not be empty");
    if (!TimeZone::Find(b.timezone).ok()) {
      r.ValueError("timezone", "is not an IANA time zone such as Europe/Dublin");
    }
    if (b.slot_minutes < 5 || b.slot_minutes > 120 || 1440 % b.slot_minutes != 0) {
      r.ValueError("slot_minutes", "must divide a day, from 5 to 120");
    }
    if (!b.sms_sender.empty() && !IsSenderId(b.sms_sender)) {
      r.ValueError("sms_sender",
                   "must be up to 11 letters, digits or spaces, or a phone number");
    }
  }
  SALON_RETURN_IF_ERROR(r.Finish("the branch"));
  return b;
}


Result<Staff> StaffFromJson(const json::value& v) {
  JsonReader r(v);
  Staff s;
  ReadId(r, "id", s.id);
  ReadId(r, "salon_id", s.salon_id);
  ReadId(r, "branch_id", s.branch_id, Need::kRequired);
  if (auto x = r.Name("name", Need::kRequired, 200)) s.name = *x;
  ReadHours(r, "hours", s.hours);
  std::vector<ServiceId> service_ids;
  ReadIdArray(r, "service_ids", service_ids, Need::kOptional);
  s.service_ids = std::move(service_ids);
  if (const json::object* c = r.Object("commission", Need::kOptional)) {
    JsonReader cr(*c, "commission.");  // basis points, 0–10000
    for (auto [key, bp] : {std::pair{"services", &s.commission.services_bp},
                           std::pair{"products", &s.commission.products_bp}}) {
      auto x = cr.Int(key, Need::kOptional);
      if (x && (*x < 0 || *x > 10000)) {
        cr.ValueError(cr.Field(key), "must be 0 to 10000 basis points");
      } else if (x) {
        *bp = int(*x);
      }
    }
    cr.RejectUnknown();
    r.Absorb(std::move(cr));
  }
  if (auto x = r.Bool("archived", Need::kOptional)) s.archived = *x;
  ReadVersion(r, s.version);
  r.RejectUnknown();
  if (r.ok()) {
    if (s.name.empty()) r.ValueError("name", "must not be empty");
  }
  SALON_RETURN_IF_ERROR(r.Finish("the staff member"));
  return s;
}

Result<Service> ServiceFromJson(const json::value& v) {
  JsonReader r(v);
  Service s;
  ReadId(r, "id", s.id);
  ReadId(r, "salon_id", s.salon_id);
  if (auto x = r.Name("name", Need::kRequired, 200)) s.name = *x;
  if (auto x = r.String("category", Need::kOptional, 100)) s.category = *x;
  auto price = ReadMoney(r, "price");
  if (price.ok()) s.price = *price;
  if (const json::array* phases = r.Array("phases", Need::kOptional)) {
    for (size_t i = 0; i < phases->size(); ++i) {
      JsonReader p((*phases)[i], "phases[" + std::to_string(i) + "].");
      Phase phase;
      if (auto m = p.Int("minutes", Need::kRequired)) phase.minutes = int(std::clamp(*m, -1LL, 100000LL));
      if (auto b = p.Bool("busy", Need::kOptional)) phase.busy = *b;
      p.RejectUnknown();
      s.phases.push_back(phase);
      r.Absorb(std::move(p));
    }
  }
  auto duration = r.Int("duration_minutes", Need::kOptional);
  if (s.phases.empty() && duration) {
    s.phases.push_back({int(std::clamp(*duration, -1LL, 100000LL)), true});
  } else if (s.phases.empty()) {
    r.ValueError("phases", "give phases or duration_minutes");
  }
  if (auto x = r.Int("buffer_minutes", Need::kOptional)) s.buffer_minutes = int(std::clamp(*x, -1LL, 100000LL));
  if (auto x = r.Int("tax_rate", Need::kOptional)) s.tax_rate_bp = int(std::clamp(*x, -1LL, 100000LL));
  if (auto x = r.Bool("archived", Need::kOptional)) s.archived = *x;
  ReadVersion(r, s.version);
  r.RejectUnknown();
  if (r.ok()) {
    Status valid = ValidateService(s);
    for (const FieldError& e : valid.errors()) r.ValueError(e.field, e.message);
    if (duration && *duration != s.DurationMinutes()) {
      r.ValueError("duration_minutes", "must equal the sum of the phases");
    }
  }
  SALON_RETURN_IF_ERROR(r.Finish("the service"));
  return s;
}

Result<Client> ClientFromJson(const json::value& v) {
  JsonReader r(v);
  Client c;
  ReadId(r, "id", c.id);
  ReadId(r, "salon_id", c.salon_id);
  if (auto x = r.Name("first_name", Need::kRequired, 100)) c.first_name = *x;
  if (auto x = r.Name("last_name", Need::kOptional, 100)) c.last_name = *x;
  if (auto x = r.String("phone", Need::kRequired, 32)) c.phone = *x;
  if (auto x = r.String("email", Need::kOptional, 254)) c.email = *x;
  if (auto x = r.Bool("sms_reminders", Need::kOptional)) c.sms_reminders = *x;
  if (auto x = r.Bool("sms_marketing", Need::kOptional)) c.sms_marketing = *x;
  if (auto x = r.Bool("archived", Need::kOptional)) c.archived = *x;
  // The log is kept by the server (LogConsentChanges); what a request says is ignored.
  if (const json::array* log = r.Array("consent_log", Need::kOptional)) {
    for (const json::value& v : *log) {
      const json::object* o = v.if_object();
      if (o == nullptr) continue;
      JsonReader lr(*o, "consent_log[].");
      ConsentChange change;
      if (auto x = lr.String("consent", Need::kOptional, 32)) change.consent = *x;
      if (auto x = lr.Bool("given", Need::kOptional)) change.given = *x;
      if (auto x = lr.String("at", Need::kOptional, 64)) {
        if (auto t = ParseInstant(*x); t.ok()) change.at = *t;
      }
      if (auto x = lr.String("source", Need::kOptional, 64)) change.source = *x;
      c.consent_log.push_back(std::move(change));
    }
  }
  ReadVersion(r, c.version);
  r.RejectUnknown();
  if (r.ok()) {
    CheckClientFields(r, c.first_name, c.phone, c.email);
  }
  SALON_RETURN_IF_ERROR(r.Finish("the client"));
  return c;
}

void CheckClientFields(JsonReader& r, const std::string& first_name, const std::string& phone,
                       const std::string& email) {
  // A stored client reads as it was stored: online booking stored clients
  // without these checks until 2026-12-04, and each must still list.
  if (!JsonReader::ForRequest()) return;
  if (first_name.empty()) r.ValueError(r.Field("first_name"), "must not be empty");
  if (!IsE164(phone)) {
    r.ValueError(r.Field("phone"), "must be E.164, such as +353871234567");
  } else if (CountryCallingCode(phone) == 0) {
    r.ValueError(r.Field("phone"), "does not begin with a country calling code in use");
  }
  if (!email.empty() && email.find('@') == std::string::npos) {
    r.ValueError(r.Field("email"), "is not an email address");
  }
}

Result<TimeOff> TimeOffFromJson(const json::value& v) {
  JsonReader r(v);
  TimeOff t;
  ReadId(r, "id", t.id);
  ReadId(r, "salon_id", t.salon_id);
  ReadId(r, "staff_id", t.staff_id);
  ReadInstant(r, "start", t.span.start);
  ReadInstant(r, "end", t.span.end);
  if (auto x = r.String("reason", Need::kOptional, 500)) t.reason = *x;
  if (auto x = r.Bool("archived", Need::kOptional)) t.archived = *x;
  r.RejectUnknown();
  if (r.ok() && t.span.end <= t.span.start) r.ValueError("end", "must be after start");
  if (r.ok() && t.span.end - t.span.start > std::chrono::days(366)) {
    r.ValueError("end", "time off lasts at most a year");
  }
  SALON_RETURN_IF_ERROR(r.Finish("the time off"));
  return t;
}

Result<Appointment> AppointmentFromJson(const json::value& v) {
  // Appointments are only read from the store; their requests have their own
  // shape (app/appointment_request.h).
  JsonReader r(v);
  Appointment a;
  ReadId(r, "id", a.id);
  ReadId(r, "salon_id", a.salon_id);
  ReadId(r, "branch_id", a.branch_id);
  ReadId(r, "client_id", a.client_id);
  if (auto s = r.String("status", Need::kRequired)) {
    auto st = ParseAppointmentStatus(*s);
    if (st) a.status = *st;
  }
  ReadInstant(r, "start", a.span.start);
  ReadInstant(r, "end", a.span.end);
  ReadInstant(r, "created_at", a.created_at);
  ReadInstant(r, "updated_at", a.updated_at);
  if (auto x = r.String("notes", Need::kOptional, 100000)) a.notes = *x;
  if (auto x = r.String("source", Need::kOptional)) a.source = *x;
  if (auto x = r.String("cancel_reason", Need::kOptional)) a.cancel_reason = *x;
  ReadVersion(r, a.version);
  if (const json::array* items = r.Array("items", Need::kRequired)) {
    for (const json::value& iv : *items) {
      JsonReader ir(iv);
      AppointmentItem item;
      ReadId(ir, "service_id", item.service_id);
      ReadId(ir, "staff_id", item.staff_id);
      ReadInstant(ir, "start", item.span.start);
      ReadInstant(ir, "end", item.span.end);
      if (auto b = ir.Int("buffer_minutes", Need::kOptional)) item.buffer_minutes = int(*b);
      if (const json::array* phases = ir.Array("phases", Need::kRequired)) {
        for (const json::value& pv : *phases) {
          JsonReader pr(pv);
          PhaseSlot p;
          ReadInstant(pr, "start", p.span.start);
          ReadInstant(pr, "end", p.span.end);
          if (auto b = pr.Bool("busy", Need::kRequired)) p.busy = *b;
          item.phases.push_back(p);
          ir.Absorb(std::move(pr));
        }
      }
      a.items.push_back(std::move(item));
      r.Absorb(std::move(ir));
    }
  }
  SALON_RETURN_IF_ERROR(r.Finish("the appointment"));
  return a;
}

json::object MergePatch(json::object base, const json::object& patch) {
  for (const auto& kv : patch) {
    if (kv.value().is_null()) {
      base.erase(kv.key());
    } else if (kv.value().is_object() && base.contains(kv.key()) &&
               base.at(kv.key()).is_object()) {
      base[kv.key()] = MergePatch(std::move(base.at(kv.key()).as_object()),
                                  kv.value().as_object());
    } else {
      base[kv.key()] = kv.value();
    }
  }
  return base;
}

}  // namespace salon
