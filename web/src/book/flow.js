// Online booking, one step at a time (API.md "Online booking"):
// services → staff or "anyone" → a day's free times (in the branch's local
// time) → the client's details and consent → confirmation with the link to
// view or cancel. GET /v1/book/{branch} gives
// {"name","time_zone","services":[{id,name,duration_minutes,price}],"staff":[{id,first_name}]}.

import {describeError, get, idempotencyKey, post} from '../shared/api.js';
import {errorBox, field, h, render} from '../shared/dom.js';
import {formatMoney} from '../shared/money.js';
import {addDays, todayIn, toWall} from '../shared/tz.js';

const kSteps = ['Services', 'Who', 'Time', 'Your details'];

export async function startBooking(root, branchId) {
  const api = `/v1/book/${encodeURIComponent(branchId)}`;
  let info;
  try {
    info = await get(api);
  } catch (err) {
    render(root, h('main', {class: 'book'}, h('h1', {}, 'Online booking'),
      h('p', {class: 'error', role: 'alert'}, err.status === 404 ? 'This salon does not take bookings online.' : describeError(err))));
    return;
  }
  const tz = info.time_zone || info.timezone;
  const state = {serviceIds: [], staffId: '', date: todayIn(tz), slot: null};
  const main = h('main', {class: 'book'});
  render(root, h('header', {class: 'book-head'}, h('p', {class: 'salon-name'}, info.name)), main);
  document.title = `Book · ${info.name}`;

  const chosen = () => info.services.filter((s) => state.serviceIds.includes(s.id));
  const totalMinutes = () => chosen().reduce((a, s) => a + s.duration_minutes, 0);
  const staffName = (id) => info.staff.find((s) => s.id === id)?.first_name;
  const timeOf = (iso) => toWall(iso, tz).slice(11, 16);
  const dayText = (date) => new Intl.DateTimeFormat(undefined, {weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC'})
    .format(new Date(`${date}T12:00:00Z`));

  /** Renders step `n` (0-based) with its heading focused for screen readers. */
  function step(n, ...content) {
    const heading = h('h1', {tabindex: '-1'}, kSteps[n] ?? 'Booked');
    render(main,
      n < kSteps.length ? h('p', {class: 'progress'}, `Step ${n + 1} of ${kSteps.length}`) : null,
      heading, ...content);
    heading.focus();
  }

  function services() {
    const error = errorBox();
    const boxes = info.services.map((s) => h('label', {class: 'card-choice'},
      h('input', {type: 'checkbox', value: s.id, checked: state.serviceIds.includes(s.id)}),
      h('span', {class: 'choice-text'}, h('strong', {}, s.name),
        h('span', {class: 'hint'}, `${s.duration_minutes} min · ${formatMoney(s.price)}`))));
    const form = h('form', {class: 'stack'},
      h('fieldset', {}, h('legend', {class: 'visually-hidden'}, 'Services'), boxes),
      error, h('button', {type: 'submit', class: 'primary wide'}, 'Continue'));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      state.serviceIds = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
      if (!state.serviceIds.length) { error.show('Choose at least one service.'); return; }
      who();
    });
    step(0, form);
  }

  function who() {
    const options = [{id: '', first_name: 'Anyone available'}, ...info.staff];
    const form = h('form', {class: 'stack'},
      h('fieldset', {}, h('legend', {class: 'visually-hidden'}, 'Who'),
        options.map((s) => h('label', {class: 'card-choice'},
          h('input', {type: 'radio', name: 'staff', value: s.id, checked: s.id === state.staffId}),
          h('span', {class: 'choice-text'}, s.first_name)))),
      h('div', {class: 'buttons'},
        h('button', {type: 'button', onclick: services}, 'Back'),
        h('button', {type: 'submit', class: 'primary'}, 'Continue')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      state.staffId = form.querySelector('input:checked')?.value || '';
      time();
    });
    step(1, form);
  }

  async function time() {
    const today = todayIn(tz);
    if (state.date < today) state.date = today;
    const list = h('div', {class: 'slots', 'aria-live': 'polite', 'aria-busy': 'true'}, h('p', {class: 'hint'}, 'Looking for free times…'));
    const dateInput = h('input', {type: 'date', min: today, value: state.date,
      onchange: () => { if (dateInput.value) { state.date = dateInput.value; time(); } }});
    step(2,
      h('p', {}, `${chosen().map((s) => s.name).join(', ')} · ${totalMinutes()} min` +
        (state.staffId ? ` with ${staffName(state.staffId)}` : '')),
      h('div', {class: 'day-nav'},
        h('button', {type: 'button', 'aria-label': 'Previous day', disabled: state.date <= today,
          onclick: () => { state.date = addDays(state.date, -1); time(); }}, '‹'),
        field('Day', dateInput),
        h('button', {type: 'button', 'aria-label': 'Next day', onclick: () => { state.date = addDays(state.date, 1); time(); }}, '›')),
      h('h2', {}, dayText(state.date)),
      list,
      h('div', {class: 'buttons'}, h('button', {type: 'button', onclick: who}, 'Back')));
    const q = new URLSearchParams({service_ids: state.serviceIds.join(','), from: state.date, days: '1'});
    if (state.staffId) q.set('staff_id', state.staffId);
    try {
      const {slots} = await get(`${api}/availability?${q}`);
      const mine = slots.filter((s) => toWall(s.start, tz).slice(0, 10) === state.date);
      list.setAttribute('aria-busy', 'false');
      if (!mine.length) {
        render(list, h('p', {}, 'No free times on this day.'),
          h('button', {type: 'button', onclick: () => { state.date = addDays(state.date, 1); time(); }}, 'Try the next day'));
        return;
      }
      const groups = [['Morning', (t) => t < '12:00'], ['Afternoon', (t) => t >= '12:00' && t < '17:00'], ['Evening', (t) => t >= '17:00']];
      render(list, groups.map(([name, test]) => {
        const here = mine.filter((s) => test(timeOf(s.start)));
        return here.length ? h('section', {class: 'slot-group', 'aria-label': name}, h('h3', {}, name),
          h('div', {class: 'slot-grid'}, here.map((s) => h('button', {type: 'button', class: 'slot',
            onclick: () => { state.slot = s; details(); }}, timeOf(s.start))))) : null;
      }));
    } catch (err) {
      list.setAttribute('aria-busy', 'false');
      render(list, h('p', {class: 'error', role: 'alert'}, describeError(err)));
    }
  }

  function details() {
    const first = h('input', {autocomplete: 'given-name', required: true});
    const last = h('input', {autocomplete: 'family-name', required: true});
    const phone = h('input', {type: 'tel', autocomplete: 'tel', required: true, pattern: '\\+[1-9][0-9]{7,14}', placeholder: '+353861234567'});
    const email = h('input', {type: 'email', autocomplete: 'email'});
    const consent = h('input', {type: 'checkbox'});
    const error = errorBox();
    const submit = h('button', {type: 'submit', class: 'primary wide'}, 'Book');
    const when = `${dayText(state.date)} at ${timeOf(state.slot.start)}`;
    const form = h('form', {class: 'stack'},
      h('p', {class: 'summary'}, `${chosen().map((s) => s.name).join(', ')} · ${when}` +
        (state.staffId ? ` with ${staffName(state.staffId)}` : '')),
      field('First name', first), field('Last name', last),
      field('Mobile phone', phone, 'With country code, e.g. +353861234567'),
      field('Email (optional)', email),
      h('label', {class: 'check'}, consent, ' Send me SMS reminders about this booking'),
      error,
      h('div', {class: 'buttons'}, h('button', {type: 'button', onclick: time}, 'Back'), submit));
    let key = idempotencyKey();
    let last_ = '';
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      error.show('');
      const client = {first_name: first.value.trim(), last_name: last.value.trim(),
        phone: phone.value.replace(/[\s()-]/g, ''), sms_reminders: consent.checked};
      if (email.value.trim()) client.email = email.value.trim();
      const body = {service_ids: state.serviceIds, start: state.slot.start, client};
      if (state.staffId) body.staff_id = state.staffId;
      const text = JSON.stringify(body);
      if (text !== last_) { key = idempotencyKey(); last_ = text; }
      submit.disabled = true;
      try {
        const booked = await post(`${api}/appointments`, body, {headers: {'Idempotency-Key': key}});
        done(booked, when);
      } catch (err) {
        error.show(err.status === 409 ? 'Sorry, that time was just taken. Please choose another.' : describeError(err));
        if (err.status === 409) form.append(h('button', {type: 'button', onclick: time}, 'Choose another time'));
      } finally {
        submit.disabled = false;
      }
    });
    step(3, form);
    first.focus();
  }

  function done(booked, when) {
    step(4,
      h('p', {class: 'lead', role: 'status'}, `You are booked for ${when}.`),
      h('p', {}, chosen().map((s) => s.name).join(', ') + ` at ${info.name}.`),
      booked.manage_url ? h('p', {}, h('a', {href: booked.manage_url, class: 'button'}, 'View or cancel your booking')) : null,
      h('p', {class: 'hint'}, 'Keep this link: it lets you view or cancel the booking.'));
  }

  services();
}
