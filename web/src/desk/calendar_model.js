// Turns the calendar pull (GET …/branches/{branch}/calendar, schema Calendar
// in docs/openapi.json) into EventCalendar resources and events. Pure: no DOM,
// no fetch, so node --test checks it.
//
// Times go to EventCalendar as "floating" walls of the branch's clock (no
// offset), so a branch in another zone than the browser, and a 23- or 25-hour
// DST day, still draw each appointment at the time the salon sees.

import {addDays, formatInstant, toWall, wallToInstant, weekdayKey, wallMinutes} from '../shared/tz.js';

export const kStatusLabels = {
  booked: 'Booked', arrived: 'Arrived', in_progress: 'In progress',
  completed: 'Completed', cancelled: 'Cancelled', no_show: 'No-show',
};

/** Statuses whose appointment may still be moved (the server's rule). */
export const kMovable = new Set(['booked', 'arrived']);

/** The local dates a pull covers. */
export function datesOf(cal) {
  return Array.from({length: cal.days || 1}, (_, i) => addDays(cal.date, i));
}

/** One resource (column) per staff member, in the order the server gives. */
export function toResources(cal) {
  return cal.staff.map((s) => ({id: s.id, title: s.name}));
}

const toMinutes = (hhmm) => {
  const [h, m] = hhmm.split(':').map(Number);
  return h * 60 + m;
};
const wallAt = (date, minutes) => minutes >= 1440
  ? `${addDays(date, 1)}T00:00:00`
  : `${date}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00`;

/** Background events shading each staff member's time outside working hours. */
export function offHoursEvents(cal) {
  const out = [];
  for (const date of datesOf(cal)) {
    const key = weekdayKey(date);
    for (const s of cal.staff) {
      const spans = (s.hours?.[key] || []).map(([a, b]) => [toMinutes(a), toMinutes(b)])
        .sort((x, y) => x[0] - y[0]);
      let at = 0;
      for (const [open, close] of [...spans, [1440, 1440]]) {
        if (open > at) {
          out.push({
            id: `off:${s.id}:${date}:${at}`, resourceIds: [s.id], display: 'background',
            start: wallAt(date, at), end: wallAt(date, open), classNames: ['off-hours'],
          });
        }
        at = Math.max(at, close);
      }
    }
  }
  return out;
}

/** Background events blocking time off and breaks. */
export function timeOffEvents(cal, tz) {
  return (cal.time_off || []).filter((t) => !t.archived).map((t) => ({
    id: `timeoff:${t.id}`, resourceIds: [t.staff_id], display: 'background',
    start: toWall(t.start, tz), end: toWall(t.end, tz), classNames: ['time-off'],
    title: t.reason || 'Time off',
  }));
}

/**
 * One event per appointment item (items of one visit may be with different
 * staff). extendedProps.phases lists the item's phases as fractions of its
 * span, so the view can draw processing time (busy: false) as free.
 * Cancelled appointments are left out: their time is free again.
 */
export function appointmentEvents(cal, tz, names = {}) {
  const out = [];
  for (const apt of cal.appointments || []) {
    if (apt.status === 'cancelled') continue;
    apt.items.forEach((item, index) => {
      const start = toWall(item.start, tz);
      const end = toWall(item.end, tz);
      const span = Math.max(1, wallMinutes(start, end));
      const phases = (item.phases || []).map((p) => ({
        from: wallMinutes(start, toWall(p.start, tz)) / span,
        to: wallMinutes(start, toWall(p.end, tz)) / span,
        busy: p.busy !== false,
      }));
      const client = names.client?.(apt.client_id) || 'Client';
      const service = names.service?.(item.service_id) || 'Service';
      out.push({
        id: `${apt.id}:${index}`,
        resourceIds: [item.staff_id],
        start, end,
        title: `${client} · ${service}`,
        classNames: ['apt', `st-${apt.status}`],
        startEditable: kMovable.has(apt.status),
        durationEditable: false,
        extendedProps: {appointmentId: apt.id, itemIndex: index, status: apt.status, phases, client, service},
      });
    });
  }
  return out;
}

/**
 * The time range worth showing: working hours and appointments of the pull,
 * an hour either side, whole hours; 08:00–20:00 when there is nothing.
 */
export function visibleHours(cal, tz) {
  let min = Infinity;
  let max = -Infinity;
  for (const date of datesOf(cal)) {
    const key = weekdayKey(date);
    for (const s of cal.staff) {
      for (const [a, b] of s.hours?.[key] || []) {
        min = Math.min(min, toMinutes(a));
        max = Math.max(max, toMinutes(b));
      }
    }
  }
  for (const apt of cal.appointments || []) {
    if (apt.status === 'cancelled') continue;
    const s = toWall(apt.start, tz);
    const e = toWall(apt.end, tz);
    if (s.slice(0, 10) === e.slice(0, 10)) {
      min = Math.min(min, toMinutes(s.slice(11, 16)));
      max = Math.max(max, toMinutes(e.slice(11, 16)));
    } else {
      min = 0;
      max = 1440;
    }
  }
  if (min === Infinity) return {min: '08:00', max: '20:00'};
  const lo = Math.max(0, Math.floor(min / 60) * 60 - 60);
  const hi = Math.min(1440, Math.ceil(max / 60) * 60 + 60);
  const f = (m) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return {min: f(lo), max: hi === 1440 ? '24:00' : f(hi)};
}

/** Everything EventCalendar draws for one pull. */
export function toCalendarEvents(cal, tz, names) {
  return [...offHoursEvents(cal), ...timeOffEvents(cal, tz), ...appointmentEvents(cal, tz, names)];
}

/**
 * The PATCH body that moves appointment `apt` so that item `index` starts at
 * wall `newStartWall` with staff `newStaffId` (null: unchanged). The whole
 * visit shifts by the same real time; the other items keep their staff.
 * Returns {start: RFC 3339 with the branch's offset, items}.
 */
export function moveBody(apt, index, newStartWall, newStaffId, tz) {
  const deltaMs = Date.parse(wallToInstant(newStartWall, tz)) - Date.parse(apt.items[index].start);
  const start = formatInstant(Date.parse(apt.start) + deltaMs, tz);
  const items = apt.items.map((it, i) => ({
    service_id: it.service_id,
    staff_id: i === index && newStaffId ? newStaffId : it.staff_id,
  }));
  return {start, items};
}
