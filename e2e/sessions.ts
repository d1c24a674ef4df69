import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "@playwright/test";

/**
 * Sessions signed in once per run by sessions.setup.ts (through the Auth.js credentials endpoint)
 * and saved as Playwright storage states, for journeys that merely need "be signed in as X".
 * A journey that tests signing in, signing out, ending sessions, keying in or choosing whom to act
 * for signs in afresh with helpers.ts's `signIn`: ending or changing a shared session would pull
 * it from under every other journey.
 */

const demo = { zhao: "11010519491231002X", qian: "130102199003070011", sun: "130102195203150237" } as const;
const tradingCompany = "91130102MA0TB00118";
const restaurantCompany = "91130602MA0TB002XR";

const staff = [
  "clerk",
  "dataoffice",
  ...["market", "publicSecurity", "tax", "humanResources", "housingFund", "naturalResources", "housing", "ecology", "health", "fire"].map(
    (d) => `reviewer.${d}`,
  ),
  // The city and county market regulation bodies (管辖层级).
  ...["marketShijiazhuang", "marketBaoding", "marketChangan", "marketTangxian"].map((d) => `reviewer.${d}`),
];

export interface SavedSession {
  login: string;
  creditCode?: string;
}

/** Every session the setup signs in, by its key (`login`, or `creditCode/login` for 法人登录). */
export const savedSessions: Record<string, SavedSession> = Object.fromEntries(
  [
    ...staff.map((login) => ({ login })),
    ...Object.values(demo).map((login) => ({ login })),
    { login: demo.zhao, creditCode: tradingCompany },
    { login: demo.qian, creditCode: restaurantCompany },
  ].map((s: SavedSession) => [sessionKey(s.login, s.creditCode), s]),
);

export function sessionKey(login: string, creditCode?: string): string {
  return creditCode ? `${creditCode}/${login}` : login;
}

/** Where a session's storage state is kept (inside e2e/.output/, which git ignores). */
export function sessionFile(key: string): string {
  return path.join(import.meta.dirname, ".output", "sessions", `${key.replace(/[^A-Za-z0-9.]/g, "_")}.json`);
}

/** The page a sign-in lands on, by role: as the sign-in form sends each one. */
export function landingPage(login: string): string {
  if (login === "clerk") return "/window";
  if (login === "dataoffice") return "/data-office";
  if (login.startsWith("reviewer.")) return "/review";
  return "/applicant";
}

function storageState(login: string, creditCode?: string): string {
  const key = sessionKey(login, creditCode);
  if (!savedSessions[key]) throw new Error(`no saved session for ${key}: add it to savedSessions in e2e/sessions.ts`);
  return sessionFile(key);
}

async function withSavedSession(page: Page, login: string, creditCode?: string): Promise<void> {
  const { cookies } = JSON.parse(readFileSync(storageState(login, creditCode), "utf8")) as { cookies: Parameters<BrowserContext["addCookies"]>[0] };
  await page.context().addCookies(cookies);
  await page.goto(landingPage(login));
}

/** In place of `signIn(page, login)`: the saved session of a demo account, on its landing page. */
export function signedIn(page: Page, login: string): Promise<void> {
  return withSavedSession(page, login);
}

/** In place of `signInForEnterprise(page, creditCode, login)`: the saved 法人登录 session, on its landing page. */
export function signedInForEnterprise(page: Page, creditCode: string, login: string): Promise<void> {
  return withSavedSession(page, login, creditCode);
}

/** A browser context of its own with a demo account's saved session. */
export function contextSignedIn(browser: Browser, login: string): Promise<BrowserContext> {
  return browser.newContext({ storageState: storageState(login) });
}
