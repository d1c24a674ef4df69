import { mkdirSync } from "node:fs";
import path from "node:path";
import { expect, test as setup } from "@playwright/test";
import { demoPassword } from "./helpers";
import { landingPage, savedSessions, sessionFile } from "./sessions";

/**
 * Signs in every demo account the journeys share once, through the Auth.js credentials endpoint
 * as the sign-in form does (CSRF token, then the form post), and saves each session's storage
 * state for e2e/sessions.ts.
 */
for (const [key, { login, creditCode }] of Object.entries(savedSessions)) {
  setup(`signs in ${key} and saves the session`, async ({ request, baseURL }) => {
    const { csrfToken } = (await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const home = landingPage(login);
    const response = await request.post("/api/auth/callback/credentials", {
      form: { csrfToken, login, password: demoPassword, creditCode: creditCode ?? "", callbackUrl: home },
      headers: { origin: new URL(baseURL ?? "").origin },
      maxRedirects: 0,
    });
    // Auth.js answers a form post with a redirect; a refusal goes back to the sign-in page with an error.
    expect(response.status()).toBe(302);
    expect(response.headers().location).not.toMatch(/sign-in|error/);
    // The session works: the landing page answers without sending the browser to sign in.
    const landing = await request.get(home, { maxRedirects: 0 });
    expect(landing.status()).toBe(200);
    const file = sessionFile(key);
    mkdirSync(path.dirname(file), { recursive: true });
    await request.storageState({ path: file });
  });
}
