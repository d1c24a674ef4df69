import { z } from "zod";
import { commitmentMethods } from "../catalog/model";
import { verificationStatuses } from "./model";

/** A verification task as its department and the applicant see it. */
export const ZVerificationView = z.object({
  id: z.string(),
  version: z.number().int(),
  applicationId: z.string(),
  trackingNumber: z.string().nullable(),
  titleZh: z.string(),
  titleEn: z.string(),
  materialKey: z.string(),
  materialNameZh: z.string(),
  materialNameEn: z.string(),
  subjectName: z.string(),
  department: z.object({ nameZh: z.string(), nameEn: z.string() }),
  method: z.enum(commitmentMethods),
  openedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(verificationStatuses),
  overdue: z.boolean(),
  finding: z.string().nullable(),
  decidedAt: z.date().nullable(),
});
export type VerificationView = z.infer<typeof ZVerificationView>;
export const ZVerificationList = z.array(ZVerificationView);
