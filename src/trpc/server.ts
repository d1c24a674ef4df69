import "server-only";
import { cache } from "react";
import { createRequestContext } from "@/server/trpc/context";
import { createCaller } from "@/root/router";

/** The tRPC caller for React Server Components: one per request. */
export const api = cache(async () => createCaller(await createRequestContext()));
