import Link from "next/link";
import { getTranslations } from "next-intl/server";

export type OfficePage = "sharing" | "grants" | "questions" | "certificates" | "certificateTypes" | "providers";

const pages: Array<{ key: OfficePage; href: string }> = [
  { key: "sharing", href: "/data-office/sharing" },
  { key: "grants", href: "/data-office/grants" },
  { key: "questions", href: "/data-office/questions" },
  { key: "certificates", href: "/data-office/certificates" },
  { key: "certificateTypes", href: "/data-office/certificate-types" },
  { key: "providers", href: "/data-office/providers" },
];

/** The way back to the data office and between its data-sharing pages. */
export async function OfficeNav({ current }: { current: OfficePage }) {
  const t = await getTranslations("sharing.office.nav");
  return (
    <nav aria-label={t("label")} className="flex flex-col gap-3">
      <Link href="/data-office" className="self-start text-brand-700 underline underline-offset-2">
        ← {t("back")}
      </Link>
      <ul className="flex flex-wrap gap-2">
        {pages.map((p) => (
          <li key={p.key}>
            <Link
              href={p.href}
              aria-current={p.key === current ? "page" : undefined}
              className="inline-block rounded border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-brand-700 hover:bg-brand-50 aria-[current=page]:border-brand-700 aria-[current=page]:bg-brand-700 aria-[current=page]:text-white"
            >
              {t(p.key)}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
