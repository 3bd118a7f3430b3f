#include "app/cash_ups.h"

#include <climits>

#include "app/answered_write.h"
#include "app/ledger_book.h"
#include "app/records.h"
#include "app/till_rows.h"

namespace salon {

namespace {

// How far the instants of postings may run out of their sequence's order:
// processes sharing a database stamp them by their own clocks. Entries this
// far beyond a window's instants are read too, and its bounds decide.
constexpr std::chrono::seconds kClockSlack{300};

// The ledger entries of `branch` in window `w`.
Result<std::vector<LedgerEntry>> EntriesIn(ReadTxn& txn, const SalonId& salon,
                                           const BranchId& branch, const CashUpWindow& w) {
  ListQuery q = PageQuery(salon, PageRequest{});
  q.parent_ids = {branch.value};
  q.overlap = std::pair{UnixSeconds(w.from.at - kClockSlack), UnixSeconds(w.to.at + kClockSlack)};
  SALON_ASSIGN_OR_RETURN(std::vector<LedgerEntry> read, ListAll<LedgerEntry>(txn, q));
  std::vector<LedgerEntry> out;
  for (LedgerEntry& e : read) {
    if (w.Contains(PointOf(e))) out.push_back(std::move(e));
  }
  return out;
}

// `branch`'s cash-up of `date`, if it has one.
Result<std::optional<CashUp>> Find(RecordReader& txn, const SalonId& salon, const BranchId& branch,
                                   LocalDate date) {
  auto r = txn.Get(Kind::kCashUp, salon, CashUpIdOf(branch, date).value);
  if (!r) return std::optional<CashUp>();
  SALON_ASSIGN_OR_RETURN(CashUp c, FromRecord<CashUp>(*r));
  return std::optional<CashUp>(std::move(c));
}

}  // namespace

Result<bool> CashedUp(RecordReader& txn, const SalonId& salon, const BranchId& branch,
                      const TimeZone& zone, const TillPoint& p) {
  const LocalDate date = zone.DateOf(p.at);
  SALON_ASSIGN_OR_RETURN(std::optional<CashUp> own, Find(txn, salon, branch, date));
  const LocalDate day =
      CashUpDayOf(zone, p, own ? std::optional<TillPoint>(own->to) : std::nullopt);
  if (day == date) return own.has_value();
  return txn.Get(Kind::kCashUp, salon, CashUpIdOf(branch, day).value).has_value();
}

Result<Answer> CashUps::Close(const SalonId& salon, const BranchId& branch,
                              const CashUpRequest& req, const Answering<CashUpView>& how) {
  return WriteAnswered(store_, clock_, salon, how, [&](WriteTxn& txn) -> Result<CashUpView> {
    const Instant now = clock_.Now();
    SALON_ASSIGN_OR_RETURN(Salon s, Load<Salon>(txn, salon, salon.value));
    SALON_RETURN_IF_ERROR(CheckCurrency(req.currency, s));
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, branch));
    // The salon's writes are serialised: a cash-up of this day made
    // concurrently is either seen here or waits for this one to commit.
    const CashUpId id = CashUpIdOf(branch, req.date);
    if (txn.Get(Kind::kCashUp, salon, id.value)) {
      return Status::Conflict("the branch's " + FormatDate(req.date) + " is cashed up already");
    }
    SALON_ASSIGN_OR_RETURN(std::optional<CashUp> previous,
                           Find(txn, salon, branch, req.date - date::days(1)));
    // Its place among the branch's postings: all posted so far come before.
    const TillPoint here{now, txn.NextNumber(salon, PostingScope(branch))};
    SALON_ASSIGN_OR_RETURN(
        CashUpWindow window,
        CashUpWindowOf(zone, req.date,
                       previous ? std::optional<TillPoint>(previous->to) : std::nullopt, here));
    SALON_ASSIGN_OR_RETURN(std::vector<LedgerEntry> entries,
                           EntriesIn(txn, salon, branch, window));
    SALON_ASSIGN_OR_RETURN(Reconciliation figures,
                           Reconcile(req.float_amount, req.counted, entries));

    CashUp c;
    c.id = id;
    c.salon_id = salon;
    c.branch_id = branch;
    c.date = req.date;
    c.currency = s.currency;
    c.float_amount = req.float_amount;
    c.expected = std::move(figures.expected);
    c.counted = req.counted;
    c.difference = std::move(figures.difference);
    c.cash_to_bank = figures.cash_to_bank;
    c.from = window.from;
    c.to = window.to;
    c.closed_at = window.to.at;
    const std::int64_t cash_difference = c.difference[PaymentMethod::kCash];
    if (cash_difference != 0) {
      LedgerEntry e;
      e.salon_id = salon;
      e.branch_id = branch;
      e.posted_at = now;  // numbered after the cash-up: outside the day it corrects
      e.source = kCashUpSource;
      e.currency = s.currency;
      e.postings = OverShortPostings(cash_difference);
      SALON_ASSIGN_OR_RETURN(c.over_short_entry, PostEntry(txn, ids_, std::move(e)));
    }
    Save(txn, c);
    return CashUpView{std::move(c), zone};
  });
}

Result<CashUpView> CashUps::Get(const SalonId& salon, const BranchId& branch, LocalDate date) {
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<CashUpView> {
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, branch));
    SALON_ASSIGN_OR_RETURN(CashUp c, Load<CashUp>(txn, salon, CashUpIdOf(branch, date).value));
    return CashUpView{std::move(c), zone};
  });
}

Result<Page<CashUpView>> CashUps::List(const SalonId& salon, const BranchId& branch,
                                       const CashUpFilter& filter) {
  ListQuery q = PageQuery(salon, filter.page);
  q.parent_ids = {branch.value};
  if (filter.from || filter.to) {
    q.overlap = std::pair{filter.from ? CashUpDayKey(*filter.from) : LLONG_MIN / 2,
                          filter.to ? CashUpDayKey(*filter.to) + 86400 : LLONG_MAX / 2};
  }
  return ReadResult(store_, [&](ReadTxn& txn) -> Result<Page<CashUpView>> {
    SALON_ASSIGN_OR_RETURN(TimeZone zone, ZoneOf(txn, salon, branch));
    SALON_ASSIGN_OR_RETURN(Page<CashUp> page, salon::List<CashUp>(txn, q));
    Page<CashUpView> out;
    out.next = page.next;
    for (CashUp& c : page.items) out.items.push_back({std::move(c), zone});
    return out;
  });
}

}  // namespace salon
