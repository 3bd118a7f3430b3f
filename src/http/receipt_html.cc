#include "http/receipt_html.h"

#include "base/money.h"

namespace salon::http {

namespace {

// Text as HTML character data and attribute values.
std::string Escape(const std::string& text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string Row(const std::string& label, const std::string& value,
                const char* css_class = "") {
  return std::string("<tr class=\"") + css_class + "\"><td>" + label +
         "</td><td class=\"n\">" + value + "</td></tr>\n";
}

}  // namespace

std::string ReceiptHtml(const ReceiptView& receipt) {
  const Sale& s = receipt.sale.sale;
  const TimeZone& zone = receipt.sale.zone;
  auto money = [&](std::int64_t amount) { return Escape(FormatMoney(amount, s.currency)); };
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width\">\n<title>Receipt " +
      std::to_string(s.number) + "</title>\n<style>"
      "body{font:14px/1.4 monospace;max-width:80mm;margin:0 auto;padding:4mm}"
      "h1{font-size:16px;text-align:center;margin:0}p{text-align:center;margin:2px 0}"
      "table{width:100%;border-collapse:collapse}td{vertical-align:top;padding:1px 0}"
      ".n{text-align:right;white-space:nowrap}.total td{font-weight:bold;border-top:1px solid}"
      ".void{font-weight:bold;text-align:center;border:2px solid;padding:2px}"
      "@media print{body{padding:0}}</style></head><body>\n<h1>" +
      Escape(receipt.salon_name) + "</h1>\n<p>" + Escape(receipt.branch_name) + "</p>\n<p>Receipt " +
      std::to_string(s.number) + " · " + Escape(FormatInstant(s.sold_at, zone)) + "</p>\n";
  if (s.status == SaleStatus::kVoided) {
    html += "<p class=\"void\">VOID: " + Escape(s.void_reason) + "</p>\n";
  }
  html += "<table>\n";
  for (const PricedLine& l : s.lines) {
    std::string label = Escape(l.line.name);
    if (l.line.quantity != 1) label += " × " + std::to_string(l.line.quantity);
    html += Row(label, money(l.list));
    if (l.discount != 0) {
      std::string reason = l.line.discount ? " (" + Escape(l.line.discount->reason) + ")" : "";
      html += Row("&nbsp;&nbsp;discount" + reason, money(-l.discount));
    }
  }
  html += Row("Subtotal", money(s.totals.subtotal), "total");
  if (s.totals.discount != 0) html += Row("Discounts", money(-s.totals.discount));
  html += Row(s.prices_include_tax ? "of which tax" : "Tax", money(s.totals.tax));
  if (s.totals.tips != 0) html += Row("Tip", money(s.totals.tips));
  html += Row("Total", money(s.totals.total + s.totals.tips), "total");
  for (const Payment& p : s.payments) {
    std::string label = std::string("Paid by ") + ToString(p.method);
    if (!p.reference.empty()) label += " (" + Escape(p.reference) + ")";
    html += Row(label, money(p.amount));
  }
  if (s.change != 0) html += Row("Change", money(s.change));
  for (const Refund& f : s.refunds) {
    html += Row("Refunded " + Escape(FormatInstant(f.at, zone)) + " by " + ToString(f.method),
                money(-f.amount));
  }
  html += "</table>\n<p>Thank you</p>\n</body></html>\n";
  return html;
}

}  // namespace salon::http
