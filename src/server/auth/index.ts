import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { eq } from "drizzle-orm";
import { isDomainError } from "@/lib/domain-error";
import { authenticate, loadActor } from "@/modules/identity/authenticate";
import { ZSignInInput } from "@/modules/identity/inputs";
import { users } from "@/modules/identity/schema";
import { getDb } from "@/server/db";
import { env, oidcEnabled } from "@/server/env";
import { log } from "@/server/log";
import { clientAddressOf } from "@/server/client-address";
import { processLimiters, signInThrottle } from "@/server/rate-limit";
import { authConfig } from "./config";

/** The code reaches the sign-in form as `locked.<seconds to wait>`, so it can say how long. */
class LockedSignIn extends CredentialsSignin {
  constructor(retryAfterSeconds: number) {
    super();
    this.code = `locked.${retryAfterSeconds}`;
  }
}
class InvalidSignIn extends CredentialsSignin {
  code = "invalidCredentials";
}
/** Too many password hashes at once (see identity/password.ts): try again in a moment. */
class BusySignIn extends CredentialsSignin {
  code = "busy";
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      id: "credentials",
      credentials: { login: {}, password: {} },
      async authorize(raw, request) {
        const parsed = ZSignInInput.safeParse(raw);
        if (!parsed.success) throw new InvalidSignIn();
        const attempt = { address: clientAddressOf(request.headers), throttle: signInThrottle(await processLimiters()) };
        const result = await authenticate(await getDb(), parsed.data, attempt).catch((error: unknown) => {
          if (isDomainError(error) && error.code === "unavailable") throw new BusySignIn();
          throw error;
        });
        if (!result.ok) throw result.reason === "locked" ? new LockedSignIn(result.retryAfterSeconds) : new InvalidSignIn();
        const { actor } = result;
        return {
          id: actor.userId,
          name: actor.displayName,
          role: actor.role,
          departmentId: actor.departmentId,
          entityId: actor.entityId,
        };
      },
    }),
  ];
  const e = env();
  if (oidcEnabled(e)) {
    // The province's unified identity platform (统一身份认证), any OpenID Connect provider.
    list.push({
      id: "oidc",
      name: e.OIDC_NAME,
      type: "oidc",
      issuer: e.OIDC_ISSUER,
      clientId: e.OIDC_CLIENT_ID,
      clientSecret: e.OIDC_CLIENT_SECRET,
    });
  }
  return list;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  ...authConfig,
  providers: providers(),
  logger: {
    // A failed sign-in is an answer to the user, not a server error worth a stack trace.
    error(error) {
      if ((error as { type?: string }).type === "CredentialsSignin" || error.name === "CredentialsSignin") return;
      // A request without its CSRF token is the client's mistake (or a forgery), not a server fault.
      if ((error as { type?: string }).type === "MissingCSRF") return void log.warn({ part: "auth" }, "Auth.js request without its CSRF token");
      log.error({ err: error, part: "auth" }, "Auth.js error");
    },
  },
  callbacks: {
    ...authConfig.callbacks,
    async signIn({ account, profile }) {
      if (account?.provider !== "oidc") return true;
      // Only accounts already linked to the platform's subject may sign in through it.
      if (!profile?.sub) return false;
      const db = await getDb();
      const [user] = await db.select({ id: users.id }).from(users).where(eq(users.oidcSubject, profile.sub));
      return user ? true : "/sign-in?error=oidcNotLinked";
    },
    async jwt({ token, user, account, profile }) {
      if (account?.provider === "oidc" && profile?.sub) {
        const db = await getDb();
        const [row] = await db.select({ id: users.id }).from(users).where(eq(users.oidcSubject, profile.sub));
        const actor = row ? await loadActor(db, row.id) : undefined;
        if (actor) {
          return { ...token, sub: actor.userId, name: actor.displayName, role: actor.role, departmentId: actor.departmentId, entityId: actor.entityId };
        }
      } else if (user) {
        return { ...token, sub: user.id, name: user.name, role: user.role, departmentId: user.departmentId ?? null, entityId: user.entityId ?? null };
      }
      return token;
    },
  },
});
