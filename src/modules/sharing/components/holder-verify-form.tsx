import { getTranslations } from "next-intl/server";

/**
 * The public lookup by certificate number: a plain GET form, so it works without JavaScript;
 * /verify sends it on to /verify/{number}.
 */
export async function VerifyForm({ defaultNumber = "", error }: { defaultNumber?: string; error?: string }) {
  const t = await getTranslations("sharing.holder.verify");
  return (
    <form method="get" action="/verify" className="flex flex-col gap-3 sm:flex-row sm:items-end" role="search">
      <div className="flex flex-1 flex-col gap-1">
        <label htmlFor="certificate-number" className="font-medium">
          {t("number")}
        </label>
        <p id="certificate-number-hint" className="text-sm text-slate-600">
          {t("numberHint")}
        </p>
        <input
          id="certificate-number"
          name="number"
          inputMode="numeric"
          autoComplete="off"
          maxLength={40}
          defaultValue={defaultNumber}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? "certificate-number-hint certificate-number-error" : "certificate-number-hint"}
          className="rounded border border-slate-400 px-3 py-2 font-mono aria-[invalid=true]:border-seal-600"
        />
        {error ? (
          <p id="certificate-number-error" className="text-sm text-seal-600" data-testid="error-number">
            {error}
          </p>
        ) : null}
      </div>
      <button type="submit" className="rounded bg-brand-700 px-5 py-2 font-medium text-white hover:bg-brand-800">
        {t("submit")}
      </button>
    </form>
  );
}
