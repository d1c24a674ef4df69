import type { NextAuthConfig } from "next-auth";
import { roles, type Role } from "@/modules/identity/model";

/**
 * The database-free part of the Auth.js configuration, completed in `./index.ts`. The proxy
 * (src/proxy.ts) reads the session cookie itself, without Auth.js re-issuing it.
 */
export const authConfig = {
  pages: { signIn: "/sign-in", error: "/sign-in" },
  session: { strategy: "jwt", maxAge: sessionMaxAgeSeconds() },
  trustHost: true,
  providers: [],
  callbacks: {
    session({ session, token }) {
      if (token.sub && isRole(token.role)) {
        session.user = {
          ...session.user,
          id: token.sub,
          role: token.role,
          name: typeof token.name === "string" ? token.name : "",
          departmentId: typeof token.departmentId === "string" ? token.departmentId : null,
          entityId: typeof token.entityId === "string" ? token.entityId : null,
        };
      }
      return session;
    },
  },
} satisfies NextAuthConfig;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (roles as readonly string[]).includes(value);
}

function sessionMaxAgeSeconds(): number {
  const minutes = Number(process.env.SESSION_MAX_AGE_MINUTES ?? 480);
  return Number.isFinite(minutes) && minutes > 0 ? Math.round(minutes * 60) : 480 * 60;
}
