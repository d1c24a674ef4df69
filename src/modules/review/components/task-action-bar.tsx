import Link from "next/link";
import { getTranslations } from "next-intl/server";

const link = "inline-block rounded px-3 py-2 font-medium no-underline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700";

/**
 * The task page's action bar, held at the bottom of the window however long the case: links to the
 * decision forms (the page scrolls there and the form is next in the tab order), the queue, and the
 * next task. A landmark of its own, so a screen reader's landmark list reaches it at once.
 */
export async function TaskActionBar({ taskId, decidable }: { taskId: string; decidable: boolean }) {
  const t = await getTranslations("review.bar");
  return (
    <nav
      aria-label={t("label")}
      data-testid="task-action-bar"
      className="sticky bottom-0 z-20 -mx-4 border-t border-slate-300 bg-white/95 px-4 py-2 shadow-[0_-2px_6px_rgba(0,0,0,0.08)] backdrop-blur sm:mx-0 sm:rounded-t-lg"
    >
      <ul className="flex flex-wrap items-center gap-2">
        {decidable ? (
          <>
            <li>
              <a href="#action-approve" className={`${link} bg-brand-700 text-white hover:bg-brand-800`}>
                {t("approve")}
              </a>
            </li>
            <li>
              <a href="#action-deny" className={`${link} border border-seal-600 bg-white text-seal-600 hover:bg-red-50`}>
                {t("deny")}
              </a>
            </li>
            <li>
              <a href="#action-supplement" className={`${link} border border-brand-700 bg-white text-brand-700 hover:bg-brand-50`}>
                {t("supplement")}
              </a>
            </li>
          </>
        ) : null}
        <li className="ml-auto">
          <Link href={`/review/next?after=${taskId}`} className={`${link} text-brand-700 underline hover:text-brand-800`}>
            {t("next")}
          </Link>
        </li>
        <li>
          <Link href="/review" className={`${link} text-brand-700 underline hover:text-brand-800`}>
            {t("queue")}
          </Link>
        </li>
      </ul>
    </nav>
  );
}
