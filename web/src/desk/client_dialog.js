// Client search and a client's history: their appointments, newest first
// (GET …/appointments?client_id=), each with its services and status.

import {describeError, get} from '../shared/api.js';
import {field, h, openDialog, render} from '../shared/dom.js';
import {toWall} from '../shared/tz.js';
import {clientLabel} from './catalog.js';
import {kStatusLabels} from './calendar_model.js';

/** An element listing the client's visits (loaded now). */
export async function clientHistory(ctx, clientId) {
  try {
    const page = await get(`${ctx.base}/appointments?client_id=${encodeURIComponent(clientId)}&limit=200`);
    const items = page.items.slice().sort((a, b) => Date.parse(b.start) - Date.parse(a.start));
    if (!items.length) return h('p', {class: 'hint'}, 'No visits yet.');
    const tz = ctx.branch.timezone;
    return h('table', {class: 'history-table'},
      h('caption', {}, `${items.length}${page.next ? '+' : ''} visits`),
      h('thead', {}, h('tr', {}, h('th', {scope: 'col'}, 'When'), h('th', {scope: 'col'}, 'Services'), h('th', {scope: 'col'}, 'Status'))),
      h('tbody', {}, items.map((a) => h('tr', {},
        h('td', {}, toWall(a.start, tz).slice(0, 16).replace('T', ' ')),
        h('td', {}, a.items.map((it) => ctx.services.get(it.service_id)?.name || 'Service').join(', ')),
        h('td', {}, h('span', {class: `badge st-${a.status}`}, kStatusLabels[a.status] || a.status))))));
  } catch (err) {
    return h('p', {class: 'error', role: 'alert'}, describeError(err));
  }
}

/** A dialog to find a client and read their history. */
export function openClientSearch(ctx) {
  const search = h('input', {type: 'search', autocomplete: 'off', placeholder: 'Name, phone or email'});
  const list = h('ul', {class: 'client-list', 'aria-live': 'polite'});
  const detail = h('section', {class: 'client-detail', 'aria-label': 'Client'});
  const form = h('form', {class: 'stack', role: 'search', onsubmit: (e) => { e.preventDefault(); find(); }},
    h('div', {class: 'row'}, field('Find client', search), h('button', {type: 'submit'}, 'Search')));
  openDialog('Clients', h('div', {class: 'stack'}, form, list, detail), {className: 'wide'});

  async function find() {
    const q = search.value.trim();
    try {
      const page = await get(`${ctx.base}/clients?${q ? `query=${encodeURIComponent(q)}&` : ''}limit=20`);
      render(list, page.items.length ? page.items.map((c) => {
        ctx.clients.remember(c);
        return h('li', {}, h('button', {type: 'button', class: 'link', onclick: () => show(c)}, clientLabel(c)));
      }) : h('li', {class: 'hint'}, 'No client found.'));
    } catch (err) {
      render(list, h('li', {class: 'error', role: 'alert'}, describeError(err)));
    }
  }

  async function show(c) {
    render(detail, h('h3', {}, `${c.first_name} ${c.last_name || ''}`.trim()),
      h('p', {}, [c.phone, c.email].filter(Boolean).join(' · ')),
      h('p', {class: 'hint'}, c.sms_reminders ? 'SMS reminders: yes' : 'SMS reminders: no'),
      h('p', {class: 'hint'}, 'Loading history…'));
    detail.lastChild.replaceWith(await clientHistory(ctx, c.id));
  }

  search.focus();
}
