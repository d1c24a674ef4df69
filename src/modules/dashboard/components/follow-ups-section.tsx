import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { FollowUps } from "../follow-ups";
import { Figure } from "./figure";

/** Counts of what the data office follows up, each leading to the page that lists it. */
export async function FollowUpsSection({ data }: { data: FollowUps }) {
  const t = await getTranslations("dashboard.followUps");
  return (
    <section aria-labelledby="follow-ups-heading" className="flex flex-col gap-3">
      <h2 id="follow-ups-heading" className="text-xl font-semibold">
        {t("title")}
      </h2>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <Figure testId="figure-rectification-open" label={t("rectificationOpen")} value={data.rectificationOpen} href="/data-office/rectification" />
        <Figure
          testId="figure-rectification-late"
          label={t("rectificationLate")}
          value={data.rectificationLate}
          href="/data-office/rectification"
          tone="alert"
        />
        <Figure
          testId="figure-rectification-appealed"
          label={t("rectificationAppealed")}
          value={data.rectificationAppealed}
          href="/data-office/rectification"
        />
        <Figure testId="figure-late-publications" label={t("latePublications")} value={data.latePublications} href="/data-office/disclosure" tone="alert" />
      </div>
      <p className="flex flex-wrap gap-4 text-sm">
        <Link href="/data-office/rectification" className="text-brand-700 underline underline-offset-2">
          {t("toRectification")}
        </Link>
        <Link href="/data-office/disclosure" className="text-brand-700 underline underline-offset-2">
          {t("toDisclosure")}
        </Link>
      </p>
    </section>
  );
}
