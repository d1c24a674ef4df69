import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { headers } from "next/headers";
import { eq } from "drizzle-orm";
import { shanghaiDate } from "@/lib/dates";
import { actForEnterpriseCode } from "@/modules/identity/acting";
import { isDomainError } from "@/lib/domain-error";
import { authenticate, loadActor } from "@/modules/identity/authenticate";
import { ZEnterpriseSignInInput, ZSignInInput } from "@/modules/identity/inputs";
import { users } from "@/modules/identity/schema";
import { endSession, startSession } from "@/modules/identity/sessions";
import { getDb } from "@/server/db";
import { env, oidcEnabled } from "@/server/env";
import { log } from "@/server/log";
import { clientAddressOf } from "@/server/client-address";
import { processLimiters, signInThrottle } from "@/server/rate-limit";
import { authConfig } from "./config";
import { sessionPolicy } from "./policy";

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
/** 法人登录 with correct credentials, for an enterprise the person may not act for (or one not registered). */
class NoMandateSignIn extends CredentialsSignin {
  code = "noMandate";
}

async function userAgent(): Promise<string | null> {
  try {
    return (await headers()).get("user-agent");
  } catch {
    return null;
  }
}

/** Too many password hashes at once (see identity/password.ts): try again in a moment. */
class BusySignIn extends CredentialsSignin {
  code = "busy";
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      id: "credentials",
      credentials: { login: {}, password: {}, creditCode: {} },
      async authorize(raw, request) {
        // 个人登录 with login and password; 法人登录 adds the enterprise's credit code.
        const forEnterprise = typeof raw?.creditCode === "string" && raw.creditCode.trim() !== "";
        const parsed = ZSignInInput.safeParse(raw);
        const enterprise = forEnterprise ? ZEnterpriseSignInInput.safeParse(raw) : null;
        if (!parsed.success || (enterprise && !enterprise.success)) throw new InvalidSignIn();
        const db = await getDb();
        const attempt = { address: clientAddressOf(request.headers), throttle: signInThrottle(await processLimiters()) };
        const result = await authenticate(db, parsed.data, attempt).catch((error: unknown) => {
          if (isDomainError(error) && error.code === "unavailable") throw new BusySignIn();
          throw error;
        });
        if (!result.ok) throw result.reason === "locked" ? new LockedSignIn(result.retryAfterSeconds) : new InvalidSignIn();
        const { actor } = result;
        let actingEntityId: string | null = null;
        if (enterprise?.success) {
          const acting = await actForEnterpriseCode(db, actor, enterprise.data.creditCode, shanghaiDate(new Date()));
          if (!acting?.entityId) throw new NoMandateSignIn();
          actingEntityId = acting.entityId;
        }
        return { id: actor.userId, name: actor.displayName, role: actor.role, actingEntityId };
      },
    }),
  ];
  const e = env();
  if (oidcEnabled(e)) {
    // The province's unified identity platform (统一身份认证), any OpenID Connect provider.
    list.push({ id: "oidc", name: e.OIDC_NAME, type: "oidc", issuer: e.OIDC_ISSUER, clientId: e.OIDC_CLIENT_ID, clientSecret: e.OIDC_CLIENT_SECRET });
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
  events: {
    // Signing out ends the session row, so a copy of the cookie is worth nothing afterwards.
    async signOut(message) {
      const sid = "token" in message ? message.token?.sid : undefined;
      if (typeof sid === "string") await endSession(await getDb(), sid, "signOut");
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
      // A sign-in starts a session row; afterwards the token only carries its id.
      if (account?.provider === "oidc" && profile?.sub) {
        const db = await getDb();
        const [row] = await db.select({ id: users.id }).from(users).where(eq(users.oidcSubject, profile.sub));
        const actor = row ? await loadActor(db, row.id) : undefined;
        if (!actor) return { ...token, sid: undefined };
        // The platform verified the person: the account's real-name level says so.
        await db.update(users).set({ verification: "identityPlatform", verifiedAt: new Date(), lastSignInAt: new Date() }).where(eq(users.id, actor.userId));
        const sid = await startSession(db, { userId: actor.userId, userAgent: await userAgent() }, sessionPolicy());
        return { ...token, sub: actor.userId, name: actor.displayName, role: actor.role, sid };
      }
      if (user?.id) {
        const sid = await startSession(
          await getDb(),
          { userId: user.id, userAgent: await userAgent(), acting: { entityId: user.actingEntityId ?? null } },
          sessionPolicy(),
        );
        return { ...token, sub: user.id, name: user.name, role: user.role, sid };
      }
      return token;
    },
  },
});
