import type { DefaultSession } from "next-auth";
import type { Role } from "@/modules/identity/model";

declare module "next-auth" {
  interface User {
    role?: Role;
    /** 法人登录: the enterprise the person signed in for. */
    actingEntityId?: string | null;
  }
  interface Session {
    /** The `sessions` row this cookie names. */
    sid?: string;
    user: { id: string; role: Role; name: string } & Omit<DefaultSession["user"], "name">;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    sid?: string;
  }
}
