// What each role may do, to show only the controls that will work. The server
// enforces the same rules (403); this only spares people buttons that fail.
// stylist: reads the calendar, changes status of their own appointments;
//   may not read clients or sales (403);
// front_desk: books, moves, cancels, checks out, manages clients;
// manager and owner: everything here.

const kDesk = new Set(['front_desk', 'manager', 'owner']);

export function canBook(user) { return kDesk.has(user.role); }
export function canCheckout(user) { return kDesk.has(user.role); }
export function canManageClients(user) { return kDesk.has(user.role); }
/** Whether GET …/clients… answers (a stylist gets 403: names stay "Client"). */
export function canReadClients(user) { return kDesk.has(user.role); }

/** Whether `user` may change the status of appointment `apt`. */
export function canChangeStatus(user, apt) {
  if (kDesk.has(user.role)) return true;
  return user.role === 'stylist' && !!user.staff_id && apt.items.some((i) => i.staff_id === user.staff_id);
}

export const kRoleNames = {owner: 'Owner', manager: 'Manager', front_desk: 'Front desk', stylist: 'Stylist'};
