// The front desk once signed in: the top bar (branch, date, view, sign out),
// the calendar of the chosen branch, and the dialogs it opens. Owns the pull
// of the shown days and keeps it current from the live stream.

import {describeError, get, patch, request} from '../shared/api.js';
import {announcer, h, render} from '../shared/dom.js';
import {addDays, mondayOf, todayIn, toWall} from '../shared/tz.js';
import {ClientCache, listAll} from './catalog.js';
import {moveBody, toCalendarEvents, toResources, visibleHours} from './calendar_model.js';
import {CalendarView} from './calendar_view.js';
import {followBranch} from './live.js';
import {canBook, canManageClients, canReadClients, kRoleNames} from './roles.js';
import {openBooking} from './book_dialog.js';
import {openAppointment} from './appointment_dialog.js';
import {openClientSearch} from './client_dialog.js';

const branchKey = (salonId) => `salon.branch.${salonId}`;

/** Mounts the desk into `root`. onSignOut() is called by the sign-out button. */
export async function startDesk(root, session, {onSignOut}) {
  const base = `/v1/salons/${encodeURIComponent(session.salon_id)}`;
  const ctx = {
    user: session.user,
    base,
    salon: {name: 'Salon', currency: 'EUR', prices_include_tax: true},
    branch: null,
    services: new Map(),
    clients: new ClientCache(base),
    cal: null,
  };

  const status = h('div', {class: 'toast', role: 'status', 'aria-live': 'polite', hidden: true});
  const alert = h('div', {class: 'toast toast-error', role: 'alert', hidden: true});
  const say = announcer(status);
  const shout = announcer(alert);
  ctx.announce = (text, kind = 'info') => (kind === 'error' ? shout(text, 'error') : say(text));
  // The server's sentences name staff by id ("staff member stf_… is not free"):
  // shown with the names of the calendar's columns.
  ctx.describe = (err) => describeError(err).replace(/\bstf_[0-9a-z]+/g,
    (id) => ctx.cal?.staff.find((s) => s.id === id)?.name || id);

  // Salon (name, currency), branches and services: all needed before drawing.
  const [salon, branches, services] = await Promise.all([
    get(base).catch(() => null),
    listAll(`${base}/branches`),
    listAll(`${base}/services`),
  ]);
  if (salon) ctx.salon = salon;
  for (const s of services) ctx.services.set(s.id, s);
  if (!branches.length) {
    render(root, h('main', {class: 'empty'}, h('h1', {}, 'No branch yet'),
      h('p', {}, 'This salon has no branch to show. Add one with salonctl or the API.')));
    return;
  }
  const saved = localStorage.getItem(branchKey(session.salon_id));
  ctx.branch = branches.find((b) => b.id === saved) || branches[0];

  // ---- the top bar ----
  const branchSelect = h('select', {id: 'branch', onchange: () => switchBranch(branchSelect.value)},
    branches.map((b) => h('option', {value: b.id, selected: b.id === ctx.branch.id}, b.name)));
  const dateInput = h('input', {type: 'date', id: 'date', 'aria-label': 'Date',
    onchange: () => dateInput.value && go(dateInput.value)});
  const dayBtn = h('button', {type: 'button', 'aria-pressed': 'true', onclick: () => setMode('day')}, 'Day');
  const weekBtn = h('button', {type: 'button', 'aria-pressed': 'false', onclick: () => setMode('week')}, 'Week');
  const heading = h('h1', {class: 'visually-hidden'});
  const title = h('p', {class: 'range-title', 'aria-hidden': 'true'});
  const bar = h('header', {class: 'topbar'},
    h('div', {class: 'brand'}, ctx.salon.name),
    h('div', {class: 'branch-pick', hidden: branches.length < 2},
      h('label', {for: 'branch'}, 'Branch'), branchSelect),
    h('nav', {class: 'date-nav', 'aria-label': 'Date'},
      h('button', {type: 'button', 'aria-label': 'Previous', onclick: () => step(-1)}, '‹'),
      h('button', {type: 'button', onclick: () => go(todayIn(ctx.branch.timezone))}, 'Today'),
      h('button', {type: 'button', 'aria-label': 'Next', onclick: () => step(1)}, '›'),
      dateInput),
    h('div', {class: 'seg', role: 'group', 'aria-label': 'View'}, dayBtn, weekBtn),
    title,
    h('div', {class: 'actions'},
      canBook(ctx.user) ? h('button', {type: 'button', class: 'primary', onclick: () => book({})}, 'New appointment') : null,
      canManageClients(ctx.user) ? h('button', {type: 'button', onclick: () => openClientSearch(ctx)}, 'Clients') : null),
    h('div', {class: 'who'},
      h('span', {}, `${ctx.user.name} · ${kRoleNames[ctx.user.role] || ctx.user.role}`),
      h('button', {type: 'button', onclick: onSignOut}, 'Sign out')));
  const host = h('div', {class: 'calendar-host'});
  render(root, bar, h('main', {id: 'main', class: 'desk-main'}, heading, host), status, alert);

  // ---- state: what is shown, and the last pull of it ----
  let mode = 'day';
  let date = todayIn(ctx.branch.timezone);
  let pulled = {key: '', etag: null};
  let loading = null;
  let again = false;

  const view = new CalendarView(host, {
    editable: canBook(ctx.user),
    handlers: {
      onSlot: ({wall, staffId}) => book({wall, staffId}),
      onOpen: ({appointmentId}) => openAppointment(ctx, appointmentId).then((changed) => changed && load()),
      onMove: move,
    },
  });

  function rangeStart() { return mode === 'week' ? mondayOf(date) : date; }

  function shownDates() {
    return Array.from({length: mode === 'week' ? 7 : 1}, (_, i) => addDays(rangeStart(), i));
  }

  /** Pulls the shown days (If-None-Match) and draws them; one pull at a time. */
  async function load() {
    if (loading) { again = true; return loading; }
    loading = (async () => {
      do {
        again = false;
        const start = rangeStart();
        const days = mode === 'week' ? 7 : 1;
        const key = `${ctx.branch.id}|${start}|${days}`;
        const url = `${base}/branches/${encodeURIComponent(ctx.branch.id)}/calendar?date=${start}&days=${days}`;
        try {
          const res = await request('GET', url, {etag: key === pulled.key ? pulled.etag : null});
          if (res.status === 304) continue;
          const cal = res.data;
          if (canReadClients(ctx.user)) await ctx.clients.loadMany(cal.appointments.map((a) => a.client_id));
          if (`${ctx.branch.id}|${rangeStart()}|${mode === 'week' ? 7 : 1}` !== key) { again = true; continue; }
          const fresh = key !== pulled.key;
          pulled = {key, etag: res.etag};
          ctx.cal = cal;
          const tz = cal.timezone || ctx.branch.timezone;
          const hours = visibleHours(cal, tz);
          view.show({
            resources: toResources(cal),
            events: toCalendarEvents(cal, tz, {
              client: (id) => ctx.clients.name(id),
              service: (id) => ctx.services.get(id)?.name,
            }),
            hours,
            scrollTo: fresh ? scrollTarget(hours, tz) : null,
          });
          host.dataset.slotMin = hours.min;  // the grid's first and last time (tests)
          host.dataset.slotMax = hours.max;
          root.dataset.loaded = key;  // tests wait on this
        } catch (err) {
          ctx.announce(describeError(err), 'error');
        }
      } while (again);
    })().finally(() => { loading = null; });
    return loading;
  }

  ctx.reload = load;

  /** Today: an hour before now; another day: the first hour shown. */
  function scrollTarget(hours, tz) {
    const now = toWall(Date.now(), tz);
    if (!shownDates().includes(now.slice(0, 10))) return hours.min;
    const h = Math.max(Number(hours.min.slice(0, 2)), Number(now.slice(11, 13)) - 1);
    return `${String(h).padStart(2, '0')}:00`;
  }

  function showRange() {
    view.setRange(mode, date);
    dateInput.value = date;
    dayBtn.setAttribute('aria-pressed', String(mode === 'day'));
    weekBtn.setAttribute('aria-pressed', String(mode === 'week'));
    const fmt = new Intl.DateTimeFormat(undefined, {weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC'});
    const text = mode === 'week'
      ? `Week of ${fmt.format(new Date(rangeStart() + 'T12:00:00Z'))}`
      : fmt.format(new Date(date + 'T12:00:00Z'));
    title.textContent = text;
    heading.textContent = `${ctx.branch.name} calendar: ${text}`;
    document.title = `${text} · ${ctx.branch.name} · Salon`;
    return load();
  }

  function go(d) { date = d; return showRange(); }
  function step(n) { return go(addDays(date, n * (mode === 'week' ? 7 : 1))); }
  function setMode(m) { mode = m; return showRange(); }

  async function book(preset) {
    const booked = await openBooking(ctx, preset);
    if (booked) { ctx.announce('Booked.'); load(); }
  }

  async function move({appointmentId, itemIndex, wall, staffId, revert}) {
    try {
      const res = await request('GET', `${base}/appointments/${encodeURIComponent(appointmentId)}`);
      const apt = res.data;
      const tz = ctx.cal?.timezone || ctx.branch.timezone;
      const body = moveBody(apt, itemIndex, wall, staffId, tz);
      await patch(`${base}/appointments/${encodeURIComponent(appointmentId)}`, body,
        {etag: res.etag || `"${apt.version}"`});
      ctx.announce('Moved.');
    } catch (err) {
      revert();  // the server's reason shows; the appointment goes back
      ctx.announce(ctx.describe(err), 'error');
    }
    load();
  }

  // ---- live updates for the chosen branch ----
  let stopLive = () => {};
  function follow() {
    stopLive();
    stopLive = followBranch(`${base}/branches/${encodeURIComponent(ctx.branch.id)}/events`, {
      onDates: (dates) => { if (dates.some((d) => shownDates().includes(d))) load(); },
      onResync: () => load(),
    });
  }

  function switchBranch(id) {
    ctx.branch = branches.find((b) => b.id === id) || ctx.branch;
    localStorage.setItem(branchKey(session.salon_id), ctx.branch.id);
    pulled = {key: '', etag: null};
    view.setZone(ctx.branch.timezone);
    follow();
    return showRange();
  }

  view.setZone(ctx.branch.timezone);
  follow();
  await showRange();
  return () => { stopLive(); view.destroy(); };
}

