import { getTranslations } from "next-intl/server";

const tone: Record<string, string> = {
  draft: "bg-slate-100 text-slate-800 border-slate-300",
  submitted: "bg-sky-50 text-sky-900 border-sky-300",
  inReview: "bg-blue-50 text-blue-900 border-blue-300",
  supplementRequired: "bg-amber-50 text-amber-900 border-amber-400",
  approved: "bg-green-50 text-green-900 border-green-400",
  completed: "bg-green-50 text-green-900 border-green-400",
  notAccepted: "bg-red-50 text-red-900 border-red-300",
  denied: "bg-red-50 text-red-900 border-red-300",
  withdrawn: "bg-slate-100 text-slate-800 border-slate-300",
  waiting: "bg-slate-100 text-slate-800 border-slate-300",
  open: "bg-blue-50 text-blue-900 border-blue-300",
  claimed: "bg-indigo-50 text-indigo-900 border-indigo-300",
  supplementRequested: "bg-amber-50 text-amber-900 border-amber-400",
  cancelled: "bg-slate-100 text-slate-700 border-slate-300",
};

/** A status as words and colour; the words carry the meaning, the colour only helps. */
export async function StatusBadge({ status, kind }: { status: string; kind: "application" | "task" }) {
  const t = await getTranslations("applications.status");
  return (
    <span className={`inline-block rounded border px-2 py-0.5 text-sm font-medium ${tone[status] ?? ""}`} data-status={status}>
      {t(`${kind}.${status}`)}
    </span>
  );
}
