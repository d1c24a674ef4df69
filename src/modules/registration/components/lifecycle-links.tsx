import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/server/auth/actor";

/** The ways into changing or closing the enterprise, for whoever acts for one. */
export async function LifecycleLinks() {
  const actor = await currentActor();
  if (actor?.role !== "enterprise" || actor.agency?.kind === "window") return null;
  const t = await getTranslations("registration.lifecycle");
  const cls = "inline-block rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50";
  return (
    <>
      <Link href="/applicant/change" className={cls}>
        {t("change.link")}
      </Link>
      <Link href="/applicant/deregister" className={cls}>
        {t("deregister.link")}
      </Link>
    </>
  );
}
