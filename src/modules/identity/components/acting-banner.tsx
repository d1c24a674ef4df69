import { getTranslations } from "next-intl/server";
import type { Actor } from "../model";

/**
 * Under the header whenever the signed-in person acts for someone else: for whom, how, and the
 * way back (back to themself; the window ends the key-in). A plain form POST, no JavaScript.
 */
export async function ActingBanner({ actor }: { actor: Actor }) {
  if (!actor.agency) return null;
  const t = await getTranslations("identity.banner");
  const a = actor.agency;
  return (
    <div className="border-b border-amber-300 bg-amber-50 text-amber-950" data-testid="acting-banner">
      <div className="mx-auto flex w-full max-w-6xl flex-wrap items-center justify-between gap-2 px-4 py-2">
        <p>{t(a.kind, { agent: a.agentName, principal: actor.displayName, scope: t(`scope.${a.scope}`) })}</p>
        <form method="post" action={a.kind === "window" ? "/key-in/end" : "/acting-for"}>
          <button type="submit" className="rounded border border-amber-800 px-3 py-1 text-sm font-medium hover:bg-amber-100">
            {a.kind === "window" ? t("endKeyIn") : t("back")}
          </button>
        </form>
      </div>
    </div>
  );
}
