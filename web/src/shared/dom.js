// A tiny element builder and the few DOM habits every page shares.
// h('button', {class: 'primary', onclick: fn}, 'Save') → <button>.
// Attributes starting with "on" become listeners; `null`/`false` are skipped;
// children may be strings, nodes, arrays or null. Never uses innerHTML, so
// server text cannot become markup.

export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = Array.isArray(v) ? v.filter(Boolean).join(' ') : v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k in el && typeof v !== 'string') el[k] = v;  // value, checked, disabled…
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
}

/** Replaces an element's children. */
export function render(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

let uid = 0;
/** A unique id for label/aria wiring. */
export const nextId = (prefix = 'f') => `${prefix}-${++uid}`;

/** A labelled form field: <div class=field><label for>…</label><input id>…</div>. */
export function field(label, control, hint = null) {
  control.id ||= nextId();
  const parts = [h('label', {for: control.id}, label), control];
  if (hint) {
    const hid = nextId('hint');
    control.setAttribute('aria-describedby', hid);
    parts.push(h('small', {id: hid, class: 'hint'}, hint));
  }
  return h('div', {class: 'field'}, parts);
}

/** An alert region showing an error sentence (or nothing). */
export function errorBox() {
  const box = h('p', {class: 'error', role: 'alert', hidden: true});
  box.show = (text) => { box.textContent = text || ''; box.hidden = !text; };
  return box;
}

/**
 * Opens a modal <dialog> with a title and body; resolves when it closes.
 * The caller closes it with dialog.close(value). Focus returns to where it was.
 */
export function openDialog(title, body, {className = ''} = {}) {
  const titleId = nextId('dlg');
  const closeBtn = h('button', {type: 'button', class: 'icon close', 'aria-label': 'Close'}, '×');
  const dialog = h('dialog', {class: ['panel', className], 'aria-labelledby': titleId},
    h('header', {class: 'dialog-head'}, h('h2', {id: titleId}, title), closeBtn),
    body);
  closeBtn.addEventListener('click', () => dialog.close());
  const back = document.activeElement;
  document.body.append(dialog);
  dialog.showModal();
  dialog.done = new Promise((resolve) => dialog.addEventListener('close', () => {
    dialog.remove();
    if (back && back.isConnected) back.focus();
    resolve(dialog.returnValue);
  }));
  return dialog;
}

/** A polite live region for short notices ("Booked", "Moved"). */
export function announcer(el) {
  let timer = 0;
  return (text, kind = 'info') => {
    el.textContent = text;
    el.dataset.kind = kind;
    el.hidden = !text;
    clearTimeout(timer);
    if (text) timer = setTimeout(() => { el.hidden = true; }, kind === 'error' ? 12000 : 4000);
  };
}
