// The day and week grid: EventCalendar's resource time grid, one column per
// staff member. It only draws and reports gestures; loading, booking and
// moving are the caller's (desk_app.js).
//
// Walls: EventCalendar gets floating wall times of the branch (see
// calendar_model.js) and hands back Dates whose *local* fields are those
// walls; wallOfLocalDate reads them back. `timeZone` is set to the branch's
// current offset only so that the "now" line sits at the branch's now.

import {createCalendar, destroyCalendar, Interaction, ResourceTimeGrid} from '@event-calendar/core';
import '@event-calendar/core/index.css';
import {h} from '../shared/dom.js';
import {formatOffset, offsetMinutes, wallOfLocalDate} from '../shared/tz.js';
import {kStatusLabels} from './calendar_model.js';

export const kViews = {day: 'resourceTimeGridDay', week: 'resourceTimeGridWeek'};

/** The inside of an appointment: its phases as bands, then who and what. */
function eventContent({event, timeText}) {
  const p = event.extendedProps;
  if (!p || !p.appointmentId) return undefined;  // background events: default
  const bands = (p.phases || []).filter((ph) => !ph.busy).map((ph) => {
    const band = h('span', {class: 'phase-processing', 'aria-hidden': 'true'});
    band.style.top = `${(ph.from * 100).toFixed(2)}%`;
    band.style.height = `${((ph.to - ph.from) * 100).toFixed(2)}%`;
    return band;
  });
  const processing = bands.length ? ' · processing time free' : '';
  return {domNodes: [
    ...bands,
    h('span', {class: 'apt-text'},
      h('span', {class: 'apt-time'}, timeText),
      h('span', {class: 'apt-title'}, p.client),
      h('span', {class: 'apt-service'}, p.service),
      h('span', {class: 'apt-status'}, `${kStatusLabels[p.status] || p.status}${processing}`)),
  ]};
}

// EventCalendar marks its grid up as a table whose rows also hold the events
// (role=button), which ARIA forbids (axe: aria-required-children, critical).
// We drop the table roles: the grid reads as a region of appointment buttons,
// each saying when, who, what and its status.
const kTableRoles = new Set(['table', 'rowgroup', 'row', 'cell', 'columnheader', 'rowheader', 'gridcell']);
function flattenRoles(host) {
  for (const el of host.querySelectorAll('[role]')) {
    if (kTableRoles.has(el.getAttribute('role'))) el.removeAttribute('role');
  }
  for (const el of host.querySelectorAll('[aria-colindex], [aria-colspan], [aria-rowindex]')) {
    for (const a of ['aria-colindex', 'aria-colspan', 'aria-rowindex']) el.removeAttribute(a);
  }
  const ec = host.querySelector('.ec');
  if (ec && ec.getAttribute('role') !== 'region') {
    ec.setAttribute('role', 'region');
    ec.setAttribute('aria-label', 'Appointments by staff member');
  }
}

export class CalendarView {
  /**
   * handlers: onSlot({wall, staffId}), onOpen({appointmentId}),
   * onMove({appointmentId, itemIndex, wall, staffId, revert}), onRange().
   * `editable`: whether bookings and drags are offered (the role's right).
   */
  constructor(el, {editable, handlers}) {
    this.handlers = handlers;
    this.ec = createCalendar(el, [ResourceTimeGrid, Interaction], {
      view: kViews.day,
      headerToolbar: {start: '', center: '', end: ''},
      allDaySlot: false,
      nowIndicator: true,
      datesAboveResources: true,
      firstDay: 1,  // weeks start on Monday, as the week's pull does
      // Columns never shrink below a readable width; the grid scrolls sideways.
      views: {
        resourceTimeGridDay: {columnWidth: 'minmax(7.5rem, 1fr)'},
        resourceTimeGridWeek: {columnWidth: 'minmax(5.5rem, 1fr)'},
      },
      slotDuration: '00:15',
      slotLabelInterval: '01:00',
      slotHeight: 20,
      height: '100%',
      scrollTime: '08:00',
      pointer: editable,
      editable,
      eventDurationEditable: false,
      eventDragMinDistance: 8,
      slotEventOverlap: false,
      eventTimeFormat: {hour: '2-digit', minute: '2-digit', hour12: false},
      slotLabelFormat: {hour: '2-digit', minute: '2-digit', hour12: false},
      dayHeaderFormat: {weekday: 'short', day: 'numeric', month: 'short'},
      resources: [],
      events: [],
      eventContent,
      // Which appointment an element draws: for tests and for debugging.
      eventDidMount: ({el, event}) => {
        const p = event.extendedProps;
        if (p?.appointmentId) {
          el.dataset.appointmentId = p.appointmentId;
          el.dataset.item = String(p.itemIndex);
        }
      },
      dateClick: (info) => {
        if (!editable || !info.resource) return;
        handlers.onSlot({wall: wallOfLocalDate(info.date), staffId: String(info.resource.id)});
      },
      eventClick: (info) => {
        const id = info.event.extendedProps?.appointmentId;
        if (id) handlers.onOpen({appointmentId: id});
      },
      eventDrop: (info) => {
        const p = info.event.extendedProps;
        handlers.onMove({
          appointmentId: p.appointmentId,
          itemIndex: p.itemIndex,
          wall: wallOfLocalDate(info.event.start),
          staffId: info.newResource ? String(info.newResource.id) : null,
          revert: info.revert,
        });
      },
    });
    this.watchRoles(el);
  }

  /** Keeps the roles flat however EventCalendar redraws. */
  watchRoles(el) {
    flattenRoles(el);
    this.observer = new MutationObserver(() => flattenRoles(el));
    this.observer.observe(el, {subtree: true, childList: true, attributes: true, attributeFilter: ['role', 'aria-colindex', 'aria-colspan', 'aria-rowindex']});
  }

  /** The branch's zone: its offset now places the "now" line. Set before setRange. */
  setZone(tz) {
    const offset = formatOffset(offsetMinutes(tz, Date.now()));
    if (this.ec.getOption('timeZone') !== offset) this.ec.setOption('timeZone', offset);
  }

  /** Shows `date` ('YYYY-MM-DD') in `mode` ('day' | 'week'). */
  setRange(mode, date) {
    this.ec.setOption('view', kViews[mode]);
    this.ec.setOption('date', date);
  }

  /**
   * Draws one pull: columns, events and the hours worth showing; `scrollTo`
   * ('HH:MM', on a new range only) scrolls there, so a live reload never
   * moves what the person is looking at.
   */
  show({resources, events, hours, scrollTo = null}) {
    this.ec.setOption('slotMinTime', hours.min);
    if (scrollTo) this.ec.setOption('scrollTime', scrollTo);
    this.ec.setOption('slotMaxTime', hours.max);
    this.ec.setOption('resources', resources);
    this.ec.setOption('events', events);
  }

  destroy() {
    this.observer?.disconnect();
    destroyCalendar(this.ec);
  }
}
