/**
 * The portal as `npm run bench:http` runs it: the benchmark build (TONGBAN_DIST_DIR) served by the
 * same server as `npm start` (src/scripts/server.ts), in production mode, on the port given.
 */
Object.assign(process.env, { NODE_ENV: "production" });
const { startServer } = await import("../server");
await startServer({ dev: false, port: Number(process.env.PORT ?? "3290") });

export {};
