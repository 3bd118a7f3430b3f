// A client's own booking at /book/manage/{token}: GET /v1/book/manage/{token}
// shows it; POST …/cancel cancels it. The answer is read leniently:
// {id, status, start, end, branch:{name,time_zone}, services:[{name,…}]}
// (fields also accepted at the top level: name, time_zone, items).

import {describeError, get, idempotencyKey, post} from '../shared/api.js';
import {errorBox, h, render} from '../shared/dom.js';
import {toWall} from '../shared/tz.js';

const kStatus = {booked: 'Booked', arrived: 'Arrived', in_progress: 'In progress', completed: 'Completed', cancelled: 'Cancelled', no_show: 'Missed'};

export async function manageBooking(root, token) {
  const api = `/v1/book/manage/${encodeURIComponent(token)}`;
  const main = h('main', {class: 'book'});
  render(root, main);
  let apt;
  try {
    apt = await get(api);
  } catch (err) {
    render(main, h('h1', {}, 'Your booking'), h('p', {class: 'error', role: 'alert'},
      err.status === 404 ? 'This booking link is not valid.' : describeError(err)));
    return;
  }
  draw();

  function draw() {
    const branch = apt.branch || {};
    const tz = branch.time_zone || branch.timezone || apt.time_zone || 'UTC';
    const wall = toWall(apt.start, tz);
    const day = new Intl.DateTimeFormat(undefined, {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'})
      .format(new Date(`${wall.slice(0, 10)}T12:00:00Z`));
    const names = (apt.services || apt.items || []).map((s) => s.name || s.service_name).filter(Boolean);
    const error = errorBox();
    const cancel = h('button', {type: 'button', class: 'danger wide'}, 'Cancel booking');
    cancel.addEventListener('click', async () => {
      if (!confirm('Cancel this booking?')) return;
      cancel.disabled = true;
      try {
        const res = await post(`${api}/cancel`, {}, {headers: {'Idempotency-Key': idempotencyKey()}});
        apt = {...apt, ...(res && res.status ? {status: res.status} : {status: 'cancelled'})};
        draw();
      } catch (err) {
        error.show(describeError(err));
        cancel.disabled = false;
      }
    });
    const canCancel = apt.can_cancel ?? apt.status === 'booked';
    render(main,
      h('p', {class: 'salon-name'}, branch.name || apt.name || ''),
      h('h1', {}, 'Your booking'),
      h('p', {class: 'lead'}, `${day} at ${wall.slice(11, 16)}`),
      names.length ? h('p', {}, names.join(', ')) : null,
      h('p', {role: 'status'}, 'Status: ', h('strong', {}, kStatus[apt.status] || apt.status)),
      error,
      canCancel ? cancel : null);
  }
}
