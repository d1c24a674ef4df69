import { getFormatter, getLocale, getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import type { ProfileView } from "../get-profile";

/** Who is signed in, with the department or enterprise they act for. */
export async function ProfileCard({ profile }: { profile: ProfileView }) {
  const [t, locale, format] = await Promise.all([getTranslations("profile"), getLocale(), getFormatter()]);
  const rows: Array<[string, string]> = [[t("name"), profile.displayName]];
  rows.push([t("role"), t(`roles.${profile.role}`)]);
  if (profile.department) rows.push([t("department"), locale === "en" ? profile.department.nameEn : profile.department.nameZh]);
  if (profile.entity) {
    rows.push([t("creditCode"), profile.entity.creditCode]);
    rows.push([t("legalRepresentative"), profile.entity.legalRepresentative]);
  }
  if (profile.idNumberMasked) rows.push([t("idNumber"), profile.idNumberMasked]);
  if (profile.lastSignInAt) rows.push([t("lastSignIn"), format.dateTime(profile.lastSignInAt, { dateStyle: "medium", timeStyle: "short" })]);
  return (
    <Card>
      <h2 className="mb-3 text-lg font-semibold">{t("title")}</h2>
      <dl className="grid grid-cols-1 gap-x-6 gap-y-2 sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-600">{label}</dt>
            <dd className="break-all font-medium">{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
