// Choose a client: search by name, phone or email
// (GET …/clients?query=), or enter a new one (POST …/clients on submit).

import {get, idempotencyKey, post} from '../shared/api.js';
import {field, h, nextId} from '../shared/dom.js';
import {clientLabel} from './catalog.js';

/**
 * Returns {el, resolve()}: resolve() gives the chosen client's id, creating a
 * new client first when the person chose "New client". Throws ApiError from
 * the create (422 names the bad field) or Error when nothing was chosen.
 */
export function clientPicker(ctx, {initial = null} = {}) {
  const name = nextId('client');
  const search = h('input', {type: 'search', autocomplete: 'off', placeholder: 'Name, phone or email'});
  const results = h('div', {class: 'choices', role: 'radiogroup', 'aria-label': 'Matching clients'});
  const status = h('p', {class: 'hint', 'aria-live': 'polite'});
  let mode = 'existing';

  const first = h('input', {autocomplete: 'off', required: false});
  const last = h('input', {autocomplete: 'off'});
  const phone = h('input', {type: 'tel', autocomplete: 'off', placeholder: '+353…', pattern: '\\+[1-9][0-9]{7,14}'});
  const email = h('input', {type: 'email', autocomplete: 'off'});
  const reminders = h('input', {type: 'checkbox', checked: true});
  const newBox = h('fieldset', {class: 'new-client', hidden: true},
    h('legend', {}, 'New client'),
    field('First name', first), field('Last name', last),
    field('Mobile phone', phone, 'International format, e.g. +353861234567'),
    field('Email (optional)', email),
    h('label', {class: 'check'}, reminders, ' Agrees to SMS reminders'));
  const toggle = h('button', {type: 'button', class: 'link', 'aria-expanded': 'false', onclick: () => setMode(mode === 'new' ? 'existing' : 'new')}, 'New client');
  const findBox = h('div', {}, field('Find client', search), status, results);

  function setMode(m) {
    mode = m;
    newBox.hidden = m !== 'new';
    findBox.hidden = m === 'new';
    toggle.textContent = m === 'new' ? 'Choose an existing client' : 'New client';
    toggle.setAttribute('aria-expanded', String(m === 'new'));
    first.required = m === 'new';
    phone.required = m === 'new';
    (m === 'new' ? first : search).focus();
  }

  function show(clients) {
    results.replaceChildren(...clients.map((c) => h('label', {class: 'choice'},
      h('input', {type: 'radio', name, value: c.id, checked: clients.length === 1}),
      ` ${clientLabel(c)}`)));
  }

  let timer = 0;
  let seq = 0;
  search.addEventListener('input', () => {
    clearTimeout(timer);
    const q = search.value.trim();
    if (q.length < 2) { results.replaceChildren(); status.textContent = ''; return; }
    timer = setTimeout(async () => {
      const mine = ++seq;
      try {
        const page = await get(`${ctx.base}/clients?query=${encodeURIComponent(q)}&limit=10`);
        if (mine !== seq) return;
        page.items.forEach((c) => ctx.clients.remember(c));
        show(page.items);
        status.textContent = page.items.length ? `${page.items.length} found` : 'No client found. Add a new one?';
      } catch (err) {
        status.textContent = err.message;
      }
    }, 250);
  });
  if (initial) { show([initial]); search.value = initial.first_name; }

  const el = h('div', {class: 'client-picker'}, findBox, newBox, toggle);

  async function resolve() {
    if (mode === 'existing') {
      const picked = results.querySelector('input:checked');
      if (!picked) throw new Error('Choose a client, or add a new one.');
      return picked.value;
    }
    const body = {first_name: first.value.trim(), phone: phone.value.trim(), sms_reminders: reminders.checked, sms_marketing: false};
    if (last.value.trim()) body.last_name = last.value.trim();
    if (email.value.trim()) body.email = email.value.trim();
    const created = await post(`${ctx.base}/clients`, body, {headers: {'Idempotency-Key': idempotencyKey()}});
    ctx.clients.remember(created);
    // Now an existing client: a retry after a failed booking does not create twice.
    show([created]);
    setMode('existing');
    return created.id;
  }

  return {el, resolve};
}
