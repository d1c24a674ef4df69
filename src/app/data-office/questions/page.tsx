import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/page-header";
import { OfficeNav } from "@/modules/sharing/components/office/office-nav";
import { QuestionList } from "@/modules/sharing/components/office/question-list";
import { requireRole } from "@/server/auth/guard";
import { api } from "@/trpc/server";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("sharing.office.questions"))("title") };
}

export default async function DataQuestionsPage() {
  await requireRole(["dataOffice"], "/data-office/questions");
  const [t, questions] = await Promise.all([getTranslations("sharing.office.questions"), (await api()).sharing.questions({})]);
  // The queue comes unanswered first.
  const open = questions.filter((q) => !q.answeredAt);
  const answered = questions.filter((q) => q.answeredAt);
  return (
    <div className="flex flex-col gap-6">
      <OfficeNav current="questions" />
      <PageHeader title={t("title")} lead={t("lead")} />
      <section aria-labelledby="open-questions-heading" className="flex flex-col gap-3" data-testid="open-questions">
        <h2 id="open-questions-heading" className="text-xl font-semibold">
          {t("openTitle", { count: open.length })}
        </h2>
        <QuestionList questions={open} empty={t("openEmpty")} />
      </section>
      <section aria-labelledby="answered-questions-heading" className="flex flex-col gap-3" data-testid="answered-questions">
        <h2 id="answered-questions-heading" className="text-xl font-semibold">
          {t("answeredTitle", { count: answered.length })}
        </h2>
        <QuestionList questions={answered} empty={t("answeredEmpty")} />
      </section>
    </div>
  );
}
