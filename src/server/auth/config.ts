import type { NextAuthConfig } from "next-auth";
import { roles, type Role } from "@/modules/identity/model";

/**
 * The database-free part of the Auth.js configuration, completed in `./index.ts`. The proxy
 * (src/proxy.ts) reads the session cookie itself, without Auth.js re-issuing it. The cookie is a
 * signed token that names a row of the `sessions` table (`sid`); every request checks that row,
 * so the role in the token is only a hint for the proxy's redirects, never an authority.
 */
export const authConfig = {
  pages: { signIn: "/sign-in", error: "/sign-in" },
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  trustHost: true,
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub && isRole(token.role) && typeof token.sid === "string") {
        session.user = { ...session.user, id: token.sub, role: token.role, name: typeof token.name === "string" ? token.name : "" };
        session.sid = token.sid;
      }
      return session;
    },
  },
} satisfies NextAuthConfig;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

function sessionMaxAgeSeconds(): number {
  const minutes = Number(process.env.SESSION_MAX_AGE_MINUTES ?? 120);
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : 120 * 60;
}
