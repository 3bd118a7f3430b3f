// Local days and wall-clock times of a branch's IANA time zone, with the
// browser's time zone database (Intl). Pure: no DOM, no clock reads except
// where `now` defaults to Date.now().
//
// "wall" strings are 'YYYY-MM-DDTHH:MM:SS' without an offset: the branch's
// local clock. The API answers instants with the branch's offset and accepts
// any offset, so we turn walls back into instants with the zone's offset.

const formatters = new Map();
function formatter(tz) {
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
      hour: '2-digit', minute: '2-digit', second: '2-digit',
    });
    formatters.set(tz, f);
  }
  return f;
}

function fields(tz, ms) {
  const out = {};
  for (const p of formatter(tz).formatToParts(new Date(ms))) out[p.type] = p.value;
  return out;
}

const pad = (n, w = 2) => String(n).padStart(w, '0');

/** The zone's offset from UTC in minutes at instant `ms`. */
export function offsetMinutes(tz, ms) {
  const f = fields(tz, ms);
  const asUtc = Date.UTC(+f.year, +f.month - 1, +f.day, +f.hour, +f.minute, +f.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
}

/** '+01:00' for 60. */
export function formatOffset(minutes) {
  const sign = minutes < 0 ? '-' : '+';
  const m = Math.abs(minutes);
  return `${sign}${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

/** The wall clock of instant `ms` (or an RFC 3339 string) in `tz`. */
export function toWall(instant, tz) {
  const ms = typeof instant === 'number' ? instant : Date.parse(instant);
  const f = fields(tz, ms);
  return `${f.year}-${f.month}-${f.day}T${f.hour}:${f.minute}:${f.second}`;
}

/**
 * The instant (RFC 3339 with the zone's offset) for a wall time in `tz`.
 * A wall time skipped by a DST jump lands after the jump; an ambiguous one
 * (the repeated hour) takes the first occurrence.
 */
export function wallToInstant(wall, tz) {
  const w = normalWall(wall);
  const asUtc = Date.parse(w + 'Z');
  // The offsets in force a day either side; the larger first, so a repeated
  // hour takes its first occurrence. Keep one that maps back to the wall.
  const offsets = [offsetMinutes(tz, asUtc - 86400000), offsetMinutes(tz, asUtc + 86400000)]
    .sort((a, b) => b - a);
  for (const off of offsets) {
    if (offsetMinutes(tz, asUtc - off * 60000) === off) return w + formatOffset(off);
  }
  // In a DST gap: the clock jumped over this wall; take the time just after.
  const ms = asUtc - offsets[1] * 60000;
  return toWall(ms, tz) + formatOffset(offsetMinutes(tz, ms));
}

/** 'YYYY-MM-DDTHH:MM' or with seconds or an offset → 'YYYY-MM-DDTHH:MM:SS'. */
export function normalWall(wall) {
  const m = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d):(\d\d)(?::(\d\d))?)?/.exec(wall);
  if (!m) throw new Error(`not a local time: ${wall}`);
  return `${m[1]}T${m[2] || '00'}:${m[3] || '00'}:${m[4] || '00'}`;
}

/** The local date 'YYYY-MM-DD' in `tz` now (or at `ms`). */
export function todayIn(tz, ms = Date.now()) {
  return toWall(ms, tz).slice(0, 10);
}

/** date + n days, on the calendar (no time zone involved). */
export function addDays(date, n) {
  const [y, m, d] = date.split('-').map(Number);
  const t = new Date(Date.UTC(y, m - 1, d + n));
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())}`;
}

/** 'mon'..'sun' of a date (the keys of WeeklyHours). */
export function weekdayKey(date) {
  const [y, m, d] = date.split('-').map(Number);
  return ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'][new Date(Date.UTC(y, m - 1, d)).getUTCDay()];
}

/** The Monday on or before `date`. */
export function mondayOf(date) {
  const [y, m, d] = date.split('-').map(Number);
  const dow = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  return addDays(date, -dow);
}

/** Minutes between two walls (b − a), as clock arithmetic. */
export function wallMinutes(a, b) {
  const ms = (w) => Date.parse(w.slice(0, 19) + 'Z');
  return Math.round((ms(b) - ms(a)) / 60000);
}

/** A wall shifted by `minutes` on the clock. */
export function addWallMinutes(wall, minutes) {
  const t = new Date(Date.parse(wall.slice(0, 19) + 'Z') + minutes * 60000);
  return t.toISOString().slice(0, 19);
}

/** The wall clock fields of a JS Date as its local fields (EventCalendar's way). */
export function wallOfLocalDate(date) {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T` +
    `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** RFC 3339 of instant `ms` with `tz`'s offset at that instant. */
export function formatInstant(ms, tz) {
  return toWall(ms, tz) + formatOffset(offsetMinutes(tz, ms));
}
