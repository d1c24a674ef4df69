import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import type { Provider } from "next-auth/providers";
import { eq } from "drizzle-orm";
import { authenticate, loadActor } from "@/modules/identity/authenticate";
import { ZSignInInput } from "@/modules/identity/inputs";
import { users } from "@/modules/identity/schema";
import { getDb } from "@/server/db";
import { env, oidcEnabled } from "@/server/env";
import { authConfig } from "./config";

class LockedSignIn extends CredentialsSignin {
  code = "locked";
}
class InvalidSignIn extends CredentialsSignin {
  code = "invalidCredentials";
}

function providers(): Provider[] {
  const list: Provider[] = [
    Credentials({
      id: "credentials",
      credentials: { login: {}, password: {} },
      async authorize(raw) {
        const parsed = ZSignInInput.safeParse(raw);
        if (!parsed.success) throw new InvalidSignIn();
        const result = await authenticate(await getDb(), parsed.data);
        if (!result.ok) throw result.reason === "locked" ? new LockedSignIn() : new InvalidSignIn();
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
      console.error(error);
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
