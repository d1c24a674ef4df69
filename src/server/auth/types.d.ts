import type { DefaultSession } from "next-auth";
import type { Role } from "@/modules/identity/model";

declare module "next-auth" {
  interface User {
    role?: Role;
    departmentId?: string | null;
    entityId?: string | null;
  }
  interface Session {
    user: {
      id: string;
      role: Role;
      name: string;
      departmentId: string | null;
      entityId: string | null;
    } & Omit<DefaultSession["user"], "name">;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    role?: Role;
    departmentId?: string | null;
    entityId?: string | null;
  }
}
