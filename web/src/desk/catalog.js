// The salon's slow-changing lists the desk needs by id: services, products and
// the clients named on the calendar. Loaded once per salon; clients on demand.

import {get} from '../shared/api.js';

/** Every page of a list endpoint ({items, next}), up to `max` items. */
export async function listAll(path, max = 2000) {
  const items = [];
  let cursor = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page = await get(`${path}${sep}limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    items.push(...page.items);
    cursor = page.next;
  } while (cursor && items.length < max);
  return items;
}

/** Clients by id, fetched at most once each (4 at a time). */
export class ClientCache {
  constructor(base) {
    this.base = base;
    this.byId = new Map();
    this.pending = new Map();
  }

  remember(client) { this.byId.set(client.id, client); }

  name(id) {
    const c = this.byId.get(id);
    return c ? [c.first_name, c.last_name].filter(Boolean).join(' ') : null;
  }

  get(id) {
    if (this.byId.has(id)) return Promise.resolve(this.byId.get(id));
    if (!this.pending.has(id)) {
      const p = get(`${this.base}/clients/${encodeURIComponent(id)}`)
        .then((c) => { this.byId.set(id, c); return c; })
        .finally(() => this.pending.delete(id));
      this.pending.set(id, p);
    }
    return this.pending.get(id);
  }

  /** Loads every id not yet known; failures leave a name unknown. */
  async loadMany(ids) {
    const todo = [...new Set(ids)].filter((id) => !this.byId.has(id));
    for (let i = 0; i < todo.length; i += 4) {
      await Promise.allSettled(todo.slice(i, i + 4).map((id) => this.get(id)));
    }
  }
}

export const clientLabel = (c) =>
  `${[c.first_name, c.last_name].filter(Boolean).join(' ')}${c.phone ? ` · ${c.phone}` : ''}`;
