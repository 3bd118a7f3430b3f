#include "sales/tips.h"

#include <algorithm>
#include <cstddef>

#include "sales/apportion.h"

namespace salon {
namespace {

bool Contains(const std::vector<std::string>& ids, const std::string& id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

// Each staff member's service value: the gross of their service lines.
std::int64_t ServiceValue(const std::string& staff_id, const std::vector<PricedLine>& lines) {
  std::int64_t value = 0;
  for (const PricedLine& p : lines) {
    if (p.line.kind == LineKind::kService && p.line.staff_id == staff_id && p.gross > 0) {
      value += p.gross;  // sums of a priced cart's lines fit: PriceCart checked them
    }
  }
  return value;
}

}  // namespace

Result<std::vector<TipShare>> SplitTip(std::int64_t tip, const std::vector<PricedLine>& lines,
                                       const std::vector<std::string>& only) {
  if (tip < 0) return Status::Invalid("invalid tip", {FieldError{"tip", "must not be negative"}});
  std::vector<std::string> on_lines;  // every staff member of the sale, in line order
  std::vector<std::string> serving;   // those of the service lines, in line order
  for (const PricedLine& p : lines) {
    const std::string& id = p.line.staff_id;
    if (id.empty()) continue;
    if (!Contains(on_lines, id)) on_lines.push_back(id);
    if (p.line.kind == LineKind::kService && !Contains(serving, id)) serving.push_back(id);
  }
  for (const std::string& id : only) {
    if (!Contains(on_lines, id)) {
      return Status::Invalid(
          "invalid tip", {FieldError{"tip.staff_ids", "'" + id + "' is on no line of the sale"}});
    }
  }

  // Who receives it, in line order: the chosen, else the service staff,
  // else anyone on the sale.
  std::vector<std::string> recipients;
  if (!only.empty()) {
    for (const std::string& id : on_lines) {
      if (Contains(only, id)) recipients.push_back(id);
    }
  } else {
    recipients = serving.empty() ? on_lines : serving;
  }
  if (tip == 0) return std::vector<TipShare>{};
  if (recipients.empty()) {
    return Status::Invalid("invalid tip", {FieldError{"tip", "no staff member to receive it"}});
  }

  std::vector<std::int64_t> weights;
  weights.reserve(recipients.size());
  for (const std::string& id : recipients) weights.push_back(ServiceValue(id, lines));
  // By service value, or equally when none of them has any.
  if (std::all_of(weights.begin(), weights.end(), [](std::int64_t w) { return w == 0; })) {
    std::fill(weights.begin(), weights.end(), 1);
  }
  const std::vector<std::int64_t> amounts = Apportion(tip, weights);
  std::vector<TipShare> shares;
  shares.reserve(recipients.size());
  for (std::size_t i = 0; i < recipients.size(); ++i) {
    shares.push_back({recipients[i], amounts[i]});
  }
  return shares;
}

}  // namespace salon
