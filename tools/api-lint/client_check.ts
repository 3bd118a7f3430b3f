// Proof that docs/openapi.json generates a usable, typed client: the types
// openapi-typescript generates from it (generated/schema.d.ts) drive an
// openapi-fetch client through a front desk's first steps. scripts/api-lint.sh
// type-checks this file with `tsc --noEmit --strict`; it is never run, so it
// needs no server. The @ts-expect-error lines prove the types are strict: each
// must be a type error, or the check fails.
import createClient from "openapi-fetch";

import type { components, operations, paths } from "./generated/schema";

type Schemas = components["schemas"];
// The operationIds name the operations' types.
type BookingBody = operations["createAppointment"]["requestBody"]["content"]["application/json"];
type AvailabilityQuery = operations["getBranchAvailability"]["parameters"]["query"];

const baseUrl = "http://127.0.0.1:8080";

export async function openSalonAndBook(adminKey: string): Promise<Schemas["Appointment"]> {
  // createSalon: the platform admin creates a salon and receives its key, once.
  const admin = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${adminKey}` } });
  const created = await admin.POST("/v1/salons", {
    params: { header: { "Idempotency-Key": "open-salon-1" } },
    body: { name: "Salon Lumière", currency: "EUR", country: "IE" },
  });
  if (created.error) throw new Error(`createSalon: ${created.error.status} ${created.error.detail}`);
  const salon: string = created.data.id;
  const salonKey: string = created.data.api_key;

  // From here on, the salon's own key.
  const desk = createClient<paths>({ baseUrl, headers: { Authorization: `Bearer ${salonKey}` } });

  // listClients: one page, searched, then the next page's cursor.
  const clients = await desk.GET("/v1/salons/{salon}/clients", {
    params: { path: { salon }, query: { query: "murphy", limit: 20, archived: false } },
  });
  if (clients.error) throw new Error(`listClients: ${clients.error.detail}`);
  const client: Schemas["Client"] | undefined = clients.data.items[0];
  const next: string | null = clients.data.next;
  if (client === undefined) throw new Error(`no client on this page (next: ${next ?? "none"})`);

  // getBranchAvailability: the starts at which a cut then a colour fit.
  const branch = "br_1";
  const query: AvailabilityQuery = { service_ids: "svc_cut,svc_colour", from: "2026-03-02", days: 7 };
  const availability = await desk.GET("/v1/salons/{salon}/branches/{branch}/availability", {
    params: { path: { salon, branch }, query },
  });
  if (availability.error) throw new Error(`getBranchAvailability: ${availability.error.detail}`);
  const slot: Schemas["Slot"] | undefined = availability.data.slots[0];
  if (slot === undefined) {
    const more = availability.data.complete === false ? `, search again from ${availability.data.next_from}` : "";
    throw new Error(`no free start${more}`);
  }

  // createAppointment at that start, with the staff the search proposed.
  const body: BookingBody = {
    branch_id: branch,
    client_id: client.id,
    start: slot.start,
    items: [
      { service_id: "svc_cut", staff_id: slot.staff_ids[0] },
      { service_id: "svc_colour" },
    ],
    notes: "first visit",
  };
  const booked = await desk.POST("/v1/salons/{salon}/appointments", {
    params: { path: { salon }, header: { "Idempotency-Key": `book-${client.id}-${slot.start}` } },
    body,
  });
  if (booked.error) {
    // 409 when the time was taken meanwhile, 422 when the request is invalid.
    const problem: Schemas["Problem"] = booked.error;
    throw new Error(`createAppointment: ${problem.status} ${problem.detail}`);
  }
  const status: "booked" | "arrived" | "in_progress" | "completed" | "cancelled" | "no_show" =
    booked.data.status;
  if (status !== "booked") throw new Error(`unexpected status ${status}`);
  return booked.data;
}

// What the generated types refuse. Never called.
export async function misuses(desk: ReturnType<typeof createClient<paths>>, salon: string): Promise<void> {
  await desk.GET("/v1/salons/{salon}/branches/{branch}/availability", {
    // @ts-expect-error: an availability search needs its first day, `from`.
    params: { path: { salon, branch: "br_1" }, query: { service_ids: "svc_cut" } },
  });
  await desk.GET("/v1/salons/{salon}/branches/{branch}/availability", {
    // @ts-expect-error: `days` is a number.
    params: { path: { salon, branch: "br_1" }, query: { service_ids: "svc_cut", from: "2026-03-02", days: "7" } },
  });
  await desk.POST("/v1/salons/{salon}/appointments", {
    params: { path: { salon } },
    // @ts-expect-error: a booking needs its items.
    body: { branch_id: "br_1", client_id: "cli_1", start: "2026-03-02T10:00:00+00:00" },
  });
  // @ts-expect-error: not an operation of this API.
  await desk.DELETE("/v1/salons/{salon}/appointments/{id}", { params: { path: { salon, id: "apt_1" } } });
  await desk.POST("/v1/salons/{salon}/appointments/{id}/status", {
    params: { path: { salon, id: "apt_1" } },
    // @ts-expect-error: cancelling is not a status change (it has its own operation).
    body: { status: "cancelled" },
  });
}
