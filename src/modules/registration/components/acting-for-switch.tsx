import { getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { api } from "@/trpc/server";

/**
 * 以企业身份办事: for a citizen who is an agent of one or more enterprises (a founder once the
 * licence is issued), a plain form POST to `/acting-for` per enterprise, and one to act as
 * themself again. Renders nothing for anyone else; works without JavaScript.
 */
export async function ActingForSwitch() {
  const options = await (await api()).identity.actingOptions().catch(() => null);
  if (!options || options.enterprises.length === 0) return null;
  const t = await getTranslations("registration.form.actingFor");
  const current = options.enterprises.find((e) => e.entityId === options.actingForEntityId);
  return (
    <Card>
      <h2 className="text-lg font-semibold" id="acting-for-heading">
        {t("title")}
      </h2>
      <p className="mt-1 text-slate-700">{t("lead")}</p>
      {current ? (
        <p className="mt-2 font-medium text-green-900" role="status" data-testid="acting-for-current">
          {t("current", { name: current.name, creditCode: current.creditCode })}
        </p>
      ) : null}
      <ul className="mt-3 flex flex-col gap-2" aria-labelledby="acting-for-heading" data-testid="acting-for-switch">
        {options.enterprises
          .filter((e) => e.entityId !== current?.entityId)
          .map((e) => (
            <li key={e.entityId}>
              <form method="post" action="/acting-for">
                <input type="hidden" name="entityId" value={e.entityId} />
                <button type="submit" className="w-full rounded border border-brand-700 px-4 py-2 text-left font-medium break-all text-brand-700 hover:bg-brand-50 sm:w-auto">
                  {t("switchTo", { name: e.name, creditCode: e.creditCode })}
                </button>
              </form>
            </li>
          ))}
        {current ? (
          <li>
            <form method="post" action="/acting-for">
              <input type="hidden" name="entityId" value="" />
              <button type="submit" className="rounded border border-slate-500 px-4 py-2 font-medium text-slate-800 hover:bg-slate-100">
                {t("back")}
              </button>
            </form>
          </li>
        ) : null}
      </ul>
    </Card>
  );
}
