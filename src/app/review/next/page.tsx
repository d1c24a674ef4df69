import { redirect } from "next/navigation";
import { z } from "zod";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

type Search = Promise<{ after?: string | string[] }>;

/** 下一件: straight to the next task of the queue, or back to the queue with word that it is empty. */
export default async function NextTaskPage({ searchParams }: { searchParams: Search }) {
  await requireRole(["reviewer"], "/review/next");
  const after = z.uuid().safeParse((await searchParams).after);
  const next = await (await api()).review.next({ after: after.success ? after.data : undefined });
  redirect(next ? `/review/tasks/${next.taskId}` : "/review?done=1");
}
