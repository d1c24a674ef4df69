import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";
import { staticSecurityHeaders } from "./src/server/security-headers";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  // `npm run bench:http` builds into a folder of its own (with its bare route), never into `.next`.
  ...(process.env.TONGBAN_DIST_DIR ? { distDir: process.env.TONGBAN_DIST_DIR } : {}),
  // PGlite is one WebAssembly instance per process and must never be bundled or opened at build;
  // prom-client keeps one registry per process, shared by the HTTP server and the route handlers.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "pg", "rate-limiter-flexible", "prom-client"],
  poweredByHeader: false,
  typedRoutes: false,
  // `npm run typecheck` (and so `npm run check` and CI) checks the types once; the build would
  // check the same program again, a minute of CI on this machine.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    // The proxy runs on every request and Next.js copies each request body for it, keeping at
    // most this much: above the largest body any route takes (an upload of 10 MiB and its
    // envelope), so no route ever sees a body cut short; the routes refuse beyond their own limit.
    proxyClientMaxBodySize: "11mb",
  },
  // The proxy (src/proxy.ts) sets these on pages and APIs; this covers the static files it skips.
  async headers() {
    return [{ source: "/:path*", headers: staticSecurityHeaders.map(([key, value]) => ({ key, value })) }];
  },
};

export default withNextIntl(config);
