import { headers } from "next/headers";

/** The portal's own origin as the browser reached it, for the absolute URL in a printed QR code. */
export async function requestOrigin(): Promise<string> {
  const h = await headers();
  const host = (h.get("x-forwarded-host") ?? h.get("host") ?? "").split(",")[0]?.trim() ?? "";
  const proto = (h.get("x-forwarded-proto") ?? "http").split(",")[0]?.trim();
  // A host header is the client's to set: only a plain host[:port] goes into a printed QR code.
  if (!/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return "http://localhost:3000";
  return `${proto === "https" ? "https" : "http"}://${host}`;
}
