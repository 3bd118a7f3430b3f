#include "tools/salon_load/day_mix.h"

#include <boost/json.hpp>

#include <array>
#include <cstdint>
#include <deque>
#include <memory>

#include "tools/salon_load/requests.h"

namespace salon::load {
namespace {

namespace json = boost::json;

// An appointment the run booked, as last answered.
struct Booked {
  std::size_t salon = 0;
  std::uint64_t slot = 0;  // booked in slot `slot` (moved: 26 weeks later)
  std::string id, version;
  bool moved = false;
};

// The appointments one driver thread booked, by what may happen to them
// next: booked ones arrive (or are rescheduled or cancelled), arrived ones
// go into the chair, and those in the chair are checked out, which
// completes them.
struct ThreadBook {
  std::deque<Booked> booked, arrived, in_chair;
};

// The mix, in parts of one salon's day; the bounds are cumulative.
enum Part : std::uint64_t {
  kPull304 = 2400,
  kPullFull = kPull304 + 120,
  kSearch = kPullFull + 150,
  kCreate = kSearch + 29,
  kReschedule = kCreate + 3,
  kCancel = kReschedule + 3,
  kStatus = kCancel + 55,
  kCheckout = kStatus + 25,
  kClient = kCheckout + 5,
};
static_assert(kClient == kDayMixRequests);

class DayMixMaker {
 public:
  explicit DayMixMaker(const Workload& w) : w_(w) {}

  HttpRequest Make(int thread, std::uint64_t n) {
    const std::uint64_t r = (n * 2654435761u) % kClient;
    const std::size_t salon = n % w_.salons.size();
    const LoadSalon& s = w_.salons[salon];
    ThreadBook& book = books_[size_t(thread)];
    if (r < kPull304) return PullRequest(w_, s, false);
    if (r < kPullFull) return PullRequest(w_, s, true);
    if (r < kSearch) return AvailabilityRequest(w_, s);
    if (r < kCreate) return Create(book, salon, SlotOf(w_, n, thread));
    if (r < kReschedule) return book.booked.empty() ? StandIn(s) : Reschedule(book);
    if (r < kCancel) return book.booked.empty() ? StandIn(s) : Cancel(book);
    if (r < kStatus) {
      if (!book.arrived.empty()) return StartService(book);
      return book.booked.empty() ? StandIn(s) : Arrive(book);
    }
    if (r < kCheckout) return Checkout(book, s);
    return ClientRequest(s, n * kMaxDriverThreads + std::uint64_t(thread));
  }

 private:
  using Pool = std::deque<Booked> ThreadBook::*;

  // Expects `want`; when it comes, files the appointment (with the id and
  // version answered) in pool `to` of the book, or nowhere when it is done.
  static void Follow(HttpRequest& r, ThreadBook& book, Booked b, Pool to, int want) {
    r.expected = {want};
    if (!to) return;
    r.on_answer = [&book, b = std::move(b), to, want](int status, const std::string& body) mutable {
      if (status != want) return;
      boost::system::error_code ec;
      json::value v = json::parse(body, ec);
      if (ec || !v.is_object()) return;
      const json::object& o = v.as_object();
      if (const json::value* id = o.if_contains("id"); id && id->is_string()) {
        b.id = std::string(id->as_string());
      }
      if (const json::value* version = o.if_contains("version")) {
        b.version = "\"" + json::serialize(*version) + "\"";
      }
      (book.*to).push_back(std::move(b));
    };
  }

  // While a thread has nothing booked at hand.
  HttpRequest StandIn(const LoadSalon& s) const { return PullRequest(w_, s, false); }

  // Takes the oldest appointment of a pool.
  static Booked Take(std::deque<Booked>& pool) {
    Booked b = std::move(pool.front());
    pool.pop_front();
    return b;
  }

  HttpRequest Change(const Booked& b, const char* kind, std::string method, std::string path,
                     std::string body) const {
    const LoadSalon& s = w_.salons[b.salon];
    HttpRequest r;
    r.kind = kind;
    r.method = std::move(method);
    r.target = "/v1/salons/" + s.id + "/appointments/" + b.id + path;
    r.body = std::move(body);
    r.headers = {{"Authorization", "Bearer " + s.key}, {"If-Match", b.version}};
    return r;
  }

  HttpRequest Create(ThreadBook& book, std::size_t salon, std::uint64_t slot) const {
    HttpRequest r = BookingRequest(w_.salons[salon], w_, slot);
    Follow(r, book, Booked{salon, slot, "", "", false}, &ThreadBook::booked, 201);
    return r;
  }

  // Moves to the slot 26 weeks later (a year's rounds of `capacity` apart
  // leave that free), or back.
  HttpRequest Reschedule(ThreadBook& book) const {
    Booked b = Take(book.booked);
    b.moved = !b.moved;
    const std::string start = SlotStart(w_, w_.salons[b.salon], b.slot, b.moved ? 26 : 0);
    HttpRequest r = Change(b, "reschedule", "PATCH", "",
                           json::serialize(json::object{{"start", start}}));
    Follow(r, book, std::move(b), &ThreadBook::booked, 200);
    return r;
  }

  HttpRequest Cancel(ThreadBook& book) const {
    HttpRequest r = Change(Take(book.booked), "cancel", "POST", "/cancel",
                           R"({"reason":"client called"})");
    Follow(r, book, {}, nullptr, 200);
    return r;
  }

  // Arrives (1 in 10 a no-show, which ends it).
  HttpRequest Arrive(ThreadBook& book) const {
    Booked b = Take(book.booked);
    const bool no_show = b.slot % 10 == 7;
    HttpRequest r = Change(b, "status", "POST", "/status",
                           no_show ? R"({"status":"no_show"})" : R"({"status":"arrived"})");
    Follow(r, book, std::move(b), no_show ? nullptr : &ThreadBook::arrived, 200);
    return r;
  }

  // Into the chair: the status a checkout then completes.
  HttpRequest StartService(ThreadBook& book) const {
    Booked b = Take(book.arrived);
    HttpRequest r = Change(b, "status", "POST", "/status", R"({"status":"in_progress"})");
    Follow(r, book, std::move(b), &ThreadBook::in_chair, 200);
    return r;
  }

  // Pays for an appointment in the chair, else an arrived one, else a
  // booked one (a desk that skipped the steps), which completes it and ends
  // it here; else a walk-in buys the salon's product.
  HttpRequest Checkout(ThreadBook& book, const LoadSalon& s) const {
    std::deque<Booked>& pool = !book.in_chair.empty() ? book.in_chair
                               : !book.arrived.empty() ? book.arrived
                                                       : book.booked;
    if (pool.empty()) return ProductSaleRequest(s);
    const Booked b = Take(pool);
    HttpRequest r = AppointmentSaleRequest(w_.salons[b.salon], b.id);
    Follow(r, book, {}, nullptr, 201);
    return r;
  }

  const Workload& w_;
  std::array<ThreadBook, kMaxDriverThreads> books_;  // each used by its thread only
};

}  // namespace

RequestMaker DayMix(const Workload& w) {
  auto maker = std::make_shared<DayMixMaker>(w);
  return [maker](int thread, std::uint64_t n) { return maker->Make(thread, n); };
}

}  // namespace salon::load
