import { getTranslations } from "next-intl/server";
import { Card } from "@/components/page-header";
import { api } from "@/trpc/server";

/**
 * 切换办事身份: for a person who represents an enterprise, holds a mandate for one, or acts for
 * another person (帮办代办): a plain form POST to `/acting-for` per choice, and one to act as
 * themself again. Renders nothing when there is no one to act for; works without JavaScript.
 */
export async function ActingForSwitch() {
  const options = await (await api()).identity.actingOptions().catch(() => null);
  if (!options || (options.options.length === 0 && !options.current)) return null;
  const t = await getTranslations("identity.acting");
  const current = options.options.find((o) => o.kind === options.current?.kind && o.id === options.current.id);
  return (
    <Card>
      <h2 className="text-lg font-semibold" id="acting-for-heading">
        {t("title")}
      </h2>
      <p className="mt-1 text-slate-700">{t("lead")}</p>
      {current ? (
        <p className="mt-2 font-medium text-green-900" role="status" data-testid="acting-for-current">
          {t("current", { name: current.name, as: t(`as.${current.as}`) })}
        </p>
      ) : null}
      <ul className="mt-3 flex flex-col gap-2" aria-labelledby="acting-for-heading" data-testid="acting-for-switch">
        {options.options
          .filter((o) => !(o.kind === current?.kind && o.id === current.id))
          .map((o) => (
            <li key={`${o.kind}:${o.id}`}>
              <form method="post" action="/acting-for">
                <input type="hidden" name="kind" value={o.kind} />
                <input type="hidden" name="id" value={o.id} />
                <button
                  type="submit"
                  className="w-full rounded border border-brand-700 px-4 py-2 text-left font-medium break-all text-brand-700 hover:bg-brand-50 sm:w-auto"
                >
                  {o.code
                    ? t("switchToEntity", { name: o.name, code: o.code, as: t(`as.${o.as}`) })
                    : t("switchToPerson", { name: o.name, scope: t(`scope.${o.scope}`) })}
                </button>
              </form>
            </li>
          ))}
        {options.current ? (
          <li>
            <form method="post" action="/acting-for">
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
