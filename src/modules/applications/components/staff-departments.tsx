import { getLocale, getTranslations } from "next-intl/server";
import type { ApplicationView } from "../views";
import { ApplicationTimeline } from "./application-timeline";

/**
 * The departments the application goes to. Before acceptance the view carries no plan, so the
 * clerk is told the tasks appear on acceptance; afterwards each department's progress is shown.
 */
export async function StaffDepartments({ application: app }: { application: Pick<ApplicationView, "tasks"> }) {
  const [t, locale] = await Promise.all([getTranslations("applications.staff.case"), getLocale()]);
  const en = locale === "en";
  const departments = [...new Set(app.tasks.map((task) => (en ? task.departmentNameEn : task.departmentNameZh)))];
  return (
    <section aria-labelledby="departments-heading" className="flex flex-col gap-3">
      <h2 id="departments-heading" className="text-xl font-semibold">
        {t("departments")}
      </h2>
      {app.tasks.length === 0 ? (
        <p className="text-slate-700">{t("departmentsPending")}</p>
      ) : (
        <>
          <ul className="flex flex-wrap gap-2" data-testid="plan-departments">
            {departments.map((d) => (
              <li key={d} className="rounded border border-slate-300 bg-white px-2 py-1 text-sm">
                {d}
              </li>
            ))}
          </ul>
          <h3 className="text-lg font-semibold">{t("timeline")}</h3>
          <ApplicationTimeline tasks={app.tasks} />
        </>
      )}
    </section>
  );
}
