// The till for one appointment: lines pre-filled from its services (each by
// its staff member, at list price), optional products, a cart discount, a tip
// and a split payment (cash + card) → POST /v1/salons/{salon}/sales (SaleInput
// in docs/openapi.json), then the printable receipt (…/sales/{id}/receipt).
// The server computes tax and totals; the "due" shown here is the same sum
// for prices that include tax, and an estimate when tax is added on top.

import {describeError, idempotencyKey, post} from '../shared/api.js';
import {errorBox, field, h, openDialog, render} from '../shared/dom.js';
import {amountText, formatMoney, parseAmount} from '../shared/money.js';
import {listAll} from './catalog.js';
import {estimateDue} from './till_math.js';

/** Opens the till for `apt`; resolves with the sale, or null. */
export function openCheckout(ctx, apt) {
  const currency = ctx.salon.currency;
  const money = (amount) => formatMoney({amount, currency});
  const staffName = (sid) => ctx.cal?.staff.find((s) => s.id === sid)?.name || '';

  // Lines: the visit's services, then any products added here.
  const lines = apt.items.map((it) => {
    const sv = ctx.services.get(it.service_id);
    return {kind: 'service', service_id: it.service_id, staff_id: it.staff_id, name: sv?.name || 'Service',
      price: sv?.price?.amount || 0, qty: 1, taxRate: sv?.tax_rate || 0};
  });
  const linesBox = h('table', {class: 'lines'});
  const productSelect = h('select', {}, h('option', {value: ''}, 'Add a product…'));
  let products = [];
  listAll(`${ctx.base}/products`).then((items) => {
    products = items.filter((p) => !p.archived);
    productSelect.append(...products.map((p) => h('option', {value: p.id}, `${p.name} · ${formatMoney(p.price)}`)));
  }).catch(() => { productSelect.disabled = true; });
  productSelect.addEventListener('change', () => {
    const p = products.find((x) => x.id === productSelect.value);
    if (p) lines.push({kind: 'product', product_id: p.id, name: p.name, price: p.price.amount, qty: 1, taxRate: p.tax_rate || 0});
    productSelect.value = '';
    update();
  });

  const discountKind = h('select', {},
    h('option', {value: ''}, 'No discount'), h('option', {value: 'percent'}, 'Percent'), h('option', {value: 'amount'}, 'Amount'));
  const discountValue = h('input', {inputmode: 'decimal', value: ''});
  const discountReason = h('input', {maxlength: 200});
  const tip = h('input', {inputmode: 'decimal', value: ''});
  const cash = h('input', {inputmode: 'decimal', value: ''});
  const card = h('input', {inputmode: 'decimal', value: ''});
  const cardRef = h('input', {maxlength: 200});
  const dueText = h('output', {class: 'due', 'aria-live': 'polite'});
  const error = errorBox();
  const submit = h('button', {type: 'submit', class: 'primary'}, 'Take payment');
  let cardTouched = false;
  card.addEventListener('input', () => { cardTouched = true; });

  function readDiscount() {
    if (!discountKind.value) return null;
    if (discountKind.value === 'percent') {
      const p = Number(String(discountValue.value).replace(',', '.'));
      return Number.isFinite(p) && p > 0 ? {percent: Math.round(p * 100) / 100} : null;
    }
    const a = parseAmount(discountValue.value, currency);
    return a ? {amount: a} : null;
  }

  function update() {
    render(linesBox,
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'Item'), h('th', {scope: 'col'}, 'Qty'), h('th', {scope: 'col', class: 'num'}, 'Price'), h('th', {scope: 'col'}, h('span', {class: 'visually-hidden'}, 'Remove')))),
      h('tbody', {}, lines.map((l, i) => h('tr', {},
        h('td', {}, l.name, l.staff_id ? h('span', {class: 'hint'}, ` · ${staffName(l.staff_id)}`) : null),
        h('td', {}, l.kind === 'product'
          ? h('input', {type: 'number', min: 1, max: 10000, value: l.qty, class: 'qty', 'aria-label': `Quantity of ${l.name}`,
            onchange: (e) => { l.qty = Math.max(1, Number(e.target.value) || 1); update(); }})
          : String(l.qty)),
        h('td', {class: 'num'}, money(l.price * l.qty)),
        h('td', {}, lines.length > 1 ? h('button', {type: 'button', class: 'icon', 'aria-label': `Remove ${l.name}`,
          onclick: () => { lines.splice(i, 1); update(); }}, '×') : null)))));
    const est = estimateDue(lines, readDiscount(), parseAmount(tip.value, currency) || 0, ctx.salon.prices_include_tax !== false);
    if (!cardTouched) {
      const c = parseAmount(cash.value, currency) || 0;
      card.value = est.due > c ? amountText(est.due - c, currency) : '';
    }
    dueText.textContent = `${ctx.salon.prices_include_tax === false ? 'Due (estimate, tax added)' : 'Due'}: ${money(est.due)}` +
      (est.discount ? ` (discount ${money(est.discount)})` : '');
  }
  for (const el of [discountKind, discountValue, tip, cash]) el.addEventListener('input', update);
  discountKind.addEventListener('change', update);

  const form = h('form', {class: 'stack'},
    linesBox, field('Product', productSelect),
    h('fieldset', {}, h('legend', {}, 'Discount'),
      h('div', {class: 'row'}, field('Kind', discountKind), field('Value', discountValue), field('Reason', discountReason))),
    field(`Tip (${currency})`, tip),
    h('fieldset', {}, h('legend', {}, 'Payment'),
      h('div', {class: 'row'}, field(`Cash (${currency})`, cash), field(`Card (${currency})`, card), field('Card reference', cardRef))),
    dueText, error, h('div', {class: 'buttons'}, submit));
  const dialog = openDialog('Check out', form, {className: 'wide'});
  update();

  let lastBody = '';
  let key = idempotencyKey();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.show('');
    try {
      const body = saleBody();
      const text = JSON.stringify(body);
      if (text !== lastBody) { key = idempotencyKey(); lastBody = text; }
      submit.disabled = true;
      const sale = await post(`${ctx.base}/sales`, body, {headers: {'Idempotency-Key': key}});
      dialog.result = sale;
      showReceipt(sale);
    } catch (err) {
      error.show(describeError(err));
    } finally {
      submit.disabled = false;
    }
  });

  function saleBody() {
    const amounts = {tip: parseAmount(tip.value, currency), cash: parseAmount(cash.value, currency), card: parseAmount(card.value, currency)};
    for (const [k, v] of Object.entries(amounts)) if (v === null) throw new Error(`The ${k} amount is not a valid amount.`);
    const body = {
      branch_id: ctx.branch.id, appointment_id: apt.id, client_id: apt.client_id,
      lines: lines.map((l) => {
        const line = {kind: l.kind, quantity: l.qty};
        if (l.service_id) line.service_id = l.service_id;
        if (l.product_id) line.product_id = l.product_id;
        if (l.staff_id) line.staff_id = l.staff_id;
        return line;
      }),
      payments: [],
    };
    const discount = readDiscount();
    if (discountKind.value && !discount) throw new Error('Enter the discount, or choose no discount.');
    if (discount) body.discount = {...discount, reason: discountReason.value.trim() || 'desk'};
    if (amounts.tip) body.tip = {amount: amounts.tip};
    if (amounts.cash) body.payments.push({method: 'cash', amount: amounts.cash});
    if (amounts.card) body.payments.push({method: 'card', amount: amounts.card, ...(cardRef.value.trim() ? {reference: cardRef.value.trim()} : {})});
    if (!body.payments.length) throw new Error('Enter how the client pays (cash, card or both).');
    return body;
  }

  function showReceipt(sale) {
    const receiptUrl = `${ctx.base}/sales/${encodeURIComponent(sale.id)}/receipt`;
    const frame = h('iframe', {src: receiptUrl, title: `Receipt ${sale.number}`, class: 'receipt'});
    render(form,
      h('p', {class: 'lead', role: 'status'}, `Paid. Receipt no. ${sale.number}: total ${formatMoney(sale.totals.total)}` +
        (sale.totals.tips?.amount ? `, tip ${formatMoney(sale.totals.tips)}` : '') +
        (sale.change?.amount ? `, change ${formatMoney(sale.change)}` : '') + '.'),
      frame,
      h('div', {class: 'buttons'},
        h('button', {type: 'button', onclick: () => frame.contentWindow?.print()}, 'Print receipt'),
        h('a', {href: receiptUrl, target: '_blank', rel: 'noopener'}, 'Open receipt'),
        h('button', {type: 'button', class: 'primary', onclick: () => dialog.close('paid')}, 'Done')));
  }

  return dialog.done.then(() => dialog.result || null);
}

