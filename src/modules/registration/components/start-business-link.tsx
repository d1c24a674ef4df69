import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { currentActor } from "@/server/auth/actor";

/** The way into 开办企业, for citizens only (an enterprise, or a citizen acting for one, has already started). */
export async function StartBusinessLink() {
  const actor = await currentActor();
  if (actor?.role !== "citizen") return null;
  const t = await getTranslations("registration.form");
  return (
    <Link href="/start-business" className="inline-block rounded border border-brand-700 px-4 py-2 font-medium text-brand-700 hover:bg-brand-50">
      {t("link")}
    </Link>
  );
}
