// Pure helpers of the pages, without a browser: node --test tests/
import test from 'node:test';
import assert from 'node:assert/strict';
import {addDays, mondayOf, toWall, wallToInstant, weekdayKey} from '../src/shared/tz.js';
import {formatMoney, parseAmount} from '../src/shared/money.js';
import {appointmentEvents, moveBody, offHoursEvents, visibleHours} from '../src/desk/calendar_model.js';
import {estimateDue} from '../src/desk/till_math.js';

test('walls of a DST day in Dublin map to the right instants', () => {
  assert.equal(wallToInstant('2026-03-29T00:30', 'Europe/Dublin'), '2026-03-29T00:30:00+00:00');
  // 01:30 does not exist (01:00 → 02:00): the time just after the jump.
  assert.equal(wallToInstant('2026-03-29T01:30', 'Europe/Dublin'), '2026-03-29T02:30:00+01:00');
  // 01:30 happens twice on 25 October: the first one.
  assert.equal(wallToInstant('2026-10-25T01:30:00', 'Europe/Dublin'), '2026-10-25T01:30:00+01:00');
  assert.equal(wallToInstant('2026-11-23T09:30', 'America/New_York'), '2026-11-23T09:30:00-05:00');
  assert.equal(toWall('2026-11-23T14:30:00Z', 'America/New_York'), '2026-11-23T09:30:00');
});

test('calendar dates', () => {
  assert.equal(addDays('2026-12-31', 1), '2027-01-01');
  assert.equal(mondayOf('2026-11-29'), '2026-11-23');
  assert.equal(weekdayKey('2026-11-23'), 'mon');
});

test('money is integer minor units, parsed from text', () => {
  assert.equal(parseAmount('12,5', 'EUR'), 1250);
  assert.equal(parseAmount('0.10', 'EUR'), 10);
  assert.equal(parseAmount('12.555', 'EUR'), null);
  assert.equal(parseAmount('-3', 'EUR'), null);
  assert.equal(parseAmount('500', 'JPY'), 500);
  assert.match(formatMoney({amount: 4550, currency: 'EUR'}), /45\.50/);
});

const cal = {
  date: '2026-11-23', days: 1, timezone: 'Europe/Dublin',
  staff: [{id: 'stf_a', name: 'Ann', hours: {mon: [['09:00', '13:00'], ['14:00', '18:00']]}}],
  appointments: [{
    id: 'apt_1', status: 'booked', client_id: 'cli_1', start: '2026-11-23T10:00:00+00:00', end: '2026-11-23T11:45:00+00:00',
    items: [{service_id: 'svc_colour', staff_id: 'stf_a', start: '2026-11-23T10:00:00+00:00', end: '2026-11-23T11:45:00+00:00',
      phases: [
        {start: '2026-11-23T10:00:00+00:00', end: '2026-11-23T10:30:00+00:00', busy: true},
        {start: '2026-11-23T10:30:00+00:00', end: '2026-11-23T11:15:00+00:00', busy: false},
        {start: '2026-11-23T11:15:00+00:00', end: '2026-11-23T11:45:00+00:00', busy: true}]}],
  }, {id: 'apt_2', status: 'cancelled', client_id: 'cli_2', start: '2026-11-23T15:00:00+00:00', end: '2026-11-23T16:00:00+00:00', items: []}],
  time_off: [],
};

test('off-hours shade everything outside working hours, the lunch break too', () => {
  const spans = offHoursEvents(cal).map((e) => [e.start.slice(11, 16), e.end.slice(11, 16)]);
  assert.deepEqual(spans, [['00:00', '09:00'], ['13:00', '14:00'], ['18:00', '00:00']]);
});

test('an appointment carries its processing phase as a fraction of its span', () => {
  const [ev, ...rest] = appointmentEvents(cal, 'Europe/Dublin', {client: () => 'Mary', service: () => 'Colour'});
  assert.equal(rest.length, 0, 'cancelled appointments are not drawn');
  assert.equal(ev.start, '2026-11-23T10:00:00');
  assert.deepEqual(ev.resourceIds, ['stf_a']);
  assert.deepEqual(ev.extendedProps.phases.map((p) => p.busy), [true, false, true]);
  assert.ok(Math.abs(ev.extendedProps.phases[1].from - 30 / 105) < 1e-9);
  assert.equal(ev.startEditable, true);
});

test('the shown hours cover working hours with an hour either side', () => {
  assert.deepEqual(visibleHours(cal, 'Europe/Dublin'), {min: '08:00', max: '19:00'});
});

test('a move shifts the whole visit and changes only the dragged item\'s staff', () => {
  const body = moveBody(cal.appointments[0], 0, '2026-11-23T14:15:00', 'stf_b', 'Europe/Dublin');
  assert.deepEqual(body, {start: '2026-11-23T14:15:00+00:00', items: [{service_id: 'svc_colour', staff_id: 'stf_b'}]});
});

test('the amount due: discount in basis points, tip on top', () => {
  const lines = [{price: 4500, qty: 1, taxRate: 2300}, {price: 1999, qty: 2, taxRate: 2300}];
  assert.deepEqual(estimateDue(lines, {percent: 10}, 500, true), {subtotal: 8498, discount: 850, total: 7648, due: 8148});
  assert.equal(estimateDue([{price: 1000, qty: 1, taxRate: 1000}], null, 0, false).total, 1100);
});
