import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

const withNextIntl = createNextIntlPlugin("./src/i18n/request.ts");

const config: NextConfig = {
  // PGlite is one WebAssembly instance per process and must never be bundled or opened at build.
  serverExternalPackages: ["@electric-sql/pglite", "pg-boss", "pg"],
  poweredByHeader: false,
  typedRoutes: false,
};

export default withNextIntl(config);
