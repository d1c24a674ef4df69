import { commitmentExclusion } from "@/modules/applications/ports";
import { onCalendarPublished } from "@/modules/calendar/effects";
import { commitmentExclusion as commitmentExclusionRule } from "@/modules/commitments/exclusion";
import { openVerificationsOnApproval } from "@/modules/commitments/open-verifications";
import { recordLicencesOnApproval } from "@/modules/credit/licence-records";
import { markDisclosureRevoked } from "@/modules/disclosure/mark-revoked";
import { certificateRevoked } from "@/modules/sharing/effects";
import { identityRegisters } from "@/modules/identity/ports";
import { applyLifecycleOnApproval } from "@/modules/registration/lifecycle-effect";
import { registerOnApproval } from "@/modules/registration/register-entity";
import { startBusinessAnswers } from "@/modules/registration/task-answers";
import { answerSources, applicationApproved, stepsApproved } from "@/modules/review/effects";
import { recomputeDueDates } from "@/modules/review/recompute-due-dates";
import { readLicenceForClaim } from "@/modules/sharing/licence-check";
import { matchPerson } from "@/modules/sharing/population";

/**
 * The composition root's wiring of ports and effects (src/lib/ports.ts, and the calendar's own
 * listener registry): where a lower module needs a higher one, the higher one is plugged in here.
 * Imported for its side effect by every entry point that runs use cases: the tRPC router, the jobs
 * registry, the seed, scripts and vitest's setup. Running it twice changes nothing.
 */
identityRegisters.provide({ matchPerson, readLicenceForClaim });

// 告知承诺: submission asks commitments whether the applicant may commit instead of proof
// (dishonesty list, a broken commitment in three years, risk class D: credit's and risk's rules).
commitmentExclusion.provide(commitmentExclusionRule);

// Starting a business: market regulation's approval registers the enterprise (and issues its
// credit code) before the other departments' tasks open, so they read its licence through the gate.
stepsApproved.on("registration.registerOnApproval", registerOnApproval);
// Changing or closing a company: market regulation's approval re-issues the licence (or
// deregisters the enterprise) before the departments' steps open; their approvals re-issue theirs.
stepsApproved.on("registration.applyLifecycleOnApproval", applyLifecycleOnApproval);
stepsApproved.seal();

// A reviewer's task page shows the start-a-business form's answers as the form groups them,
// shareholders and commitments included, which registration keeps beside the application.
answerSources.on("registration.startBusinessAnswers", startBusinessAnswers);
answerSources.seal();

// An application is approved: credit records each licence granted, in the deciding transaction.
applicationApproved.on("credit.recordLicencesOnApproval", recordLicencesOnApproval);
// …and each material committed instead of supplied opens a verification task for its department.
applicationApproved.on("commitments.openVerificationsOnApproval", openVerificationsOnApproval);
applicationApproved.seal();

// A licence is revoked: its published decision (双公示) is marked in the same transaction.
certificateRevoked.on("disclosure.markRevoked", markDisclosureRevoked);
certificateRevoked.seal();

// The data office publishes a calendar year: review recomputes the open due dates that were
// provisional, in the publishing transaction (a Set: registering twice is harmless).
onCalendarPublished(recomputeDueDates);

export const effectsWired = true;
