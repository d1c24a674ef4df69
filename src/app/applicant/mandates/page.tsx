import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Card, PageHeader } from "@/components/page-header";
import { shanghaiDate } from "@/lib/dates";
import { GrantMandateForm, GrantPersonalMandateForm } from "@/modules/identity/components/grant-mandate-form";
import { MandateList } from "@/modules/identity/components/mandate-list";
import { requireHolder } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("identity.mandates"))("title") };
}

/**
 * 授权管理: for an enterprise (acted for), who may act for it and how — its legal representative
 * or an administrator grants and revokes; for a person, the agents they authorised (帮办代办) and
 * the mandates they hold for enterprises and people.
 */
export default async function MandatesPage() {
  const actor = await requireHolder("/applicant/mandates");
  const t = await getTranslations("identity.mandates");
  const caller = await api();
  const [page, guides] = await Promise.all([caller.identity.mandates(), caller.catalog.guides()]);
  const kind = page.principal.kind === "entity" ? "enterprise" : "citizen";
  const services = guides.services.filter((s) => s.applicantKinds.includes(kind)).map((s) => ({ code: s.code, nameZh: s.nameZh, nameEn: s.nameEn }));
  const today = shanghaiDate(new Date());
  const entity = page.principal.kind === "entity";
  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t("title")}
        lead={entity ? t("leadEntity", { name: page.principal.name, representative: page.principal.legalRepresentative ?? "" }) : t("leadPerson")}
      />
      {page.mayGrant ? (
        <Card>
          {entity ? (
            <GrantMandateForm services={services} today={today} mayAppointAdministrators={page.mayAppointAdministrators} />
          ) : (
            <GrantPersonalMandateForm services={services} today={today} />
          )}
        </Card>
      ) : actor.agency?.kind !== "window" ? (
        <p className="rounded border border-slate-300 bg-slate-50 px-3 py-2 text-slate-700">{t("mayNotGrant")}</p>
      ) : null}
      <section aria-labelledby="granted-heading" className="flex flex-col gap-3">
        <h2 id="granted-heading" className="text-xl font-semibold">
          {entity ? t("grantedEntity") : t("grantedPerson")}
        </h2>
        <MandateList mandates={page.granted} services={services} show="agent" testId="granted-mandates" />
      </section>
      {!entity && !actor.agency ? (
        <section aria-labelledby="held-heading" className="flex flex-col gap-3">
          <h2 id="held-heading" className="text-xl font-semibold">
            {t("held")}
          </h2>
          <p className="text-slate-700">{t("heldLead")}</p>
          <MandateList mandates={page.held} services={services} show="principal" holderView testId="held-mandates" />
        </section>
      ) : null}
    </div>
  );
}
