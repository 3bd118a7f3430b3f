// Book an appointment from the desk: when, which service, with whom, for which
// client → POST /v1/salons/{salon}/appointments (AppointmentInput in
// docs/openapi.json). A taken slot answers 409 naming the collision: shown
// in the dialog, which stays open to pick another time.

import {describeError, idempotencyKey, post} from '../shared/api.js';
import {errorBox, field, h, openDialog} from '../shared/dom.js';
import {formatMoney} from '../shared/money.js';
import {todayIn, toWall, wallToInstant} from '../shared/tz.js';
import {clientPicker} from './client_picker.js';

/** Opens the dialog; resolves with the booked appointment, or null. */
export function openBooking(ctx, {wall = null, staffId = null} = {}) {
  const tz = ctx.cal?.timezone || ctx.branch.timezone;
  const staff = ctx.cal?.staff || [];
  const now = toWall(Date.now(), tz);
  const startWall = wall || `${ctx.cal?.date || todayIn(tz)}T${now.slice(11, 13)}:00:00`;

  const date = h('input', {type: 'date', required: true, value: startWall.slice(0, 10)});
  const time = h('input', {type: 'time', required: true, step: 300, value: startWall.slice(11, 16)});
  const staffSelect = h('select', {},
    h('option', {value: ''}, 'Anyone available'),
    staff.map((s) => h('option', {value: s.id, selected: s.id === staffId}, s.name)));
  const serviceSelect = h('select', {required: true});
  const notes = h('textarea', {rows: 2, maxlength: 2000});
  const picker = clientPicker(ctx);
  const error = errorBox();
  const submit = h('button', {type: 'submit', class: 'primary'}, 'Book');

  // Services the chosen staff member offers (all when "anyone").
  function fillServices() {
    const s = staff.find((x) => x.id === staffSelect.value);
    const offered = [...ctx.services.values()].filter((sv) => !sv.archived && (!s || !s.service_ids || s.service_ids.includes(sv.id)));
    const keep = serviceSelect.value;
    serviceSelect.replaceChildren(...offered.map((sv) => h('option', {value: sv.id, selected: sv.id === keep},
      `${sv.name} · ${sv.duration_minutes} min · ${formatMoney(sv.price)}`)));
  }
  staffSelect.addEventListener('change', fillServices);
  fillServices();

  const form = h('form', {class: 'stack', novalidate: false},
    h('div', {class: 'row'}, field('Date', date), field('Time', time)),
    field('Staff', staffSelect),
    field('Service', serviceSelect),
    picker.el,
    field('Notes', notes),
    error,
    h('div', {class: 'buttons'}, submit));
  const dialog = openDialog('New appointment', form);

  let lastBody = '';
  let key = idempotencyKey();
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.show('');
    submit.disabled = true;
    try {
      if (!serviceSelect.value) throw new Error('Choose a service.');
      const clientId = await picker.resolve();
      const item = {service_id: serviceSelect.value};
      if (staffSelect.value) item.staff_id = staffSelect.value;
      const body = {
        branch_id: ctx.branch.id, client_id: clientId,
        start: wallToInstant(`${date.value}T${time.value}`, tz),
        items: [item], source: 'desk',
      };
      if (notes.value.trim()) body.notes = notes.value.trim();
      // A retry of the same booking replays; a changed one is a new request.
      const text = JSON.stringify(body);
      if (text !== lastBody) { key = idempotencyKey(); lastBody = text; }
      const apt = await post(`${ctx.base}/appointments`, body, {headers: {'Idempotency-Key': key}});
      dialog.close('booked');
      dialog.result = apt;
    } catch (err) {
      error.show(ctx.describe ? ctx.describe(err) : describeError(err));
    } finally {
      submit.disabled = false;
    }
  });
  return dialog.done.then(() => dialog.result || null);
}
