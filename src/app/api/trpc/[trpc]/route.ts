import { cookies } from "next/headers";
import { localeCookie, resolveLocale } from "@/i18n/locales";
import { appRouter } from "@/root/router";
import { clientAddressOf } from "@/server/client-address";
import { createRequestContext } from "@/server/trpc/context";
import { handleTrpcRequest } from "@/server/trpc/http";

export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const locale = resolveLocale((await cookies()).get(localeCookie)?.value);
  const clientAddress = clientAddressOf(req.headers);
  return handleTrpcRequest(req, async () => ({ ...(await createRequestContext()), clientAddress }), locale, appRouter);
}

export { handler as GET, handler as POST };
