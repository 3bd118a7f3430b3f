// The till's arithmetic shown before the server answers: what the client owes.
// Integer minor units only. The server stays the authority (it computes tax
// per line and the totals); for prices that include tax this is the same sum.

/** Half away from zero, as the server rounds. */
const roundHalf = (x) => Math.sign(x) * Math.round(Math.abs(x));

/** The amount due for `lines` ({price, qty, taxRate}) after `discount`, plus `tip`. */
export function estimateDue(lines, discount, tip, pricesIncludeTax) {
  const list = lines.map((l) => l.price * l.qty);
  const subtotal = list.reduce((a, b) => a + b, 0);
  let off = 0;
  if (discount?.percent) off = roundHalf(subtotal * Math.round(discount.percent * 100) / 10000);  // basis points, as the server
  else if (discount?.amount) off = Math.min(discount.amount, subtotal);
  let total = subtotal - off;
  if (!pricesIncludeTax && subtotal > 0) {
    total += lines.reduce((sum, l, i) => sum + roundHalf((list[i] - off * list[i] / subtotal) * (l.taxRate || 0) / 10000), 0);
  }
  return {subtotal, discount: off, total, due: total + (tip || 0)};
}
