// Money as the API speaks it: integer minor units with an ISO 4217 currency.
// Never floating point for amounts: input is parsed as decimal text.

const digitsCache = new Map();
/** Minor-unit digits of a currency (2 for EUR, 0 for JPY). */
export function minorDigits(currency) {
  if (!digitsCache.has(currency)) {
    const d = new Intl.NumberFormat('en', {style: 'currency', currency}).resolvedOptions().maximumFractionDigits;
    digitsCache.set(currency, d);
  }
  return digitsCache.get(currency);
}

/** '€45.00' for {amount: 4500, currency: 'EUR'}. */
export function formatMoney(money, locale = undefined) {
  if (!money) return '';
  const digits = minorDigits(money.currency);
  const sign = money.amount < 0 ? '-' : '';
  const abs = Math.abs(money.amount);
  const whole = Math.floor(abs / 10 ** digits);
  const frac = abs % 10 ** digits;
  // Format the decimal string; Intl reads it exactly (no binary rounding).
  const text = digits ? `${sign}${whole}.${String(frac).padStart(digits, '0')}` : `${sign}${whole}`;
  return new Intl.NumberFormat(locale, {style: 'currency', currency: money.currency}).format(text);
}

/**
 * Minor units from what a person typed ('12', '12.5', '12,50'); null when it
 * is not a non-negative amount with at most the currency's decimals.
 */
export function parseAmount(text, currency) {
  const digits = minorDigits(currency);
  const t = String(text ?? '').trim().replace(',', '.');
  if (!/^\d+(\.\d*)?$/.test(t)) return t === '' ? 0 : null;
  const [whole, frac = ''] = t.split('.');
  if (frac.length > digits) return null;
  return Number(whole) * 10 ** digits + Number((frac + '0'.repeat(digits)).slice(0, digits) || 0);
}

/** '12.50' for 1250 (an input field's value). */
export function amountText(amount, currency) {
  const digits = minorDigits(currency);
  if (!digits) return String(amount);
  return `${Math.floor(amount / 10 ** digits)}.${String(amount % 10 ** digits).padStart(digits, '0')}`;
}
