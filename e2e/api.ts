import { expect, request, test, type APIRequestContext } from "@playwright/test";
import superjson from "superjson";
import { sessionFile, sessionKey, savedSessions } from "./sessions";

/**
 * The portal's own tRPC endpoint, called as a signed-in demo account (its saved session from
 * sessions.setup.ts) with the portal's Origin, as its pages call it. For a journey's
 * preconditions that another journey already walks in the browser (the window accepting a case,
 * departments approving their tasks): the journey keeps in the browser only what it is about.
 * The full browser paths stay in helpers.ts (`acceptAtWindow`, `decideAs`) and in the journeys
 * that are about them (e2e/parallel-review.spec.ts, e2e/one-notice.spec.ts).
 */

function baseUrl(): string {
  const url = test.info().project.use.baseURL;
  if (!url) throw new Error("no baseURL in the Playwright config");
  return url;
}

/** A request context with a demo account's saved session; dispose it when done. */
export async function apiSignedIn(login: string, creditCode?: string): Promise<APIRequestContext> {
  const key = sessionKey(login, creditCode);
  if (!savedSessions[key]) throw new Error(`no saved session for ${key}: add it to savedSessions in e2e/sessions.ts`);
  const base = baseUrl();
  return request.newContext({ baseURL: base, storageState: sessionFile(key), extraHTTPHeaders: { origin: new URL(base).origin } });
}

interface TrpcAnswer {
  result?: { data: Parameters<typeof superjson.deserialize>[0] };
  error?: { json: { message: string; data?: { code?: string } } };
}

async function answerOf<T>(path: string, response: Awaited<ReturnType<APIRequestContext["get"]>>): Promise<T> {
  const body = (await response.json()) as TrpcAnswer;
  // A refusal fails the journey with the server's own words, not a later missing element.
  expect(body.error?.json, `${path}: ${body.error?.json.message ?? ""}`).toBeUndefined();
  expect(response.status(), path).toBe(200);
  return superjson.deserialize<T>(body.result?.data ?? { json: null });
}

export async function trpcQuery<T>(api: APIRequestContext, path: string, input: unknown): Promise<T> {
  const encoded = encodeURIComponent(JSON.stringify(superjson.serialize(input)));
  return answerOf<T>(path, await api.get(`/api/trpc/${path}?input=${encoded}`));
}

export async function trpcMutation<T>(api: APIRequestContext, path: string, input: unknown): Promise<T> {
  return answerOf<T>(path, await api.post(`/api/trpc/${path}`, { data: superjson.serialize(input) }));
}

/** The window clerk accepts the case (applications.accept), as the window page's button does. */
export async function acceptByApi(trackingNumber: string): Promise<void> {
  const api = await apiSignedIn("clerk");
  try {
    const queue = await trpcQuery<Array<{ id: string; version: number; trackingNumber: string | null }>>(api, "applications.acceptanceQueue", {
      status: "submitted",
    });
    const row = queue.find((r) => r.trackingNumber === trackingNumber);
    expect(row, `${trackingNumber} in the window's queue`).toBeTruthy();
    const accepted = await trpcMutation<{ status: string }>(api, "applications.accept", { applicationId: row?.id, version: row?.version });
    expect(accepted.status).toBe("inReview");
  } finally {
    await api.dispose();
  }
}

/**
 * One reviewer approves every running task of their department on the case (review.decide), as
 * `decideAs(…, "approve")` does through the task page. Returns how many they approved (at least one).
 */
export async function approveByApi(login: string, trackingNumber: string): Promise<number> {
  const api = await apiSignedIn(login);
  try {
    const queue = await trpcQuery<{ rows: Array<{ taskId: string; version: number; trackingNumber: string }> }>(api, "review.queue", {
      status: "pending",
      q: trackingNumber,
    });
    const tasks = queue.rows.filter((r) => r.trackingNumber === trackingNumber);
    expect(tasks.length, `${login}'s running tasks on ${trackingNumber}`).toBeGreaterThan(0);
    for (const task of tasks) {
      const decided = await trpcMutation<{ taskStatus: string }>(api, "review.decide", { taskId: task.taskId, version: task.version, outcome: "approved" });
      expect(decided.taskStatus).toBe("approved");
    }
    return tasks.length;
  } finally {
    await api.dispose();
  }
}
