import { getTranslations } from "next-intl/server";
import type { ApplicationView } from "../views";
import { NoticeHistory } from "./notice-history";

/** Every one-time notice of the case for staff: what was asked, by whom, on what basis, by when, and the answers. */
export async function StaffNotices({ application: app }: { application: Pick<ApplicationView, "notices"> }) {
  const t = await getTranslations("applications.staff.case");
  return <NoticeHistory notices={app.notices} headingId="notices-heading" heading={t("notices")} />;
}
