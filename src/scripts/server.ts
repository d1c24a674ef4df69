/**
 * The portal's HTTP server: Next.js behind a few lines that only the socket can do.
 *
 * - **The client address.** Route handlers get no socket, and `next start` keeps a client's own
 *   `X-Forwarded-For` when it sends one (it only fills it in when absent), so any client could
 *   choose the address its limits are counted under. Here the address is decided from the socket
 *   (or, with `TRUST_PROXY=n`, from the n load balancers in front, see client-address.ts) and
 *   written over `X-Forwarded-For` and `X-Real-IP`; `X-Forwarded-Proto` and `-Host` are dropped
 *   unless a proxy is trusted to set them.
 * - **The request id**, taken from a well-formed incoming `X-Request-Id` or made here, handed on
 *   in the request and the response, and on every log line of the request (AsyncLocalStorage).
 * - **A declared body over its route's limit** is refused with 413 before a byte is read (the
 *   route handlers count chunked bodies as they read them, see http-body.ts).
 * - **A path with malformed percent-encoding** is refused with 400 (Next.js would answer 500).
 * - **Every request is timed** for the metrics (src/server/metrics.ts), labelled by its route pattern.
 * - **The public pages' copies**: an anonymous visitor's home page, guides, tracking and
 *   verification forms and open data are answered from a copy rendered once per language and
 *   catalog version, with a fresh CSP nonce (src/server/page-cache.ts).
 *
 * `npm start` and `npm run dev` run this (src/scripts/start.ts), and so do the browser tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import next from "next";
import { resolveClientAddress } from "@/server/client-address";
import { env } from "@/server/env";
import { log } from "@/server/log";
import { loadRouteTable, observeRequest, routeLabel } from "@/server/metrics";
import { PageCache, pageFillHeader } from "@/server/page-cache";
import { newRequestId, requestContext, requestIdHeader, wellFormedRequestId } from "@/server/request-context";

/** Declared body limits by path prefix; the route handlers enforce the same while reading. */
const bodyLimits: Array<[prefix: string, bytes: number]> = [
  // One file of at most 10 MiB and its multipart envelope (see applications/upload-file.ts).
  ["/api/uploads", 10 * 1024 * 1024 + 64 * 1024],
  // A forwarded application (异地代收代办) with its materials' files (exchange/protocol.ts `maxForwardingBytes`).
  ["/api/exchange/forwardings", 12 * 1024 * 1024],
];
/** Everything else: tRPC (src/server/trpc/http.ts), Auth.js, server actions and form posts. */
const defaultBodyLimit = 1024 * 1024;

function bodyLimitFor(url: string | undefined): number {
  const path = (url ?? "/").split("?")[0] ?? "/";
  return bodyLimits.find(([prefix]) => path === prefix || path.startsWith(`${prefix}/`))?.[1] ?? defaultBodyLimit;
}

/** The path (not the query) decodes as UTF-8 percent-encoding. */
export function wellEncodedPath(url: string | undefined): boolean {
  const path = (url ?? "/").split("?")[0] ?? "/";
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/** Sets the trusted request headers; answers 413 itself (and returns false) for a declared body over its limit. */
export function prepareRequest(req: IncomingMessage, res: ServerResponse, trustedHops: number): { requestId: string } | false {
  const requestId = wellFormedRequestId(req.headers[requestIdHeader] as string | undefined) ?? newRequestId();
  req.headers[requestIdHeader] = requestId;
  res.setHeader(requestIdHeader, requestId);

  const address = resolveClientAddress(req.socket.remoteAddress, req.headers["x-forwarded-for"], trustedHops);
  req.headers["x-forwarded-for"] = address;
  req.headers["x-real-ip"] = address;
  if (trustedHops === 0) {
    // Only a trusted proxy may say the request came over TLS, or under which host name.
    req.headers["x-forwarded-proto"] = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
    delete req.headers["x-forwarded-host"];
  }

  // A path with broken percent-encoding (`/guides/%E0%A4%A`) makes Next.js throw before any page
  // runs, which reached the client as a 500: it is the client's error, said as 400 with no body.
  if (!wellEncodedPath(req.url)) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8", "cache-control": "no-store" });
    res.end("Bad Request: malformed percent-encoding in the path\n");
    req.resume();
    return false;
  }

  const declared = Number(req.headers["content-length"] ?? 0);
  if (declared > bodyLimitFor(req.url)) {
    res.writeHead(413, { "content-type": "application/json", connection: "close", "cache-control": "no-store" });
    res.end(JSON.stringify({ error: "bodyTooLarge", requestId }));
    req.resume();
    return false;
  }
  return { requestId };
}

export async function startServer(options: { dev: boolean; port: number }): Promise<void> {
  const trustedHops = env().TRUST_PROXY;
  const app = next({ dev: options.dev, dir: process.cwd(), port: options.port });
  const handle = app.getRequestHandler();
  await app.prepare();
  // Requests are timed by route pattern (the build's routes; prefixes only on the development server).
  const routes = loadRouteTable();
  // The development server renders every page anew: what is edited shows at once.
  const pages = new PageCache({ origin: `http://127.0.0.1:${options.port}`, ttlMs: options.dev ? 0 : env().PUBLIC_PAGE_CACHE_SECONDS * 1000 });
  const server = createServer((req, res) => {
    const started = process.hrtime.bigint();
    // A copy's rendering is this server asking itself: the visitor's request is the one counted.
    const rendering = req.headers[pageFillHeader] === pages.placeholder;
    res.once("finish", () => {
      if (!rendering) observeRequest(req.method, routeLabel(req.url, routes), res.statusCode, Number(process.hrtime.bigint() - started) / 1e9);
    });
    const prepared = prepareRequest(req, res, trustedHops);
    if (!prepared) return;
    requestContext.run({ requestId: prepared.requestId }, () => {
      pages
        .serve(req, res)
        .then((served) => (served ? undefined : handle(req, res)))
        .catch((error: unknown) => {
          log.error({ err: error }, "request failed outside Next.js");
          if (!res.headersSent) res.writeHead(500).end();
        });
    });
  });
  // Keep idle connections longer than the clients and proxies that reuse them (Node's 5 s default
  // races a client sending on a connection the server is closing: ECONNRESET on a good request).
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  // WebSocket upgrades (the development server's hot reloading) go to Next.js as they are.
  const upgrade = app.getUpgradeHandler();
  server.on("upgrade", (req, socket, head) => {
    upgrade(req, socket, head).catch(() => socket.destroy());
  });
  server.listen(options.port, () => {
    log.info({ port: options.port, dev: options.dev, trustedProxies: trustedHops }, `Tongban listening on http://localhost:${options.port}`);
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.once(signal, () => {
      server.close();
      // Jobs stop on the same signals (src/server/boot.ts); give them a moment, then leave.
      setTimeout(() => process.exit(0), 1500).unref();
    });
  }
}
