// One appointment at the desk: what, when, who; status changes (legal
// transitions only: POST …/status), cancel (POST …/cancel), checkout and the
// client's history. Every change sends If-Match with the version shown, so a
// change made meanwhile elsewhere answers 412 instead of being overwritten.

import {describeError, idempotencyKey, request} from '../shared/api.js';
import {errorBox, field, h, openDialog, render} from '../shared/dom.js';
import {toWall} from '../shared/tz.js';
import {kStatusLabels} from './calendar_model.js';
import {canChangeStatus, canCheckout, canReadClients} from './roles.js';
import {clientHistory} from './client_dialog.js';
import {openCheckout} from './checkout_dialog.js';

/** The server's legal transitions (openapi: POST …/appointments/{id}/status). */
const kNext = {
  booked: ['arrived', 'in_progress', 'completed', 'no_show'],
  arrived: ['in_progress', 'completed', 'no_show'],
  in_progress: ['completed'],
};
const kCancellable = new Set(['booked', 'arrived', 'in_progress']);
const kActionLabels = {arrived: 'Arrived', in_progress: 'Start', completed: 'Complete', no_show: 'No-show'};

const hhmm = (iso, tz) => toWall(iso, tz).slice(11, 16);

/** Opens the appointment; resolves true when anything about it changed. */
export async function openAppointment(ctx, id) {
  const url = `${ctx.base}/appointments/${encodeURIComponent(id)}`;
  const tz = ctx.cal?.timezone || ctx.branch.timezone;
  const staffName = (sid) => ctx.cal?.staff.find((s) => s.id === sid)?.name || 'Staff';
  const body = h('div', {class: 'stack'});
  const dialog = openDialog('Appointment', body, {className: 'wide'});
  let changed = false;
  let apt = null;
  let etag = null;
  const error = errorBox();

  async function reload() {
    const res = await request('GET', url);
    apt = res.data;
    etag = res.etag || `"${apt.version}"`;
  }

  async function act(path, payload, done) {
    error.show('');
    try {
      const res = await request('POST', `${url}/${path}`,
        {body: payload, etag, headers: {'Idempotency-Key': idempotencyKey()}});
      apt = res.data;
      etag = res.etag || `"${apt.version}"`;
      changed = true;
      ctx.announce(done);
      draw();
    } catch (err) {
      error.show(describeError(err));
      if (err.status === 412) { await reload().catch(() => {}); draw(); error.show('Changed meanwhile; here it is as it is now. Try again.'); }
    }
  }

  function draw() {
    const client = ctx.clients.byId.get(apt.client_id);
    const statusControls = canChangeStatus(ctx.user, apt)
      ? (kNext[apt.status] || []).map((s) => h('button', {type: 'button', onclick: () => act('status', {status: s}, `Marked ${kStatusLabels[s].toLowerCase()}.`)}, kActionLabels[s]))
      : [];
    const reason = h('input', {maxlength: 500});
    const cancelBox = canCheckout(ctx.user) && kCancellable.has(apt.status)
      ? h('details', {class: 'cancel-box'}, h('summary', {}, 'Cancel appointment'),
        field('Reason (optional)', reason),
        h('button', {type: 'button', class: 'danger', onclick: () => act('cancel', reason.value.trim() ? {reason: reason.value.trim()} : {}, 'Cancelled.')}, 'Cancel appointment'))
      : null;
    const checkout = canCheckout(ctx.user) && kNext[apt.status]
      ? h('button', {type: 'button', class: 'primary', onclick: async () => {
        dialog.close();
        if (await openCheckout(ctx, apt)) ctx.reload?.();
      }}, 'Check out')
      : null;
    const history = h('section', {class: 'history', 'aria-label': 'Client history'});
    render(body,
      h('p', {class: 'lead'},
        h('strong', {}, client ? `${client.first_name} ${client.last_name || ''}`.trim() : 'Client'),
        client?.phone ? ` · ${client.phone}` : ''),
      h('p', {}, `${toWall(apt.start, tz).slice(0, 10)} · ${hhmm(apt.start, tz)}–${hhmm(apt.end, tz)} · `,
        h('span', {class: `badge st-${apt.status}`}, kStatusLabels[apt.status] || apt.status)),
      h('ul', {class: 'items'}, apt.items.map((it) => h('li', {},
        `${hhmm(it.start, tz)}–${hhmm(it.end, tz)} ${ctx.services.get(it.service_id)?.name || 'Service'} with ${staffName(it.staff_id)}`,
        it.phases?.some((p) => p.busy === false) ? h('span', {class: 'hint'}, ' (with processing time)') : null))),
      apt.notes ? h('p', {class: 'notes'}, apt.notes) : null,
      apt.cancel_reason ? h('p', {class: 'notes'}, `Cancelled: ${apt.cancel_reason}`) : null,
      error,
      h('div', {class: 'buttons'}, statusControls, checkout),
      cancelBox,
      h('button', {type: 'button', class: 'link', onclick: async (e) => {
        e.target.disabled = true;
        history.replaceChildren(await clientHistory(ctx, apt.client_id));
      }}, 'Client history'),
      history);
  }

  try {
    await reload();
    if (canReadClients(ctx.user)) await ctx.clients.get(apt.client_id).catch(() => null);
    draw();
  } catch (err) {
    render(body, h('p', {class: 'error', role: 'alert'}, describeError(err)));
  }
  await dialog.done;
  return changed;
}
