import NextAuth from "next-auth";
import { authConfig } from "@/server/auth/config";

// Next 16 calls this "proxy" (formerly middleware). It only reads the session cookie: no database.
const { auth } = NextAuth(authConfig);
export const proxy = auth;

export const config = {
  matcher: ["/applicant/:path*", "/applications/:path*", "/apply/:path*", "/window/:path*", "/review/:path*", "/data-office/:path*"],
};
